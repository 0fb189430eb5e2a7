"""Fixtures for the Panel's tests: a plan with V1 and V2 in the demo area, its Panel with a
chair and a member, and V1 issued to them."""

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from panel.models import PanelMember
from panel.tests.factories import PanelFactory, PanelMemberFactory, PanelReviewFactory, plan_with_two_versions
from pcplan.roles import Role


@pytest.fixture
def setup(area: Any, role_users: dict[str, Any], make_user: Any) -> SimpleNamespace:
    """The demo area's plan (V1, V2), its Panel (chair: the `panel` role user; a second
    member; a member of another area's Panel), and V1 issued with ten days to comment."""
    plan, v1, v2 = plan_with_two_versions(area=area, by=role_users["staff"])
    panel = PanelFactory(area=area, name="Avon and Somerset Police and Crime Panel")
    chair = PanelMemberFactory(panel=panel, user=role_users["panel"], role=PanelMember.Role.CHAIR)
    member = PanelMemberFactory(panel=panel, user=make_user("cllr_treharne", Role.PANEL))
    review = PanelReviewFactory(panel=panel, version=v1, issued_by=role_users["staff"])
    return SimpleNamespace(
        plan=plan, v1=v1, v2=v2, panel=panel, chair=chair, member=member, review=review, users=role_users
    )


def close(review: Any) -> None:
    """Move the review's deadline into the past, as if the days had gone by."""
    type(review).objects.filter(pk=review.pk).update(comments_deadline=timezone.now() - datetime.timedelta(minutes=1))
    review.refresh_from_db()
