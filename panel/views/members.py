"""Pages of a review: read by the Panel's members and by the OPCC's staff; members make
their recommendations here and the chair submits the Panel's report."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pcplan.access import allow
from pcplan.form_views import apply_service_error, expected_revision, refuse_stale_save
from pcplan.forms import add_revision_field
from pcplan.revisions import StaleSaveError
from pcplan.roles import EDITORS, Role, roles_of
from pcplan.types import AuthenticatedHttpRequest
from plans.diff import compare_contents
from plans.findings import findings_for
from plans.models import Plan
from plans.selectors import user_area
from plans.snapshot import PlanContent
from plans.word.views import docx_response

from .. import selectors, services
from ..changes import ChangeRenderer
from ..forms import RecommendationForm, ReportForm
from ..models import ChiefConstableComment, PanelMember, PanelReview, Recommendation
from .common import refused

READERS = EDITORS | {Role.PANEL}


@allow(*READERS)
def review_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    is_editor = bool(roles_of(request.user) & EDITORS)
    context: dict[str, Any] = {
        "reviews": list(selectors.reviews_visible_to(request.user)),
        "is_editor": is_editor,
    }
    if is_editor:
        area = user_area(request.user)
        context["panel"] = selectors.panel_for_area(area) if area else None
        context["plans"] = (
            Plan.objects.filter(area=area).annotate(version_count=Count("versions")).order_by("-starts_on")
            if area
            else []
        )
    return render(request, "panel/review_list.html", context)


@allow(*READERS)
def review_detail(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    access = selectors.review_for(request.user, review_id)
    review = access.review
    context: dict[str, Any] = {
        "access": access,
        "review": review,
        "plan": review.version.plan,
        "is_open": review.is_open(),
        "accepts_responses": review.accepts_responses(),
        "deadline": review.deadline_text,
        "report": getattr(review, "report", None),
        "publication": getattr(review, "publication", None),
        "is_publisher": Role.PUBLISHER in roles_of(request.user),
        "deadline_changes": list(review.deadline_changes.select_related("changed_by").order_by("changed_at", "pk")),
        # The consultation's findings, sent with the draft (aggregates only).
        "findings": findings_for(review.version),
    }
    counts = review.recommendations.aggregate(
        live=Count("pk", filter=Q(withdrawn_at__isnull=True)),
        answered=Count("pk", filter=Q(withdrawn_at__isnull=True, response__isnull=False)),
    )
    context["counts"] = counts
    if access.member is not None:
        context["my_recommendations"] = list(selectors.recommendations_of_member(review, access.member))
    if access.is_editor:
        context["chief_constable_comments"] = list(
            ChiefConstableComment.objects.filter(version_id=review.version_id)
            .select_related("recorded_by")
            .order_by("recorded_on", "pk")
        )
    return render(request, "panel/review_detail.html", context)


@allow(*READERS)
def review_version(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    access = selectors.review_for(request.user, review_id, with_content=True)
    review = access.review
    return render(
        request,
        "panel/review_version.html",
        {
            "access": access,
            "review": review,
            "content": PlanContent.from_json(review.version.content),
            "is_open": review.is_open(),
            # Members reading an open review get a link beside each part to recommend on it.
            "recommend_url": (
                reverse("panel:recommendation_create", kwargs={"review_id": review.pk})
                if access.member is not None and review.is_open()
                else ""
            ),
        },
    )


@allow(*READERS)
def review_word(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    """The version issued to the Panel as a Word document, for the Panel's papers."""
    review = selectors.review_for(request.user, review_id, with_content=True).review
    version = review.version
    return docx_response(
        PlanContent.from_json(version.content),
        label=f"draft {version.label}, issued to the {review.panel.name} on {review.issued_at:%-d %B %Y}",
        filename=f"{version.plan.slug}-{version.label}.docx",
    )


