"""The outcome report ("you said, we did"): staff draft it and link themes and comments to
the changes they led to; the public read it once the Publisher has published it (the
publishing app publishes it and renders its PDF); respondents can stop its e-mail."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from pcplan.access import allow
from pcplan.form_views import apply_service_error, expected_revision, refuse_stale_save
from pcplan.forms import add_revision_field
from pcplan.revisions import StaleSaveError
from pcplan.roles import EDITORS, PUBLIC, Role, roles_of
from pcplan.types import AuthenticatedHttpRequest
from plans.changes import later_changes

from ..forms import ChangeLinkForm, OutcomeSummaryForm, ThemeOutcomeForm
from ..models import ChangeLink, OutcomeReport, Theme
from ..outcome import outcome_of
from ..selectors import consultation_for_editing, consultation_for_public, response_for_editing
from ..services import (
    OutcomeAlreadyPublishedError,
    OutcomeNotReadyError,
    change_link_add,
    change_link_remove,
    outcome_save,
    outcome_unsubscribe,
    theme_outcome_save,
)

_REFUSALS = (OutcomeNotReadyError, OutcomeAlreadyPublishedError)


@allow(*EDITORS)
def outcome_manage(request: AuthenticatedHttpRequest, consultation_id: int) -> HttpResponse:
    """Draft the outcome report: its summary, and a page per theme; see it as the public
    will; publish it (the Publisher); follow the "what happened" e-mails."""
    consultation = consultation_for_editing(request.user, consultation_id)
    report = OutcomeReport.objects.filter(consultation=consultation).select_related("published_by").first()
    now = timezone.now()
    if request.method == "POST":
        form = OutcomeSummaryForm(request.POST)
        if form.is_valid():
            try:
                outcome_save(consultation=consultation, by=request.user, summary=form.cleaned_data["summary"], now=now)
            except _REFUSALS as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Summary saved.")
            return redirect("consultation:outcome_manage", consultation_id=consultation.pk)
    else:
        form = OutcomeSummaryForm(initial={"summary": report.summary if report else ""})
    return render(
        request,
        "consultation/outcome_manage.html",
        {
            "consultation": consultation,
            "report": report,
            "form": form,
            "outcome": outcome_of(consultation),
            "has_closed": consultation.has_closed(now),
            "is_publisher": Role.PUBLISHER in roles_of(request.user) or request.user.is_superuser,
        },
    )


@allow(*EDITORS)
def theme_outcome(request: AuthenticatedHttpRequest, consultation_id: int, theme_id: int) -> HttpResponse:
    consultation = consultation_for_editing(request.user, consultation_id)
    theme = get_object_or_404(Theme, pk=theme_id, consultation=consultation)
    now = timezone.now()
    changes = later_changes(consultation.version)
    form = ThemeOutcomeForm(initial={"people_said": theme.people_said, "we_did": theme.we_did})
    add_revision_field(form, theme)
    link_form = ChangeLinkForm(changes=changes)
    if request.method == "POST":
        try:
            if "change" in request.POST:
                link_form = ChangeLinkForm(request.POST, changes=changes)
                if link_form.is_valid():
                    change_link_add(
                        consultation=consultation,
                        by=request.user,
                        change_key=link_form.cleaned_data["change"],
                        theme=theme,
                        now=now,
                    )
                    messages.success(request, f"'{theme.name}' linked to the change.")
                    return redirect("consultation:theme_outcome", consultation_id=consultation.pk, theme_id=theme.pk)
            else:
                form = ThemeOutcomeForm(request.POST)
                add_revision_field(form, theme)
                if form.is_valid():
                    try:
                        theme_outcome_save(
                            theme=theme,
                            by=request.user,
                            people_said=form.cleaned_data["people_said"],
                            we_did=form.cleaned_data["we_did"],
                            now=now,
                            expected_revision=expected_revision(form),
                        )
                    except StaleSaveError as stale:
                        theirs = {"people_said": stale.current.people_said, "we_did": stale.current.we_did}
                        refuse_stale_save(form, stale, theirs=theirs, what="theme")
                    else:
                        messages.success(request, f"'{theme.name}' saved.")
                        return redirect("consultation:outcome_manage", consultation_id=consultation.pk)
        except _REFUSALS as error:
            messages.error(request, str(error))
            return redirect("consultation:outcome_manage", consultation_id=consultation.pk)
        except ValidationError as error:
            apply_service_error(link_form, error)
    outcome = outcome_of(consultation, charts=False)
    return render(
        request,
        "consultation/theme_outcome.html",
        {
            "consultation": consultation,
            "theme": theme,
            "theme_outcome": next((t for t in outcome.themes if t.pk == theme.pk), None),
            "form": form,
            "link_form": link_form,
            "links": ChangeLink.objects.filter(theme=theme).select_related("version"),
        },
    )


@allow(*EDITORS)
@require_POST
def response_link(request: AuthenticatedHttpRequest, response_id: int) -> HttpResponse:
    """Link one comment to the change it led to."""
    response = response_for_editing(request.user, response_id)
    form = ChangeLinkForm(request.POST, changes=later_changes(response.consultation.version))
    if not form.is_valid():
        messages.error(request, "Choose a part of the plan that changed in a later version.")
    else:
        try:
            change_link_add(
                consultation=response.consultation,
                by=request.user,
                change_key=form.cleaned_data["change"],
                response=response,
                now=timezone.now(),
            )
        except (*_REFUSALS, ValidationError) as error:
            messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, f"Response {response.reference} linked to the change.")
    return redirect(response.get_absolute_url() + "#changes")


@allow(*EDITORS)
@require_POST
def change_link_delete(request: AuthenticatedHttpRequest, link_id: int) -> HttpResponse:
    link = get_object_or_404(ChangeLink.objects.select_related("consultation", "version", "response"), pk=link_id)
    consultation = consultation_for_editing(request.user, link.consultation_id)
    if link.response is not None:
        back = link.response.get_absolute_url() + "#changes"
    else:
        back = reverse(
            "consultation:theme_outcome", kwargs={"consultation_id": consultation.pk, "theme_id": link.theme_id}
        )
    try:
        change_link_remove(link=link, by=request.user, now=timezone.now())
    except _REFUSALS as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Link removed.")
    return redirect(back)


# ---------------------------------------------------------------- public


@allow(PUBLIC)
def outcome_public(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_for_public(consultation_id)
    report = OutcomeReport.objects.filter(consultation=consultation, published_at__isnull=False).first()
    if report is None:
        raise Http404("The outcome of this consultation has not been published yet")
    return render(
        request, "consultation/outcome.html", {"consultation": consultation, "outcome": outcome_of(consultation)}
    )


@allow(PUBLIC)
@require_http_methods(["GET", "POST"])
def outcome_unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    """A GET only asks (mail scanners follow links); the button stops the e-mail."""
    if request.method == "POST":
        response = outcome_unsubscribe(token=token)
        if response is None:
            return render(request, "consultation/unsubscribe.html", {"invalid": True}, status=400)
        return render(request, "consultation/unsubscribe.html", {"done": True, "reference": response.reference})
    return render(request, "consultation/unsubscribe.html", {"token": token})
