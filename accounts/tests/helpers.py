"""Signing in with the second factor in tests, as a person does, without weakening the
rule that staff and Publishers give one.

`Client.force_login` skips the password, as Django's does; here it also gives the second
factor for whoever needs one, with a real authenticator of theirs, exactly as the code
page would mark the session. `force_login(user, second_factor=False)` signs in with the
password alone, for tests of what such a session can and cannot do. `code_for(device)`
computes the code an authenticator app would show.
"""

import time
from typing import Any

import django.test
from django.contrib.auth.models import User
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from pcplan.roles import second_factor_required


def give_authenticator(user: User) -> TOTPDevice:
    """The person's authenticator app, set up if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device


def code_for(device: TOTPDevice, *, steps_ahead: int = 0, at: float | None = None) -> str:
    """The code the app shows now (or `steps_ahead` periods of 30 seconds later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = (at if at is not None else time.time()) + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def fresh_code(device: TOTPDevice) -> str:
    """A code the device has not yet accepted: django-otp takes each period's code once, so
    a second sign-in within 30 seconds uses the next period's (it allows one period of
    clock difference), or waits for it."""
    device.refresh_from_db()
    now = time.time()
    current_t = int(now - device.t0) // device.step
    ahead = max(0, device.last_t + 1 - current_t)
    if ahead > 1:
        time.sleep(device.step - (now - device.t0) % device.step + 0.1)
        return fresh_code(device)
    return code_for(device, steps_ahead=ahead, at=now)


def needs_code(user: User) -> bool:
    return second_factor_required(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class Client(django.test.Client):
    def force_login(self, user: Any, backend: str | None = None, *, second_factor: bool = True) -> None:
        super().force_login(user, backend)
        if second_factor and needs_code(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = give_authenticator(user).persistent_id
            session.save()
