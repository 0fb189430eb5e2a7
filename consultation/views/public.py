"""Public pages: no account needed. Read the draft, comment on it, get a reference."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.views.decorators.http import require_http_methods

from pcplan.access import allow
from pcplan.roles import PUBLIC, is_editor
from plans.models import District

from ..abuse import client_ip, comment_rate_wait
from ..forms import OBJECTIVE_PREFIX, SECTION_PREFIX, CommentForm
from ..models import Consultation, OutcomeReport
from ..outcome import outcome_of
from ..references import is_reference
from ..selectors import (
    consultation_for_comment,
    consultation_for_public,
    consultations_listed,
    draft_of,
    published_responses,
)
from ..services import ConsultationNotOpenError, response_submit
from .common import paginate

PUBLISHED_PER_PAGE = 25


@allow(PUBLIC)
def consultation_list(request: HttpRequest) -> HttpResponse:
    listing = consultations_listed(timezone.now())
    return render(
        request,
        "consultation/public_list.html",
        {"listing": listing, "show_staff_link": is_editor(request.user)},
    )


@allow(PUBLIC)
def consultation_detail(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_for_public(consultation_id)
    now = timezone.now()
    published = OutcomeReport.objects.filter(consultation=consultation, published_at__isnull=False).exists()
    return render(
        request,
        "consultation/detail.html",
        {
            "consultation": consultation,
            "outcome": outcome_of(consultation) if published else None,
            "draft": draft_of(consultation),
            "status": consultation.status(now),
            "is_open": consultation.is_open(now),
            "section_prefix": SECTION_PREFIX,
            "objective_prefix": OBJECTIVE_PREFIX,
        },
    )


def _comment_form(request: HttpRequest, consultation: Consultation, data: object = None) -> CommentForm:
    return CommentForm(
        data,
        initial={"part": request.GET.get("part", "")},
        draft=draft_of(consultation),
        districts=District.objects.filter(area_id=consultation.version.plan.area_id),
        asks_agreement=consultation.asks_agreement,
        retention_days=consultation.retention_days,
        privacy_url=reverse("privacy"),
    )


def _not_open(request: HttpRequest, consultation: Consultation, *, posted: bool) -> HttpResponse:
    """Before opening or after closing: say so, and when. A post is refused (403), and
    what the person wrote is shown back to them to keep."""
    now = timezone.now()
    return render(
        request,
        "consultation/not_open.html",
        {
            "consultation": consultation,
            "status": consultation.status(now),
            "posted": posted,
            "opens_in": timeuntil(consultation.opens_at, now),
            "typed_text": request.POST.get("text", "").strip() if posted else "",
        },
        status=403 if posted else 200,
    )


def _wait_in_words(seconds: int) -> str:
    """45 seconds, 1 minute, 38 minutes, 1 hour and 5 minutes: rounded up, never "0"."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " and ".join(parts)


def _rate_limited(request: HttpRequest, consultation: Consultation, wait_seconds: int) -> HttpResponse:
    """Too many comments from this address: the form again, with what was typed in it,
    and when it can be sent (the end of the rate limit's window, not a guess)."""
    send_after = timezone.localtime(timezone.now() + timedelta(seconds=wait_seconds))
    form = _comment_form(request, consultation, request.POST)
    return render(
        request,
        "consultation/respond.html",
        {
            "consultation": consultation,
            "form": form,
            "refusal": {
                "title": "Your comment has not been sent yet",
                "reason": "A lot of comments have been sent from this network address in a short time.",
                "send_after": send_after,
                "wait": _wait_in_words(wait_seconds),
            },
        },
        status=429,
    )


@allow(PUBLIC)
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_for_comment(consultation_id)
    now = timezone.now()
    if request.method == "GET":
        if not consultation.is_open(now):
            return _not_open(request, consultation, posted=False)
        return render(
            request,
            "consultation/respond.html",
            {"consultation": consultation, "form": _comment_form(request, consultation)},
        )

    wait_seconds = comment_rate_wait(request)
    if wait_seconds is not None:
        return _rate_limited(request, consultation, wait_seconds)
    if not consultation.is_open(now):
        return _not_open(request, consultation, posted=True)
    form = _comment_form(request, consultation, request.POST)
    if form.is_spam_trap_filled:
        return render(request, "consultation/refused.html", {"consultation": consultation}, status=400)
    if form.is_valid():
        try:
            response = response_submit(
                consultation=consultation, answer=form.to_input(), now=now, network_address=client_ip(request)
            )
        except ConsultationNotOpenError:
            return _not_open(request, consultation, posted=True)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return redirect("consultation:sent", consultation_id=consultation.pk, reference=response.reference)
    return render(request, "consultation/respond.html", {"consultation": consultation, "form": form})


@allow(PUBLIC)
def sent(request: HttpRequest, consultation_id: int, reference: str) -> HttpResponse:
    consultation = consultation_for_public(consultation_id)
    exists = is_reference(reference) and consultation.responses.filter(reference=reference).exists()
    if not exists:
        return render(request, "404.html", status=404)
    return render(request, "consultation/sent.html", {"consultation": consultation, "reference": reference})


@allow(PUBLIC)
def published_comments(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_for_public(consultation_id)
    draft = draft_of(consultation)
    page, page_range = paginate(published_responses(consultation), request.GET.get("page"), PUBLISHED_PER_PAGE)
    comments = [
        {
            "reference": response.reference,
            "text": response.public_text,
            "part": draft.part_label(response.section_uid, response.objective_uid),
            "respondent_type": response.get_respondent_type_display(),
            "district": response.district.name if response.district_id else "",
            "received_at": response.received_at,
        }
        for response in page.object_list
    ]
    return render(
        request,
        "consultation/published_comments.html",
        {"consultation": consultation, "page": page, "page_range": page_range, "comments": comments},
    )
