"""`AuthenticatedHttpRequest` tells the type checker that `request.user` is a signed-in User.
That is only true of views that leave PUBLIC out, where AccessMiddleware has sent anonymous
visitors to the log-in page first: a view that admits PUBLIC must not claim it."""

import inspect
from collections.abc import Callable, Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from pcplan.access import declared_roles
from pcplan.roles import PUBLIC
from pcplan.types import AuthenticatedHttpRequest


def _views(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[tuple[str, Callable[..., Any]]]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _views(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _takes_signed_in_request(function: Callable[..., Any]) -> bool:
    parameter = inspect.signature(inspect.unwrap(function)).parameters.get("request")
    return parameter is not None and parameter.annotation is AuthenticatedHttpRequest


def _claims_signed_in(view: Callable[..., Any]) -> bool:
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return _takes_signed_in_request(view)
    for klass in view_class.__mro__:
        if klass.__dict__.get("__annotations__", {}).get("request") is AuthenticatedHttpRequest:
            return True
        if any(_takes_signed_in_request(member) for member in vars(klass).values() if inspect.isfunction(member)):
            return True
    return False


def test_only_views_that_refuse_anonymous_visitors_take_an_authenticated_request() -> None:
    claiming = [(route, view) for route, view in _views() if _claims_signed_in(view)]
    admitting_public = [route for route, view in claiming if PUBLIC in (declared_roles(view) or ())]
    assert admitting_public == []
    # The check above means something only while views do claim it: every app has some.
    apps = {getattr(view, "view_class", inspect.unwrap(view)).__module__.split(".")[0] for _, view in claiming}
    assert apps >= {"plans", "consultation", "panel", "performance", "publishing"}
