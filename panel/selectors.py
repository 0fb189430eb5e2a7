"""Reads the Panel's pages share, and who may see a review.

A review is seen by the editors (staff, publisher) of its police area and by the members
of the Panel it was issued to; nobody else. A Panel member reads a review if they serve on
the Panel now, or served on it when the review was issued.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from pcplan.roles import EDITORS, Role, roles_of
from pcplan.types import AnyUser
from plans.models import Plan, PoliceArea, Version
from plans.selectors import user_area

from .models import ChiefConstableComment, Panel, PanelMember, PanelReport, PanelReview, Recommendation


@dataclass(frozen=True)
class ReviewAccess:
    """A review and how the person reading it relates to it."""

    review: PanelReview
    # The reader's membership of the Panel, when they are a member (None for staff).
    member: PanelMember | None
    is_editor: bool

    @property
    def is_chair(self) -> bool:
        return self.member is not None and self.member.role == PanelMember.Role.CHAIR


def panel_for_area(area: PoliceArea) -> Panel | None:
    return Panel.objects.filter(area=area).first()


def current_membership(user: AnyUser, panel: Panel, *, on: date | None = None) -> PanelMember | None:
    """The user's membership of the Panel on a day (today by default), chair first."""
    if not user.is_authenticated or Role.PANEL not in roles_of(user):
        return None
    day = on or timezone.localdate()
    return (
        PanelMember.objects.serving_on(day)
        .filter(panel=panel, user=user)
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )


def _member_for_review(user: AnyUser, review: PanelReview) -> PanelMember | None:
    if not user.is_authenticated or Role.PANEL not in roles_of(user):
        return None
    today = timezone.localdate()
    issued = timezone.localdate(review.issued_at)
    return (
        PanelMember.objects.filter(panel_id=review.panel_id, user=user, term_starts_on__lte=today)
        .filter(Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=min(issued, today)))
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )


def _reviews() -> QuerySet[PanelReview]:
    # The version's content is only parsed on the pages that show it.
    return PanelReview.objects.select_related(
        "panel__area", "version__plan", "issued_by", "publication", "report__submitted_by__user"
    ).defer("version__content")


def review_for(
    user: AnyUser, review_id: int, *, editors_only: bool = False, with_content: bool = False
) -> ReviewAccess:
    """The review, if this user may read it: 404 when there is no such review, 403 when it
    belongs to another area or Panel."""
    queryset = _reviews()
    if with_content:
        queryset = queryset.defer(None)
    review = queryset.filter(pk=review_id).first()
    if review is None:
        raise Http404("No such review")
    roles = roles_of(user)
    if roles & EDITORS and user_area(user) == review.panel.area:
        return ReviewAccess(review=review, member=None, is_editor=True)
    if not editors_only:
        member = _member_for_review(user, review)
        if member is not None:
            return ReviewAccess(review=review, member=member, is_editor=False)
    raise PermissionDenied("This review was issued to another Panel.")


def reviews_visible_to(user: AnyUser) -> QuerySet[PanelReview]:
    roles = roles_of(user)
    queryset = _reviews().annotate(
        recommendation_count=Count("recommendations", filter=Q(recommendations__withdrawn_at__isnull=True))
    )
    if roles & EDITORS:
        area = user_area(user)
        return queryset.filter(panel__area=area) if area else queryset.none()
    if Role.PANEL in roles and user.is_authenticated:
        today = timezone.localdate()
        # The same rule as review_for: serving now, or serving when the review was issued.
        served = PanelMember.objects.filter(panel=OuterRef("panel"), user=user, term_starts_on__lte=today).filter(
            Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=today) | Q(term_ends_on__gte=OuterRef("issued_on"))
        )
        return queryset.annotate(issued_on=TruncDate("issued_at")).filter(Exists(served))
    return queryset.none()


@dataclass(frozen=True)
class MemberHome:
    """What a Panel member's home page lists: the reviews open to them with their
    deadlines, every draft issued to them, and what they have submitted."""

    open_reviews: list[PanelReview]
    reviews: list[PanelReview]
    recommendations: list[Recommendation]
    reports: list[PanelReport]


def member_home(user: AnyUser) -> MemberHome:
    """Four queries, whatever the member has done."""
    now = timezone.now()
    if user.pk is None:
        return MemberHome(open_reviews=[], reviews=[], recommendations=[], reports=[])
    reviews = list(reviews_visible_to(user).order_by("-issued_at", "-pk"))
    recommendations = list(
        Recommendation.objects.filter(author__user_id=user.pk, review__in=[r.pk for r in reviews])
        .select_related("review__version__plan", "review__publication", "response")
        .defer("review__version__content")
        .order_by("-submitted_at", "-pk")
    )
    reports = list(
        PanelReport.objects.filter(submitted_by__user_id=user.pk, review__in=[r.pk for r in reviews])
        .select_related("review__version__plan")
        .defer("review__version__content")
        .order_by("-submitted_at")
    )
    return MemberHome(
        open_reviews=sorted((r for r in reviews if r.is_open(now)), key=lambda r: r.comments_deadline),
        reviews=reviews,
        recommendations=recommendations,
        reports=reports,
    )