@allow(*READERS)
def review_compare(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    access = selectors.review_for(request.user, review_id, with_content=True)
    review = access.review
    previous = selectors.previous_review(review)
    comparison = None
    if previous is not None:
        comparison = compare_contents(
            PlanContent.from_json(previous.version.content), PlanContent.from_json(review.version.content)
        )
    return render(
        request,
        "panel/review_compare.html",
        {"access": access, "review": review, "previous": previous, "comparison": comparison},
    )


def _group_by_target(content: PlanContent, recommendations: list[Recommendation]) -> list[dict[str, Any]]:
    """Recommendations under the part of the plan they are about, in the plan's own order."""
    order: dict[tuple[str, str], int] = {("plan", ""): 0}
    for i, section in enumerate(content.sections, start=1):
        order[("section", section.uid)] = i
    for i, objective in enumerate(content.objectives, start=len(order) + 1):
        order[("objective", objective.uid)] = i
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for recommendation in recommendations:
        key = (recommendation.target, recommendation.target_uid)
        if key not in groups:
            groups[key] = {"heading": recommendation.target_label, "items": []}
        groups[key]["items"].append(recommendation)
    return [groups[key] for key in sorted(groups, key=lambda k: (order.get(k, len(order) + 1), k[1]))]


@allow(*READERS)
def collated(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    """Every recommendation on one page, grouped by the part of the plan it is about:
    "comments collated and circulated". Printable; staff also export it as CSV."""
    access = selectors.review_for(request.user, review_id, with_content=True)
    review = access.review
    recommendations = list(selectors.live_recommendations(review))
    publication = getattr(review, "publication", None)
    # Members see the Commissioner's responses once they are published; staff as they are drafted.
    show_responses = access.is_editor or publication is not None
    renderer = ChangeRenderer(review.version)
    if show_responses:
        renderer.load(getattr(r, "response", None) for r in recommendations)
        for recommendation in recommendations:
            # change is for the page only; Recommendation does not declare it, hence the ignore.
            recommendation.change = renderer.change(  # type: ignore[attr-defined]
                getattr(recommendation, "response", None), for_staff=access.is_editor
            )
    withdrawn = review.recommendations.filter(withdrawn_at__isnull=False).count()
    return render(
        request,
        "panel/collated.html",
        {
            "access": access,
            "review": review,
            "groups": _group_by_target(PlanContent.from_json(review.version.content), recommendations),
            "total": len(recommendations),
            "answered": sum(1 for r in recommendations if getattr(r, "response", None) is not None),
            "withdrawn": withdrawn,
            "show_responses": show_responses,
            "publication": publication,
            "is_open": review.is_open(),
            "can_respond": access.is_editor and publication is None and review.accepts_responses(),
        },
    )


def _serving_member(request: HttpRequest, review: PanelReview) -> PanelMember:
    member = selectors.current_membership(request.user, review.panel)
    if member is None:
        raise PermissionDenied("Only members serving on the Panel can make recommendations.")
    return member


def _answered(request: HttpRequest, recommendation: Recommendation, *, status: int) -> HttpResponse:
    review = recommendation.review
    return refused(
        request,
        title="The Commissioner has responded to this recommendation",
        message=f"The Commissioner's response to recommendation {recommendation.number} has been recorded, so it can "
        "no longer be changed or withdrawn. Make a new recommendation instead while the review is open.",
        back_url=review.get_absolute_url(),
        back_text=f"Back to the Panel's review of {review.version.label}",
        status=status,
    )


def _closed(request: HttpRequest, review: PanelReview, *, status: int) -> HttpResponse:
    return refused(
        request,
        title="Recommendations have closed",
        message=f"The Panel's recommendations on {review.version.label} of the {review.version.plan.title} "
        f"closed on {review.deadline_text}. Nothing you sent after then has been saved.",
        back_url=review.get_absolute_url(),
        back_text=f"Back to the Panel's review of {review.version.label}",
        status=status,
    )


@require_http_methods(["GET", "POST"])
@allow(Role.PANEL)
def recommendation_create(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    access = selectors.review_for(request.user, review_id, with_content=True)
    review = access.review
    member = _serving_member(request, review)
    if not review.is_open():
        return _closed(request, review, status=403 if request.method == "POST" else 200)
    content = PlanContent.from_json(review.version.content)
    form = RecommendationForm(request.POST or None, content=content, initial={"target": request.GET.get("about", "")})
    if request.method == "POST" and form.is_valid():
        target, target_uid = form.target_parts
        try:
            recommendation = services.recommendation_submit(
                review=review, member=member, text=form.cleaned_data["text"], target=target, target_uid=target_uid
            )
        except services.ReviewClosedError:
            return _closed(request, review, status=403)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                f"Recommendation {recommendation.number} saved. "
                f"You can change or withdraw it until {review.deadline_text}.",
            )
            return redirect(review.get_absolute_url() + "#your-recommendations")
    return render(
        request,
        "panel/recommendation_form.html",
        {"form": form, "review": review, "deadline": review.deadline_text, "recommendation": None},
    )


@require_http_methods(["GET", "POST"])
@allow(Role.PANEL)
def recommendation_edit(request: AuthenticatedHttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation, member = selectors.recommendation_for_member(request.user, recommendation_id)
    review = recommendation.review
    if not review.is_open():
        return _closed(request, review, status=403 if request.method == "POST" else 200)
    if hasattr(recommendation, "response"):
        return _answered(request, recommendation, status=403 if request.method == "POST" else 200)
    if recommendation.is_withdrawn:
        return refused(
            request,
            title="This recommendation was withdrawn",
            message=f"You withdrew recommendation {recommendation.number}, so it can no longer be changed. "
            "Make a new recommendation instead.",
            back_url=review.get_absolute_url(),
            back_text=f"Back to the Panel's review of {review.version.label}",
            status=403 if request.method == "POST" else 200,
        )
    content = PlanContent.from_json(review.version.content)
    form = RecommendationForm(
        request.POST or None, content=content, initial=RecommendationForm.initial_for(recommendation)
    )
    add_revision_field(form, recommendation)
    if request.method == "POST" and form.is_valid():
        target, target_uid = form.target_parts
        try:
            services.recommendation_update(
                recommendation=recommendation,
                member=member,
                text=form.cleaned_data["text"],
                target=target,
                target_uid=target_uid,
                expected_revision=expected_revision(form),
            )
        except StaleSaveError as stale:
            theirs = RecommendationForm.initial_for(stale.current)
            refuse_stale_save(form, stale, theirs=theirs, what="recommendation")
        except services.ReviewClosedError:
            return _closed(request, review, status=403)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Recommendation {recommendation.number} updated.")
            return redirect(review.get_absolute_url() + "#your-recommendations")
    return render(
        request,
        "panel/recommendation_form.html",
        {"form": form, "review": review, "deadline": review.deadline_text, "recommendation": recommendation},
    )


@require_http_methods(["GET", "POST"])
@allow(Role.PANEL)
def recommendation_withdraw(request: AuthenticatedHttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation, member = selectors.recommendation_for_member(request.user, recommendation_id)
    review = recommendation.review
    if not review.is_open():
        return _closed(request, review, status=403 if request.method == "POST" else 200)
    if recommendation.is_withdrawn:
        messages.info(request, f"Recommendation {recommendation.number} was already withdrawn.")
        return redirect(review.get_absolute_url() + "#your-recommendations")
    if hasattr(recommendation, "response"):
        return _answered(request, recommendation, status=403 if request.method == "POST" else 200)
    if request.method == "POST":
        try:
            services.recommendation_withdraw(recommendation=recommendation, member=member)
        except services.ReviewClosedError:
            return _closed(request, review, status=403)
        except ValidationError:
            return _answered(request, recommendation, status=403)
        messages.success(request, f"Recommendation {recommendation.number} withdrawn.")
        return redirect(review.get_absolute_url() + "#your-recommendations")
    return render(request, "panel/recommendation_withdraw.html", {"recommendation": recommendation, "review": review})


@require_http_methods(["GET", "POST"])
@allow(Role.PANEL)
def report_submit(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    access = selectors.review_for(request.user, review_id)
    review = access.review
    member = selectors.current_membership(request.user, review.panel)
    if member is None or member.role != PanelMember.Role.CHAIR:
        raise PermissionDenied("Only the chair of the Panel can submit the Panel's report.")
    report = getattr(review, "report", None)
    if getattr(review, "publication", None) is not None:
        return refused(
            request,
            title="The report is final",
            message="The Commissioner's response to this review has been published, so the Panel's report "
            "can no longer be changed.",
            back_url=review.get_absolute_url(),
            back_text=f"Back to the Panel's review of {review.version.label}",
            status=403 if request.method == "POST" else 200,
        )
    has_attachment = bool(report and report.attachment)
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        has_attachment=has_attachment,
        initial={"text": report.text if report else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(
                review=review,
                member=member,
                text=form.cleaned_data["text"],
                attachment=form.cleaned_data.get("attachment"),
                remove_attachment=form.cleaned_data.get("remove_attachment", False),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        except services.AlreadyPublishedError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The Panel's report has been submitted.")
            return redirect(review.get_absolute_url() + "#report")
    return render(request, "panel/report_form.html", {"form": form, "review": review, "report": report})


def _pdf_download(report: Any) -> FileResponse:
    if report is None or not report.attachment:
        raise Http404("No attachment")
    try:
        handle = report.attachment.open("rb")
    except FileNotFoundError as error:
        raise Http404("The attachment is missing") from error
    # Always a download of a PDF, never shown inline: whatever is inside is not our page.
    return FileResponse(
        handle, as_attachment=True, filename=report.attachment_name or "report.pdf", content_type="application/pdf"
    )


@allow(*READERS)
def report_attachment(request: AuthenticatedHttpRequest, review_id: int) -> FileResponse:
    access = selectors.review_for(request.user, review_id)
    return _pdf_download(getattr(access.review, "report", None))
