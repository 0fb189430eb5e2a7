"""Project-wide middleware: the health check answered before the host and HTTPS checks,
a limit on the size of a request, and no-store on every page a signed-in person sees."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control

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
            # Whatever the view said (a public page may have asked to be cached), a
            # signed-in person's copy is theirs alone.
            if "Cache-Control" in response:
                del response["Cache-Control"]
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
        return response
