"""The demo: Figure 1 of seed 002 and more, eight quarters, two reviews, seed 001's
deliverables; and running it twice changes nothing."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from performance.models import Deliverable, DistrictReading, Measure, QuarterlyReview, Reading
from performance.selectors import performance_overview, status_counts
from performance.status import Status
from performance.statute import performance_measures_set
from plans.models import Milestone, Plan


@pytest.fixture
def demo_plan(db: Any) -> Plan:
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    return Plan.objects.get(area__slug="avon-and-somerset", slug="police-and-crime-plan-2016-21")


def test_the_demo_plan_has_a_full_performance_framework(demo_plan: Plan) -> None:
    names = set(Measure.objects.filter(plan=demo_plan).values_list("name", flat=True))
    assert {
        "Number of crimes per 1000 population",
        "Number of serious acquisitive offences",
        "Number of violence offences",
        "Number of officers",
        "Number of special constables",
        "Proportion of the workforce in frontline roles",
    } <= names
    assert len(names) > 6
    assert Reading.objects.filter(measure__plan=demo_plan).count() == 8 * len(names)
    counts = {c.status: c.count for c in status_counts(performance_overview(demo_plan))}
    assert counts.keys() == {Status.ON_TRACK, Status.SOME_CONCERN, Status.OFF_TRACK}
    assert performance_measures_set(demo_plan).met
    assert not Measure.objects.filter(plan=demo_plan, reliability_risk="").exists()


def test_the_demo_has_district_readings_for_two_measures_in_every_district(demo_plan: Plan) -> None:
    district_readings = DistrictReading.objects.filter(measure__plan=demo_plan)
    assert district_readings.values("measure").distinct().count() == 2
    assert district_readings.values("district").distinct().count() == demo_plan.area.districts.count() == 9
    bristol = district_readings.get(district__name="Bristol", measure__reference="M01", quarter_start="2016-04-01")
    force = Reading.objects.get(measure__plan=demo_plan, measure__reference="M01", quarter_start="2016-04-01")
    assert bristol.value > force.value, "Bristol's crime rate is above the force's"


def test_the_demo_has_two_reviews_kept_as_they_were_and_the_business_plan_deliverables(demo_plan: Plan) -> None:
    january, april = QuarterlyReview.objects.filter(plan=demo_plan).order_by("month")
    assert (january.month.isoformat(), april.month.isoformat()) == ("2017-01-01", "2017-04-01")
    assert {row["latest_quarter"] for row in january.snapshot["measures"]} == {"2016-17 Q3"}
    assert all(n["text"] for n in january.narratives if n["objective_title"] == "Protect the most vulnerable from harm")
    reviews = demo_plan.milestones.filter(phase=Milestone.Phase.REVIEW)
    assert reviews.filter(status=Milestone.Status.DONE).count() == 2
    assert reviews.order_by("-starts_on").first().starts_on.isoformat() == "2021-01-01"
    deliverables = Deliverable.objects.filter(plan=demo_plan)
    assert deliverables.filter(deliverable__startswith="Commission a range of Restorative Justice", lead_officer="HR")
    assert deliverables.filter(heading="1. Anti-social Behaviour").count() == 2


def test_seeding_twice_changes_nothing(demo_plan: Plan) -> None:
    def counts() -> tuple[int, ...]:
        return (
            Measure.objects.count(),
            Reading.objects.count(),
            QuarterlyReview.objects.count(),
            Deliverable.objects.count(),
            Milestone.objects.count(),
        )

    before = counts()
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    assert counts() == before
