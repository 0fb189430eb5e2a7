"""The analysis of responses (on screen and printable) and the CSV export."""

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from pcplan.access import allow
from pcplan.csv import csv_response
from pcplan.roles import EDITORS
from pcplan.types import AuthenticatedHttpRequest

from ..analysis import analyse, filter_responses
from ..forms import ResponseFilterForm
from ..models import Agreement, Consultation, Theme
from ..selectors import Draft, consultation_for_editing, draft_of
from ..services import AnalysisNotReadyError, consultation_complete_analysis


def _analysis_context(request: HttpRequest, consultation: Consultation) -> dict[str, Any]:
    draft = draft_of(consultation)
    themes = list(consultation.themes.all())
    filter_form = ResponseFilterForm(
        request.GET or None,
        draft=draft,
        districts=consultation.version.plan.area.districts.all(),
        themes=themes,
    )
    criteria = filter_form.criteria()
    responses = filter_responses(consultation.responses.all(), criteria)
    now = timezone.now()
    return {
        "consultation": consultation,
        "analysis": analyse(consultation=consultation, draft=draft, responses=responses),
        "filter_form": filter_form,
        "filtered": bool(criteria),
        "query": request.GET.urlencode(),
        "status": consultation.status(now),
        "has_closed": consultation.has_closed(now),
        "generated_at": now,
    }


@allow(*EDITORS)
def analysis(request: AuthenticatedHttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_for_editing(request.user, consultation_id)
    return render(request, "consultation/analysis.html", _analysis_context(request, consultation))


@allow(*EDITORS)
def analysis_print(request: AuthenticatedHttpRequest, consultation_id: int) -> HttpResponse:
    """The same analysis laid out for paper: 'analysis of consultation responses' is a
    milestone of the plan's timetable, circulated to the working group."""
    consultation = consultation_for_editing(request.user, consultation_id)
    return render(request, "consultation/analysis_print.html", _analysis_context(request, consultation))


@allow(*EDITORS)
@require_POST
def analysis_complete(request: AuthenticatedHttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_for_editing(request.user, consultation_id)
    try:
        consultation_complete_analysis(consultation=consultation, by=request.user, now=timezone.now())
    except AnalysisNotReadyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Analysis marked complete.")
    return redirect("consultation:analysis", consultation_id=consultation.pk)


def response_rows(responses: Any, draft: Draft, *, personal: bool) -> Iterator[list[str]]:
    priorities = draft.agreement_priorities
    header = [
        "Reference",
        "Received",
        "Moderation",
        "Respondent type",
        "District",
        "Victim of crime",
        "Part of the draft",
        "Comment as sent",
        "Comment as published (redacted)",
        "May publish anonymously",
        "Themes",
        *[f"Agreement: {p.title}" for p in priorities],
    ]
    if personal:
        header += ["Name", "E-mail", "Consent to keep name and e-mail", "Consultation"]
    yield header
    levels = dict(Agreement.Level.choices)
    for response in responses:
        answers = {str(a.objective_uid): levels[a.level] for a in response.agreements.all()}
        row = [
            response.reference,
            timezone.localtime(response.received_at).strftime("%Y-%m-%d %H:%M"),
            response.get_state_display(),
            response.get_respondent_type_display(),
            response.district.name if response.district_id else "",
            response.get_victim_display() if response.victim else "",
            draft.part_label(response.section_uid, response.objective_uid),
            response.text,
            response.redacted_text,
            "Yes" if response.may_publish_anonymously else "No",
            "; ".join(t.name for t in response.themes.all()),
            *[answers.get(p.uid, "") for p in priorities],
        ]
        if personal:
            row += [
                response.name,
                response.email,
                "Yes" if response.contact_consent else "No",
                response.consultation.title,
            ]
        yield row


@allow(*EDITORS)
def response_export(request: AuthenticatedHttpRequest, consultation_id: int) -> StreamingHttpResponse:
    """Every response matching the filters, without names, e-mail or network addresses
    (analysis needs none of them)."""
    consultation = consultation_for_editing(request.user, consultation_id)
    draft = draft_of(consultation)
    themes = list(consultation.themes.all())
    filter_form = ResponseFilterForm(
        request.GET or None,
        draft=draft,
        districts=consultation.version.plan.area.districts.all(),
        themes=themes,
    )
    responses = (
        filter_responses(consultation.responses.all(), filter_form.criteria())
        .select_related("district")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")), "agreements")
        .order_by("received_at", "pk")
    )
    filename = f"{slugify(consultation.title)[:60]}-responses-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_response(response_rows(responses.iterator(chunk_size=1000), draft, personal=False), filename)
