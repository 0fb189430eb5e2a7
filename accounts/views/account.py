"""A person's own account: what it is, their password and their second factor; and
resetting a forgotten password, with Django's own views in the GOV.UK layout."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import TemplateView

from pcplan.access import RoleRequiredMixin
from pcplan.roles import ANY_ACCOUNT, PUBLIC, second_factor_required
from pcplan.types import AuthenticatedHttpRequest
from plans.selectors import user_area

from .. import services, sessions
from ..forms import ConfirmForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from .common import FormPageView


class AccountView(RoleRequiredMixin, TemplateView):
    allowed_roles = [ANY_ACCOUNT]
    request: AuthenticatedHttpRequest
    template_name = "accounts/account.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            role=services.role_of(user),
            area=user_area(user),
            authenticator=services.authenticator_of(user),
            recovery_codes_left=services.recovery_codes_left(user),
            required=second_factor_required(user),
            idle_minutes=max(1, round(settings.PCPLAN_IDLE_TIMEOUT / 60)),
        )
        return context


class SecondFactorRemoveView(FormPageView):
    """Turn the second factor off: for those whose role does not require it."""

    allowed_roles = [ANY_ACCOUNT]
    request: AuthenticatedHttpRequest
    page_title = "Stop using an authenticator app?"
    intro = (
        "You will sign in with your password alone. Your recovery codes stop working too. "
        "You can set up an authenticator app again at any time."
    )

    def get_form(self, form_class: Any = None) -> ConfirmForm:
        return ConfirmForm(**self.get_form_kwargs(), submit_label="Stop using the authenticator app", warning=True)

    def back_url(self) -> str:
        return reverse("accounts:account")

    def form_valid(self, form: ConfirmForm) -> HttpResponse:
        user = self.request.user
        if second_factor_required(user):
            messages.error(self.request, "Your role signs in with an authenticator app: it cannot be turned off.")
            return redirect("accounts:account")
        services.second_factor_remove(user=user)
        messages.success(self.request, "You now sign in with your password alone.")
        return redirect("accounts:account")


class PasswordChangeView(RoleRequiredMixin, auth_views.PasswordChangeView):
    allowed_roles = [ANY_ACCOUNT]
    request: AuthenticatedHttpRequest
    template_name = "form_page.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:account")
    extra_context = {"page_title": "Change your password", "back_url": reverse_lazy("accounts:account")}

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        old_key = self.request.session.session_key
        response = super().form_valid(form)
        # Django gave this session a new key and ended the others (their password no longer
        # matches); keep the list of signed-in sessions in step with that.
        user: User = self.request.user
        sessions.forget(old_key)
        sessions.end_all_but(user, self.request.session.session_key)
        sessions.remember(self.request, user)
        messages.success(self.request, "Your password is changed. You are still signed in here, and nowhere else.")
        return response


class PasswordResetView(RoleRequiredMixin, auth_views.PasswordResetView):
    allowed_roles = [PUBLIC]
    signing_in = True
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "page_title": "Reset your password"}


class PasswordResetDoneView(RoleRequiredMixin, auth_views.PasswordResetDoneView):
    allowed_roles = [PUBLIC]
    signing_in = True
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(RoleRequiredMixin, auth_views.PasswordResetConfirmView):
    """Django checks the link (it expires after PASSWORD_RESET_TIMEOUT and works once)."""

    allowed_roles = [PUBLIC]
    signing_in = True
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        # Whoever knew the old password is signed out everywhere.
        sessions.end_all(form.user)
        # The one who chose the new password proved they hold the account's e-mail: the
        # pause that wrong guesses at the old one put on the user name ends with it.
        from axes.utils import reset as end_pause

        end_pause(username=form.user.get_username())
        return response


class PasswordResetCompleteView(RoleRequiredMixin, auth_views.PasswordResetCompleteView):
    allowed_roles = [PUBLIC]
    signing_in = True
    template_name = "accounts/password_reset_complete.html"
