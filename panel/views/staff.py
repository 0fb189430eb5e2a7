"""The OPCC's side of the review: issue a version to the Panel, export the collated
recommendations, record the Commissioner's responses, publish them."""

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods

from pcplan.access import allow
from pcplan.csv import safe_cell
from pcplan.form_views import apply_service_error, expected_revision, refuse_stale_save
from pcplan.forms import add_revision_field
from pcplan.revisions import StaleSaveError
from pcplan.roles import EDITORS, Role
from pcplan.types import AuthenticatedHttpRequest
from plans.selectors import plan_for_editing

from .. import selectors, services
from ..forms import DeadlineExtendForm, ResponseForm, ReviewCloseForm, ReviewIssueForm
from .common import refused


@require_http_methods(["GET", "POST"])
@allow(*EDITORS)
def review_issue(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    panel = selectors.panel_for_area(plan.area)
    if panel is None:
        return refused(
            request,
            title="There is no Panel to issue to",
            message=f"No Police and Crime Panel has been set up for {plan.area.name} yet. "
            "An administrator can add it, with its members, in the admin site.",
            back_url=reverse("panel:review_list"),
            back_text="Back to Panel reviews",
            status=200,
        )
    versions = plan.versions.exclude(panel_reviews__panel=panel).defer("content").order_by("-number")
    form = ReviewIssueForm(request.POST or None, versions=versions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = services.review_issue(
                version=data["version"],
                panel=panel,
                by=request.user,
                comments_deadline=data["comments_deadline"],
                meeting_date=data.get("meeting_date"),
                note=data.get("note", ""),
            )
        except ValidationError as error:
            apply_service_error(form, error, {"comments_deadline": "deadline_date"})
        else:
            messages.success(
                request,
                f"{review.version.label} has been issued to the {panel.name}. Every member is being sent an "
                "e-mail with a link to it.",
            )
            return redirect(review.get_absolute_url())
    return render(
        request,
        "panel/review_issue.html",
        {"form": form, "plan": plan, "panel": panel, "has_versions": versions.exists()},
    )


def _final(request: AuthenticatedHttpRequest, review: Any) -> HttpResponse:
    return refused(
        request,
        title="The review is final",
        message="The Commissioner's response to this review has been published, so its deadline can no longer change.",
        back_url=review.get_absolute_url(),
        back_text=f"Back to the Panel's review of {review.version.label}",
        status=403 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@allow(*EDITORS)
def review_extend(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    """Give the Panel longer to make its recommendations; every member is e-mailed."""
    review = selectors.review_for(request.user, review_id, editors_only=True).review
    if review.is_published:
        return _final(request, review)
    form = DeadlineExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.review_extend_deadline(
                review=review,
                by=request.user,
                new_deadline=form.cleaned_data["new_deadline"],
                reason=form.cleaned_data.get("reason", ""),
            )
        except ValidationError as error:
            apply_service_error(form, error, {"new_deadline": "deadline_date"})
        except services.AlreadyPublishedError:
            return _final(request, review)
        else:
            messages.success(
                request,
                f"The Panel can now make recommendations until {services.local_datetime(change.new_deadline)}. "
                "Every member is being sent an e-mail.",
            )
            return redirect(review.get_absolute_url())
    return render(request, "panel/review_deadline.html", {"form": form, "review": review, "closing": False})


@require_http_methods(["GET", "POST"])
@allow(*EDITORS)
def review_close(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    """End the review before its deadline; every member is e-mailed."""
    review = selectors.review_for(request.user, review_id, editors_only=True).review
    if review.is_published:
        return _final(request, review)
    if not review.is_open():
        # A second click, or a colleague who closed it first: nothing more to do.
        messages.info(request, f"The Panel's review of {review.version.label} closed on {review.deadline_text}.")
        return redirect(review.get_absolute_url())
    form = ReviewCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_close_early(review=review, by=request.user, reason=form.cleaned_data.get("reason", ""))
        except (services.ReviewClosedError, services.AlreadyPublishedError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"The Panel's review of {review.version.label} has closed. Every member is being sent an e-mail; "
                "you can now record the Commissioner's responses.",
            )
            return redirect(review.get_absolute_url())
    return render(request, "panel/review_deadline.html", {"form": form, "review": review, "closing": True})


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


@allow(*EDITORS)
def collated_csv(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    access = selectors.review_for(request.user, review_id, editors_only=True)
    review = access.review
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"panel-recommendations-{review.version.plan.slug}-{review.version.label}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark so Excel reads the file as UTF-8 (names, curly quotes, £).
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "Number",
            "Member",
            "Role on the Panel",
            "About",
            "Recommendation",
            "Submitted",
            "Last changed",
            "Response",
            "Reasons",
            "Changed in",
            "Response recorded",
            "Recorded by",
        ]
    )
    for recommendation in selectors.live_recommendations(review):
        answer = getattr(recommendation, "response", None)
        writer.writerow(
            [
                safe_cell(value)
                for value in [
                    recommendation.number,
                    recommendation.author.display_name,
                    recommendation.author.get_role_display(),
                    recommendation.target_label,
                    recommendation.text,
                    _when(recommendation.submitted_at),
                    _when(recommendation.updated_at),
                    answer.get_outcome_display() if answer else "No response yet",
                    answer.reasons if answer else "",
                    f"{answer.changed_version.label}: {answer.changed_title}" if answer and answer.has_change else "",
                    _when(answer.recorded_at) if answer else "",
                    (answer.recorded_by.get_full_name() or answer.recorded_by.get_username()) if answer else "",
                ]
            ]
        )
    return response


@require_http_methods(["GET", "POST"])
@allow(*EDITORS)
def response_record(request: AuthenticatedHttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = selectors.recommendation_for_editor(request.user, recommendation_id)
    review = recommendation.review
    collated_url = (
        reverse("panel:collated", kwargs={"review_id": review.pk}) + f"#recommendation-{recommendation.number}"
    )
    existing = getattr(recommendation, "response", None)
    problem = None
    if recommendation.is_withdrawn:
        problem = ("This recommendation was withdrawn", "The member withdrew it, so it needs no response.")
    elif not review.accepts_responses():
        problem = (
            "The Panel's review is still open",
            f"Members can change their recommendations until {review.deadline_text}. "
            "Record the Commissioner's responses after that, or once the chair has submitted the Panel's report.",
        )
    elif getattr(review, "publication", None) is not None and existing is not None:
        problem = ("The response has been published", "A published response can no longer be changed.")
    if problem is not None:
        return refused(
            request,
            title=problem[0],
            message=problem[1],
            back_url=collated_url,
            back_text="Back to the collated recommendations",
            status=403 if request.method == "POST" else 200,
        )
    form = ResponseForm(
        request.POST or None, changes=services.change_choices(review), initial=ResponseForm.initial_for(existing)
    )
    add_revision_field(form, existing)
    if request.method == "POST" and form.is_valid():
        changed_version, changed_kind, changed_uid = form.changed
        try:
            services.response_record(
                recommendation=recommendation,
                outcome=form.cleaned_data["outcome"],
                reasons=form.cleaned_data.get("reasons", ""),
                changed_version=changed_version,
                changed_kind=changed_kind,
                changed_uid=changed_uid,
                by=request.user,
                expected_revision=expected_revision(form),
            )
        except StaleSaveError as stale:
            theirs = ResponseForm.initial_for(stale.current)
            refuse_stale_save(form, stale, theirs=theirs, what="response")
        except ValidationError as error:
            apply_service_error(form, error)
        except (services.AlreadyPublishedError, services.ReviewStillOpenError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The response to recommendation {recommendation.number} has been saved.")
            return redirect(collated_url)
    return render(
        request,
        "panel/response_form.html",
        {"form": form, "recommendation": recommendation, "review": review, "collated_url": collated_url},
    )


@require_http_methods(["GET", "POST"])
@allow(Role.PUBLISHER)
def response_publish(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    access = selectors.review_for(request.user, review_id, editors_only=True)
    review = access.review
    publication = getattr(review, "publication", None)
    if publication is not None:
        published_on = date_format(timezone.localtime(publication.published_at), "j F Y")
        messages.info(request, f"The response was published on {published_on}.")
        return redirect(publication.get_absolute_url())
    recommendations = list(selectors.live_recommendations(review))
    unanswered = [r for r in recommendations if getattr(r, "response", None) is None]
    is_open = review.is_open()
    if request.method == "POST":
        try:
            publication = services.response_publish(review=review, by=request.user)
        except (services.ReviewStillOpenError, services.AlreadyPublishedError) as error:
            messages.error(request, str(error))
            return redirect(reverse("panel:response_publish", kwargs={"review_id": review.pk}))
        messages.success(request, "The Commissioner's response to the Panel has been published.")
        return redirect(publication.get_absolute_url())
    return render(
        request,
        "panel/response_publish.html",
        {
            "review": review,
            "total": len(recommendations),
            "unanswered": unanswered,
            "is_open": is_open,
            "report": getattr(review, "report", None),
        },
    )
