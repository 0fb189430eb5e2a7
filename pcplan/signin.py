"""Sign-in lock-outs, as django-axes' settings call them (AXES_COOLOFF_TIME and
AXES_LOCKOUT_CALLABLE in pcplan/settings/base.py).

Failures lock the pair of a user name and a network address, never an address for
everyone (an Office's whole staff share one) nor an account from everywhere (anyone
could lock the Publisher out). The pause grows with the failures the user name has had
from every address over the last day, so guessing from many addresses gains little, and
the page says when to try again.
"""

import math
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

FIRST_PAUSE = timedelta(minutes=2)
LONGEST_PAUSE = timedelta(hours=1)
# Failures older than this no longer lengthen the pause.
REMEMBERED_FOR = timedelta(days=1)


def _username(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str | None:
    if request is None:
        return None
    from axes.helpers import get_client_username

    return get_client_username(request, credentials or getattr(request, "axes_credentials", None))


def cool_off(request: HttpRequest | None) -> timedelta:
    """The pause after a lock-out: 2 minutes the first time the user name reaches the
    limit, doubling each time it reaches it again (from any address) within a day, up to
    an hour."""
    username = _username(request)
    if not username:
        return FIRST_PAUSE
    from axes.models import AccessFailureLog

    failures = AccessFailureLog.objects.filter(
        username=username, attempt_time__gte=timezone.now() - REMEMBERED_FOR
    ).count()
    lockouts = max(1, failures // max(1, settings.AXES_FAILURE_LIMIT))
    return min(LONGEST_PAUSE, FIRST_PAUSE * 2 ** min(lockouts - 1, 10))


def try_again_at(request: HttpRequest, credentials: dict[str, Any] | None = None) -> datetime:
    """When this user name may sign in again from this address: the pair's last failure
    plus the pause."""
    from axes.models import AccessAttempt

    last = (
        AccessAttempt.objects.filter(
            username=_username(request, credentials), ip_address=getattr(request, "axes_ip_address", None)
        )
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    return (last or timezone.now()) + cool_off(request)


def _minutes_in_words(delta: timedelta) -> str:
    minutes = max(1, math.ceil(delta.total_seconds() / 60))
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours, minutes = divmod(minutes, 60)
    words = f"{hours} hour{'s' if hours != 1 else ''}"
    return words + (f" and {minutes} minute{'s' if minutes != 1 else ''}" if minutes else "")


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The lock-out page (429): whose sign-in is paused, from where, and until when."""
    until = try_again_at(request, credentials)
    local = timezone.localtime(until)
    return render(
        request,
        "registration/locked_out.html",
        {
            "try_again_at": f"{local:%-I:%M}{'am' if local.hour < 12 else 'pm'} on {local.day} {local:%B %Y}",
            "wait": _minutes_in_words(until - timezone.now()),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
