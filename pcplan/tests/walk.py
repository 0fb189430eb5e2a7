"""The role walk: every named URL, requested as every role, admitted or refused as
declared. Each app lists its routes in `<app>/tests/role_walk.py`:

    ROUTES = [Route("plans:plan_list", allowed=EDITING | {"force", "panel"})]
    def build(world): world.plan = ...   # optional: objects its routes need

A route's `kwargs(world)` gives the URL's arguments. The walk fails when a URL has no
route, so a new view cannot be added without saying who may see it.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType, SimpleNamespace
from typing import Any

# The people the walk signs in as (see conftest.role_users), and anyone without an account.
ROLE_KEYS = ("anonymous", "norole", "staff", "publisher", "panel", "force")
EVERYONE = frozenset(ROLE_KEYS)
SIGNED_IN = frozenset({"staff", "publisher", "panel", "force"})
EDITING = frozenset({"staff", "publisher"})
# Anyone signed in, with a role or none: their own account's pages.
ANY_ACCOUNT = SIGNED_IN | {"norole"}
PUBLISHER_ONLY = frozenset({"publisher"})


@dataclass(frozen=True)
class Route:
    name: str
    allowed: frozenset[str]
    kwargs: Callable[[SimpleNamespace], dict[str, Any]] = field(default=lambda world: {})
    method: str = "get"
    data: Callable[[SimpleNamespace], dict[str, Any]] = field(default=lambda world: {})
    query: str = ""

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class FormCase:
    """A POST form the walk finds on a page, by the URL name it posts to.

    - "create": `role` fills it (the page's own values, blanks filled in, then `data`) and
      sends it twice with one key: the second adds no row and gets the first's answer.
    - "edit": two sessions of `role` open it; one saves `change` as `values[0]`, the other
      then `values[1]`: the second is refused and the first's value stays.
    - "other": neither (a removal asked for again, a sign-out); `reason` says why.
    `page` is the URL name of the page that shows the form, when that is another page."""

    name: str
    kind: str
    role: str = "staff"
    data: Callable[[SimpleNamespace], dict[str, Any]] = field(default=lambda world: {})
    change: str = ""
    values: tuple[str, str] = ("", "")
    page: str = ""
    reason: str = ""

    def __str__(self) -> str:
        return self.name


APPS = ["pcplan", "plans", "consultation", "panel", "performance", "publishing", "reports", "accounts"]


def walk_modules() -> list[ModuleType]:
    """Each app's tests/role_walk.py, in the order the apps build on each other."""
    modules = []
    for app in APPS:
        try:
            modules.append(importlib.import_module(f"{app}.tests.role_walk"))
        except ModuleNotFoundError as error:
            if error.name != f"{app}.tests.role_walk":
                raise
    return modules


def walk_routes() -> list[Route]:
    return [route for module in walk_modules() for route in module.ROUTES]


def walk_forms() -> list[FormCase]:
    return [case for module in walk_modules() for case in getattr(module, "FORMS", [])]


def build_world(users: dict[str, Any], area: Any) -> SimpleNamespace:
    """The objects every app's routes need, built by each app's `build(world)`."""
    world = SimpleNamespace(users=users, area=area)
    for module in walk_modules():
        build = getattr(module, "build", None)
        if build is not None:
            build(world)
    return world
