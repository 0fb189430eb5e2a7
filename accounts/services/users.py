"""People and their roles: invitations, role changes, deactivation, and the first
Publisher of a new instance. Every change of role or account is recorded (AccountChange)."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pcplan.outbox.services import enqueue
from pcplan.revisions import lock_revision
from pcplan.roles import SECOND_FACTOR_REQUIRED, Role
from plans.models import AreaMembership, PoliceArea
from plans.services import area_membership_set

from .. import links, sessions
from ..models import AccountChange, Invitation, SetupLink
from .second_factor import second_factor_remove


class LinkRefusedError(Exception):
    """A set-up or invitation link that has expired, been used, or was never issued."""


# ---------------------------------------------------------------- roles


def role_of(user: User) -> Role | None:
    """The person's role in pcplan, read afresh (not the per-request cache)."""
    names = set(user.groups.values_list("name", flat=True))
    return next((role for role in Role if role.value in names), None)


def _set_role(user: User, role: Role) -> None:
    user.groups.remove(*Group.objects.filter(name__in=[r.value for r in Role]))
    user.groups.add(Group.objects.get(name=role.value))
    if hasattr(user, "_pcplan_roles"):
        del user._pcplan_roles


def _record(user: User, by: User | None, kind: str, *, before: str = "", after: str = "") -> AccountChange:
    return AccountChange.objects.create(user=user, changed_by=by, kind=kind, before=before, after=after)


def active_publishers(area: PoliceArea) -> Any:
    return User.objects.filter(is_active=True, groups__name=Role.PUBLISHER.value, area_membership__area=area).distinct()


def _check_not_last_publisher(user: User, what: str) -> None:
    membership = AreaMembership.objects.filter(user=user).select_related("area").first()
    if membership is None or role_of(user) != Role.PUBLISHER:
        return
    if not active_publishers(membership.area).exclude(pk=user.pk).exists():
        raise ValidationError(
            f"{user.get_full_name() or user.get_username()} is the only Publisher of {membership.area.name}: "
            f"give someone else the Publisher role before you {what}."
        )


# ---------------------------------------------------------------- new accounts


def _new_user(*, email: str, first_name: str, last_name: str) -> User:
    email = email.strip()
    if not email:
        raise ValidationError({"email": "Enter an e-mail address"})
    if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": f"There is already an account for {email}"})
    user = User(username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip())
    user.set_unusable_password()
    try:
        user.full_clean()
    except ValidationError as error:
        # The e-mail address is the user name: its errors belong by the e-mail address.
        errors = error.message_dict
        if "username" in errors:
            errors.setdefault("email", []).extend(errors.pop("username"))
        raise ValidationError(errors) from None
    user.save()
    return user


def _invitation_new(*, user: User, by: User | None, now: datetime) -> Invitation:
    from ..tasks import send_invitation

    Invitation.objects.filter(user=user, accepted_at__isnull=True, withdrawn_at__isnull=True).update(withdrawn_at=now)
    invitation = Invitation.objects.create(
        user=user,
        invited_by=by,
        created_at=now,
        expires_at=now + timedelta(days=settings.PCPLAN_INVITATION_DAYS),
    )
    # Through the outbox: queued with the invitation, sent when the broker answers.
    enqueue(send_invitation, args=[invitation.pk])
    return invitation


@transaction.atomic
def user_invite(
    *,
    by: User | None,
    email: str,
    first_name: str,
    last_name: str,
    role: Role,
    area: PoliceArea,
    now: datetime | None = None,
) -> Invitation:
    """An account for the person, with the role and area, and an e-mailed link to set a
    password. Their user name is their e-mail address."""
    now = now or timezone.now()
    user = _new_user(email=email, first_name=first_name, last_name=last_name)
    _set_role(user, role)
    area_membership_set(user=user, area=area)
    _record(user, by, AccountChange.Kind.INVITED, after=f"{role.value}, {area.name}")
    return _invitation_new(user=user, by=by, now=now)


@transaction.atomic
def invitation_resend(*, by: User | None, user: User, now: datetime | None = None) -> Invitation:
    """A new link for someone who has not yet set a password (the earlier link stops working)."""
    if user.has_usable_password():
        raise ValidationError(f"{user.get_full_name() or user.get_username()} has already accepted the invitation.")
    if not user.is_active:
        raise ValidationError("Reactivate the account before inviting the person again.")
    return _invitation_new(user=user, by=by, now=now or timezone.now())


def invitation_for_token(token: str, *, now: datetime | None = None) -> Invitation:
    now = now or timezone.now()
    pk = links.pk_from("invitation", token)
    invitation = Invitation.objects.select_related("user").filter(pk=pk).first() if pk else None
    if invitation is None:
        raise LinkRefusedError("This invitation link is not right. Check you copied all of it from the e-mail.")
    if invitation.accepted_at is not None:
        raise LinkRefusedError("This invitation has already been used. Sign in with your e-mail address and password.")
    if invitation.withdrawn_at is not None or not invitation.user.is_active:
        raise LinkRefusedError("This invitation has been replaced or withdrawn. Use the latest one you were sent.")
    if now >= invitation.expires_at:
        raise LinkRefusedError(
            "This invitation has expired. Ask the Publisher at your Office of the Police and Crime Commissioner "
            "to send you a new one."
        )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str, now: datetime | None = None) -> User:
    """Set the invited person's password; the link then stops working."""
    now = now or timezone.now()
    invitation = invitation_for_token(token, now=now)
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    if not invitation.is_usable(now):
        raise LinkRefusedError("This invitation has already been used. Sign in with your e-mail address and password.")
    user = invitation.user
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    return user


