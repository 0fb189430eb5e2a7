"""Reads that pages share, and the object-level access rules for plans."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from pcplan.roles import EDITORS, Role, roles_of

from .models import Plan, PoliceArea, Version


def user_area(user: object) -> PoliceArea | None:
    membership = getattr(user, "area_membership", None)
    return membership.area if membership is not None else None


def plans_visible_to(user: object) -> QuerySet[Plan]:
    """Staff, publishers and force liaison see their own area's plans. Panel members see
    their area's plans too; which versions they may read is the panel app's rule."""
    roles = roles_of(user)  # type: ignore[arg-type]
    area = user_area(user)
    if area is None or not (roles & (EDITORS | {Role.FORCE, Role.PANEL})):
        return Plan.objects.none()
    return Plan.objects.filter(area=area).select_related("area")


def plan_for_editing(user: object, plan_id: int) -> Plan:
    """The plan, if this user may edit it: an editor of the plan's own area. Another area's
    plan is refused (403), an unknown one is a 404."""
    plan = Plan.objects.select_related("area").filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such plan")
    if not (roles_of(user) & EDITORS) or user_area(user) != plan.area:  # type: ignore[arg-type]
        raise PermissionDenied("This plan belongs to another police area.")
    return plan


def plan_for_reading(user: object, plan_id: int) -> Plan:
    """The plan, if this user may read its drafts: any role of the plan's own area."""
    plan = Plan.objects.select_related("area").filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such plan")
    if user_area(user) != plan.area or not roles_of(user):  # type: ignore[arg-type]
        raise PermissionDenied("This plan belongs to another police area.")
    return plan


def latest_version(plan: Plan) -> Version | None:
    return plan.versions.order_by("-number").first()
