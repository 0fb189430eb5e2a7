"""The writes that matter for consultations. Views, tasks and commands call these."""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone

from pcplan.history import attribute
from pcplan.outbox.mail import send_each_once
from pcplan.outbox.services import enqueue
from pcplan.revisions import lock_revision
from plans.models import District, PoliceArea, StatutoryStep, Version
from plans.richtext import sanitise_html
from plans.services import milestone_record_step

from .models import (
    Agreement,
    ChangeLink,
    Consultation,
    EngagementEvent,
    ModerationAction,
    OutcomeReport,
    Response,
    SubjectRequest,
    Theme,
)
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
    wants_outcome: bool = False
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
            # Only with an address to write to, kept with consent.
            wants_outcome=answer.wants_outcome and bool(answer.email) and answer.contact_consent,
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
    from django.urls import reverse

    base = settings.PCPLAN_BASE_URL.rstrip("/")
    context = {
        "response": response,
        "consultation": response.consultation,
        "opcc_name": settings.PCPLAN_OPCC_NAME,
        "your_response_url": base + reverse("consultation:your_response_lookup"),
        "unsubscribe_url": base
        + reverse("consultation:outcome_unsubscribe", kwargs={"token": outcome_unsubscribe_token(response)}),
    }
    send_mail(
        subject=f"Your comment on '{response.consultation.title}': reference {response.reference}",
        message=render_to_string("consultation/email/acknowledgement.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[response.email],
    )
    return True


Kind = ModerationAction.Kind

STATE_ACTIONS = {
    Response.State.PUBLISHED: Kind.PUBLISH,
    Response.State.REJECTED: Kind.HIDE,
    Response.State.NEW: Kind.RETURN,
}


def _record(response_id: int, kind: str, *, by: User | None, at: datetime, detail: str = "") -> ModerationAction:
    return ModerationAction.objects.create(response_id=response_id, kind=kind, by=by, at=at, detail=detail)


@transaction.atomic
def response_moderate(*, response: Response, by: User, state: str, now: datetime) -> Response:
    """Publish a response, hide it as spam or return it to new. Redaction has its own
    service. Every action goes into the response's moderation history."""
    if state not in STATE_ACTIONS:
        raise ValidationError({"state": "Choose publish or reject as spam."})
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.is_erased and state != Response.State.REJECTED:
        raise ValidationError({"state": "This response was erased at the respondent's request."})
    if locked.state == Response.State.REDACTED and state == Response.State.PUBLISHED:
        # Publishing it again would show the words the redaction took out, as bulk
        # publishing already knows.
        raise ValidationError(
            {
                "state": "This response is already published with personal details taken out. "
                "To publish the original text, return it to new first."
            }
        )
    locked.state = state
    locked.moderated_at = now
    locked.moderated_by = by
    locked.full_clean(validate_unique=False)
    locked.save(update_fields=["state", "moderated_at", "moderated_by"])
    _record(locked.pk, STATE_ACTIONS[Response.State(state)], by=by, at=now)
    return locked


@transaction.atomic
def response_redact(*, response: Response, by: User, redacted_text: str, now: datetime) -> Response:
    """Publish a response with personal details taken out. The original stays in `text`
    for audit and is shown to staff only, each view with its reason recorded."""
    redacted_text = redacted_text.strip()
    if not redacted_text:
        raise ValidationError({"redacted_text": "Enter the comment as it should be published."})
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.is_erased:
        raise ValidationError({"redacted_text": "This response was erased at the respondent's request."})
    locked.redacted_text = redacted_text
    locked.state = Response.State.REDACTED
    locked.moderated_at = now
    locked.moderated_by = by
    locked.full_clean(validate_unique=False)
    locked.save(update_fields=["redacted_text", "state", "moderated_at", "moderated_by"])
    # The published words are safe to keep in the history; the original never goes there.
    _record(locked.pk, Kind.REDACT, by=by, at=now, detail=redacted_text)
    return locked


@transaction.atomic
def response_view_original(*, response: Response, by: User, reason: str, now: datetime) -> str:
    """The text of a redacted response as it was sent, for staff who give a reason: each
    view is recorded in the moderation history, with the reason."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": "Enter why you need to see the original text."})
    if response.is_erased:
        raise ValidationError({"reason": "This response was erased at the respondent's request."})
    _record(response.pk, Kind.VIEW_ORIGINAL, by=by, at=now, detail=reason[:500])
    return response.text


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
        queryset = queryset.exclude(state=Response.State.REDACTED).filter(erased_at__isnull=True)
    ids = list(queryset.select_for_update().values_list("pk", flat=True))
    count = Response.objects.filter(pk__in=ids).update(state=state, moderated_at=now, moderated_by=by)
    kind = STATE_ACTIONS[Response.State(state)]
    ModerationAction.objects.bulk_create(
        ModerationAction(response_id=pk, kind=kind, by=by, at=now, detail="In bulk") for pk in ids
    )
    return count


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


def _theme_names(themes: Iterable[Theme]) -> str:
    return ", ".join(sorted(theme.name for theme in themes)) or "No themes"


@transaction.atomic
def response_set_themes(
    *, response: Response, themes: Iterable[Theme], by: User | None = None, now: datetime | None = None
) -> Response:
    themes = list(themes)
    if any(theme.consultation_id != response.consultation_id for theme in themes):
        raise ValidationError({"themes": "Choose themes of this consultation."})
    before = {theme.pk for theme in response.themes.all()}
    response.themes.set(themes)
    if before != {theme.pk for theme in themes}:
        _record(response.pk, Kind.THEMES, by=by, at=now or timezone.now(), detail=_theme_names(themes))
    return response


@transaction.atomic
def responses_tag(
    *,
    consultation: Consultation,
    response_ids: Iterable[int],
    theme: Theme,
    by: User | None = None,
    now: datetime | None = None,
) -> int:
    """Tag several responses with one theme; responses already tagged are left as they are."""
    if theme.consultation_id != consultation.pk:
        raise ValidationError({"theme": "Choose a theme of this consultation."})
    ids = set(consultation.responses.filter(pk__in=list(response_ids)).values_list("pk", flat=True))
    already = set(theme.responses.filter(pk__in=ids).values_list("pk", flat=True))
    through = Response.themes.through
    added = sorted(ids - already)
    through.objects.bulk_create(through(response_id=pk, theme_id=theme.pk) for pk in added)
    at = now or timezone.now()
    ModerationAction.objects.bulk_create(
        ModerationAction(response_id=pk, kind=Kind.THEMES, by=by, at=at, detail=f"Added: {theme.name} (in bulk)")
        for pk in added
    )
    return len(added)


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


ERASED_TEXT = "[Erased at the respondent's request]"


def _erase(ids: list[int], *, by: User | None, now: datetime) -> None:
    """Take out everything that could identify the respondent: the words, name, e-mail and
    network address, and any redacted text in the history. The respondent type, District,
    agreement answers and themes stay, so the analysis goes on counting an anonymous response."""
    Response.objects.filter(pk__in=ids).update(
        text=ERASED_TEXT,
        name="",
        email="",
        network_address=None,
        contact_consent=False,
        wants_outcome=False,
        may_publish_anonymously=False,
        erased_at=now,
    )
    Response.objects.filter(pk__in=ids, state=Response.State.REDACTED).update(redacted_text=ERASED_TEXT)
    ModerationAction.objects.filter(response_id__in=ids, kind=Kind.REDACT).update(detail="")
    ModerationAction.objects.bulk_create(ModerationAction(response_id=pk, kind=Kind.ERASE, by=by, at=now) for pk in ids)


@transaction.atomic
def responses_erase(*, area: PoliceArea, by: User, email: str, now: datetime | None = None) -> int:
    """Erase every response given with this e-mail address (or with this reference) to
    this area's consultations: a right-to-erasure request. The erasure is recorded without
    the address."""
    from .selectors import responses_of_person

    now = now or timezone.now()
    ids = list(responses_of_person(area, email).filter(erased_at__isnull=True).values_list("pk", flat=True))
    _erase(ids, by=by, now=now)
    record = SubjectRequest(area=area, kind=SubjectRequest.Kind.ERASURE, responses_count=len(ids), handled_by=by)
    record.full_clean()
    record.save()
    return len(ids)


@transaction.atomic
def response_erase_by_respondent(*, response: Response, now: datetime) -> Response:
    """The respondent erases their own response, through the signed link e-mailed to them."""
    locked = Response.objects.select_for_update().select_related("consultation__version__plan").get(pk=response.pk)
    if not locked.is_erased:
        _erase([locked.pk], by=None, now=now)
        SubjectRequest.objects.create(
            area_id=locked.consultation.version.plan.area_id,
            kind=SubjectRequest.Kind.ERASURE,
            responses_count=1,
            handled_at=now,
            handled_by=None,
        )
        locked.refresh_from_db()
    return locked


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


# ---------------------------------------------------------------- the outcome: "you said, we did"


class OutcomeNotReadyError(Exception):
    """The outcome report cannot be written, or published, yet (in words for the reader)."""


class OutcomeAlreadyPublishedError(Exception):
    """A published outcome report is not changed: what people were told stays as it was."""


def _outcome_for_writing(consultation: Consultation, now: datetime) -> OutcomeReport:
    if not consultation.has_closed(now):
        raise OutcomeNotReadyError("The consultation is still open: write its outcome once it closes.")
    report, _created = OutcomeReport.objects.select_for_update().get_or_create(consultation=consultation)
    if report.is_published:
        raise OutcomeAlreadyPublishedError("The outcome report has been published, so it can no longer be changed.")
    return report


@transaction.atomic
def outcome_save(*, consultation: Consultation, by: User, summary: str, now: datetime) -> OutcomeReport:
    """Save the draft outcome report's summary (rich text, sanitised here)."""
    report = _outcome_for_writing(consultation, now)
    report.summary = sanitise_html(summary)
    report.drafted_by = by
    report._history_user = by  # type: ignore[attr-defined]  # read by simple-history, undeclared
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def theme_outcome_save(
    *, theme: Theme, by: User, people_said: str, we_did: str, now: datetime, expected_revision: int | None = None
) -> Theme:
    """What people said on one theme, and what was done (rich text, sanitised here). How
    many said it is never typed: the report counts the responses tagged with the theme."""
    report = _outcome_for_writing(theme.consultation, now)
    if report.drafted_by_id is None:
        report.drafted_by = by
        report.save(update_fields=["drafted_by", "updated_at"])
    locked = lock_revision(Theme.objects.all(), pk=theme.pk, expected_revision=expected_revision)
    locked.people_said = sanitise_html(people_said)
    locked.we_did = sanitise_html(we_did)
    attribute(locked, by)
    locked.save(update_fields=["people_said", "we_did", "revision"])
    return locked


@transaction.atomic
def change_link_add(
    *,
    consultation: Consultation,
    by: User,
    change_key: str,
    theme: Theme | None = None,
    response: Response | None = None,
    now: datetime,
) -> ChangeLink:
    """Link a theme, or one response, to a part of the plan that changed in a later version."""
    from plans.changes import later_changes

    _outcome_for_writing(consultation, now)
    if (theme is None) == (response is None):
        raise ValidationError("Link either a theme or a response.")
    if (theme or response).consultation_id != consultation.pk:  # type: ignore[union-attr]  # one is set, above
        raise ValidationError("Choose a theme or response of this consultation.")
    change = next((c for c in later_changes(consultation.version) if c.key == change_key), None)
    if change is None:
        raise ValidationError({"change": "Choose a part of the plan that changed in a later version."})
    link, created = ChangeLink.objects.get_or_create(
        consultation=consultation,
        theme=theme,
        response=response,
        version=change.version,
        kind=change.kind,
        uid=change.uid,
        defaults={"title": change.title, "created_by": by, "created_at": now},
    )
    if created and response is not None:
        _record(response.pk, Kind.LINK, by=by, at=now, detail=f"{change.version.label}: {change.title}")
    return link


@transaction.atomic
def change_link_remove(*, link: ChangeLink, by: User, now: datetime) -> None:
    _outcome_for_writing(link.consultation, now)
    if link.response_id is not None:
        _record(link.response_id, Kind.UNLINK, by=by, at=now, detail=f"{link.version.label}: {link.title}")
    link.delete()


def _wanting_outcome(consultation: Consultation) -> Any:
    """The respondents who ticked "tell me what happened" and can still be written to."""
    return consultation.responses.filter(
        wants_outcome=True, outcome_sent_at__isnull=True, erased_at__isnull=True, anonymised_at__isnull=True
    ).exclude(email="")


@transaction.atomic
def outcome_mark_published(*, consultation: Consultation, by: User, now: datetime) -> OutcomeReport:
    """The Publisher publishes the outcome report (publishing.services.outcome_publish calls
    this and renders its PDF). Those who asked to be told are e-mailed, in batches, once
    this commits."""
    report = OutcomeReport.objects.select_for_update().filter(consultation=consultation).first()
    if report is None or not report.summary.strip():
        raise OutcomeNotReadyError("Write the outcome report's summary before publishing it.")
    if report.is_published:
        raise OutcomeAlreadyPublishedError("The outcome report is already published.")
    if not consultation.has_closed(now):
        raise OutcomeNotReadyError("The consultation is still open.")
    report.published_at = now
    report.published_by = by
    report.emails_total = _wanting_outcome(consultation).count()
    report.emails_sent = 0
    report.emails_finished_at = None if report.emails_total else now
    report._history_user = by  # type: ignore[attr-defined]  # read by simple-history, undeclared
    report.full_clean()
    report.save()
    if report.emails_total:
        from .tasks import send_outcome_emails

        enqueue(send_outcome_emails, args=[consultation.pk])
    return report


OUTCOME_BATCH_SIZE = 200


def outcome_unsubscribe_token(response: Response) -> str:
    return signing.dumps(response.pk, salt="consultation.outcome-unsubscribe", compress=True)


def outcome_send_batch(*, consultation_id: int, batch_size: int = OUTCOME_BATCH_SIZE) -> int:
    """Send the next batch of "what happened" e-mails, over one mail connection, and queue
    the next batch if more are waiting. Each respondent is written to at most once: the
    batch's responses are locked, each is marked sent as its e-mail goes, and if the mail
    server fails partway those already sent are kept as sent before the error is raised for
    the task to retry the rest."""
    from django.urls import reverse

    report = OutcomeReport.objects.select_related("consultation").filter(consultation_id=consultation_id).first()
    if report is None or not report.is_published:
        return 0
    consultation = report.consultation
    base = settings.PCPLAN_BASE_URL.rstrip("/")
    outcome_url = base + reverse("consultation:outcome", kwargs={"consultation_id": consultation.pk})
    with transaction.atomic():
        batch = list(
            _wanting_outcome(consultation)
            .select_for_update(skip_locked=True)
            .only("pk", "reference", "email")
            .order_by("pk")[:batch_size]
        )
        key = f"consultation.outcome:{consultation.pk}:response:"
        sending = send_each_once(
            (f"{key}{response.pk}", _outcome_email(consultation, response, base, outcome_url)) for response in batch
        )
        sent = [int(k.removeprefix(key)) for k in sending.sent_keys]
        written_to = sent + [int(k.removeprefix(key)) for k in sending.skipped_keys]
        if written_to:
            Response.objects.filter(pk__in=written_to).update(outcome_sent_at=timezone.now())
        if sent:
            OutcomeReport.objects.filter(pk=report.pk).update(emails_sent=F("emails_sent") + len(sent))
        if sending.error is None:
            if _wanting_outcome(consultation).exclude(pk__in=[r.pk for r in batch]).exists():
                from .tasks import send_outcome_emails

                enqueue(send_outcome_emails, args=[consultation.pk])
            else:
                OutcomeReport.objects.filter(pk=report.pk, emails_finished_at__isnull=True).update(
                    emails_finished_at=timezone.now()
                )
    sending.raise_error()
    return len(sent)


def _outcome_email(consultation: Consultation, response: Response, base: str, outcome_url: str) -> EmailMessage:
    from django.urls import reverse

    unsubscribe = base + reverse(
        "consultation:outcome_unsubscribe", kwargs={"token": outcome_unsubscribe_token(response)}
    )
    body = render_to_string(
        "consultation/email/outcome.txt",
        {
            "consultation": consultation,
            "response": response,
            "outcome_url": outcome_url,
            "unsubscribe_url": unsubscribe,
            "opcc_name": settings.PCPLAN_OPCC_NAME,
        },
    )
    return EmailMessage(
        subject=f"What happened after '{consultation.title}'",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[response.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>"},
    )


@transaction.atomic
def outcome_unsubscribe(*, token: str) -> Response | None:
    """Stop the "what happened" e-mail for the response the signed token names."""
    try:
        response_id = signing.loads(token, salt="consultation.outcome-unsubscribe")
    except signing.BadSignature:
        return None
    response = Response.objects.select_for_update().filter(pk=response_id).first()
    if response is not None and response.wants_outcome:
        response.wants_outcome = False
        response.save(update_fields=["wants_outcome"])
    return response


# ---------------------------------------------------------------- your response, by reference

YOUR_RESPONSE_SALT = "consultation.your-response"
YOUR_RESPONSE_LINK_LIFETIME = timedelta(hours=24)


def your_response_request_link(*, reference: str, email: str) -> bool:
    """A respondent asks for their response by its reference and the e-mail address they
    gave. If the pair matches, a signed link is e-mailed to that address (after commit);
    otherwise nothing happens. The caller answers the same either way."""
    from .selectors import response_by_reference_and_email

    response = response_by_reference_and_email(reference, email)
    if response is None:
        return False
    from .tasks import send_your_response_link

    enqueue(send_your_response_link, args=[response.pk])
    return True


def your_response_token(response: Response) -> str:
    return signing.dumps(response.pk, salt=YOUR_RESPONSE_SALT)


def your_response_from_token(token: str) -> Response | None:
    """The response a link names, if the link is genuine and less than 24 hours old."""
    try:
        response_id = signing.loads(token, salt=YOUR_RESPONSE_SALT, max_age=YOUR_RESPONSE_LINK_LIFETIME)
    except signing.BadSignature:  # tampered, or SignatureExpired (a subclass): too old
        return None
    if not isinstance(response_id, int):
        return None
    return (
        Response.objects.select_related("consultation__version__plan", "district")
        .prefetch_related("agreements")
        .filter(pk=response_id)
        .first()
    )


def your_response_send_link(*, response_id: int) -> bool:
    from django.urls import reverse

    response = Response.objects.select_related("consultation").filter(pk=response_id, erased_at__isnull=True).first()
    if response is None or not response.email:
        return False
    link = settings.PCPLAN_BASE_URL.rstrip("/") + reverse(
        "consultation:your_response", kwargs={"token": your_response_token(response)}
    )
    send_mail(
        subject=f"Your comment {response.reference}: see it, download it or delete it",
        message=render_to_string(
            "consultation/email/your_response.txt",
            {"response": response, "link": link, "opcc_name": settings.PCPLAN_OPCC_NAME},
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[response.email],
    )
    return True
