"""A new plan from the template, and a refresh or variation from its predecessor."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from plans.models import Milestone, Plan, StatutoryElement, StatutoryStep
from plans.plan_template import MILESTONE_STEPS, template_milestones, template_sections
from plans.services import plan_create_from_template, plan_create_successor, section_update
from plans.tests.factories import DistrictFactory


def _new_plan(area: Any, user: Any, **kwargs: Any) -> Plan:
    details = {
        "title": "Police and Crime Plan 2021-25",
        "starts_on": datetime.date(2021, 5, 13),
        "ends_on": datetime.date(2025, 3, 31),
        "pcc_name": "Mark Shelford",
        "by": user,
    }
    return plan_create_from_template(area=area, **{**details, **kwargs})


def test_a_new_plan_has_the_sections_of_appendix_2_with_guidance_and_statutory_elements(
    area: Any, role_users: dict[str, Any]
) -> None:
    plan = _new_plan(area, role_users["staff"])
    sections = list(plan.sections.order_by("order"))
    assert [s.title for s in sections][:3] == [
        "Cover",
        "Foreword and introduction",
        "Priorities and expected outcomes",
    ]
    assert len(sections) == len(template_sections()) == 11
    resources = next(s for s in sections if s.title == "Resources")
    assert resources.guidance.startswith("Resources: value for money and PEEL efficiency")
    assert set(resources.covers) == {StatutoryElement.RESOURCES, StatutoryElement.GRANTS}
    spr = [s.title for s in sections if s.addresses_spr]
    assert spr == ["Collaboration and the Strategic Policing Requirement"]
    # Between them the template's sections are meant to cover all seven elements.
    assert {e for s in sections for e in s.covers} == set(StatutoryElement.values)
    assert all(s.body == "" for s in sections)
    assert plan.slug == "police-and-crime-plan-2021-25"
    assert plan.kind == Plan.Kind.NEW and plan.created_by == role_users["staff"]


def test_the_timeline_keeps_each_milestones_distance_from_the_plans_start(
    area: Any, role_users: dict[str, Any]
) -> None:
    plan = _new_plan(area, role_users["staff"])
    shift = datetime.date(2021, 5, 13) - datetime.date(2016, 5, 5)
    milestones = {m.title: m for m in plan.milestones.all()}
    assert len(milestones) == len(template_milestones(plan.starts_on)) == 30
    draft = next(m for title, m in milestones.items() if title.startswith("Draft V1 developed"))
    assert (draft.starts_on, draft.ends_on) == (datetime.date(2016, 7, 1) + shift, datetime.date(2016, 7, 18) + shift)
    assert draft.statutory_step == StatutoryStep.PREPARE_DRAFT
    assert draft.citation == "PRSR Act 2011 s5(6): prepare a draft"
    # Preparations begin before the period itself, as in Appendix 1.
    first = plan.milestones.order_by("starts_on").first()
    assert first.starts_on == datetime.date(2016, 4, 25) + shift
    assert first.statutory_step == ""
    assert plan.milestones.exclude(statutory_step="").count() == len(MILESTONE_STEPS)
    review = plan.milestones.get(title__startswith="First review of the plan")
    assert review.phase == Milestone.Phase.REVIEW


def test_each_statutory_step_of_the_template_has_a_citation(area: Any, role_users: dict[str, Any]) -> None:
    plan = _new_plan(area, role_users["staff"])
    for milestone in plan.milestones.exclude(statutory_step=""):
        assert milestone.citation.startswith("PRSR Act 2011 s"), milestone.title


def test_two_plans_with_the_same_title_get_different_slugs(area: Any, role_users: dict[str, Any]) -> None:
    first = _new_plan(area, role_users["staff"])
    second = _new_plan(area, role_users["staff"])
    assert first.slug != second.slug


def test_a_period_ending_before_it_starts_is_refused_and_nothing_is_created(
    area: Any, role_users: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as error:
        _new_plan(area, role_users["staff"], ends_on=datetime.date(2021, 1, 1))
    assert "ends_on" in error.value.message_dict
    assert not Plan.objects.exists()


def test_a_refresh_copies_the_predecessors_content_and_keeps_the_link(plan: Any, role_users: dict[str, Any]) -> None:
    bristol = DistrictFactory(area=plan.area, name="Bristol", slug="bristol")
    section = plan.sections.order_by("order").first()
    section_update(
        section=section,
        by=role_users["staff"],
        expected_revision=section.revision,
        title=section.title,
        body="<p>Bristol's neighbourhood teams will be protected.</p>",
        covers=["policing"],
        addresses_spr=False,
        in_public_summary=True,
        district=bristol,
    )
    refresh = plan_create_successor(
        predecessor=plan,
        kind=Plan.Kind.REFRESH,
        title="Police and Crime Plan 2016-21: 2018 refresh",
        starts_on=datetime.date(2018, 4, 1),
        ends_on=datetime.date(2021, 3, 31),
        by=role_users["staff"],
    )
    assert refresh.predecessor == plan and refresh.kind == Plan.Kind.REFRESH
    assert refresh.pcc_name == plan.pcc_name and refresh.vision == plan.vision
    old_sections = list(plan.sections.order_by("order"))
    new_sections = list(refresh.sections.order_by("order"))
    assert [(s.title, s.body, s.covers, s.district_id) for s in new_sections] == [
        (s.title, s.body, s.covers, s.district_id) for s in old_sections
    ]
    assert new_sections[0].district == bristol
    assert not {s.uid for s in new_sections} & {s.uid for s in old_sections}
    old_objectives = list(plan.objectives.order_by("order"))
    new_objectives = list(refresh.objectives.order_by("order"))
    assert [o.title for o in new_objectives] == [o.title for o in old_objectives]
    assert [(c.actor, c.text) for c in new_objectives[0].commitments.order_by("order")] == [
        (c.actor, c.text) for c in old_objectives[0].commitments.order_by("order")
    ]
    grant = refresh.grants.get()
    assert grant.objective.plan == refresh and grant.objective.title == plan.grants.get().objective.title
    # The predecessor is untouched, and the refresh has its own timeline to follow.
    assert plan.sections.count() == len(old_sections)
    assert refresh.milestones.filter(statutory_step=StatutoryStep.CONSULT_CHIEF_CONSTABLE).exists()
    assert not plan.milestones.exists()


@pytest.mark.parametrize(
    ("kind", "field", "message"),
    [
        (Plan.Kind.NEW, "kind", "Choose annual refresh or variation"),
        # A variation changes the plan in force (s5), so its predecessor is published.
        (Plan.Kind.VARIATION, "predecessor", "this plan is not published"),
    ],
)
def test_a_successor_is_a_refresh_or_a_variation_of_a_published_plan(
    plan: Any, role_users: dict[str, Any], kind: str, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        plan_create_successor(
            predecessor=plan,
            kind=kind,
            title="Another plan",
            starts_on=datetime.date(2018, 4, 1),
            ends_on=datetime.date(2021, 3, 31),
            by=role_users["staff"],
        )
    assert message in str(refused.value.message_dict[field])
    assert not Plan.objects.filter(title="Another plan").exists()


def test_the_history_records_who_created_the_plan(area: Any, role_users: dict[str, Any]) -> None:
    plan = _new_plan(area, role_users["publisher"])
    assert plan.history.first().history_user == role_users["publisher"]
    section = plan.sections.first()
    record = section.history.get()
    assert record.history_user == role_users["publisher"]
    assert record.history_change_reason == "From the template"
