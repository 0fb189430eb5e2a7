"""Your response, by reference: a respondent sees, downloads or deletes their own comment.

They give their reference and e-mail address; if the pair matches, a signed link that
expires in 24 hours goes to that address. The page answers the same whether or not it
matched, and tries are counted per network address, so nobody learns who commented."""

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pcplan.access import allow
from pcplan.roles import PUBLIC

from ..abuse import lookup_rate_wait
from ..forms import YourResponseForm
from ..models import Agreement, Response
from ..selectors import draft_of
from ..services import response_erase_by_respondent, your_response_from_token, your_response_request_link
from .public import _wait_in_words


@allow(PUBLIC)
@require_http_methods(["GET", "POST"])
def your_response_lookup(request: HttpRequest) -> HttpResponse:
    form = YourResponseForm(request.POST or None)
    if request.method == "POST":
        wait = lookup_rate_wait(request)
        if wait is not None:
            return render(
                request,
                "consultation/your_response_lookup.html",
                {"form": form, "wait": _wait_in_words(wait)},
                status=429,
            )
        if form.is_valid():
            your_response_request_link(reference=form.cleaned_data["reference"], email=form.cleaned_data["email"])
            # The same page whether or not the pair exists.
            return render(request, "consultation/your_response_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "consultation/your_response_lookup.html", {"form": form})


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "consultation/your_response_refused.html", status=403)


def _stored(response: Response) -> dict[str, object]:
    """The response as we hold it; a redacted comment as it was redacted."""
    draft = draft_of(response.consultation)
    levels = dict(Agreement.Level.choices)
    agreements = []
    for agreement in response.agreements.all():
        objective = draft.objective(agreement.objective_uid)
        agreements.append(
            {"priority": objective.title if objective else "A priority", "answer": levels[agreement.level]}
        )
    return {
        "reference": response.reference,
        "consultation": response.consultation.title,
        "received_at": timezone.localtime(response.received_at).isoformat(),
        "about": draft.part_label(response.section_uid, response.objective_uid),
        "comment": response.public_text if response.redacted_text else response.text,
        "redacted": bool(response.redacted_text),
        "respondent_type": response.get_respondent_type_display(),
        "district": response.district.name if response.district else "",
        "victim_of_crime": response.get_victim_display() if response.victim else "",
        "agreement": agreements,
        "name": response.name,
        "email": response.email,
        "may_publish_anonymously": response.may_publish_anonymously,
        "tell_me_what_happened": response.wants_outcome,
        "moderation": response.get_state_display(),
    }


@allow(PUBLIC)
@require_http_methods(["GET", "POST"])
def your_response(request: HttpRequest, token: str) -> HttpResponse:
    response = your_response_from_token(token)
    if response is None:
        return _refused(request)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                "consultation/your_response.html",
                {"response": response, "stored": _stored(response), "token": token, "confirm_error": True},
                status=400,
            )
        response = response_erase_by_respondent(response=response, now=timezone.now())
        return render(request, "consultation/your_response_deleted.html", {"response": response})
    if response.is_erased:
        return render(request, "consultation/your_response_deleted.html", {"response": response})
    return render(
        request, "consultation/your_response.html", {"response": response, "stored": _stored(response), "token": token}
    )


@allow(PUBLIC)
@require_GET
def your_response_json(request: HttpRequest, token: str) -> HttpResponse:
    response = your_response_from_token(token)
    if response is None or response.is_erased:
        return _refused(request)
    reply = HttpResponse(
        json.dumps(_stored(response), indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    reply["Content-Disposition"] = f'attachment; filename="{response.reference}.json"'
    reply["Cache-Control"] = "no-store"
    return reply
