"""The role walk: every named URL, requested as every role, admitted or refused as
declared. Each app lists its routes in `<app>/tests/role_walk.py`:

    ROUTES = [Route("plans:plan_list", allowed=EDITING | {"force", "panel"})]
    def build(world): world.plan = ...   # optional: objects its routes need

A route's `kwargs(world)` gives the URL's arguments. The walk fails when a URL has no
route, so a new view cannot be added without saying who may see it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

# The people the walk signs in as (see conftest.role_users), and anyone without an account.
ROLE_KEYS = ("anonymous", "norole", "staff", "publisher", "panel", "force")
EVERYONE = frozenset(ROLE_KEYS)
SIGNED_IN = frozenset({"staff", "publisher", "panel", "force"})
EDITING = frozenset({"staff", "publisher"})
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
