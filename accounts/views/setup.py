"""Setting up pcplan in the browser: the one-time link `manage.py create_area` prints
makes the first Publisher's account; the Publisher then sets up their authenticator app,
the police area, its Districts, and the Panel with its members, and invites their staff."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from panel.models import Panel
from panel.services import panel_set_up
from pcplan.access import RoleRequiredMixin
from pcplan.form_views import apply_service_error
from pcplan.roles import PUBLIC, Role
from pcplan.types import AuthenticatedHttpRequest
from plans.forms import AreaForm, DistrictsForm
from plans.models import PoliceArea
from plans.selectors import user_area
from plans.services import districts_create

from .. import services
from ..forms import FirstPublisherForm, PanelForm, PanelMemberForm
from ..selectors import people_of
from .common import FormPageView, link_refused

SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SetupStartView(FormPageView):
    """The first Publisher's account, from the one-time set-up link."""

    allowed_roles = [PUBLIC]
    signing_in = True
    form_class = FirstPublisherForm
    page_title = "Set up pcplan for your Office"
    intro = (
        "You are the first Publisher: you will set up your police area, its Districts and its Police and "
        "Crime Panel, and invite your colleagues. First, create your account."
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            services.setup_link_for(kwargs["token"])
        except services.LinkRefusedError as error:
            return link_refused(request, error, title="This set-up link does not work")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: FirstPublisherForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            user = services.first_publisher_create(
                token=self.kwargs["token"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
            )
        except services.LinkRefusedError as error:
            return link_refused(self.request, error, title="This set-up link does not work")
        except ValidationError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        login(self.request, user, backend=SIGN_IN_BACKEND)
        messages.success(
            self.request,
            "Your account is ready. Now set up an authenticator app: Publishers sign in with a code from it.",
        )
        return redirect("accounts:setup")


class PublisherSetupMixin(RoleRequiredMixin):
    """The Publisher's own area; the views built on it declare `request` themselves."""

    allowed_roles = [Role.PUBLISHER]
    area: PoliceArea

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        area = user_area(request.user)
        if area is None:
            return redirect("accounts:setup_area")
        self.area = area
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # a mixin: View follows it in the MRO


class SetupView(RoleRequiredMixin, TemplateView):
    """The set-up checklist."""

    allowed_roles = [Role.PUBLISHER]
    request: AuthenticatedHttpRequest
    template_name = "accounts/setup.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        area = user_area(self.request.user)
        panel = Panel.objects.filter(area=area).first() if area else None
        people = people_of(PoliceArea.objects.filter(pk=area.pk), timezone.now()) if area else []
        context.update(
            area=area,
            districts=list(area.districts.order_by("name")) if area else [],
            panel=panel,
            panel_members=panel.members.select_related("user") if panel else [],
            colleagues=[p for p in people if p.user.pk != self.request.user.pk],
        )
        return context


class SetupAreaView(FormPageView):
    allowed_roles = [Role.PUBLISHER]
    request: AuthenticatedHttpRequest
    form_class = AreaForm
    page_title = "Your police area"
    caption = "Setting up pcplan"
    intro = "The Office's details go on every plan you publish. You can change them later."

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and user_area(request.user) is not None:
            return redirect("plans:area_edit")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "submit_label": "Save and continue"}

    def back_url(self) -> str:
        return reverse("accounts:setup")

    def save(self, form: AreaForm) -> PoliceArea:
        return services.area_set_up(by=self.request.user, **form.cleaned_data)

    def success_message(self, obj: PoliceArea) -> str:
        return f"{obj.name} is set up. Now add its Districts."

    def success_url_for(self, obj: PoliceArea) -> str:
        return reverse("accounts:setup_districts")


class SetupDistrictsView(PublisherSetupMixin, FormPageView):
    request: AuthenticatedHttpRequest
    form_class = DistrictsForm
    page_title = "Districts"
    caption = "Setting up pcplan"
    template_name = "accounts/setup_districts.html"
    intro = "Each District (a local authority area) gets a District plan with its own figures and contacts."

    def back_url(self) -> str:
        return reverse("accounts:setup")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "districts": self.area.districts.order_by("name")}

    def save(self, form: DistrictsForm) -> list[Any]:
        return districts_create(area=self.area, by=self.request.user, names=form.cleaned_data["names"])

    def success_message(self, created: list[Any]) -> str:
        return f"Added {len(created)} District{'s' if len(created) != 1 else ''}: {', '.join(d.name for d in created)}."

    def success_url_for(self, obj: Any) -> str:
        return reverse("accounts:setup")


class SetupPanelView(PublisherSetupMixin, FormPageView):
    request: AuthenticatedHttpRequest
    form_class = PanelForm
    page_title = "The Police and Crime Panel"
    caption = "Setting up pcplan"
    template_name = "accounts/setup_panel.html"
    intro = "The Panel reviews the draft plan and makes recommendations to the Commissioner."

    def back_url(self) -> str:
        return reverse("accounts:setup")

    def get_initial(self) -> dict[str, Any]:
        panel = Panel.objects.filter(area=self.area).first()
        return {"name": panel.name if panel else f"{self.area.name} Police and Crime Panel"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        panel = Panel.objects.filter(area=self.area).first()
        return {
            **super().get_context_data(**kwargs),
            "panel": panel,
            "members": panel.members.select_related("user") if panel else [],
        }

    def save(self, form: PanelForm) -> Panel:
        return panel_set_up(area=self.area, by=self.request.user, name=form.cleaned_data["name"])

    def success_message(self, obj: Panel) -> str:
        return f"Saved {obj.name}."

    def success_url_for(self, obj: Panel) -> str:
        return reverse("accounts:setup_panel")


class SetupPanelMemberView(PublisherSetupMixin, FormPageView):
    request: AuthenticatedHttpRequest
    form_class = PanelMemberForm
    page_title = "Add a member of the Panel"
    caption = "Setting up pcplan"
    intro = "They are e-mailed an invitation to pcplan, where they read the drafts issued to the Panel."
    panel: Panel

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        area = user_area(request.user) if request.user.is_authenticated else None
        panel = Panel.objects.filter(area=area).first() if area else None
        if area is not None and panel is None:
            return redirect("accounts:setup_panel")
        if panel is not None:
            self.panel = panel
        return super().dispatch(request, *args, **kwargs)

    def back_url(self) -> str:
        return reverse("accounts:setup_panel")

    def save(self, form: PanelMemberForm) -> Any:
        if not hasattr(self, "panel"):
            raise PermissionDenied("Set up the Panel first.")
        return services.panel_member_invite(by=self.request.user, panel=self.panel, **form.cleaned_data)

    def success_message(self, obj: Any) -> str:
        return f"Added {obj.display_name} to the Panel and sent their invitation."

    def success_url_for(self, obj: Any) -> str:
        return reverse("accounts:setup_panel")
