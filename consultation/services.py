"""The writes that matter for consultations. Views, tasks and commands call these."""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone

from pcplan.history import attribute
from pcplan.outbox.services import enqueue
from pcplan.revisions import lock_revision
from plans.models import District, PoliceArea, StatutoryStep, Version
from plans.services import milestone_record_step

from .models import Agreement, Consultation, EngagementEvent, Response, SubjectRequest, Theme
from .references import new_reference

logger = logging.getLogger(__name__)


class ConsultationNotOpenError(Exception):
    """A comment sent before the consultation opened or after it closed."""

    def __init__(self, consultation: Consultation, now: datetime) -> None:
        self.consultation = consultation
        self.status = consultation.status(now)
        super().__init__(f"{consultation} is {self.status.label.lower()}")


class AnalysisNotReadyError(Exception):
    """The analysis of a consultation cannot be completed while it is still open."""


# ---------------------------------------------------------------- consultations


@transaction.atomic
def consultation_open(
    *,
    version: Version,
    by: User,
    title: str,
    introduction: str,
    audience: str,
    opens_at: datetime,
    closes_at: datetime,
    asks_agreement: bool,
    retention_days: int,
) -> Consultation:
    """Set up a consultation window on a cut version. It opens and closes by the clock."""
    consultation = Consultation(
        version=version,
        title=title,
        introduction=introduction,
        audience=audience,
        opens_at=opens_at,
        closes_at=closes_at,
        asks_agreement=asks_agreement,
        retention_days=retention_days,
        created_by=by,
    )
    consultation.full_clean()
    consultation.save()
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    by: User,
    title: str,
    introduction: str,
    audience: str,
    opens_at: datetime,
    closes_at: datetime,
    asks_agreement: bool,
    retention_days: int,
    expected_revision: int | None = None,
) -> Consultation:
    """Change a consultation's words or window. Its version stays: responses already refer
    to that version's sections and priorities."""
    locked = lock_revision(Consultation.objects.all(), pk=consultation.pk, expected_revision=expected_revision)
    locked.title = title
    locked.introduction = introduction
    locked.audience = audience
    locked.opens_at = opens_at
    locked.closes_at = closes_at
    locked.asks_agreement = asks_agreement
    locked.retention_days = retention_days
    attribute(locked, by)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def consultation_complete_analysis(*, consultation: Consultation, by: User, now: datetime) -> Consultation:
    """Staff confirm the responses have been analysed. For a public consultation this
    records the statutory step 'obtain the views of the community and victims' (s14) as
    taken when the window closed, with the analysis page as its evidence."""
    locked = Consultation.objects.select_for_update().select_related("version__plan").get(pk=consultation.pk)
    if not locked.has_closed(now):
        raise AnalysisNotReadyError("The consultation is still open: complete the analysis after it closes.")
    locked.analysis_completed_at = now
    locked.analysis_completed_by = by
    attribute(locked, by)
    locked.full_clean()
    locked.save()
    if locked.audience == Consultation.Audience.PUBLIC:
        from django.urls import reverse

        milestone_record_step(
            plan=locked.version.plan,
            step=StatutoryStep.OBTAIN_VIEWS,
            on=timezone.localdate(locked.closes_at),
            by=by,
            evidence_url=reverse("consultation:analysis", kwargs={"consultation_id": locked.pk}),
            note=f"Analysis of '{locked.title}' completed on {timezone.localdate(now):%d %B %Y}.",
        )
    return locked


# ---------------------------------------------------------------- responses


@dataclass(frozen=True)
class ResponseInput:
    """What a respondent sent, already validated by the form."""

    respondent_type: str
    text: str
    section_uid: UUID | None = None
    objective_uid: UUID | None = None
    district: District | None = None
    victim: str = ""
    name: str = ""
    email: str = ""
    contact_consent: bool = False
    may_publish_anonymously: bool = False
    agreements: Mapping[UUID, int] | None = None


