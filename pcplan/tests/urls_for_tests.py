"""A URLconf for the access tests: the real URLs plus views that misbehave on purpose."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from pcplan.access import allow
from pcplan.roles import PUBLIC
from pcplan.urls import urlpatterns as real_urlpatterns


def undeclared(request: HttpRequest) -> HttpResponse:
    return HttpResponse("this view forgot to say who may see it")


@allow(PUBLIC)
def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a secret detail that must not reach the page")


urlpatterns = [
    path("test/undeclared/", undeclared),
    path("test/broken/", broken),
    *real_urlpatterns,
]
