"""The sessions each person is signed in with, so that they can all be ended at once, and
the time of a session's last request, for the idle time-out."""

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone

from .models import SignedInSession

LAST_SEEN_KEY = "pcplan_last_seen"


def _session_store() -> Any:
    return import_module(settings.SESSION_ENGINE).SessionStore


def mark_seen(request: HttpRequest) -> None:
    request.session[LAST_SEEN_KEY] = int(timezone.now().timestamp())


def remember(request: HttpRequest, user: User) -> None:
    """Called on signing in (Django's user_logged_in signal)."""
    mark_seen(request)
    if request.session.session_key is None:
        request.session.save()
    SignedInSession.objects.update_or_create(session_key=request.session.session_key, defaults={"user": user})


def forget(session_key: str | None) -> None:
    if session_key:
        SignedInSession.objects.filter(session_key=session_key).delete()


def rekey(request: HttpRequest) -> None:
    """Give the session a new key (as on any change of privilege) and keep track of it."""
    old_key = request.session.session_key
    request.session.cycle_key()
    if old_key:
        SignedInSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)


def end_all(user: User) -> int:
    """End every session the person is signed in with; returns how many there were."""
    store = _session_store()
    keys = list(SignedInSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    SignedInSession.objects.filter(user=user).delete()
    return len(keys)


def end_all_but(user: User, session_key: str | None) -> None:
    """End every other session of the person (after they change their password)."""
    store = _session_store()
    others = SignedInSession.objects.filter(user=user).exclude(session_key=session_key or "")
    for key in list(others.values_list("session_key", flat=True)):
        store(session_key=key).delete()
    others.delete()
