"""Engagement events, and subject access and erasure requests for respondents' data."""

from collections.abc import Iterator
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from pcplan.access import RoleRequiredMixin, allow
from pcplan.csv import csv_response
from pcplan.form_views import ServiceFormMixin
from pcplan.roles import EDITORS
from pcplan.types import AuthenticatedHttpRequest
from plans.selectors import plan_for_editing

from ..forms import EmailLookupForm, EngagementEventForm, EraseForm
from ..models import Agreement, EngagementEvent, Response
from ..selectors import Draft, draft_of, responses_of_person, staff_area
from ..services import engagement_event_save, responses_erase, subject_access_record

# ---------------------------------------------------------------- engagement events


@allow(*EDITORS)
def event_list(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    events = plan.engagement_events.select_related("district", "consultation").order_by("held_on", "pk")
    total = sum(event.attendance or 0 for event in events)
    return render(request, "consultation/events.html", {"plan": plan, "events": events, "total_attendance": total})


class EventFormView(RoleRequiredMixin, ServiceFormMixin, FormView):
    allowed_roles = EDITORS
    request: AuthenticatedHttpRequest
    template_name = "consultation/event_form.html"
    form_class = EngagementEventForm
    what = "event"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if "event_id" in kwargs:
            self.event = get_object_or_404(EngagementEvent.objects.select_related("plan"), pk=kwargs["event_id"])
            self.plan = plan_for_editing(request.user, self.event.plan_id)
        else:
            self.plan = plan_for_editing(request.user, kwargs["plan_id"])
            self.event = EngagementEvent(plan=self.plan)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "plan": self.plan, "instance": self.event}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(plan=self.plan, event=self.event, **kwargs)

    def get_record(self) -> EngagementEvent | None:
        return self.event if self.event.pk is not None else None

    def get_initial(self) -> dict[str, Any]:
        # A ModelForm takes its values from the instance.
        return {}

    def initial_for(self, record: EngagementEvent) -> dict[str, Any]:
        return model_to_dict(record, fields=EngagementEventForm.Meta.fields)

    def save(self, form: EngagementEventForm) -> EngagementEvent:
        return engagement_event_save(
            event=form.save(commit=False), by=self.request.user, expected_revision=self.expected_revision
        )

    def success_message(self, obj: EngagementEvent) -> str:
        return f"Saved '{obj.title}'."

    def success_url_for(self, obj: EngagementEvent) -> str:
        return reverse("consultation:events", kwargs={"plan_id": self.plan.pk})


# ---------------------------------------------------------------- subject access and erasure


def _personal_data_page(
    request: HttpRequest, *, form: EmailLookupForm, erase_form: EraseForm | None = None, status: int = 200
) -> HttpResponse:
    area = staff_area(request.user)
    responses: list[Response] = []
    email = ""
    if area is not None and form.is_bound and form.is_valid():
        email = form.cleaned_data["email"]
        responses = list(responses_of_person(area, email))
        for response in responses:
            # part_label is for the page only; Response does not declare it, hence the ignore.
            response.part_label = draft_of(response.consultation).part_label(  # type: ignore[attr-defined]
                response.section_uid, response.objective_uid
            )
    if responses and erase_form is None:
        erase_form = EraseForm(initial={"email": email})
    return render(
        request,
        "consultation/personal_data.html",
        {
            "form": form,
            "responses": responses,
            "email": email,
            "searched": form.is_bound and form.is_valid(),
            "erase_form": erase_form if responses else None,
        },
        status=status,
    )


@allow(*EDITORS)
def personal_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Find every response given with one e-mail address (or the one with a reference), to
    export or erase them. The address is posted, not put in the query string, so it stays out of logs and history."""
    form = EmailLookupForm(request.POST if request.method == "POST" else None)
    return _personal_data_page(request, form=form)


def _priority_title(draft: Draft, objective_uid: UUID) -> str:
    objective = draft.objective(objective_uid)
    return objective.title if objective is not None else "Priority"


def _subject_rows(responses: list[Response]) -> Iterator[list[str]]:
    levels = dict(Agreement.Level.choices)
    yield [
        "Reference",
        "Consultation",
        "Received",
        "Part of the draft",
        "Comment",
        "Respondent type",
        "District",
        "Victim of crime",
        "Agreement with the priorities",
        "Name",
        "E-mail",
        "Network address",
        "May publish anonymously",
        "Moderation",
    ]
    for response in responses:
        draft = draft_of(response.consultation)
        answers = "; ".join(
            f"{_priority_title(draft, a.objective_uid)}: {levels[a.level]}" for a in response.agreements.all()
        )
        yield [
            response.reference,
            response.consultation.title,
            timezone.localtime(response.received_at).strftime("%Y-%m-%d %H:%M"),
            draft.part_label(response.section_uid, response.objective_uid),
            response.text,
            response.get_respondent_type_display(),
            response.district.name if response.district is not None else "",
            response.get_victim_display() if response.victim else "",
            answers,
            response.name,
            response.email,
            response.network_address or "",
            "Yes" if response.may_publish_anonymously else "No",
            response.get_state_display(),
        ]


@allow(*EDITORS)
@require_POST
def personal_data_export(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    area = staff_area(request.user)
    form = EmailLookupForm(request.POST)
    if area is None or not form.is_valid():
        messages.error(request, "Enter the e-mail address the person gave, or their reference number.")
        return redirect("consultation:personal_data")
    responses = list(responses_of_person(area, form.cleaned_data["email"]))
    subject_access_record(area=area, by=request.user, responses_count=len(responses))
    return csv_response(_subject_rows(responses), f"subject-access-{timezone.localdate():%Y-%m-%d}.csv")


@allow(*EDITORS)
@require_POST
def personal_data_erase(request: AuthenticatedHttpRequest) -> HttpResponse:
    area = staff_area(request.user)
    form = EraseForm(request.POST)
    if area is None or not form.is_valid():
        lookup = EmailLookupForm({"email": request.POST.get("email", "")})
        return _personal_data_page(request, form=lookup, erase_form=form)
    count = responses_erase(area=area, by=request.user, email=form.cleaned_data["email"])
    messages.success(request, f"Erased {count} response{'s' if count != 1 else ''}.")
    return redirect("consultation:personal_data")
