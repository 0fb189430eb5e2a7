"""Types shared by the apps' views, services and selectors.

pcplan keeps Django's own user model (no AUTH_USER_MODEL), so `User` is
`django.contrib.auth.models.User`. The names are imported for the type checker only:
`pcplan.roles` and `pcplan.navigation` load while the app registry is still being
populated, before the auth models can be imported.
"""

from typing import TYPE_CHECKING, TypeAlias

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# Whoever made a request: a signed-in user or the anonymous visitor.
AnyUser: TypeAlias = "User | AnonymousUser"


class AuthenticatedHttpRequest(HttpRequest):
    """The request a view receives when it does not admit PUBLIC.

    `AccessMiddleware` has already sent anonymous visitors to the log-in page before such a
    view runs, so `request.user` is a signed-in `User`. Annotate only views whose declared
    roles leave PUBLIC out; a public view takes a plain `HttpRequest`.
    """

    user: "User"
