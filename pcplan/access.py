"""Deny by default: every view states the roles it admits, and no other role gets in.

Function views use `@allow(...)`; class-based views use `RoleRequiredMixin` with
`allowed_roles`. `AccessMiddleware` checks the declaration before any view runs and
refuses a view that declares nothing, so a forgotten declaration is a 403, not a leak.
Object-level rules (a plan of another area, a draft not issued to the Panel) are the
view's own, on top of this.

A person who must give a second factor (`pcplan.roles.second_factor_required`), or who has
set one up, and has not given it in this session reaches only the steps of signing in
(views marked `@signing_in`, or `signing_in = True` on a class): every other page sends
them to give their code, or to set up an authenticator app first.
"""

import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from .roles import ANY_ACCOUNT, PUBLIC, Role, roles_of, second_factor_required
from .types import AnyUser

logger = logging.getLogger(__name__)

# HttpResponseBase, so that views answering with a FileResponse or a streamed CSV qualify.
ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])
Admits = frozenset[Role | str]

# Namespaces that guard themselves (the admin requires is_staff and its own permissions).
SELF_GUARDED_NAMESPACES = frozenset({"admin"})


def _admits(roles: Iterable[Role | str]) -> Admits:
    admitted = frozenset(roles)
    unknown = {r for r in admitted if r not in (PUBLIC, ANY_ACCOUNT) and not isinstance(r, Role)}
    if unknown:
        raise ValueError(f"Unknown roles {unknown}: use pcplan.roles.Role, PUBLIC or ANY_ACCOUNT.")
    return admitted


def allow(*roles: Role | str | Iterable[Role]) -> Callable[[ViewFunc], ViewFunc]:
    """Declare the roles a function view admits: `@allow(PUBLIC)`, `@allow(*EDITORS)`."""
    flat: list[Role | str] = []
    for role in roles:
        if isinstance(role, str):
            flat.append(role)
        else:
            flat.extend(role)
    admitted = _admits(flat)

    def decorate(view: ViewFunc) -> ViewFunc:
        view.allowed_roles = admitted  # type: ignore[attr-defined]  # AccessMiddleware reads it back
        return view

    return decorate


def signing_in(view: ViewFunc) -> ViewFunc:
    """Mark a function view as a step of signing in, open before the second factor."""
    view.signing_in = True  # type: ignore[attr-defined]  # AccessMiddleware reads it back
    return view


class RoleRequiredMixin:
    """For class-based views: set `allowed_roles` to the roles the view admits, and
    `signing_in = True` on the steps of signing in."""

    allowed_roles: Iterable[Role | str] = ()
    signing_in = False


def is_signing_in_step(view_func: Callable[..., Any]) -> bool:
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    return bool(getattr(view_func, "signing_in", False) or getattr(view_class, "signing_in", False))


def second_factor_outstanding(user: AnyUser) -> bool:
    """Signed in with a password, but not (yet) with the second factor this person needs:
    their role requires one, or they have set one up themselves."""
    if not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return False
    if second_factor_required(user):
        return True
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def declared_roles(view_func: Callable[..., Any]) -> Admits | None:
    roles = getattr(view_func, "allowed_roles", None)
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    if roles is None and view_class is not None:
        roles = getattr(view_class, "allowed_roles", None)
    if roles is None or not roles:
        return None
    return _admits(roles)


def is_admitted(user: AnyUser, admitted: Admits) -> bool:
    if PUBLIC in admitted:
        return True
    if user.is_authenticated and (user.is_superuser or ANY_ACCOUNT in admitted):
        return True
    return bool(admitted & roles_of(user))


class AccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if request.path.startswith(settings.STATIC_URL):
            return None
        if not is_signing_in_step(view_func) and second_factor_outstanding(request.user):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('accounts:second_factor')}?{query}")
        match = request.resolver_match
        if match is not None and SELF_GUARDED_NAMESPACES & set(match.namespaces):
            return None
        admitted = declared_roles(view_func)
        if admitted is None:
            logger.error("View %s declares no roles; refusing %s", view_func, request.path)
            raise PermissionDenied("This page has not declared who may see it.")
        if is_admitted(request.user, admitted):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("Your role does not give you access to this page.")