def response_submit(
    *,
    consultation: Consultation,
    answer: ResponseInput,
    now: datetime,
    network_address: str | None,
) -> Response:
    """Store a comment and its agreement answers, all or nothing, with a fresh reference.

    Refused (ConsultationNotOpenError, nothing stored) outside the window. The
    acknowledgement e-mail goes into the outbox with the comment, in one transaction: it
    is sent once both are committed (whether or not the broker is up just then), and
    never for a comment that was not stored.
    """
    if not consultation.is_open(now):
        raise ConsultationNotOpenError(consultation, now)
    if (answer.name or answer.email) and not answer.contact_consent:
        raise ValidationError({"contact_consent": "Agree to us keeping your name and e-mail address."})
    for _attempt in range(5):
        response = Response(
            consultation=consultation,
            reference=new_reference(),
            section_uid=answer.section_uid,
            objective_uid=answer.objective_uid,
            respondent_type=answer.respondent_type,
            district=answer.district,
            victim=answer.victim,
            text=answer.text,
            name=answer.name,
            email=answer.email,
            contact_consent=answer.contact_consent and bool(answer.name or answer.email),
            may_publish_anonymously=answer.may_publish_anonymously,
            received_at=now,
            network_address=network_address,
        )
        # Uniqueness, the check constraints and the foreign keys (the consultation was just
        # read, the District came from the form's own query) are the database's job on
        # insert: checking them here first would add queries per comment under load.
        response.full_clean(exclude=["consultation", "district"], validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                response.save(force_insert=True)
                if answer.agreements:
                    Agreement.objects.bulk_create(
                        Agreement(response=response, objective_uid=uid, level=level)
                        for uid, level in answer.agreements.items()
                    )
                if response.email:
                    from .tasks import send_acknowledgement

                    enqueue(send_acknowledgement, args=[response.pk])
        except IntegrityError:
            if Response.objects.filter(reference=response.reference).exists():
                continue  # a reference drawn twice: draw again
            raise
        return response
    raise RuntimeError("Could not draw an unused reference number after five attempts.")


def response_send_acknowledgement(*, response_id: int) -> bool:
    """E-mail the respondent their reference. False when there is nobody to write to
    (the address was erased or anonymised before the task ran)."""
    response = Response.objects.select_related("consultation").filter(pk=response_id).first()
    if response is None or not response.email:
        return False
    context = {
        "response": response,
        "consultation": response.consultation,
        "opcc_name": settings.PCPLAN_OPCC_NAME,
    }
    send_mail(
        subject=f"Your comment on '{response.consultation.title}': reference {response.reference}",
        message=render_to_string("consultation/email/acknowledgement.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[response.email],
    )
    return True


@transaction.atomic
def response_moderate(*, response: Response, by: User, state: str, now: datetime) -> Response:
    """Publish a response or reject it as spam. Redaction has its own service."""
    if state not in (Response.State.PUBLISHED, Response.State.REJECTED, Response.State.NEW):
        raise ValidationError({"state": "Choose publish or reject as spam."})
    locked = Response.objects.select_for_update().get(pk=response.pk)
    locked.state = state
    locked.moderated_at = now
    locked.moderated_by = by
    locked.full_clean(validate_unique=False)
    locked.save(update_fields=["state", "moderated_at", "moderated_by"])
    return locked


@transaction.atomic
def response_redact(*, response: Response, by: User, redacted_text: str, now: datetime) -> Response:
    """Publish a response with personal details taken out. The original stays in `text`
    for audit and is shown to staff only."""
    redacted_text = redacted_text.strip()
    if not redacted_text:
        raise ValidationError({"redacted_text": "Enter the comment as it should be published."})
    locked = Response.objects.select_for_update().get(pk=response.pk)
    locked.redacted_text = redacted_text
    locked.state = Response.State.REDACTED
    locked.moderated_at = now
    locked.moderated_by = by
    locked.full_clean(validate_unique=False)
    locked.save(update_fields=["redacted_text", "state", "moderated_at", "moderated_by"])
    return locked


@transaction.atomic
def responses_moderate(
    *, consultation: Consultation, response_ids: Iterable[int], by: User, state: str, now: datetime
) -> int:
    """Publish or reject several responses at once (moderation in bulk). Redacted ones keep
    their redaction: publishing them again must not bring back the original text."""
    if state not in (Response.State.PUBLISHED, Response.State.REJECTED):
        raise ValidationError({"state": "Choose publish or reject as spam."})
    queryset = consultation.responses.filter(pk__in=list(response_ids))
    if state == Response.State.PUBLISHED:
        queryset = queryset.exclude(state=Response.State.REDACTED)
    return queryset.update(state=state, moderated_at=now, moderated_by=by)


@transaction.atomic
def theme_create(*, consultation: Consultation, name: str) -> Theme:
    """A theme by this name for the consultation; an existing one (any case) is reused."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter a name for the theme."})
    existing = (
        Theme.objects.alias(name_lower=Lower("name")).filter(consultation=consultation, name_lower=name.lower()).first()
    )
    if existing is not None:
        return existing
    theme = Theme(consultation=consultation, name=name)
    theme.full_clean(validate_constraints=False)
    theme.save()
    return theme


@transaction.atomic
def response_set_themes(*, response: Response, themes: Iterable[Theme]) -> Response:
    themes = list(themes)
    if any(theme.consultation_id != response.consultation_id for theme in themes):
        raise ValidationError({"themes": "Choose themes of this consultation."})
    response.themes.set(themes)
    return response


@transaction.atomic
def responses_tag(*, consultation: Consultation, response_ids: Iterable[int], theme: Theme) -> int:
    """Tag several responses with one theme; responses already tagged are left as they are."""
    if theme.consultation_id != consultation.pk:
        raise ValidationError({"theme": "Choose a theme of this consultation."})
    ids = set(consultation.responses.filter(pk__in=list(response_ids)).values_list("pk", flat=True))
    already = set(theme.responses.filter(pk__in=ids).values_list("pk", flat=True))
    through = Response.themes.through
    through.objects.bulk_create(through(response_id=pk, theme_id=theme.pk) for pk in sorted(ids - already))
    return len(ids - already)


# ---------------------------------------------------------------- personal data


def responses_anonymise(*, now: datetime) -> int:
    """Remove names, e-mail and network addresses from responses older than their
    consultation's retention period. Returns how many responses were anonymised."""
    total = 0
    for consultation in Consultation.objects.only("pk", "retention_days"):
        cutoff = now - consultation.retention_period
        total += (
            Response.objects.filter(consultation=consultation, received_at__lt=cutoff, anonymised_at__isnull=True)
            .exclude(name="", email="", network_address__isnull=True)
            .update(name="", email="", network_address=None, contact_consent=False, anonymised_at=now)
        )
    logger.info("Anonymised %d consultation responses", total)
    return total


@transaction.atomic
def subject_access_record(*, area: PoliceArea, by: User, responses_count: int) -> SubjectRequest:
    request = SubjectRequest(area=area, kind=SubjectRequest.Kind.ACCESS, responses_count=responses_count, handled_by=by)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def responses_erase(*, area: PoliceArea, by: User, email: str) -> int:
    """Erase every response given with this e-mail address to this area's consultations
    (a right-to-erasure request): the rows go, with their agreement answers and tags."""
    from .selectors import responses_with_email

    ids = list(responses_with_email(area, email).values_list("pk", flat=True))
    if ids:
        # Agreement answers and theme tags go with them (CASCADE).
        Response.objects.filter(pk__in=ids).delete()
    record = SubjectRequest(area=area, kind=SubjectRequest.Kind.ERASURE, responses_count=len(ids), handled_by=by)
    record.full_clean()
    record.save()
    return len(ids)


# ---------------------------------------------------------------- engagement events


@transaction.atomic
def engagement_event_save(
    *,
    event: EngagementEvent,
    by: User,
    expected_revision: int | None = None,
) -> EngagementEvent:
    """Create or update an engagement event of a plan (bound by the form)."""
    if event.pk is None:
        event.created_by = by
    else:
        saved = lock_revision(EngagementEvent.objects.all(), pk=event.pk, expected_revision=expected_revision)
        event.revision = saved.revision
    attribute(event, by)
    if event.consultation is not None and event.consultation.version.plan_id != event.plan_id:
        raise ValidationError({"consultation": "Choose a consultation on this plan."})
    if event.district is not None and event.district.area_id != event.plan.area_id:
        raise ValidationError({"district": "Choose a District of this police area."})
    event.full_clean()
    event.save()
    return event
