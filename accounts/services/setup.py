"""Setting up a police area in the browser: the area itself (for its first Publisher),
its Districts, its Panel and the Panel's members. The tables are plans' and panel's; their
services write them."""

from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from panel.models import Panel, PanelMember
from panel.services import panel_member_add
from pcplan.roles import Role
from plans.models import PoliceArea
from plans.services import area_create, area_membership_set

from .users import user_invite


@transaction.atomic
def area_set_up(*, by: User, **details: Any) -> PoliceArea:
    """Create the police area and make its creator (the Publisher) work for it."""
    if getattr(by, "area_membership", None) is not None:
        raise ValidationError("Your account already belongs to a police area.")
    area = area_create(by=by, **details)
    area_membership_set(user=by, area=area)
    return area


@transaction.atomic
def panel_member_invite(
    *,
    by: User,
    panel: Panel,
    email: str,
    first_name: str,
    last_name: str,
    panel_role: str,
    term_starts_on: date,
    now: datetime | None = None,
) -> PanelMember:
    """A member of the Panel: an invitation with the Panel member role, and their seat."""
    invitation = user_invite(
        by=by, email=email, first_name=first_name, last_name=last_name, role=Role.PANEL, area=panel.area, now=now
    )
    return panel_member_add(panel=panel, by=by, user=invitation.user, role=panel_role, term_starts_on=term_starts_on)
