"""Reads the accounts pages share."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from pcplan.roles import Role
from plans.models import PoliceArea
from plans.selectors import user_area

from .models import Invitation


def areas_managed_by(user: User) -> QuerySet[PoliceArea]:
    """The police areas whose people this Publisher manages: their own."""
    if user.is_superuser:
        return PoliceArea.objects.order_by("name")
    area = user_area(user)
    return PoliceArea.objects.filter(pk=area.pk) if area else PoliceArea.objects.none()


@dataclass(frozen=True)
class Person:
    user: User
    role: str
    status: str
    has_authenticator: bool


def _status(user: User, latest: Invitation | None, now: datetime) -> str:
    if not user.is_active:
        return "Deactivated"
    if user.has_usable_password():
        return "Active"
    if latest is None or latest.withdrawn_at is not None:
        return "No password set"
    if now >= latest.expires_at:
        return "Invitation expired"
    return "Invited"


def people_of(areas: QuerySet[PoliceArea], now: datetime, *, user_id: int | None = None) -> list[Person]:
    users = User.objects.filter(area_membership__area__in=areas)
    if user_id is not None:
        users = users.filter(pk=user_id)
    users = users.prefetch_related(
        "groups",
        Prefetch("invitations", queryset=Invitation.objects.order_by("-created_at", "-pk")),
        Prefetch("totpdevice_set", queryset=TOTPDevice.objects.filter(confirmed=True), to_attr="authenticators"),
    ).order_by("-is_active", "last_name", "first_name", "username")
    role_names = {role.value for role in Role}
    people = []
    for user in users:
        roles = sorted(group.name for group in user.groups.all() if group.name in role_names)
        invitations = list(user.invitations.all())
        people.append(
            Person(
                user=user,
                role=", ".join(roles) or "No role",
                status=_status(user, invitations[0] if invitations else None, now),
                has_authenticator=bool(user.authenticators),
            )
        )
    return people


def person_of(manager: User, user_id: int, now: datetime) -> Person:
    """A person of the manager's area, or 404."""
    found = people_of(areas_managed_by(manager), now, user_id=user_id)
    if not found:
        raise Http404("No such person in your police area.")
    return found[0]
