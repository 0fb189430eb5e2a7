"""The service navigation: each app lists its own entries on its AppConfig.

An app sets `nav_items = [NavItem(...), ...]` in apps.py; the header shows a person the
entries their roles admit, in INSTALLED_APPS order, so pcplan imports no app's internals.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from .roles import ANY_ACCOUNT, PUBLIC, Role, roles_of
from .types import AnyUser


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[Role | str] = field(default_factory=frozenset)
    # The URL prefix that marks this entry as the current page.
    active_prefix: str = ""


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str
    active: bool


def nav_links_for(user: AnyUser, path: str) -> list[NavLink]:
    user_roles = roles_of(user)
    is_superuser = bool(getattr(user, "is_superuser", False))
    signed_in = bool(getattr(user, "is_authenticated", False))
    links = []
    for config in apps.get_app_configs():
        for item in getattr(config, "nav_items", ()):
            if not (
                PUBLIC in item.roles
                or is_superuser
                or user_roles & item.roles
                or (signed_in and ANY_ACCOUNT in item.roles)
            ):
                continue
            try:
                href = reverse(item.url_name)
            except NoReverseMatch:
                continue
            prefix = item.active_prefix or href
            active = path == href or (prefix != "/" and path.startswith(prefix))
            links.append(NavLink(label=item.label, href=href, active=active))
    return links
