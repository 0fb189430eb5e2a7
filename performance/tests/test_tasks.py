"""After a published plan's readings change, a worker draws its charts into the cache."""

import time
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache

from performance.quarters import Quarter
from performance.selectors import measure_summary
from performance.services import reading_record
from performance.tests.factories import MeasureFactory, readings
from plans.models import Plan
from plans.tests.factories import ObjectiveFactory, PlanFactory


def _cached(measure: Any) -> bool:
    return cache.get(measure_summary(measure, charts=False).chart_spec().cache_key()) is not None


def test_a_new_reading_of_a_published_plan_redraws_its_charts_after_commit(
    plan: Any, objective: Any, django_capture_on_commit_callbacks: Any
) -> None:
    plan.stage = Plan.Stage.PUBLISHED
    plan.save()
    # A name no earlier run has drawn: the cache may be a shared Redis, so it is not cleared.
    measure = MeasureFactory(plan=plan, objective=objective, name=f"Number of officers {uuid.uuid4()}")
    readings(measure, ["65.3"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reading_record(measure=measure, quarter=Quarter(2016, 2), value=Decimal("62.0"), by=None)
    assert len(callbacks) == 1
    assert _cached(measure)


def test_a_draft_plans_charts_are_drawn_only_when_viewed(
    plan: Any, objective: Any, django_capture_on_commit_callbacks: Any
) -> None:
    measure = MeasureFactory(plan=plan, objective=objective)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reading_record(measure=measure, quarter=Quarter(2016, 2), value=Decimal("62.0"), by=None)
    assert callbacks == []


@pytest.mark.worker
def test_a_real_worker_draws_the_charts_into_the_shared_cache(celery_worker_process: Any, area: Any) -> None:
    plan = PlanFactory(area=area, stage=Plan.Stage.PUBLISHED)
    measure = MeasureFactory(plan=plan, objective=ObjectiveFactory(plan=plan), name=f"Officers {uuid.uuid4()}")
    readings(measure, ["65.3"])
    assert not _cached(measure)
    reading_record(measure=measure, quarter=Quarter(2016, 2), value=Decimal("62.0"), by=None)
    deadline = time.monotonic() + 30
    while not _cached(measure) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _cached(measure), "the worker did not draw the chart into the cache within 30 seconds"
