"""Project-wide middleware: the health check answered before the host and HTTPS checks,
a limit on the size of a request, no-store on every page a signed-in person sees, and a
dropped database connection answered without a bare 500."""

import contextlib
import logging
import sys
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer /healthz inside the container whatever the Host header and without HTTPS.

    The compose health check and a load balancer call the server by its address
    (`http://127.0.0.1:8000/healthz`): the production settings would refuse that host
    (400, ALLOWED_HOSTS) or redirect it to HTTPS. First in MIDDLEWARE, this answers before
    either check runs; the answer uses nothing from the host."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_PATH and request.method in ("GET", "HEAD"):
            from .views import healthz

            return healthz(request)
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than PCPLAN_MAX_REQUEST_BYTES (413) before Django
    reads it. Django limits form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded
    files; the biggest file pcplan takes is a 10 MB Panel report."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.PCPLAN_MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return render(
                request,
                "413.html",
                {"limit_megabytes": f"{limit / (1024 * 1024):.0f}", "sent_megabytes": f"{length / (1024 * 1024):.1f}"},
                status=413,
            )
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """`Cache-Control: no-store, private` on every response to a signed-in person: their
    pages carry names, e-mail addresses and drafts that no browser history, shared
    computer or proxy should keep. Public pages seen by nobody signed in are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            directives = {part.strip() for part in response.get("Cache-Control", "").lower().split(",")}
            if not {"no-store", "private"} <= directives:
                # Whatever the view said (a public page may have asked to be cached), a
                # signed-in person's copy is theirs alone.
                if "Cache-Control" in response:
                    del response["Cache-Control"]
                add_never_cache_headers(response)
                patch_cache_control(response, private=True, no_store=True)
        return response


# ---------------------------------------------------------------- database blips

_DATABASE_ERROR = "_pcplan_database_error"
_NOT_RETYPED = ("csrfmiddlewaretoken", "form_key")  # form_key: sent again by {% form_key %}


def _note_database_error(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    """got_request_exception: remember that this request failed on the database (an
    exception Django is about to turn into a 500 inside the middleware chain)."""
    error = sys.exc_info()[1]
    # The database error itself, or one raised while it was being handled (a session
    # half-loaded when the connection went).
    for _ in range(5):
        if error is None or request is None:
            return
        if isinstance(error, OperationalError | InterfaceError):
            setattr(request, _DATABASE_ERROR, error)
            return
        error = error.__cause__ or error.__context__


def _close_database_connections() -> None:
    for connection in connections.all(initialized_only=True):
        # A dropped connection may fail to close; it is gone either way.
        with contextlib.suppress(Exception):
            connection.close()


def _typed(request: HttpRequest) -> list[tuple[str, str, list[str]]]:
    """What the person sent, to show back and to send again: (field, label, values),
    without the CSRF token, and without passwords (typed again, never echoed)."""
    typed = []
    for name in request.POST:
        if name in _NOT_RETYPED or "password" in name.lower():
            continue
        values = [value for value in request.POST.getlist(name) if value.strip()]
        if values:
            typed.append((name, name.replace("_", " ").replace("-", " ").strip().capitalize(), values))
    return typed


class DatabaseBlipMiddleware:
    """A dropped database connection (a restart, a failover, a connection killed by the
    server) must not give a bare 500.

    A GET or HEAD is run again once on a fresh connection: it changed nothing, and the
    person sees their page. Anything else (a POST) is not run again, since part of it may
    have been done; its transaction was rolled back, so the page says nothing was saved,
    shows what was typed, and offers to send it again. Near the top of MIDDLEWARE, so the
    retry runs the whole chain (sessions, sign-in, access) again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        got_request_exception.connect(_note_database_error, dispatch_uid="pcplan-database-blip")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        error = request.__dict__.pop(_DATABASE_ERROR, None)
        if error is None:
            return response
        if any(connection.in_atomic_block for connection in connections.all(initialized_only=True)):
            # A transaction opened around the request (a test's, a script's) is not ours
            # to close or to retry inside: leave the error as it was.
            return response
        _close_database_connections()
        if request.method in ("GET", "HEAD"):
            logger.warning(
                "Database connection lost during %s %s (%s): retried once", request.method, request.path, error
            )
            time.sleep(0.1)
            response = self.get_response(request)
            error = request.__dict__.pop(_DATABASE_ERROR, None)
            if error is None:
                return response
            _close_database_connections()
        logger.error("Database unavailable for %s %s: %s", request.method, request.path, error)
        return self._unavailable(request)

    def _unavailable(self, request: HttpRequest) -> HttpResponse:
        posted = request.method not in ("GET", "HEAD")
        # The page must not need the database: nobody is looked up to show who is signed in.
        request.user = AnonymousUser()
        context = {
            "posted": posted,
            "typed": _typed(request) if posted else [],
            "had_files": posted and bool(request.FILES),
            "action": request.get_full_path(),
        }
        try:
            # Drawn through the CSP middleware again: the nonce of the failed attempt is spent.
            from csp.middleware import CSPMiddleware

            def draw(request: HttpRequest) -> HttpResponse:
                return render(request, "database_unavailable.html", context, status=503)

            drawn = CSPMiddleware(draw)(request)
            assert isinstance(drawn, HttpResponse)  # noqa: S101 - a synchronous chain gives a response
            response = drawn
        except Exception:  # noqa: BLE001 - the page itself failed: a plain one, still not a 500
            logger.exception("The database-unavailable page could not be drawn")
            response = HttpResponse(
                "<!DOCTYPE html><title>Sorry, there is a problem</title><h1>Sorry, there is a problem</h1>"
                "<p>pcplan cannot reach its database just now. Nothing you sent has been saved. Go back, "
                "keep what you typed, and try again in a minute.</p>",
                status=503,
            )
        response["Retry-After"] = "10"
        add_never_cache_headers(response)
        return response