def live_recommendations(review: PanelReview) -> QuerySet[Recommendation]:
    """The recommendations not withdrawn, with their authors and responses, in number order."""
    return (
        review.recommendations.filter(withdrawn_at__isnull=True)
        .select_related("author__user", "response__recorded_by", "response__changed_version")
        # A version's content is loaded once per page by ChangeRenderer, not once per row.
        .defer("response__changed_version__content")
        .order_by("number")
    )


def recommendations_of_member(review: PanelReview, member: PanelMember) -> QuerySet[Recommendation]:
    """A member's own recommendations on a review, withdrawn ones too."""
    return (
        review.recommendations.filter(author__user_id=member.user_id)
        .select_related("author__user", "response")
        .order_by("number")
    )


def recommendation_for_member(user: AnyUser, recommendation_id: int) -> tuple[Recommendation, PanelMember]:
    """The recommendation, if this user wrote it: a member never touches another's."""
    recommendation = (
        Recommendation.objects.select_related("review__panel__area", "review__version__plan", "author__user")
        .defer("review__version__content")
        .filter(pk=recommendation_id)
        .first()
    )
    if recommendation is None:
        raise Http404("No such recommendation")
    if recommendation.author.user_id != getattr(user, "pk", None):
        raise PermissionDenied("Only the member who made a recommendation can change it.")
    member = current_membership(user, recommendation.review.panel)
    if member is None:
        raise PermissionDenied("You are not serving on the Panel at the moment.")
    return recommendation, member


def recommendation_for_editor(user: AnyUser, recommendation_id: int) -> Recommendation:
    recommendation = (
        Recommendation.objects.select_related(
            "review__panel__area",
            "review__version__plan",
            "review__publication",
            "author__user",
            "response__changed_version",
        )
        .filter(pk=recommendation_id)
        .first()
    )
    if recommendation is None:
        raise Http404("No such recommendation")
    if not (roles_of(user) & EDITORS) or user_area(user) != recommendation.review.panel.area:
        raise PermissionDenied("This recommendation was made to another police area.")
    return recommendation


def previous_review(review: PanelReview) -> PanelReview | None:
    """The review of the version issued to the same Panel before this one."""
    return (
        PanelReview.objects.filter(
            panel_id=review.panel_id,
            version__plan_id=review.version.plan_id,
            version__number__lt=review.version.number,
        )
        .select_related("version")
        .order_by("-version__number")
        .first()
    )


def later_versions(review: PanelReview) -> QuerySet[Version]:
    """The versions of the plan cut after the one the Panel reviewed: where a change can be."""
    return Version.objects.filter(plan_id=review.version.plan_id, number__gt=review.version.number).order_by("number")


def published_reviews() -> QuerySet[PanelReview]:
    return (
        PanelReview.objects.filter(publication__isnull=False)
        .select_related("panel__area", "version__plan", "publication")
        .defer("version__content")
        .annotate(recommendation_count=Count("recommendations", filter=Q(recommendations__withdrawn_at__isnull=True)))
        .order_by("-publication__published_at")
    )


def published_review(review_id: int) -> PanelReview:
    review = (
        PanelReview.objects.filter(pk=review_id, publication__isnull=False)
        .select_related("panel__area", "version__plan", "publication", "report__submitted_by__user")
        .first()
    )
    if review is None:
        raise Http404("No published response")
    return review


def versions_for_consultation(user: AnyUser) -> QuerySet[Version]:
    """Versions of the user's area's plans with the Chief Constable's comments on each:
    the Force liaison sees only the comments they recorded, staff see them all."""
    area = user_area(user)
    if area is None or not user.is_authenticated:
        return Version.objects.none()
    comments = ChiefConstableComment.objects.select_related("recorded_by").order_by("recorded_on", "pk")
    if not (roles_of(user) & EDITORS):
        comments = comments.filter(recorded_by=user)
    return (
        Version.objects.filter(plan__area=area)
        .select_related("plan", "cut_by")
        .defer("content")
        .prefetch_related(Prefetch("chief_constable_comments", queryset=comments, to_attr="visible_comments"))
        .order_by("plan__title", "plan_id", "-number")
    )


def version_for_consultation(user: AnyUser, version_id: int) -> Version:
    version = Version.objects.select_related("plan__area", "cut_by").filter(pk=version_id).first()
    if version is None:
        raise Http404("No such version")
    if user_area(user) != version.plan.area:
        raise PermissionDenied("This version belongs to another police area.")
    return version


def plan_reviews(plan: Plan) -> QuerySet[PanelReview]:
    """Every review of a plan, oldest version first, with what the statute checks need."""
    return (
        PanelReview.objects.filter(version__plan=plan)
        .select_related("version", "issued_by", "publication__published_by", "report")
        .defer("version__content")
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.filter(withdrawn_at__isnull=True)
                .select_related("author__user", "response__recorded_by")
                .order_by("number"),
                to_attr="live_recommendations",
            )
        )
        .order_by("version__number", "pk")
    )
