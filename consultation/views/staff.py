"""Staff pages: run consultations on the area's plans, moderate and tag responses.

Every view admits editors only (OPCC staff and publishers); a consultation of another
police area is refused by `consultation_for_editing` / `plan_for_editing`.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from pcplan.access import RoleRequiredMixin, allow
from pcplan.form_views import ServiceFormMixin, apply_service_error
from pcplan.roles import EDITORS
from pcplan.types import AuthenticatedHttpRequest
from plans.changes import later_changes
from plans.selectors import plan_for_editing, plans_visible_to

from ..analysis import filter_responses
from ..forms import (
    BulkActionForm,
    ChangeLinkForm,
    ConsultationForm,
    RedactForm,
    ResponseFilterForm,
    ResponseThemesForm,
    ThemeForm,
    ViewOriginalForm,
)
from ..models import Consultation, OutcomeReport, Response, Theme
from ..outcome import changes_of_response
from ..selectors import (
    consultation_for_editing,
    consultations_for_staff,
    draft_of,
    moderation_history,
    response_for_editing,
    staff_area,
)
from ..services import (
    consultation_open,
    consultation_update,
    response_moderate,
    response_redact,
    response_set_themes,
    response_view_original,
    responses_moderate,
    responses_tag,
    theme_create,
)
from .common import paginate

RESPONSES_PER_PAGE = 50


class ManageListView(RoleRequiredMixin, TemplateView):
    allowed_roles = EDITORS
    request: AuthenticatedHttpRequest
    template_name = "consultation/manage_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        area = staff_area(self.request.user)
        return super().get_context_data(
            consultations=list(consultations_for_staff(area)),
            plans=list(plans_visible_to(self.request.user).prefetch_related("versions")),
            now=timezone.now(),
            **kwargs,
        )


# The service's names of the window's ends, and the form fields that set them.
SERVICE_FIELDS = {"closes_at": "closes_on", "opens_at": "opens_on"}


class ConsultationCreateView(RoleRequiredMixin, FormView):
    allowed_roles = EDITORS
    request: AuthenticatedHttpRequest
    template_name = "consultation/consultation_form.html"
    form_class = ConsultationForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.plan = plan_for_editing(request.user, kwargs["plan_id"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.plan.versions.exists():
            return render(request, "consultation/no_version.html", {"plan": self.plan})
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "plan": self.plan}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(plan=self.plan, consultation=None, **kwargs)

    def form_valid(self, form: ConsultationForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            consultation = consultation_open(
                version=data["version"],
                by=self.request.user,
                title=data["title"],
                introduction=data["introduction"],
                audience=data["audience"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                asks_agreement=data["asks_agreement"],
                retention_days=data["retention_days"],
            )
        except ValidationError as error:
            apply_service_error(form, error, SERVICE_FIELDS)
            return self.form_invalid(form)
        messages.success(self.request, f"Consultation '{consultation.title}' set up.")
        return redirect("consultation:manage", consultation_id=consultation.pk)


class ConsultationEditView(RoleRequiredMixin, ServiceFormMixin, FormView):
    allowed_roles = EDITORS
    request: AuthenticatedHttpRequest
    template_name = "consultation/consultation_form.html"
    form_class = ConsultationForm
    what = "consultation"
    service_field_map = SERVICE_FIELDS

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.consultation = consultation_for_editing(request.user, kwargs["consultation_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "plan": self.consultation.version.plan, "consultation": self.consultation}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(plan=self.consultation.version.plan, consultation=self.consultation, **kwargs)

    def get_record(self) -> Consultation:
        return self.consultation

    def initial_for(self, record: Consultation) -> dict[str, Any]:
        return ConsultationForm.initial_for(record)

    def save(self, form: ConsultationForm) -> Consultation:
        data = form.cleaned_data
        return consultation_update(
            consultation=self.consultation,
            by=self.request.user,
            title=data["title"],
            introduction=data["introduction"],
            audience=data["audience"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            asks_agreement=data["asks_agreement"],
            retention_days=data["retention_days"],
            expected_revision=self.expected_revision,
        )

    def success_message(self, obj: Consultation) -> str:
        return "Changes saved."

    def success_url_for(self, obj: Consultation) -> str:
        return reverse("consultation:manage", kwargs={"consultation_id": obj.pk})


@allow(*EDITORS)
def consultation_manage(request: AuthenticatedHttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_for_editing(request.user, consultation_id)
    counts = {row["state"]: row["n"] for row in _state_counts(consultation)}
    now = timezone.now()
    return render(
        request,
        "consultation/manage.html",
        {
            "consultation": consultation,
            "status": consultation.status(now),
            "has_closed": consultation.has_closed(now),
            "state_counts": [(state, counts.get(state.value, 0)) for state in Response.State],
            "total": sum(counts.values()),
            "themes_count": consultation.themes.count(),
            "outcome_report": OutcomeReport.objects.filter(consultation=consultation).first(),
            "events": consultation.events.select_related("district").all(),
        },
    )


def _state_counts(consultation: Consultation) -> Any:
    from django.db.models import Count

    return consultation.responses.order_by().values("state").annotate(n=Count("pk"))


def _filter_form(request: HttpRequest, consultation: Consultation, themes: list[Theme]) -> ResponseFilterForm:
    return ResponseFilterForm(
        request.GET or None,
        draft=draft_of(consultation),
        districts=consultation.version.plan.area.districts.all(),
        themes=themes,
    )


@allow(*EDITORS)
def response_list(request: AuthenticatedHttpRequest, consultation_id: int) -> HttpResponse:
    """The responses, filtered, 50 to a page; tag, publish or reject them in bulk. With
    the moderation filter on 'New' it is the moderation queue."""
    consultation = consultation_for_editing(request.user, consultation_id)
    themes = list(consultation.themes.all())
    filter_form = _filter_form(request, consultation, themes)
    criteria = filter_form.criteria()
    queryset = filter_responses(consultation.responses.all(), criteria)
    queryset = queryset.select_related("district").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name"))
    )
    page, page_range = paginate(queryset.order_by("-received_at", "-pk"), request.GET.get("page"), RESPONSES_PER_PAGE)
    draft = draft_of(consultation)
    rows = [(response, draft.part_label(response.section_uid, response.objective_uid)) for response in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "consultation/responses.html",
        {
            "consultation": consultation,
            "filter_form": filter_form,
            "filtered": bool(criteria),
            "page": page,
            "page_range": page_range,
            "rows": rows,
            "themes": themes,
            "query": query.urlencode(),
            "actions": BulkActionForm.ACTIONS,
            "bulk_errors": [],
        },
    )


def _safe_next(request: HttpRequest, value: str, fallback: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return value
    return fallback


# The largest id the database holds (a signed 64-bit BigAutoField).
MAX_ID = 2**63 - 1


def _posted_ids(values: list[str]) -> list[int]:
    """The ids among posted values. str.isdigit() alone lets through "²", which int()
    refuses, and numbers too large for an id, which the database refuses."""
    return [
        int(value)
        for value in values
        if value.isascii() and value.isdigit() and len(value) <= 19 and int(value) <= MAX_ID
    ]


@allow(*EDITORS)
@require_POST
def response_bulk(request: AuthenticatedHttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_for_editing(request.user, consultation_id)
    themes = list(consultation.themes.all())
    fallback = reverse("consultation:responses", kwargs={"consultation_id": consultation.pk})
    ids = _posted_ids(request.POST.getlist("responses"))
    form = BulkActionForm(request.POST, response_ids=ids, themes=themes)
    back = _safe_next(request, request.POST.get("next", ""), fallback)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                # An ErrorList yields its messages as text; the stubs also allow ValidationError.
                messages.error(request, str(error))
        return HttpResponseRedirect(back)
    data = form.cleaned_data
    now = timezone.now()
    if data["action"] == "tag":
        if data.get("new_theme", "").strip():
            theme = theme_create(consultation=consultation, name=data["new_theme"])
        else:
            theme = get_object_or_404(Theme, pk=data["theme"], consultation=consultation)
        count = responses_tag(
            consultation=consultation, response_ids=data["responses"], theme=theme, by=request.user, now=now
        )
        messages.success(request, f"Tagged {count} response{'s' if count != 1 else ''} with '{theme.name}'.")
    else:
        state = Response.State.PUBLISHED if data["action"] == "publish" else Response.State.REJECTED
        count = responses_moderate(
            consultation=consultation, response_ids=data["responses"], by=request.user, state=state, now=now
        )
        verb = "Published" if state == Response.State.PUBLISHED else "Rejected as spam"
        messages.success(request, f"{verb}: {count} response{'s' if count != 1 else ''}.")
    return HttpResponseRedirect(back)


@allow(*EDITORS)
def response_detail(request: AuthenticatedHttpRequest, response_id: int) -> HttpResponse:
    response = response_for_editing(request.user, response_id)
    consultation = response.consultation
    themes = list(consultation.themes.all())
    draft = draft_of(consultation)
    return render(
        request,
        "consultation/response_detail.html",
        _response_context(response, draft, themes),
    )


def _response_context(response: Response, draft: Any, themes: list[Theme], **extra: Any) -> dict[str, Any]:
    agreements = {str(a.objective_uid): a for a in response.agreements.all()}
    return {
        "history": moderation_history(response),
        "original_form": extra.pop("original_form", None) or ViewOriginalForm(),
        "change_links": changes_of_response(response),
        "link_form": ChangeLinkForm(changes=later_changes(response.consultation.version)),
        "response": response,
        "consultation": response.consultation,
        "part": draft.part_label(response.section_uid, response.objective_uid),
        "agreements": [(p.title, agreements.get(p.uid)) for p in draft.agreement_priorities],
        "themes_form": extra.pop("themes_form", None)
        or ResponseThemesForm(themes=themes, initial={"themes": [str(t.pk) for t in response.themes.all()]}),
        "states": Response.State,
        **extra,
    }


@allow(*EDITORS)
@require_POST
def response_moderate_view(request: AuthenticatedHttpRequest, response_id: int) -> HttpResponse:
    response = response_for_editing(request.user, response_id)
    action = request.POST.get("action", "")
    states = {"publish": Response.State.PUBLISHED, "reject": Response.State.REJECTED, "reopen": Response.State.NEW}
    if action not in states:
        messages.error(request, "Choose publish, reject as spam or return to new.")
    else:
        try:
            response_moderate(response=response, by=request.user, state=states[action], now=timezone.now())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Response {response.reference}: {states[action].label.lower()}.")
    return redirect(response.get_absolute_url())


@allow(*EDITORS)
def response_redact_view(request: AuthenticatedHttpRequest, response_id: int) -> HttpResponse:
    response = response_for_editing(request.user, response_id)
    if request.method == "POST":
        form = RedactForm(request.POST)
        if form.is_valid():
            response_redact(
                response=response, by=request.user, redacted_text=form.cleaned_data["redacted_text"], now=timezone.now()
            )
            messages.success(request, f"Response {response.reference} redacted and published.")
            return redirect(response.get_absolute_url())
    else:
        form = RedactForm(initial={"redacted_text": response.redacted_text or response.text})
    return render(request, "consultation/redact.html", {"response": response, "form": form})


@allow(*EDITORS)
@require_POST
def response_themes_view(request: AuthenticatedHttpRequest, response_id: int) -> HttpResponse:
    response = response_for_editing(request.user, response_id)
    consultation = response.consultation
    themes = list(consultation.themes.all())
    form = ResponseThemesForm(request.POST, themes=themes)
    if form.is_valid():
        chosen = [t for t in themes if str(t.pk) in form.cleaned_data["themes"]]
        if form.cleaned_data["new_theme"].strip():
            chosen.append(theme_create(consultation=consultation, name=form.cleaned_data["new_theme"]))
        response_set_themes(response=response, themes=chosen, by=request.user, now=timezone.now())
        messages.success(request, f"Themes saved for {response.reference}.")
        return redirect(response.get_absolute_url())
    return render(
        request,
        "consultation/response_detail.html",
        _response_context(response, draft_of(consultation), themes, themes_form=form),
        status=200,
    )


@allow(*EDITORS)
def theme_list(request: AuthenticatedHttpRequest, consultation_id: int) -> HttpResponse:
    from django.db.models import Count

    consultation = consultation_for_editing(request.user, consultation_id)
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        theme = theme_create(consultation=consultation, name=form.cleaned_data["name"])
        messages.success(request, f"Theme '{theme.name}' is ready to use.")
        return redirect("consultation:themes", consultation_id=consultation.pk)
    themes = consultation.themes.annotate(n=Count("responses")).order_by("name")
    return render(request, "consultation/themes.html", {"consultation": consultation, "form": form, "themes": themes})


@allow(*EDITORS)
@require_POST
def response_original_view(request: AuthenticatedHttpRequest, response_id: int) -> HttpResponse:
    """The text of a redacted response as it was sent, shown once, for a reason that goes
    into the moderation history."""
    response = response_for_editing(request.user, response_id)
    consultation = response.consultation
    themes = list(consultation.themes.all())
    form = ViewOriginalForm(request.POST)
    original = ""
    if form.is_valid() and response.redacted_text:
        try:
            original = response_view_original(
                response=response, by=request.user, reason=form.cleaned_data["reason"], now=timezone.now()
            )
        except ValidationError as error:
            apply_service_error(form, error)
    return render(
        request,
        "consultation/response_detail.html",
        _response_context(response, draft_of(consultation), themes, original_form=form, original=original),
    )
