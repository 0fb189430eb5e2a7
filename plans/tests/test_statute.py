"""What the plans app tells the publish gate about the statute."""

import datetime
from typing import Any

from plans.models import StatutoryStep
from plans.services import milestone_record_step, section_update, version_cut
from plans.statute import draft_prepared, statutory_contents, step_taken, strategic_policing_requirement


def test_statutory_contents_name_each_missing_element(plan: Any, role_users: dict[str, Any]) -> None:
    assert statutory_contents(plan).met
    resources = next(s for s in plan.sections.all() if "resources" in s.covers)
    section_update(
        section=resources,
        by=role_users["staff"],
        expected_revision=resources.revision,
        title=resources.title,
        body="",
        covers=resources.covers,
        addresses_spr=False,
        in_public_summary=False,
        district=None,
    )
    evidence = statutory_contents(plan)
    assert not evidence.met and evidence.summary == "The working draft covers 5 of the 7 elements of s7(1)."
    assert any("the financial and other resources" in m and "s7(1)(c)" in m for m in evidence.missing)


def test_a_version_is_judged_on_its_own_snapshot(plan: Any, role_users: dict[str, Any]) -> None:
    v1 = version_cut(plan=plan, by=role_users["staff"])
    plan.sections.update(body="")
    assert statutory_contents(plan, v1).met and statutory_contents(plan, v1).url == v1.get_absolute_url()
    assert not statutory_contents(plan).met


def test_the_strategic_policing_requirement_needs_a_written_marked_section(
    plan: Any, role_users: dict[str, Any]
) -> None:
    assert not strategic_policing_requirement(plan).met
    plan.sections.filter(pk=plan.sections.first().pk).update(addresses_spr=True)
    assert strategic_policing_requirement(plan).met


def test_a_draft_is_prepared_once_v1_is_cut(plan: Any, role_users: dict[str, Any]) -> None:
    assert not draft_prepared(plan).met
    version_cut(plan=plan, by=role_users["staff"])
    evidence = draft_prepared(plan)
    assert evidence.met and evidence.by == role_users["staff"].get_full_name() and "V1" in evidence.summary


def test_a_step_is_taken_when_its_milestone_is_done(plan: Any, role_users: dict[str, Any]) -> None:
    assert not step_taken(plan, StatutoryStep.CONSULT_CHIEF_CONSTABLE).met
    milestone_record_step(
        plan=plan,
        step=StatutoryStep.CONSULT_CHIEF_CONSTABLE,
        on=datetime.date(2016, 5, 18),
        by=role_users["force"],
        evidence_url="/panel/reviews/1/",
    )
    evidence = step_taken(plan, StatutoryStep.CONSULT_CHIEF_CONSTABLE)
    assert evidence.met and evidence.on == datetime.date(2016, 5, 18) and evidence.url == "/panel/reviews/1/"
