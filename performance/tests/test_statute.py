"""The performance part of the publish gate: PRSR Act 2011 s7(1)(e)."""

from typing import Any

from performance.statute import performance_measures_set
from performance.tests.factories import MeasureFactory
from plans.tests.factories import DistrictFactory, ObjectiveFactory, PlanFactory


def test_met_when_every_force_wide_priority_has_a_measure_with_a_baseline(plan: Any) -> None:
    first, second = plan.objectives.order_by("order")
    # A District priority without measures does not hold publication up.
    ObjectiveFactory(plan=plan, order=10, district=DistrictFactory(area=plan.area, name="Mendip", slug="mendip"))
    MeasureFactory(plan=plan, objective=first)
    MeasureFactory(plan=plan, objective=second, baseline_value=None, baseline_period="")

    evidence = performance_measures_set(plan)
    assert not evidence.met
    assert evidence.missing == (f"Add a measure with a baseline to the priority “{second.title}”.",)
    assert "1 of 2 force-wide priorities" in evidence.summary
    assert evidence.url == f"/performance/manage/{plan.pk}/"

    MeasureFactory(plan=plan, objective=second)
    evidence = performance_measures_set(plan)
    assert evidence.met and not evidence.missing
    assert "Every force-wide priority has a measure with a baseline (2 measures" in evidence.summary


def test_a_plan_without_priorities_is_not_met(area: Any) -> None:
    evidence = performance_measures_set(PlanFactory(area=area))
    assert not evidence.met
    assert evidence.missing
