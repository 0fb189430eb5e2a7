"""The second factor while signing in: the code, setting up an authenticator app, and the
recovery codes. See docs/decisions/0028-two-factor-sign-in.md.

These are steps of signing in (`signing_in = True`): a person who still owes their second
factor reaches them, and nothing else. Setting up an authenticator is open before the
code only to someone who has none: anyone else replaces theirs after giving a code, so a
stolen password alone cannot swap in the thief's phone.
"""

from base64 import b32encode
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from pcplan.access import second_factor_outstanding
from pcplan.form_views import apply_service_error
from pcplan.roles import ANY_ACCOUNT, second_factor_required
from pcplan.types import AuthenticatedHttpRequest

from .. import services, sessions
from ..forms import AuthenticatorConfirmForm, CodeForm, ConfirmForm
from .common import FormPageView, next_url

RECOVERY_CODES_KEY = "pcplan_new_recovery_codes"


def _with_next(url_name: str, request: AuthenticatedHttpRequest) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url(request)})}"


def _verified(request: AuthenticatedHttpRequest, device: Any) -> None:
    """The second factor is given: mark the session, with a new key (a change of privilege)."""
    otp_login(request, device)
    sessions.rekey(request)


class SecondFactorView(FormPageView):
    """ "Enter the code": the authenticator's 6 digits, or a recovery code. Wrong codes
    count as failed sign-ins for django-axes, so the lock-out that guards passwords
    guards codes too; django-otp also makes each try after a wrong one wait longer."""

    allowed_roles = [ANY_ACCOUNT]
    signing_in = True
    request: AuthenticatedHttpRequest
    form_class = CodeForm
    template_name = "accounts/second_factor.html"
    page_title = "Enter the code from your authenticator app"

    def dispatch(self, request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]  # narrower request, as AccessMiddleware guarantees
        if request.user.is_authenticated and not second_factor_outstanding(request.user):
            return redirect(next_url(request))
        if request.user.is_authenticated and not services.has_authenticator(request.user):
            return redirect(_with_next("accounts:authenticator_setup", request))
        return super().dispatch(request, *args, **kwargs)

    def credentials(self) -> dict[str, str]:
        return {"username": self.request.user.get_username()}

    def locked_out(self) -> HttpResponse:
        """django-axes's lock-out page (its middleware answers for a request it marks)."""
        self.request.axes_locked_out = True  # type: ignore[attr-defined]  # read by AxesMiddleware
        self.request.axes_credentials = self.credentials()  # type: ignore[attr-defined]  # read by AxesMiddleware
        logout(self.request)
        return HttpResponse(status=403)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not AxesProxyHandler.is_allowed(request, self.credentials()):
            return self.locked_out()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: CodeForm) -> HttpResponse:
        user = self.request.user
        try:
            device = services.second_factor_check(user=user, code=form.cleaned_data["code"])
        except services.ThrottledError as error:
            form.add_error("code", str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            user_login_failed.send(sender=__name__, credentials=self.credentials(), request=self.request)
            if getattr(self.request, "axes_locked_out", False):
                return self.locked_out()
            apply_service_error(form, error)
            return self.form_invalid(form)
        _verified(self.request, device)
        if isinstance(device, StaticDevice):
            left = device.token_set.count()
            messages.warning(
                self.request,
                f"You used a recovery code: {left} left. If you have lost your phone, set up your authenticator "
                "app again from Your account.",
            )
        return redirect(next_url(self.request))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "next": next_url(self.request)}


class AuthenticatorSetupView(FormPageView):
    """Set up an authenticator app: scan the QR code (or type the key), then give a code."""

    allowed_roles = [ANY_ACCOUNT]
    signing_in = True
    request: AuthenticatedHttpRequest
    form_class = AuthenticatorConfirmForm
    template_name = "accounts/authenticator_setup.html"
    page_title = "Set up an authenticator app"

    def dispatch(self, request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]  # narrower request, as AccessMiddleware guarantees
        if (
            request.user.is_authenticated
            and second_factor_outstanding(request.user)
            and services.has_authenticator(request.user)
        ):
            return redirect(_with_next("accounts:second_factor", request))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: AuthenticatorConfirmForm) -> HttpResponse:
        try:
            device, codes = services.authenticator_confirm(user=self.request.user, code=form.cleaned_data["code"])
        except services.ThrottledError as error:
            form.add_error("code", str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        _verified(self.request, device)
        self.request.session[RECOVERY_CODES_KEY] = codes
        return redirect(_with_next("accounts:recovery_codes", self.request))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        device = services.authenticator_pending(user=self.request.user)
        key = b32encode(device.bin_key).decode()
        context.update(
            key_groups=[key[i : i + 4] for i in range(0, len(key), 4)],
            qr_code=segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
            required=second_factor_required(self.request.user),
            replacing=services.has_authenticator(self.request.user),
            next=next_url(self.request),
        )
        return context


class RecoveryCodesView(FormPageView):
    """New recovery codes, shown once: right after setting up the authenticator, or when
    the person asks for a new set (the old ones then stop working)."""

    allowed_roles = [ANY_ACCOUNT]
    request: AuthenticatedHttpRequest
    template_name = "accounts/recovery_codes.html"
    page_title = "Your recovery codes"

    def get_form(self, form_class: Any = None) -> ConfirmForm:
        return ConfirmForm(**self.get_form_kwargs(), submit_label="Make new recovery codes")

    def dispatch(self, request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]  # narrower request, as AccessMiddleware guarantees
        if request.user.is_authenticated and not services.has_authenticator(request.user):
            return redirect("accounts:account")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: ConfirmForm) -> HttpResponse:
        self.request.session[RECOVERY_CODES_KEY] = services.recovery_codes_replace(user=self.request.user)
        return redirect(_with_next("accounts:recovery_codes", self.request))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            codes=self.request.session.pop(RECOVERY_CODES_KEY, None),
            left=services.recovery_codes_left(self.request.user),
            next=next_url(self.request, default=reverse("accounts:account")),
        )
        return context
