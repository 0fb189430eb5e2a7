"""Reads that pages share."""

from django.db.models import QuerySet

from pcplan.roles import EDITORS, Role, roles_of

from .models import Plan, PoliceArea


def user_area(user: object) -> PoliceArea | None:
    membership = getattr(user, "area_membership", None)
    return membership.area if membership is not None else None


def plans_visible_to(user: object) -> QuerySet[Plan]:
    """Staff, publishers and force liaison see their own area's plans; the Panel sees the
    plans of its area that have a version issued to it (the panel app narrows further)."""
    roles = roles_of(user)  # type: ignore[arg-type]
    area = user_area(user)
    if area is None or not (roles & (EDITORS | {Role.FORCE, Role.PANEL})):
        return Plan.objects.none()
    return Plan.objects.filter(area=area).select_related("area")
