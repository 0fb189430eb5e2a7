"""The writes: measures, readings, quarterly reviews and their schedule, deliverables."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from performance.models import Measure, QuarterlyReview, Reading
from performance.quarters import Quarter
from performance.services import (
    DuplicateReadingError,
    deliverable_create,
    measure_create,
    measure_update,
    next_reference,
    reading_delete,
    reading_record,
    reading_update,
    review_record,
    review_update,
    reviews_schedule,
)
from performance.tests.factories import MeasureFactory, readings
from plans.models import Milestone
from plans.tests.factories import MilestoneFactory, ObjectiveFactory, PlanFactory

MEASURE = {
    "reference": "M01",
    "outcome": "To maintain frontline policing",
    "name": "Number of special constables",
    "unit": "special constables",
    "polarity": "higher",
    "baseline_value": Decimal(380),
    "baseline_period": "31 March 2016",
    "direction": "improve",
    "threshold_percent": Decimal(8),
    "data_source": "Special Constabulary records",
}


def test_a_measure_is_created_with_its_history(plan: Any, objective: Any, role_users: dict[str, Any]) -> None:
    measure = measure_create(plan=plan, data={**MEASURE, "objective": objective}, by=role_users["staff"])
    assert measure.objective == objective
    assert measure.history.get().history_user == role_users["staff"]
    assert next_reference(plan) == "M02"


def test_a_threshold_that_contradicts_its_tier_is_refused_and_nothing_saved(
    plan: Any, objective: Any, role_users: dict[str, Any]
) -> None:
    data = {**MEASURE, "objective": objective, "direction": "improve", "threshold_percent": Decimal(25)}
    with pytest.raises(ValidationError) as error:
        measure_create(plan=plan, data=data, by=role_users["staff"])
    assert "is a transformation" in error.value.message_dict["threshold_percent"][0]
    assert not Measure.objects.exists()


def test_a_measure_cannot_serve_another_plans_priority(plan: Any, role_users: dict[str, Any]) -> None:
    other = ObjectiveFactory(plan=PlanFactory(area=plan.area))
    with pytest.raises(ValidationError, match="Choose a priority of this plan"):
        measure_create(plan=plan, data={**MEASURE, "objective": other}, by=role_users["staff"])


def test_a_baseline_needs_its_period(plan: Any, objective: Any, role_users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="period the baseline covers"):
        measure_create(plan=plan, data={**MEASURE, "objective": objective, "baseline_period": ""}, by=None)


def test_updating_a_measure_keeps_its_readings(plan: Any, objective: Any, role_users: dict[str, Any]) -> None:
    measure = MeasureFactory(plan=plan, objective=objective)
    readings(measure, ["63.1"])
    measure_update(measure=measure, data={"baseline_value": Decimal("60.0")}, by=role_users["staff"])
    measure.refresh_from_db()
    assert measure.baseline_value == Decimal("60.0")
    assert measure.readings.count() == 1
    with pytest.raises(ValueError, match="Unknown fields"):
        measure_update(measure=measure, data={"plan": None}, by=role_users["staff"])


def test_removing_a_priority_keeps_its_measures_and_readings(plan: Any, objective: Any) -> None:
    measure = MeasureFactory(plan=plan, objective=objective)
    readings(measure, ["63.1", "62.0"])
    objective.delete()
    measure.refresh_from_db()
    assert measure.objective is None
    assert measure.readings.count() == 2


def test_a_reading_is_recorded_once_per_quarter(plan: Any, role_users: dict[str, Any]) -> None:
    measure = MeasureFactory(plan=plan)
    q = Quarter(2016, 2)
    reading = reading_record(measure=measure, quarter=q, value=Decimal("63.0"), by=role_users["staff"])
    assert reading.quarter_start == datetime.date(2016, 7, 1)
    assert reading.entered_by == role_users["staff"]
    with pytest.raises(DuplicateReadingError) as error:
        reading_record(measure=measure, quarter=q, value=Decimal("64.0"), by=role_users["staff"])
    assert "already has a reading for 2016-17 Q2" in str(error.value)
    assert Reading.objects.get().value == Decimal("63.0")


@pytest.mark.parametrize(
    ("quarter", "message"),
    [
        (Quarter(2015, 4), "outside the plan's period: choose a quarter from 2016-17 Q1 to 2020-21 Q4"),
        (Quarter(2021, 1), "outside the plan's period"),
    ],
)
def test_a_reading_outside_the_plans_period_is_refused(plan: Any, quarter: Quarter, message: str) -> None:
    measure = MeasureFactory(plan=plan)
    with pytest.raises(ValidationError, match=message):
        reading_record(measure=measure, quarter=quarter, value=Decimal(1), by=None)
    assert not Reading.objects.exists()


def test_a_reading_for_a_quarter_not_yet_started_is_refused(area: Any) -> None:
    plan = PlanFactory(area=area, starts_on=datetime.date(2024, 4, 1), ends_on=datetime.date(2099, 3, 31))
    measure = MeasureFactory(plan=plan)
    with pytest.raises(ValidationError, match="has not started yet"):
        reading_record(measure=measure, quarter=Quarter(2098, 1), value=Decimal(1), by=None)


def test_a_reading_can_be_corrected_and_removed(plan: Any, role_users: dict[str, Any]) -> None:
    measure = MeasureFactory(plan=plan)
    (reading,) = readings(measure, ["63.1"])
    reading_update(reading=reading, value=Decimal("61.9"), commentary="Corrected after audit", by=role_users["staff"])
    reading.refresh_from_db()
    assert (reading.value, reading.commentary) == (Decimal("61.9"), "Corrected after audit")
    reading_delete(reading=reading, by=role_users["staff"])
    assert not Reading.objects.exists()
    assert Reading.history.filter(history_type="-").get().history_user == role_users["staff"]


def test_the_database_refuses_a_reading_that_does_not_start_a_quarter(plan: Any) -> None:
    from django.db import IntegrityError, transaction

    measure = MeasureFactory(plan=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reading.objects.create(
            measure=measure, quarter_start=datetime.date(2016, 5, 1), value=1, entered_at="2016-06-01T00:00Z"
        )


# ---------------------------------------------------------------- the review schedule


def _review_months(plan: Any) -> list[str]:
    return [m.starts_on.strftime("%Y-%m") for m in plan.milestones.filter(phase=Milestone.Phase.REVIEW)]


def test_publishing_schedules_a_review_every_quarter_from_the_january_after(
    area: Any, role_users: dict[str, Any]
) -> None:
    plan = PlanFactory(area=area, starts_on=datetime.date(2016, 5, 5), ends_on=datetime.date(2018, 3, 31))
    schedule = reviews_schedule(plan=plan, published_on=datetime.date(2016, 10, 14), by=role_users["publisher"])
    assert [m.starts_on.strftime("%Y-%m") for m in schedule] == ["2017-01", "2017-04", "2017-07", "2017-10", "2018-01"]
    first = schedule[0]
    assert first.phase == Milestone.Phase.REVIEW
    assert (first.starts_on, first.ends_on) == (datetime.date(2017, 1, 1), datetime.date(2017, 1, 31))
    assert "January 2017" in first.title
    assert first.history.get().history_user == role_users["publisher"]


def test_a_plan_published_in_january_has_its_first_review_the_next_january(area: Any) -> None:
    plan = PlanFactory(area=area, starts_on=datetime.date(2017, 1, 1), ends_on=datetime.date(2018, 6, 30))
    schedule = reviews_schedule(plan=plan, published_on=datetime.date(2017, 1, 10), by=None)
    assert [m.starts_on.strftime("%Y-%m") for m in schedule] == ["2018-01", "2018-04"]


def test_scheduling_reviews_twice_adds_nothing_and_keeps_existing_review_milestones(area: Any) -> None:
    plan = PlanFactory(area=area, starts_on=datetime.date(2016, 5, 5), ends_on=datetime.date(2017, 12, 31))
    # The template timeline's own first review (Appendix 1 of seed 000).
    own = MilestoneFactory(
        plan=plan,
        title="First review of the plan (thereafter quarterly: April, July, October, January)",
        starts_on=datetime.date(2017, 1, 9),
        ends_on=datetime.date(2017, 1, 20),
        phase=Milestone.Phase.REVIEW,
    )
    first = reviews_schedule(plan=plan, published_on=datetime.date(2016, 10, 14), by=None)
    second = reviews_schedule(plan=plan, published_on=datetime.date(2016, 10, 14), by=None)
    assert first == second
    assert first[0] == own
    assert _review_months(plan) == ["2017-01", "2017-04", "2017-07", "2017-10"]


def test_a_plan_ending_before_the_january_after_publication_has_no_reviews(area: Any) -> None:
    plan = PlanFactory(area=area, starts_on=datetime.date(2016, 5, 5), ends_on=datetime.date(2016, 12, 31))
    assert reviews_schedule(plan=plan, published_on=datetime.date(2016, 10, 14), by=None) == []


# ---------------------------------------------------------------- quarterly reviews


def test_a_review_keeps_the_statuses_as_they_were_on_the_day(
    plan: Any, objective: Any, role_users: dict[str, Any]
) -> None:
    # Crimes per 1,000 (baseline 64.8, 3% better needed): on track in the first two
    # quarters, off track after a rise recorded later.
    measure = MeasureFactory(plan=plan, objective=objective)
    readings(measure, ["62.0", "62.5"])
    reviews_schedule(plan=plan, published_on=datetime.date(2016, 6, 1), by=None)
    review = review_record(
        plan=plan,
        held_on=datetime.date(2017, 1, 16),
        summary="Crime is falling.",
        narratives={str(objective.uid): "Good progress."},
        by=role_users["staff"],
    )
    (row,) = review.snapshot["measures"]
    assert (row["status"], row["latest_quarter"], row["latest_value"]) == ("on_track", "2016-17 Q2", "62.5000")
    assert row["objective_title"] == objective.title
    assert review.narratives[0] == {
        "objective_uid": str(objective.uid),
        "objective_title": objective.title,
        "text": "Good progress.",
    }
    # A later reading, and a renamed priority, leave the review as it was.
    readings(measure, ["70.0"], first=Quarter(2016, 3))
    objective.title = "Renamed priority"
    objective.save()
    review_update(review=review, summary="Changed words", narratives={str(objective.uid): "Edited"}, by=None)
    review.refresh_from_db()
    assert review.snapshot["measures"][0]["status"] == "on_track"
    assert review.narratives[0]["objective_title"] != "Renamed priority"
    assert review.narratives[0]["text"] == "Edited"
    # Its milestone is done, pointing at the review.
    milestone = plan.milestones.get(phase=Milestone.Phase.REVIEW, starts_on=datetime.date(2017, 1, 1))
    assert milestone.status == Milestone.Status.DONE
    assert milestone.evidence_url == review.get_absolute_url()


def test_a_review_counts_only_quarters_that_had_ended(plan: Any) -> None:
    measure = MeasureFactory(plan=plan)
    readings(measure, ["62.0", "62.5", "70.0"])  # 2016-17 Q1 to Q3; Q3 ends 31 December 2016
    review = review_record(plan=plan, held_on=datetime.date(2016, 10, 20), summary="", narratives={}, by=None)
    assert review.snapshot["measures"][0]["latest_quarter"] == "2016-17 Q2"


@pytest.mark.parametrize(
    ("held_on", "message"),
    [
        (datetime.date(2017, 2, 1), "January, April, July or October"),
        (datetime.date(2022, 1, 10), "within the plan's period"),
    ],
)
def test_a_review_outside_a_review_month_or_the_plan_is_refused(
    plan: Any, held_on: datetime.date, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        review_record(plan=plan, held_on=held_on, summary="", narratives={}, by=None)
    assert not QuarterlyReview.objects.exists()


def test_one_review_a_month(plan: Any) -> None:
    review_record(plan=plan, held_on=datetime.date(2017, 1, 9), summary="", narratives={}, by=None)
    with pytest.raises(ValidationError, match="already a quarterly review for January 2017"):
        review_record(plan=plan, held_on=datetime.date(2017, 1, 20), summary="", narratives={}, by=None)


def test_a_deliverable_is_added_at_the_end(plan: Any, role_users: dict[str, Any]) -> None:
    first = deliverable_create(
        plan=plan,
        data={"deliverable": "Public forum meetings", "outcome": "Satisfaction and Confidence", "lead_officer": "KW"},
        by=role_users["staff"],
    )
    second = deliverable_create(plan=plan, data={"deliverable": "Out and about days"}, by=role_users["staff"])
    assert second.order > first.order
    assert first.get_status_display() == "Not started"
