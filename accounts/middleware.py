"""The idle time-out: a signed-in session with no request for PCPLAN_IDLE_TIMEOUT seconds
ends, and the person signs in again (sessions also end when the browser closes).
Placed before pcplan.access.AccessMiddleware, which then treats the request as anyone's."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .sessions import LAST_SEEN_KEY, mark_seen

# The time of the last request is written at most this often, not on every request.
SEEN_RESOLUTION = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(timezone.now().timestamp())
            last_seen = request.session.get(LAST_SEEN_KEY)
            timeout = settings.PCPLAN_IDLE_TIMEOUT
            if isinstance(last_seen, int) and now - last_seen >= timeout:
                # The request goes on signed out: a public page shows as to anyone, any other
                # sends the person to sign in again (pcplan.access), with this message.
                logout(request)
                minutes = max(1, round(timeout / 60))
                messages.info(
                    request,
                    f"You were signed out because you had not used pcplan for {minutes} minutes. Sign in again.",
                )
            elif not isinstance(last_seen, int) or now - last_seen >= SEEN_RESOLUTION:
                mark_seen(request)
        return self.get_response(request)
