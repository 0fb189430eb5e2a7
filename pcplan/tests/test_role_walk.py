"""Walk every role over every view: admitted where declared, refused everywhere else, and
never cached when someone is signed in."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pcplan.tests.walk import ROLE_KEYS, Route, build_world, walk_routes

ROUTES: list[Route] = walk_routes()


def _url_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name, so the walk cannot reach it"
            names.add(namespace + pattern.name)
    return names


def test_every_url_is_in_the_walk() -> None:
    walked = {route.name for route in ROUTES}
    missing = _url_names(get_resolver().url_patterns) - walked
    assert not missing, f"Add these URLs to an app's tests/role_walk.py: {sorted(missing)}"
    duplicated = [name for name in walked if sum(r.name == name for r in ROUTES) > 1]
    assert not duplicated


@pytest.fixture
def world(role_users: dict[str, Any], area: Any) -> SimpleNamespace:
    return build_world(role_users, area)


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_role_walk(route: Route, world: SimpleNamespace, client: Any) -> None:
    url = reverse(route.name, kwargs=route.kwargs(world)) + route.query
    outcomes = {}
    # Refused roles first: a refused POST must change nothing an admitted one then sees.
    for role in sorted(ROLE_KEYS, key=lambda key: key in route.allowed):
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        response = getattr(client, route.method)(url, route.data(world))
        outcomes[role] = response
        login_redirect = response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL))
        if role != "anonymous":
            # Whatever the answer, a signed-in person's page is kept by no cache.
            cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
            assert {"no-store", "private"} <= cache_control, (
                f"{route.name} as {role}: Cache-Control is {response.get('Cache-Control')!r}"
            )
        if role in route.allowed:
            assert response.status_code not in (401, 403, 404), (
                f"{role} should be admitted to {route.name} but got {response.status_code}"
            )
            assert not login_redirect, f"{role} should be admitted to {route.name} but was sent to sign in"
            assert response.status_code < 500
        elif role == "anonymous":
            assert login_redirect, f"anonymous should be sent to sign in for {route.name}, got {response.status_code}"
        else:
            assert response.status_code == 403, f"{role} should be refused {route.name}, got {response.status_code}"
