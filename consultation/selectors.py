"""Reads that consultation pages share, and who may see which consultation's staff pages."""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from pcplan.types import AnyUser
from plans.models import PoliceArea, Version
from plans.selectors import plan_for_editing, user_area
from plans.snapshot import ObjectiveContent, PlanContent, SectionContent

from .models import Consultation, ModerationAction, Response
from .references import is_reference, normalise_reference

# ---------------------------------------------------------------- the draft


@dataclass(frozen=True)
class Draft:
    """A consultation's version, parsed once: its sections and priorities by uid."""

    content: PlanContent
    sections: tuple[SectionContent, ...]
    priorities: tuple[ObjectiveContent, ...]

    def section(self, uid: UUID | str | None) -> SectionContent | None:
        return self.content.section(str(uid)) if uid else None

    def objective(self, uid: UUID | str | None) -> ObjectiveContent | None:
        return self.content.objective(str(uid)) if uid else None

    @property
    def agreement_priorities(self) -> tuple[ObjectiveContent, ...]:
        """The force-wide priorities everyone is asked about; District ones are local."""
        return tuple(o for o in self.priorities if o.district is None)

    def part_label(self, section_uid: UUID | str | None, objective_uid: UUID | str | None) -> str:
        section = self.section(section_uid)
        if section is not None:
            return section.title
        objective = self.objective(objective_uid)
        if objective is not None:
            return f"Priority: {objective.title}"
        return "The draft as a whole"


@lru_cache(maxsize=64)
def _draft(version_id: int, content_hash: str) -> Draft:
    # A cut version never changes (plans.models.Version), so its parsed form can be kept
    # for the life of the process; the hash in the key guards against a reused id in tests.
    version = Version.objects.only("content").get(pk=version_id)
    content = PlanContent.from_json(version.content)
    return Draft(
        content=content,
        sections=tuple(s for s in content.sections if not s.is_empty),
        priorities=content.objectives,
    )


def draft_of_version(version: Version) -> Draft:
    return _draft(version.pk, version.content_hash)


def draft_of(consultation: Consultation) -> Draft:
    return draft_of_version(consultation.version)


# ---------------------------------------------------------------- consultations


def _with_version(queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
    # The snapshot JSON is read through `draft_of`, which caches it; list pages never need it.
    return queryset.select_related("version__plan__area").defer("version__content")


def consultation_for_public(consultation_id: int) -> Consultation:
    consultation = _with_version(Consultation.objects.filter(pk=consultation_id)).first()
    if consultation is None:
        raise Http404("No such consultation")
    return consultation


def consultation_for_comment(consultation_id: int) -> Consultation:
    """Just what the comment form needs, in one narrow query: this runs on every post, and
    compiling a wide select_related costs more CPU than the insert."""
    consultation = (
        Consultation.objects.select_related("version__plan")
        .only(
            "title",
            "opens_at",
            "closes_at",
            "asks_agreement",
            "retention_days",
            "version__number",
            "version__content_hash",
            "version__plan__area_id",
        )
        .filter(pk=consultation_id)
        .order_by()
        .first()
    )
    if consultation is None:
        raise Http404("No such consultation")
    return consultation


@dataclass(frozen=True)
class PublicListing:
    open: list[Consultation]
    upcoming: list[Consultation]
    closed: list[Consultation]


def consultations_listed(now: datetime, closed_limit: int = 10) -> PublicListing:
    base = _with_version(Consultation.objects.all())
    return PublicListing(
        open=list(base.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")),
        upcoming=list(base.filter(opens_at__gt=now).order_by("opens_at")),
        closed=list(base.filter(closes_at__lte=now).order_by("-closes_at")[:closed_limit]),
    )


def consultation_for_editing(user: AnyUser, consultation_id: int) -> Consultation:
    """The consultation, if this user may run it: an editor of its plan's area."""
    consultation = _with_version(Consultation.objects.filter(pk=consultation_id)).first()
    if consultation is None:
        raise Http404("No such consultation")
    plan_for_editing(user, consultation.version.plan_id)
    return consultation


def response_for_editing(user: AnyUser, response_id: int) -> Response:
    response = (
        Response.objects.select_related("district", "moderated_by", "consultation")
        .prefetch_related("themes", "agreements")
        .filter(pk=response_id)
        .first()
    )
    if response is None:
        raise Http404("No such response")
    response.consultation = consultation_for_editing(user, response.consultation_id)
    return response


def consultations_for_staff(area: PoliceArea | None) -> QuerySet[Consultation]:
    if area is None:
        return Consultation.objects.none()
    return (
        _with_version(Consultation.objects.filter(version__plan__area=area))
        .annotate(
            responses_count=Count("responses"),
            new_count=Count("responses", filter=Q(responses__state=Response.State.NEW)),
        )
        .order_by("-opens_at", "pk")
    )


def staff_area(user: AnyUser) -> PoliceArea | None:
    return user_area(user)


# ---------------------------------------------------------------- responses


def published_responses(consultation: Consultation) -> QuerySet[Response]:
    """What the public may read: published or redacted comments whose authors allowed it.
    Names and addresses are never part of it."""
    return (
        consultation.responses.filter(
            state__in=[Response.State.PUBLISHED, Response.State.REDACTED],
            may_publish_anonymously=True,
            erased_at__isnull=True,
        )
        .select_related("district")
        .only(
            "reference",
            "text",
            "redacted_text",
            "state",
            "section_uid",
            "objective_uid",
            "respondent_type",
            "district__name",
            "received_at",
        )
        .order_by("-received_at", "-pk")
    )


def responses_with_email(area: PoliceArea, email: str) -> QuerySet[Response]:
    """Every response given with this e-mail address to a consultation of this area,
    whatever its case, for a subject access or erasure request."""
    # Compared in lower case, as the functional index response_email_lower is built.
    return (
        Response.objects.alias(email_lower=Lower("email"))
        .filter(consultation__version__plan__area=area, email_lower=email.strip().lower())
        .select_related("consultation", "district")
        .prefetch_related("agreements")
        .order_by("received_at", "pk")
    )


def responses_of_person(area: PoliceArea, email_or_reference: str) -> QuerySet[Response]:
    """A respondent's responses to this area's consultations, found by the e-mail address
    they gave or by the reference number they were given (as the confirmation page says)."""
    reference = normalise_reference(email_or_reference)
    if is_reference(reference):
        return (
            Response.objects.filter(consultation__version__plan__area=area, reference=reference)
            .select_related("consultation", "district")
            .prefetch_related("agreements")
        )
    return responses_with_email(area, email_or_reference)


def response_by_reference_and_email(reference: str, email: str) -> Response | None:
    """The response with this reference, if it was given with this e-mail address (any case)."""
    reference = normalise_reference(reference)
    if not is_reference(reference) or not email.strip():
        return None
    return (
        Response.objects.alias(email_lower=Lower("email"))
        .filter(reference=reference, email_lower=email.strip().lower(), erased_at__isnull=True)
        .select_related("consultation")
        .first()
    )


def moderation_history(response: Response) -> list[ModerationAction]:
    return list(response.moderation_actions.select_related("by").order_by("at", "pk"))
