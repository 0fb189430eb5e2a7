from typing import Any

import pytest

from plans.tests.factories import ObjectiveFactory, PlanFactory


@pytest.fixture
def plan(area: Any) -> Any:
    """A plan of the demo area (Avon and Somerset) with two force-wide priorities."""
    plan = PlanFactory(area=area)
    ObjectiveFactory(plan=plan, order=0, title="Protect the most vulnerable from harm")
    ObjectiveFactory(plan=plan, order=1, title="Strengthen and improve your local policing teams")
    return plan


@pytest.fixture
def objective(plan: Any) -> Any:
    return plan.objectives.order_by("order").first()
