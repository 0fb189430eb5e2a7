"""Cutting versions and recording statutory steps."""

import datetime
from typing import Any

import pytest
from django.db import connection

from plans.models import Milestone, StatutoryStep, Version, VersionImmutableError
from plans.services import NothingChangedError, milestone_record_step, version_cut
from plans.snapshot import PlanContent
from plans.tests.factories import MilestoneFactory, plan_with_content


@pytest.fixture
def plan(area: Any) -> Any:
    return plan_with_content(area=area)


def test_versions_are_numbered_and_snapshot_the_whole_plan(plan: Any, role_users: dict[str, Any]) -> None:
    v1 = version_cut(plan=plan, by=role_users["staff"], note="For the Panel")
    section = plan.sections.first()
    section.body = "<p>Changed after V1.</p>"
    section.save()
    v2 = version_cut(plan=plan, by=role_users["staff"])
    assert (v1.label, v2.label) == ("V1", "V2")
    content = PlanContent.from_json(v1.content)
    assert len(content.sections) == plan.sections.count()
    assert len(content.objectives) == plan.objectives.count()
    assert content.objectives[0].commitments and content.grants
    assert content.section(str(section.uid)).body != "<p>Changed after V1.</p>"
    assert PlanContent.from_json(v2.content).section(str(section.uid)).body == "<p>Changed after V1.</p>"


def test_cutting_with_nothing_changed_is_refused(plan: Any, role_users: dict[str, Any]) -> None:
    version_cut(plan=plan, by=role_users["staff"])
    with pytest.raises(NothingChangedError, match="Nothing has changed since V1"):
        version_cut(plan=plan, by=role_users["staff"])
    assert plan.versions.count() == 1


def test_a_cut_version_cannot_be_changed_or_deleted(plan: Any, role_users: dict[str, Any]) -> None:
    v1 = version_cut(plan=plan, by=role_users["staff"])
    v1.note = "rewritten"
    with pytest.raises(VersionImmutableError):
        v1.save()
    with pytest.raises(VersionImmutableError):
        Version.objects.filter(pk=v1.pk).update(note="rewritten")
    with pytest.raises(VersionImmutableError):
        v1.delete()
    with pytest.raises(VersionImmutableError):
        Version.objects.filter(pk=v1.pk).delete()
    v1.refresh_from_db()
    assert v1.note == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_the_database_itself_refuses_to_rewrite_a_version(plan: Any, role_users: dict[str, Any]) -> None:
    from django.db import DatabaseError, transaction

    v1 = version_cut(plan=plan, by=role_users["staff"])
    with pytest.raises(DatabaseError, match="cannot be changed"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE plans_version SET note = 'rewritten' WHERE id = %s", [v1.pk])


def test_recording_a_step_marks_the_open_milestone_nearest_its_date_done(plan: Any, role_users: dict[str, Any]) -> None:
    first = MilestoneFactory(
        plan=plan,
        statutory_step=StatutoryStep.SEND_TO_PANEL,
        starts_on=datetime.date(2016, 8, 1),
        ends_on=datetime.date(2016, 8, 1),
    )
    second = MilestoneFactory(
        plan=plan,
        statutory_step=StatutoryStep.SEND_TO_PANEL,
        starts_on=datetime.date(2016, 9, 6),
        ends_on=datetime.date(2016, 9, 6),
    )
    done = milestone_record_step(
        plan=plan,
        step=StatutoryStep.SEND_TO_PANEL,
        on=datetime.date(2016, 8, 2),
        by=role_users["staff"],
        evidence_url="/panel/reviews/1/",
    )
    assert done.pk == first.pk
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Milestone.Status.DONE and first.completed_on == datetime.date(2016, 8, 2)
    assert first.evidence_url == "/panel/reviews/1/" and first.completed_by == role_users["staff"]
    assert second.status == Milestone.Status.NOT_STARTED


def test_recording_a_step_with_no_milestone_creates_one(plan: Any, role_users: dict[str, Any]) -> None:
    done = milestone_record_step(
        plan=plan, step=StatutoryStep.CONSULT_CHIEF_CONSTABLE, on=datetime.date(2016, 5, 18), by=role_users["force"]
    )
    assert done.status == Milestone.Status.DONE
    assert done.citation == "PRSR Act 2011 s5(6)(a), s5(8)"


def test_a_step_taken_in_september_closes_septembers_milestone_not_mays(plan: Any, role_users: dict[str, Any]) -> None:
    may = MilestoneFactory(
        plan=plan,
        statutory_step=StatutoryStep.CONSULT_CHIEF_CONSTABLE,
        starts_on=datetime.date(2016, 5, 16),
        ends_on=datetime.date(2016, 5, 18),
    )
    september = MilestoneFactory(
        plan=plan,
        statutory_step=StatutoryStep.CONSULT_CHIEF_CONSTABLE,
        starts_on=datetime.date(2016, 9, 21),
        ends_on=datetime.date(2016, 9, 23),
    )
    done = milestone_record_step(
        plan=plan, step=StatutoryStep.CONSULT_CHIEF_CONSTABLE, on=datetime.date(2016, 9, 19), by=role_users["force"]
    )
    assert done.pk == september.pk
    may.refresh_from_db()
    assert may.status == Milestone.Status.NOT_STARTED


def test_cutting_v1_records_that_a_draft_was_prepared(plan: Any, role_users: dict[str, Any]) -> None:
    step = MilestoneFactory(
        plan=plan,
        title="Draft V1 developed",
        starts_on=datetime.date(2016, 7, 1),
        ends_on=datetime.date(2016, 7, 18),
        statutory_step=StatutoryStep.PREPARE_DRAFT,
    )
    cut_at = datetime.datetime(2016, 7, 18, 16, 30, tzinfo=datetime.UTC)
    v1 = version_cut(plan=plan, by=role_users["staff"], note="For the working group", cut_at=cut_at)
    step.refresh_from_db()
    assert (step.status, step.completed_on, step.completed_by) == ("done", datetime.date(2016, 7, 18), v1.cut_by)
    assert step.evidence_url == v1.get_absolute_url()
    section = plan.sections.first()
    section.body = "<p>Changed after V1.</p>"
    section.save()
    version_cut(plan=plan, by=role_users["staff"])
    assert plan.milestones.filter(statutory_step=StatutoryStep.PREPARE_DRAFT).count() == 1


def test_only_publication_makes_a_plan_published_and_it_stays_so(plan: Any, role_users: dict[str, Any]) -> None:
    from django.core.exceptions import ValidationError

    from plans.models import Plan
    from plans.services import plan_mark_published, plan_update

    def update(stage: str) -> Plan:
        return plan_update(
            plan=plan,
            by=role_users["staff"],
            title=plan.title,
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
            stage=stage,
            pcc_name=plan.pcc_name,
            pcc_elected_on=plan.pcc_elected_on,
            vision=plan.vision,
            population=plan.population,
            police_officers=plan.police_officers,
            police_staff=plan.police_staff,
            area_km2=plan.area_km2,
            annual_budget=plan.annual_budget,
        )

    with pytest.raises(ValidationError, match="published by the Publisher"):
        update(Plan.Stage.PUBLISHED)
    plan_mark_published(plan=plan, by=role_users["publisher"])
    with pytest.raises(ValidationError, match="stays published"):
        update(Plan.Stage.DRAFT)
    assert update(Plan.Stage.PUBLISHED).stage == Plan.Stage.PUBLISHED  # other details can still change
