"""The Users pages: the Publisher invites people, changes their role, and deactivates
accounts. Every change is recorded and shown on the person's page."""

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from pcplan.access import RoleRequiredMixin
from pcplan.roles import Role
from pcplan.types import AuthenticatedHttpRequest
from plans.models import AreaMembership

from .. import services
from ..forms import ConfirmForm, InviteForm, RoleForm, user_label
from ..models import AccountChange
from ..selectors import Person, areas_managed_by, people_of, person_of
from .common import FormPageView

MANAGERS = [Role.PUBLISHER]


class UserListView(RoleRequiredMixin, TemplateView):
    allowed_roles = MANAGERS
    request: AuthenticatedHttpRequest
    template_name = "accounts/user_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        areas = areas_managed_by(self.request.user)
        context.update(people=people_of(areas, timezone.now()), areas=areas)
        return context


class UserInviteView(FormPageView):
    allowed_roles = MANAGERS
    request: AuthenticatedHttpRequest
    form_class = InviteForm
    page_title = "Invite a person"
    intro = (
        "They are e-mailed a link to set their password. The link works once, for "
        "a week. OPCC staff and Publishers then set up an authenticator app."
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not areas_managed_by(request.user).exists():
            raise PermissionDenied("Your account is not linked to a police area.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "areas": areas_managed_by(self.request.user)}

    def back_url(self) -> str:
        return reverse("accounts:user_list")

    def save(self, form: InviteForm) -> User:
        invitation = services.user_invite(by=self.request.user, **form.cleaned_data)
        return invitation.user

    def success_message(self, obj: User) -> str:
        return f"Invitation sent to {obj.email}."

    def success_url_for(self, obj: User) -> str:
        return reverse("accounts:user_detail", kwargs={"user_id": obj.pk})


class PersonMixin:
    """A person of the Publisher's own police area (another area's is a 404). The views
    built on it declare `request: AuthenticatedHttpRequest` (see plans.views.PlanEditingMixin)."""

    person: Person

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.person = person_of(request.user, kwargs["user_id"], timezone.now())  # type: ignore[arg-type]  # signed in: AccessMiddleware admitted a role
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # a mixin: View follows it in the MRO

    def detail_url(self) -> str:
        return reverse("accounts:user_detail", kwargs={"user_id": self.person.user.pk})


class UserDetailView(PersonMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = MANAGERS
    request: AuthenticatedHttpRequest
    template_name = "accounts/user_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.person.user
        context.update(
            person=self.person,
            name=user_label(user),
            changes=AccountChange.objects.filter(user=user).select_related("changed_by"),
            is_self=user.pk == self.request.user.pk,
        )
        return context


class PersonFormView(PersonMixin, FormPageView):
    allowed_roles = MANAGERS
    request: AuthenticatedHttpRequest
    submit_label = ""
    warning = False

    def get_form(self, form_class: Any = None) -> Any:
        if self.form_class is not None:
            return super().get_form(form_class)
        return ConfirmForm(**self.get_form_kwargs(), submit_label=self.submit_label, warning=self.warning)

    def get_caption(self) -> str:
        return user_label(self.person.user)

    def back_url(self) -> str:
        return self.detail_url()

    def success_url_for(self, obj: Any) -> str:
        return self.detail_url()


class UserRoleView(PersonFormView):
    form_class = RoleForm
    page_title = "Change the role"
    intro = "The change is recorded with your name and the time, and takes effect on their next page."

    what = "person's role"

    def get_record(self) -> AreaMembership | None:
        return AreaMembership.objects.filter(user=self.person.user).first()

    def initial_for(self, record: AreaMembership) -> dict[str, Any]:
        role = services.role_of(record.user)
        return {"role": role.value if role else None}

    def get_initial(self) -> dict[str, Any]:
        return self.initial_for(AreaMembership(user=self.person.user))

    def save(self, form: RoleForm) -> bool:
        return services.user_change_role(
            by=self.request.user, user=self.person.user, expected_revision=self.expected_revision, **form.cleaned_data
        )

    def success_message(self, changed: bool) -> str:
        return "Role changed." if changed else "That is already their role: nothing changed."


class UserDeactivateView(PersonFormView):
    page_title = "Deactivate the account?"
    intro = (
        "They are signed out at once, everywhere, and cannot sign in again until the account is reactivated. "
        "What they wrote stays, under their name."
    )
    submit_label = "Deactivate the account"
    warning = True

    def save(self, form: ConfirmForm) -> int:
        return services.user_deactivate(by=self.request.user, user=self.person.user)

    def success_message(self, ended: int) -> str:
        return f"Account deactivated. {ended} signed-in session{'s' if ended != 1 else ''} ended."


class UserReactivateView(PersonFormView):
    page_title = "Reactivate the account?"
    intro = "They can sign in again with their password (and their authenticator app, if their role needs one)."
    submit_label = "Reactivate the account"

    def save(self, form: ConfirmForm) -> None:
        services.user_reactivate(by=self.request.user, user=self.person.user)

    def success_message(self, obj: None) -> str:
        return "Account reactivated."


class UserInvitationResendView(PersonFormView):
    page_title = "Send a new invitation?"
    intro = "A new link is e-mailed to them; any earlier link stops working."
    submit_label = "Send a new invitation"

    def save(self, form: ConfirmForm) -> None:
        services.invitation_resend(by=self.request.user, user=self.person.user)

    def success_message(self, obj: None) -> str:
        return f"A new invitation is on its way to {self.person.user.email}."


class UserSecondFactorResetView(PersonFormView):
    page_title = "Reset their authenticator app?"
    intro = (
        "For a lost or replaced phone. Their authenticator app and recovery codes stop working, they are "
        "signed out, and they set up the app again when they next sign in with their password."
    )
    submit_label = "Reset the authenticator app"
    warning = True

    def save(self, form: ConfirmForm) -> None:
        services.user_second_factor_reset(by=self.request.user, user=self.person.user)

    def success_message(self, obj: None) -> str:
        return "Their authenticator app is reset."
