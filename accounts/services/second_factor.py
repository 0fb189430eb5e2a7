"""The second factor: an authenticator app (a time-based one-time code, TOTP) and ten
recovery codes for when the phone is lost. See docs/decisions/0028-two-factor-sign-in.md."""

import re

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
WRONG_CODE = "The code is not right: enter the 6-digit code your authenticator app shows now"
WAIT = "Too many wrong codes: wait a few seconds, then enter the code your app shows now"


class ThrottledError(Exception):
    """Too many wrong codes in a row: django-otp makes the person wait before the next."""


def authenticator_of(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def authenticator_pending(*, user: User) -> TOTPDevice:
    """The authenticator being set up: the same key until it is confirmed, so reloading the
    page does not change the QR code the person has already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def _normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def authenticator_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending authenticator with a code it shows; it replaces any earlier one,
    and a new set of recovery codes is made. Returns the device and the recovery codes.

    A wrong code is refused after the transaction, so django-otp's count of wrong codes
    (which makes the next try wait) is kept, not rolled back with the refusal."""
    token = _normalise(code)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            raise ValidationError({"code": "Start again: open the page to set up your authenticator app"})
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            raise ThrottledError(WAIT)
        accepted = token.isdigit() and len(token) == device.digits and device.verify_token(token)
        if accepted:
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()
            TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            return device, recovery_codes_replace(user=user)
    raise ValidationError({"code": WRONG_CODE})


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """Ten new recovery codes; the earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def second_factor_check(*, user: User, code: str) -> Device:
    """The device that accepts this code: the authenticator app's 6 digits, or a recovery
    code (used up by this). Raises ValidationError for a wrong code, ThrottledError while
    django-otp makes the person wait after wrong codes (the count of wrong codes is kept:
    the refusal comes after the transaction)."""
    token = _normalise(code)
    if not token:
        raise ValidationError({"code": "Enter the code from your authenticator app, or a recovery code"})
    model: type[Device] = TOTPDevice if token.isdigit() else StaticDevice
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True):
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                raise ThrottledError(WAIT)
            if device.verify_token(token):
                return device
    if token.isdigit():
        raise ValidationError({"code": WRONG_CODE})
    raise ValidationError({"code": "That recovery code is not right, or has been used: each works once"})


@transaction.atomic
def second_factor_remove(*, user: User) -> None:
    """Remove the authenticator app and the recovery codes (a person whose role does not
    require them turning them off, or a Publisher resetting a lost phone)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
