"""The declarative list of statutory requirements, and what each one reads."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from panel import services as panel_services
from plans.models import STATUTORY_ELEMENT_CITATIONS, Plan, StatutoryElement
from plans.services import version_cut
from plans.tests.factories import plan_with_content
from publishing import services
from publishing.requirements import REQUIREMENTS, Outcome, evaluate
from publishing.tests.factories import statute_met

pytestmark = pytest.mark.django_db

LONDON = timezone.get_default_timezone()


def _result(compliance: Any, key: str) -> Any:
    return next(r for r in compliance.results if r.requirement.key == key)


def test_every_requirement_has_a_key_a_plain_title_and_a_citation() -> None:
    keys = [r.key for r in REQUIREMENTS]
    assert len(keys) == len(set(keys)) == 15
    for requirement in REQUIREMENTS:
        assert requirement.title and requirement.title[0].isupper() and not requirement.title.endswith(".")
        assert requirement.citation.startswith(("PRSR Act 2011", "Police Act 1996"))
    # Each of the seven contents of s7(1) is a line of its own, with its own citation.
    for element in StatutoryElement:
        requirement = next(r for r in REQUIREMENTS if r.key == f"contents-{element.value}")
        assert requirement.citation == STATUTORY_ELEMENT_CITATIONS[element]


def test_a_plan_that_meets_the_statute_meets_every_requirement(area: Any, role_users: dict[str, Any]) -> None:
    version = statute_met(area=area, users=role_users, render=False)
    compliance = evaluate(version.plan, version)
    assert [r.requirement.key for r in compliance.unmet] == []
    assert compliance.all_met and compliance.met_count == 15
    consulted = _result(compliance, "chief-constable-consulted").evidence
    assert consulted.on == timezone.localdate() - datetime.timedelta(days=45)
    assert consulted.by == role_users["force"].get_full_name()
    assert consulted.url == f"/panel/chief-constable/versions/{version.pk}/"


def test_what_the_plan_sets_out_is_read_from_the_version_not_the_working_draft(
    area: Any, role_users: dict[str, Any]
) -> None:
    plan = plan_with_content(area=area)
    grants = next(s for s in plan.sections.all() if StatutoryElement.GRANTS in s.covers)
    body = grants.body
    grants.body = ""
    grants.save()
    v1 = version_cut(plan=plan, by=role_users["staff"])
    grants.body = body  # written in the working draft after V1 was cut
    grants.save()
    for_v1 = _result(evaluate(plan, v1), "contents-grants")
    assert for_v1.outcome == Outcome.NOT_MET
    assert "V1 has no section with text" in for_v1.evidence.summary
    assert for_v1.missing[0].startswith("Write the section that sets out the crime and disorder reduction grants")
    assert _result(evaluate(plan, None), "contents-grants").outcome == Outcome.MET
    v2 = version_cut(plan=plan, by=role_users["staff"])
    met = _result(evaluate(plan, v2), "contents-grants").evidence
    assert met.met and met.url == f"{v2.get_absolute_url()}#section-{grants.uid}"


def test_an_open_panel_review_is_never_answered_yet(area: Any, role_users: dict[str, Any]) -> None:
    from panel.models import PanelReview

    version = statute_met(area=area, users=role_users, render=False)
    review = PanelReview.objects.get(version=version)
    PanelReview.objects.filter(pk=review.pk).update(comments_deadline=timezone.now() + datetime.timedelta(days=3))
    answered = _result(evaluate(version.plan, version), "panel-recommendations-answered")
    assert answered.outcome == Outcome.NOT_MET
    assert any("can make recommendations on V1 until" in item for item in answered.missing)


def test_the_deadline_does_not_apply_to_a_refresh(area: Any, role_users: dict[str, Any]) -> None:
    from plans.services import plan_create_successor

    first = plan_with_content(area=area)
    refresh = plan_create_successor(
        predecessor=first,
        kind=Plan.Kind.REFRESH,
        title="Police and Crime Plan 2016-21: 2017/18 refresh",
        starts_on=datetime.date(2017, 4, 1),
        ends_on=datetime.date(2021, 3, 31),
        by=role_users["staff"],
    )
    deadline = _result(evaluate(refresh, None), "issued-by-deadline")
    assert deadline.outcome == Outcome.NOT_APPLICABLE and deadline.label == "Does not apply"
    assert "annual refresh" in deadline.evidence.summary


def test_a_new_plan_meets_its_deadline_when_published_by_31_march_and_keeps_it(
    area: Any, role_users: dict[str, Any]
) -> None:
    """Due by 31 March after the election: publishing before then meets it, and it stays
    met long after; a plan not yet published fails it once the day has passed."""
    version = statute_met(area=area, users=role_users)
    plan = version.plan
    deadline = plan.issue_deadline
    assert deadline is not None and deadline.month == 3 and deadline.day == 31
    today = _result(evaluate(plan, version), "issued-by-deadline").evidence
    assert today.met and f"Due by {deadline.day} March {deadline.year}" in today.summary
    next_year = datetime.datetime.combine(deadline + datetime.timedelta(days=200), datetime.time(12), tzinfo=LONDON)
    late = _result(evaluate(plan, version, now=next_year), "issued-by-deadline")
    assert late.outcome == Outcome.NOT_MET
    assert f"The deadline of 31 March {deadline.year} has passed" in late.evidence.summary

    services.plan_publish(version=version, by=role_users["publisher"], notify=False)
    kept = _result(evaluate(plan, version, now=next_year), "issued-by-deadline").evidence
    assert kept.met and kept.on == timezone.localdate()
    assert f"(V1), by the deadline of 31 March {deadline.year}" in kept.summary


def test_a_new_plan_without_an_election_date_cannot_know_its_deadline(area: Any) -> None:
    plan = plan_with_content(area=area, pcc_elected_on=None)
    deadline = _result(evaluate(plan, None), "issued-by-deadline")
    assert deadline.outcome == Outcome.NOT_MET
    assert deadline.missing == ("Enter the date the Police and Crime Commissioner was elected in the plan's details",)


def test_a_change_to_a_published_plan_needs_the_chief_constable_and_the_panel_again(
    area: Any, role_users: dict[str, Any]
) -> None:
    version = statute_met(area=area, users=role_users)
    plan = version.plan
    services.plan_publish(version=version, by=role_users["publisher"], notify=False)
    section = plan.sections.order_by("order").first()
    section.body = "<p>The Commissioner will publish her scrutiny panels' findings every quarter.</p>"
    section.save()
    v2 = version_cut(plan=plan, by=role_users["staff"])
    # The steps of V1 were taken before V1 was published, so they do not count for V2...
    later = evaluate(plan, v2, now=timezone.now() + datetime.timedelta(days=1))
    assert {r.requirement.key for r in later.unmet} >= {"chief-constable-consulted", "draft-sent-to-panel"}

    # ...until they are taken again for V2.
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    panel_services.chief_constable_comment_record(
        version=v2,
        text="No further comments.",
        recorded_on=timezone.localdate(tomorrow),
        by=role_users["force"],
        now=tomorrow,
    )
    consulted = _result(evaluate(plan, v2, now=tomorrow), "chief-constable-consulted")
    assert consulted.outcome == Outcome.MET
    for_v1 = _result(evaluate(plan, version), "chief-constable-consulted")
    assert for_v1.outcome == Outcome.MET  # V1's own check looks at nothing published before it


def test_a_refresh_sets_out_how_performance_is_measured_only_once_it_has_measures(
    area: Any, role_users: dict[str, Any]
) -> None:
    """A section about performance is not evidence on its own: the demo's refresh had the
    section and no measures, and showed s7(1)(e) as met."""
    from performance.tests.factories import MeasureFactory
    from plans.services import plan_create_successor

    refresh = plan_create_successor(
        predecessor=plan_with_content(area=area),
        kind=Plan.Kind.REFRESH,
        title="Police and Crime Plan 2016-21: 2017/18 refresh",
        starts_on=datetime.date(2017, 4, 1),
        ends_on=datetime.date(2021, 3, 31),
        by=role_users["staff"],
    )
    v1 = version_cut(plan=refresh, by=role_users["staff"])
    performance = _result(evaluate(refresh, v1), "contents-performance")
    assert performance.outcome == Outcome.NOT_MET
    priorities = list(refresh.objectives.filter(district__isnull=True).order_by("order"))
    assert f"Add a measure with a baseline to the priority “{priorities[0].title}”." in performance.missing
    for objective in priorities:
        MeasureFactory(plan=refresh, objective=objective)
    assert _result(evaluate(refresh, v1), "contents-performance").outcome == Outcome.MET


def test_grants_are_met_by_the_grants_or_by_saying_none_are_made(area: Any, role_users: dict[str, Any]) -> None:
    plan = plan_with_content(area=area)
    assert _result(evaluate(plan, None), "contents-grants").outcome == Outcome.MET
    plan.grants.all().delete()
    unmet = _result(evaluate(plan, None), "contents-grants")
    assert unmet.outcome == Outcome.NOT_MET
    assert any("state in the grants section that no grants are made" in item for item in unmet.missing)
    section = next(s for s in plan.sections.all() if StatutoryElement.GRANTS in s.covers)
    section.body = "<p>The Commissioner makes no crime and disorder reduction grants in 2017/18.</p>"
    section.save()
    assert _result(evaluate(plan, None), "contents-grants").outcome == Outcome.MET


def test_objectives_are_needed_beside_the_section_about_them(area: Any, role_users: dict[str, Any]) -> None:
    plan = plan_with_content(area=area)
    plan.objectives.all().delete()
    objectives = _result(evaluate(plan, None), "contents-objectives")
    assert objectives.outcome == Outcome.NOT_MET
    assert "Add the plan's police and crime objectives as its priorities" in objectives.missing
