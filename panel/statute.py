"""The Panel app's answer to the publish gate: has the statute been followed?

PRSR Act 2011 s5(6): before issuing a plan the Commissioner must consult the Chief
Constable, send the draft to the Panel, have regard to its report or recommendations, give
the Panel a response and publish it (s28(3)-(4)). Each function takes a plan and returns
`plans.evidence.Evidence` with the record behind it (link, date, person) or what is missing.
"""

from datetime import date, datetime

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from plans.evidence import Evidence
from plans.models import Plan

from .models import ChiefConstableComment, PanelReview, Recommendation
from .selectors import plan_reviews


def _name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _day(value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return date_format(value, "j F Y")


def chief_constable_consulted(plan: Plan) -> Evidence:
    comment = (
        ChiefConstableComment.objects.filter(version__plan=plan)
        .select_related("version", "recorded_by")
        .defer("version__content")
        .order_by("-recorded_on", "-pk")
        .first()
    )
    if comment is None:
        return Evidence(
            met=False,
            summary="The Chief Constable's comments on a draft of the plan have not been recorded.",
            missing=("Ask the Force liaison to record the Chief Constable's comments on a draft version.",),
        )
    return Evidence(
        met=True,
        summary=f"The Chief Constable's comments on {comment.version.label} were recorded, "
        f"dated {_day(comment.recorded_on)}.",
        url=reverse("panel:cc_version_detail", kwargs={"version_id": comment.version_id}),
        on=comment.recorded_on,
        by=_name(comment.recorded_by),
    )


def draft_sent_to_panel(plan: Plan) -> Evidence:
    review = (
        PanelReview.objects.filter(version__plan=plan)
        .select_related("version", "panel", "issued_by")
        .defer("version__content")
        .order_by("-issued_at", "-pk")
        .first()
    )
    if review is None:
        return Evidence(
            met=False,
            summary="No draft of the plan has been sent to the Police and Crime Panel.",
            missing=("Issue a draft version to the Police and Crime Panel.",),
        )
    return Evidence(
        met=True,
        summary=f"{review.version.label} was sent to the {review.panel.name} on {_day(review.issued_at)}.",
        url=review.get_absolute_url(),
        on=timezone.localdate(review.issued_at),
        by=_name(review.issued_by),
    )


def _describe(review: PanelReview, recommendation: Recommendation) -> str:
    return (
        f"{review.version.label}, recommendation {recommendation.number} by "
        f"{recommendation.author.display_name}: “{recommendation.short_text}”"
    )


def panel_recommendations_answered(plan: Plan) -> Evidence:
    """Met when every review of the plan has closed and every recommendation not withdrawn
    has the Commissioner's response (or the Panel made none). A review still open is never
    answered: the Panel can add recommendations until its deadline, and the statute asks the
    Commissioner to have regard to all of them (s5(6)(d), s28(4))."""
    reviews = list(plan_reviews(plan))
    if not reviews:
        return Evidence(
            met=False,
            summary="No draft has been sent to the Panel, so there are no recommendations to answer yet.",
            missing=("Issue a draft version to the Police and Crime Panel.",),
        )
    now = timezone.now()
    missing: list[str] = []
    answered = []
    for review in reviews:
        recommendations = review.live_recommendations  # type: ignore[attr-defined]  # Prefetch to_attr of plan_reviews
        if review.is_open(now):
            missing.append(
                f"The Panel can make recommendations on {review.version.label} until {_day(review.comments_deadline)}."
            )
        for recommendation in recommendations:
            response = getattr(recommendation, "response", None)
            if response is None:
                missing.append(_describe(review, recommendation))
            else:
                answered.append(response)
    if missing:
        return Evidence(
            met=False,
            summary=f"{len(missing)} of the Panel's recommendations or reviews still need a response.",
            url=reverse("panel:collated", kwargs={"review_id": reviews[-1].pk}),
            missing=tuple(missing),
        )
    if not answered:
        last = reviews[-1]
        return Evidence(
            met=True,
            summary="The Panel made no recommendations, and its deadline has passed.",
            url=last.get_absolute_url(),
            on=timezone.localdate(last.comments_deadline),
        )
    latest = max(answered, key=lambda r: r.recorded_at)
    return Evidence(
        met=True,
        summary=f"The Commissioner has responded to all {len(answered)} of the Panel's recommendations.",
        url=reverse("panel:collated", kwargs={"review_id": latest.recommendation.review_id}),
        on=timezone.localdate(latest.recorded_at),
        by=_name(latest.recorded_by),
    )


def panel_response_published(plan: Plan) -> Evidence:
    """Met when the response to every review the Panel made recommendations or a report on
    has been published."""
    reviews = list(plan_reviews(plan))
    if not reviews:
        return Evidence(
            met=False,
            summary="No draft has been sent to the Panel, so there is no response to publish yet.",
            missing=("Issue a draft version to the Police and Crime Panel.",),
        )
    now = timezone.now()
    missing = []
    published = []
    for review in reviews:
        publication = getattr(review, "publication", None)
        if publication is not None:
            published.append(publication)
            continue
        has_report = getattr(review, "report", None) is not None
        if review.live_recommendations or has_report:  # type: ignore[attr-defined]  # Prefetch to_attr of plan_reviews
            missing.append(f"Publish the response to the Panel's review of {review.version.label}.")
        elif review.is_open(now):
            missing.append(
                f"The Panel can make recommendations on {review.version.label} until {_day(review.comments_deadline)}."
            )
    if missing:
        return Evidence(
            met=False,
            summary="The response to the Panel has not been published.",
            url=reviews[-1].get_absolute_url(),
            missing=tuple(missing),
        )
    if not published:
        return Evidence(
            met=True,
            summary="The Panel made no recommendations and no report, so there is no response to publish.",
            url=reviews[-1].get_absolute_url(),
        )
    latest = max(published, key=lambda p: p.published_at)
    return Evidence(
        met=True,
        summary=f"The response to the Panel's review of {latest.review.version.label} was published on "
        f"{_day(latest.published_at)}.",
        url=latest.get_absolute_url(),
        on=timezone.localdate(latest.published_at),
        by=_name(latest.published_by),
    )
