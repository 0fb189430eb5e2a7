from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .navigation import nav_links_for
from .roles import roles_of


def service(request: HttpRequest) -> dict[str, Any]:
    """What the shared layout needs on every page: the Office, the user's roles, the menu."""
    user = getattr(request, "user", None)
    return {
        "opcc_name": settings.PCPLAN_OPCC_NAME,
        "service_name": settings.PCPLAN_SERVICE_NAME,
        "user_roles": sorted(roles_of(user)) if user is not None else [],
        "nav_links": nav_links_for(user, request.path) if user is not None else [],
    }
