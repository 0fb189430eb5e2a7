"""Views that belong to the service as a whole: log-in, the health check."""

from typing import Any

from django.conf import settings
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


def _broker_ok() -> bool:
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # noqa: BLE001 - any failure means the broker is down
        return False


@never_cache
@allow(PUBLIC)
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database (and the broker, when one is configured) answers; 503 naming
    what is down otherwise. Load balancers and `docker compose` poll it."""
    checks: dict[str, Any] = {"database": "ok" if _database_ok() else "down"}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = "ok" if _broker_ok() else "down"
    down = sorted(name for name, state in checks.items() if state != "ok")
    status = 503 if down else 200
    return JsonResponse({"status": "down" if down else "ok", "checks": checks, "down": down}, status=status)
