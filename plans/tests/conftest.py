"""Fixtures for the plans app's tests."""

from typing import Any

import pytest

from plans.services import version_cut
from plans.tests.factories import PoliceAreaFactory, plan_with_content


@pytest.fixture
def plan(area: Any) -> Any:
    """A small plan of the demo area (Avon and Somerset)."""
    return plan_with_content(area=area)


@pytest.fixture
def big_plan(area: Any, role_users: dict[str, Any]) -> Any:
    """A realistically big plan, 40 sections and 20 objectives, with two versions: page
    query counts are pinned on this so an N+1 shows up as a failure."""
    plan = plan_with_content(area=area, sections=40, objectives=20)
    version_cut(plan=plan, by=role_users["staff"])
    section = plan.sections.order_by("order").last()
    section.body = "<p>The Commissioner will publish the findings of her scrutiny panels every quarter.</p>"
    section.save()
    version_cut(plan=plan, by=role_users["staff"])
    return plan


@pytest.fixture
def other_area_plan(db: Any) -> Any:
    """A plan of another police area (Devon and Cornwall)."""
    return plan_with_content(area=PoliceAreaFactory())


@pytest.fixture
def force_client(client: Any, role_users: dict[str, Any]) -> Any:
    client.force_login(role_users["force"])
    return client
