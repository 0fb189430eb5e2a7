"""Accepting an invitation: the e-mailed link, once and before it expires, lets the
invited person set their password; they are then signed in (and, if their role needs
one, set up their authenticator app next)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect

from pcplan.form_views import apply_service_error
from pcplan.roles import PUBLIC, second_factor_required

from .. import services
from ..forms import SetPasswordForm
from ..models import Invitation
from .common import FormPageView, link_refused
from .setup import SIGN_IN_BACKEND

REFUSED_TITLE = "This invitation link does not work"


class InvitationView(FormPageView):
    allowed_roles = [PUBLIC]
    signing_in = True
    form_class = SetPasswordForm
    template_name = "accounts/invitation.html"
    page_title = "Set your password"
    invitation: Invitation

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            self.invitation = services.invitation_for_token(kwargs["token"])
        except services.LinkRefusedError as error:
            return link_refused(request, error, title=REFUSED_TITLE)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.invitation.user, "submit_label": "Set the password"}

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        try:
            user = services.invitation_accept(token=self.kwargs["token"], password=form.cleaned_data["new_password1"])
        except services.LinkRefusedError as error:
            return link_refused(self.request, error, title=REFUSED_TITLE)
        except ValidationError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        login(self.request, user, backend=SIGN_IN_BACKEND)
        if second_factor_required(user):
            messages.success(
                self.request, "Your password is set. Now set up an authenticator app: your role signs in with a code."
            )
        else:
            messages.success(self.request, "Your password is set, and you are signed in.")
        return redirect("home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.invitation.user
        return {
            **super().get_context_data(**kwargs),
            "invited": user,
            "role": services.role_of(user),
        }