# ---------------------------------------------------------------- changing an account


@transaction.atomic
def user_change_role(*, by: User | None, user: User, role: Role, expected_revision: int | None = None) -> bool:
    """Give the person another role; False when it is the role they have. The person's
    membership of the area carries the revision the role page was drawn from."""
    membership = AreaMembership.objects.filter(user=user).first()
    if membership is not None:
        membership = lock_revision(AreaMembership.objects.all(), pk=membership.pk, expected_revision=expected_revision)
        membership.save(update_fields=["revision"])
    current = role_of(user)
    if current == role:
        return False
    if current == Role.PUBLISHER:
        _check_not_last_publisher(user, "change this role")
    _set_role(user, role)
    _record(user, by, AccountChange.Kind.ROLE, before=current.value if current else "no role", after=role.value)
    return True


@transaction.atomic
def user_deactivate(*, by: User | None, user: User, now: datetime | None = None) -> int:
    """Switch the account off: every session it is signed in with ends, and any invitation
    stops working. Returns the number of sessions ended."""
    if by is not None and by.pk == user.pk:
        raise ValidationError("You cannot deactivate your own account.")
    if not user.is_active:
        return 0
    _check_not_last_publisher(user, "deactivate this account")
    user.is_active = False
    user.save(update_fields=["is_active"])
    Invitation.objects.filter(user=user, accepted_at__isnull=True, withdrawn_at__isnull=True).update(
        withdrawn_at=now or timezone.now()
    )
    _record(user, by, AccountChange.Kind.DEACTIVATED)
    return sessions.end_all(user)


@transaction.atomic
def user_reactivate(*, by: User | None, user: User) -> None:
    if user.is_active:
        return
    user.is_active = True
    user.save(update_fields=["is_active"])
    _record(user, by, AccountChange.Kind.REACTIVATED)


@transaction.atomic
def user_second_factor_reset(*, by: User | None, user: User) -> None:
    """For a lost phone: the authenticator and recovery codes go, the person's sessions end,
    and they set up a new authenticator when they next sign in."""
    second_factor_remove(user=user)
    sessions.end_all(user)
    _record(user, by, AccountChange.Kind.AUTHENTICATOR_RESET)


# ---------------------------------------------------------------- the first Publisher


@transaction.atomic
def setup_link_create(*, now: datetime | None = None) -> SetupLink:
    now = now or timezone.now()
    return SetupLink.objects.create(created_at=now, expires_at=now + timedelta(hours=settings.PCPLAN_SETUP_LINK_HOURS))


def setup_link_for(token: str, *, now: datetime | None = None) -> SetupLink:
    now = now or timezone.now()
    pk = links.pk_from("setup", token)
    link = SetupLink.objects.filter(pk=pk).first() if pk else None
    if link is None:
        raise LinkRefusedError("This set-up link is not right. Check you copied all of it.")
    if link.used_at is not None:
        raise LinkRefusedError("This set-up link has already been used. Sign in with the account it created.")
    if now >= link.expires_at:
        raise LinkRefusedError("This set-up link has expired. Run `python manage.py create_area` for a new one.")
    return link


@transaction.atomic
def first_publisher_create(
    *, token: str, email: str, first_name: str, last_name: str, password: str, now: datetime | None = None
) -> User:
    """The Publisher who sets up the police area, from the one-time set-up link."""
    now = now or timezone.now()
    link = SetupLink.objects.select_for_update().get(pk=setup_link_for(token, now=now).pk)
    if not link.is_usable(now):
        raise LinkRefusedError("This set-up link has already been used. Sign in with the account it created.")
    user = _new_user(email=email, first_name=first_name, last_name=last_name)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    _set_role(user, Role.PUBLISHER)
    link.used_at = now
    link.used_by = user
    link.save(update_fields=["used_at", "used_by"])
    _record(user, user, AccountChange.Kind.FIRST_PUBLISHER, after=Role.PUBLISHER.value)
    return user


def invitation_send(*, invitation_id: int) -> bool:
    """E-mail the invitation's link; False when it has since been accepted or replaced."""
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils.formats import date_format

    invitation = Invitation.objects.select_related("user", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable(timezone.now()):
        return False
    user = invitation.user
    membership = AreaMembership.objects.filter(user=user).select_related("area").first()
    role = role_of(user)
    body = render_to_string(
        "accounts/email/invitation.txt",
        {
            "user": user,
            "role": role.value if role else "",
            "needs_authenticator": role in SECOND_FACTOR_REQUIRED,
            "area": membership.area if membership else None,
            "invited_by": invitation.invited_by,
            "link": links.invitation_url(invitation.pk),
            "expires": date_format(timezone.localtime(invitation.expires_at), "j F Y, H:i"),
            "service_name": settings.PCPLAN_SERVICE_NAME,
        },
    )
    EmailMessage(subject=f"You are invited to {settings.PCPLAN_SERVICE_NAME}", body=body, to=[user.email]).send()
    return True
