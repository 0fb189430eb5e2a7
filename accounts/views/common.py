"""What the accounts pages share: where to go next, and the form page they are built on."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView

from pcplan.access import RoleRequiredMixin
from pcplan.form_views import ServiceFormMixin

from ..services import LinkRefusedError


def next_url(request: HttpRequest, default: str = "") -> str:
    """The page to return to after a step of signing in: only an address on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse("home")


def link_refused(request: HttpRequest, error: LinkRefusedError, *, title: str) -> HttpResponse:
    """A set-up, invitation or reset link that no longer works: 410, and what to do."""
    return render(request, "accounts/link_refused.html", {"title": title, "message": str(error)}, status=410)


class FormPageView(RoleRequiredMixin, ServiceFormMixin, FormView):
    """A form page: `save` calls one service; a ValidationError it raises goes by the
    fields, and the page is shown again with what was typed (pcplan.form_views)."""

    template_name = "form_page.html"
    page_title = ""
    caption = ""
    intro = ""

    def get_page_title(self) -> str:
        return self.page_title

    def get_caption(self) -> str:
        return self.caption

    def back_url(self) -> str:
        return ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=self.get_page_title(), caption=self.get_caption(), intro=self.intro, back_url=self.back_url()
        )
        return context
