"""Views that belong to the service as a whole: log-in, the health check."""

from typing import Any

from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from .access import RoleRequiredMixin, allow
from .forms import LoginForm
from .roles import PUBLIC


class LoginView(RoleRequiredMixin, auth_views.LoginView):
    allowed_roles = [PUBLIC]
    signing_in = True
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(RoleRequiredMixin, auth_views.LogoutView):
    allowed_roles = [PUBLIC]
    signing_in = True


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means the database is down
        return False


@never_cache
@allow(PUBLIC)
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 naming it otherwise. Load balancers and `docker
    compose` poll it (pcplan.middleware.HealthCheckMiddleware answers it before the host
    and HTTPS checks).

    The broker is not asked: a request never talks to it (docs/decisions/0022-outbox.md),
    and a web server whose broker is down still serves every page. The tasks waiting in
    the outbox, and the age of the oldest, show a broker or relay that is away."""
    checks: dict[str, Any] = {"database": "ok" if _database_ok() else "down"}
    if checks["database"] == "ok":
        from pcplan.outbox.services import waiting_summary

        try:
            checks["outbox"] = waiting_summary()
        except Exception:  # noqa: BLE001 - the outbox table unreadable: report, do not fail the check
            checks["outbox"] = "unknown"
    down = sorted(name for name, state in checks.items() if state == "down")
    status = 503 if down else 200
    return JsonResponse({"status": "down" if down else "ok", "checks": checks, "down": down}, status=status)
