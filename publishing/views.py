"""Public pages of the service as a whole: the home page and the statements every
public-sector site must carry."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pcplan.access import allow
from pcplan.roles import PUBLIC, ROLE_DESCRIPTIONS, roles_of


@allow(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    return render(
        request,
        "publishing/home.html",
        {"role_descriptions": [(role, ROLE_DESCRIPTIONS[role]) for role in sorted(roles)]},
    )


@allow(PUBLIC)
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/accessibility.html")


@allow(PUBLIC)
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/privacy.html")
