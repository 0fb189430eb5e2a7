"""The writes that matter for the Panel's review. Views, tasks and the demo call these.

Every service takes `now` only so the demo can replay 2016 and tests can move the clock;
pages never pass it.
"""

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from pcplan.history import attribute
from pcplan.outbox.mail import Sending, send_each_once
from pcplan.outbox.services import enqueue
from pcplan.revisions import StaleSaveError, check_revision
from plans.models import PoliceArea, StatutoryStep, Version
from plans.services import milestone_record_step
from plans.snapshot import PlanContent

from .models import (
    ChiefConstableComment,
    Panel,
    PanelMember,
    PanelReport,
    PanelReview,
    PccResponse,
    Recommendation,
    ResponsePublication,
    ReviewDeadlineChange,
)
from .validators import validate_pdf

logger = logging.getLogger(__name__)

MAX_TEXT = 10_000


class ReviewClosedError(Exception):
    """A recommendation made, changed or withdrawn after the comments deadline."""


class ReviewStillOpenError(Exception):
    """A response recorded or published while the Panel can still change its recommendations."""


class NotYoursError(Exception):
    """A member acting on another member's recommendation, or a non-chair on the report."""


class AlreadyPublishedError(Exception):
    """A change to a response the Commissioner has already published."""


def local_datetime(value: datetime) -> str:
    local = timezone.localtime(value)
    return f"{date_format(local, 'j F Y')} at {local:%H:%M}"


def _clean_text(value: str, *, empty_message: str, field: str = "text") -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: empty_message})
    if len(text) > MAX_TEXT:
        raise ValidationError({field: f"Keep it to {MAX_TEXT:,} characters or fewer (it has {len(text):,})."})
    return text


# ---------------------------------------------------------------- issuing to the Panel


@transaction.atomic
def review_issue(
    *,
    version: Version,
    panel: Panel,
    by: User,
    comments_deadline: datetime,
    meeting_date: date | None = None,
    note: str = "",
    now: datetime | None = None,
    notify: bool = True,
) -> PanelReview:
    """Issue a cut version to the Panel: records the statutory step "send the draft to the
    Panel" and, once the transaction commits, e-mails every serving member a link."""
    now = now or timezone.now()
    # Two officers issuing the same version at once: the second waits, then is refused.
    Panel.objects.select_for_update().filter(pk=panel.pk).first()
    if PanelReview.objects.filter(panel=panel, version=version).exists():
        raise ValidationError({"version": f"{version.label} has already been issued to the Panel."})
    if comments_deadline <= now:
        raise ValidationError({"comments_deadline": "Enter a comments deadline in the future."})
    review = PanelReview(
        panel=panel,
        version=version,
        issued_at=now,
        issued_by=by,
        comments_deadline=comments_deadline,
        meeting_date=meeting_date,
        note=(note or "").strip(),
    )
    review.full_clean()
    attribute(review, by)
    review.save()
    milestone_record_step(
        plan=version.plan,
        step=StatutoryStep.SEND_TO_PANEL,
        on=timezone.localdate(now),
        by=by,
        evidence_url=review.get_absolute_url(),
        note=f"{version.label} issued to the {panel.name}; comments by {local_datetime(comments_deadline)}.",
    )
    if notify:
        from .tasks import send_review_issued  # tasks import this module

        # Through the outbox: queued with the review, sent when the broker answers; the
        # review page shows staff whether the members have been e-mailed.
        enqueue(send_review_issued, args=[review.pk])
    return review


def _review_email(review: PanelReview, member: PanelMember) -> EmailMessage:
    plan = review.version.plan
    link = settings.PCPLAN_BASE_URL.rstrip("/") + review.get_absolute_url()
    lines = [
        f"Dear {member.display_name},",
        "",
        f"Draft {review.version.label} of the {plan.title} for {plan.area.name} has been issued to the "
        f"{review.panel.name} for review.",
        "",
        f"Read it and make your recommendations here: {link}",
        "",
        f"You can make recommendations until {local_datetime(review.comments_deadline)}.",
    ]
    if review.meeting_date:
        lines.append(
            f"The Panel will consider the draft at its meeting on {date_format(review.meeting_date, 'j F Y')}."
        )
    if review.note:
        lines += ["", review.note]
    lines += ["", plan.area.opcc_name]
    return EmailMessage(
        subject=f"Draft {review.version.label} of the {plan.title} issued to the Panel",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.user.email],
    )


def email_serving_members(
    *, panel_id: int | None, on: date, key: str, message_for: Callable[[PanelMember], EmailMessage]
) -> Sending:
    """One message to each member serving on the Panel on the day (members do not see each
    other's addresses), each at most once: `key` names the notice, and a member already
    sent it is skipped when a failed batch is retried. The reports app uses it too."""
    members = []
    if panel_id is not None:
        members = list(
            PanelMember.objects.serving_on(on).filter(panel_id=panel_id).select_related("user").order_by("pk")
        )
    for member in members:
        if not member.user.email:
            logger.warning("Panel member %s has no e-mail address; not told of %s", member.pk, key)
    return send_each_once((f"{key}:member:{m.pk}", message_for(m)) for m in members if m.user.email)


def review_notify_members(*, review_id: int) -> int:
    """E-mail each member serving on the Panel on the day of issue. Returns how many were
    sent; a review already notified sends nothing, so a retried task does not e-mail twice."""
    with transaction.atomic():
        review = (
            PanelReview.objects.select_for_update(of=("self",))
            .select_related("panel", "version__plan__area")
            .get(pk=review_id)
        )
        if review.members_notified_at is not None:
            return 0
        sending = email_serving_members(
            panel_id=review.panel_id,
            on=timezone.localdate(review.issued_at),
            key=f"panel.review:{review.pk}",
            message_for=lambda m: _review_email(review, m),
        )
        if sending.error is None:
            review.members_notified_at = timezone.now()
            review.save(update_fields=["members_notified_at"])
    sending.raise_error()
    return sending.sent


# ---------------------------------------------------------------- the deadline


def _lock_for_deadline_change(review: PanelReview) -> PanelReview:
    locked = PanelReview.objects.select_for_update(of=("self",)).select_related("version__plan").get(pk=review.pk)
    if ResponsePublication.objects.filter(review=locked).exists():
        raise AlreadyPublishedError("The Commissioner's response to this review has been published, so it is final.")
    return locked


def _record_deadline_change(
    review: PanelReview, *, kind: str, new_deadline: datetime, by: User, reason: str, now: datetime
) -> ReviewDeadlineChange:
    change = ReviewDeadlineChange(
        review=review,
        kind=kind,
        old_deadline=review.comments_deadline,
        new_deadline=new_deadline,
        reason=(reason or "").strip(),
        changed_by=by,
        changed_at=now,
    )
    change.full_clean()
    change.save()
    review.comments_deadline = new_deadline
    review.full_clean()
    attribute(review, by)
    review._change_reason = change.get_kind_display()  # type: ignore[attr-defined]  # read by simple-history
    review.save()
    from .tasks import send_deadline_changed  # tasks import this module

    enqueue(send_deadline_changed, args=[change.pk])
    return change


@transaction.atomic
def review_extend_deadline(
    *, review: PanelReview, by: User, new_deadline: datetime, reason: str = "", now: datetime | None = None
) -> ReviewDeadlineChange:
    """Give the Panel longer: a later deadline, recorded, and every member e-mailed. A
    review whose deadline has passed can be opened again this way, until the first
    response to it is recorded."""
    now = now or timezone.now()
    locked = _lock_for_deadline_change(review)
    if new_deadline <= now:
        raise ValidationError({"new_deadline": "Enter a new deadline in the future."})
    if new_deadline <= locked.comments_deadline:
        raise ValidationError(
            {"new_deadline": f"Enter a deadline after the current one, {local_datetime(locked.comments_deadline)}."}
        )
    if locked.meeting_date and timezone.localdate(new_deadline) > locked.meeting_date:
        raise ValidationError(
            {
                "new_deadline": "The Panel meets on "
                f"{date_format(locked.meeting_date, 'j F Y')}: enter a deadline on or before that day."
            }
        )
    if not locked.is_open(now) and PccResponse.objects.filter(recommendation__review=locked).exists():
        raise ValidationError(
            "The Commissioner's responses to this review are being recorded, so it cannot be opened again."
        )
    return _record_deadline_change(
        locked, kind=ReviewDeadlineChange.Kind.EXTENDED, new_deadline=new_deadline, by=by, reason=reason, now=now
    )


@transaction.atomic
def review_close_early(
    *, review: PanelReview, by: User, reason: str = "", now: datetime | None = None
) -> ReviewDeadlineChange:
    """End the review now, before its deadline (the Panel has agreed its report, say):
    recorded, and every member e-mailed. Members can no longer make or change
    recommendations; staff can record the responses."""
    now = now or timezone.now()
    locked = _lock_for_deadline_change(review)
    if not locked.is_open(now):
        raise ReviewClosedError(f"The review closed on {local_datetime(locked.comments_deadline)}.")
    return _record_deadline_change(
        locked, kind=ReviewDeadlineChange.Kind.CLOSED_EARLY, new_deadline=now, by=by, reason=reason, now=now
    )


def _deadline_email(change: ReviewDeadlineChange, member: PanelMember) -> EmailMessage:
    review = change.review
    plan = review.version.plan
    link = settings.PCPLAN_BASE_URL.rstrip("/") + review.get_absolute_url()
    what = f"draft {review.version.label} of the {plan.title}"
    if change.kind == ReviewDeadlineChange.Kind.EXTENDED:
        subject = f"More time to comment on {review.version.label} of the {plan.title}"
        news = (
            f"The deadline for the Panel's recommendations on {what} has been extended from "
            f"{local_datetime(change.old_deadline)} to {local_datetime(change.new_deadline)}."
        )
    else:
        subject = f"The Panel's review of {review.version.label} of the {plan.title} has closed"
        news = (
            f"The Panel's review of {what} closed on {local_datetime(change.new_deadline)}, before its "
            f"deadline of {local_datetime(change.old_deadline)}. Recommendations can no longer be made or changed."
        )
    lines = [f"Dear {member.display_name},", "", news]
    if change.reason:
        lines += ["", change.reason]
    lines += ["", f"The review: {link}", "", plan.area.opcc_name]
    return EmailMessage(
        subject=subject, body="\n".join(lines), from_email=settings.DEFAULT_FROM_EMAIL, to=[member.user.email]
    )


Notice = TypeVar("Notice", ReviewDeadlineChange, ResponsePublication)


def _email_members_once(
    model: type[Notice],
    pk: int,
    *,
    at: Callable[[Notice], datetime],
    message: Callable[[Notice, PanelMember], EmailMessage],
) -> int:
    """E-mail the members serving on the Panel on the day of a change to one of its
    reviews, once: `members_notified_at` records it, so a retried task sends nothing."""
    with transaction.atomic():
        notice = (
            model.objects.select_for_update(of=("self",))
            .select_related("review__panel", "review__version__plan__area")
            .get(pk=pk)
        )
        if notice.members_notified_at is not None:
            return 0
        sending = email_serving_members(
            panel_id=notice.review.panel_id,
            on=timezone.localdate(at(notice)),
            key=f"panel.{model._meta.model_name}:{pk}",
            message_for=lambda m: message(notice, m),
        )
        if sending.error is None:
            notice.members_notified_at = timezone.now()
            notice.save(update_fields=["members_notified_at"])
    sending.raise_error()
    return sending.sent


def review_deadline_change_notify(*, change_id: int) -> int:
    """E-mail the members serving on the Panel about an extended or closed review, once."""
    return _email_members_once(
        ReviewDeadlineChange, change_id, at=lambda change: change.changed_at, message=_deadline_email
    )


# ---------------------------------------------------------------- recommendations


def _target_title(review: PanelReview, target: str, target_uid: str) -> str:
    if target == Recommendation.Target.PLAN:
        return ""
    content = PlanContent.from_json(review.version.content)
    part = content.section(target_uid) if target == Recommendation.Target.SECTION else content.objective(target_uid)
    if part is None:
        raise ValidationError({"target": f"Choose a part of {review.version.label} of the plan."})
    return part.title


def _check_open(review: PanelReview, now: datetime) -> None:
    if not review.is_open(now):
        raise ReviewClosedError(
            f"The Panel's comments on {review.version.label} closed on {local_datetime(review.comments_deadline)}."
        )


def _check_target(target: str, target_uid: str) -> tuple[str, str]:
    if target not in Recommendation.Target.values:
        raise ValidationError({"target": "Choose what your recommendation is about."})
    if target == Recommendation.Target.PLAN:
        return target, ""
    if not target_uid:
        raise ValidationError({"target": "Choose the section or priority your recommendation is about."})
    return target, target_uid


@transaction.atomic
def recommendation_submit(
    *,
    review: PanelReview,
    member: PanelMember,
    text: str,
    target: str = Recommendation.Target.PLAN,
    target_uid: str = "",
    now: datetime | None = None,
) -> Recommendation:
    """A member's recommendation, numbered within the review. Refused after the deadline."""
    now = now or timezone.now()
    # Lock the review so two members submitting at once get different numbers.
    locked = PanelReview.objects.select_for_update().get(pk=review.pk)
    _check_open(locked, now)
    if member.panel_id != locked.panel_id or not member.serves_on(timezone.localdate(now)):
        raise NotYoursError("Only members serving on the Panel can make recommendations.")
    text = _clean_text(text, empty_message="Enter your recommendation.")
    target, target_uid = _check_target(target, target_uid)
    title = _target_title(review, target, target_uid)
    last = locked.recommendations.order_by("-number").values_list("number", flat=True).first() or 0
    recommendation = Recommendation(
        review=locked,
        number=last + 1,
        author=member,
        target=target,
        target_uid=target_uid,
        target_title=title,
        text=text,
        submitted_at=now,
        updated_at=now,
    )
    recommendation.full_clean()
    attribute(recommendation, member.user)
    recommendation.save()
    return recommendation


def _lock_own(recommendation: Recommendation, member: PanelMember, now: datetime) -> Recommendation:
    locked = Recommendation.objects.select_for_update().select_related("review", "author").get(pk=recommendation.pk)
    if locked.author.user_id != member.user_id:
        raise NotYoursError("Only the member who made a recommendation can change it.")
    _check_open(locked.review, now)
    if locked.is_withdrawn:
        raise ValidationError("This recommendation has been withdrawn, so it cannot be changed.")
    if PccResponse.objects.filter(recommendation=locked).exists():
        raise ValidationError("The Commissioner has responded to this recommendation, so it can no longer be changed.")
    return locked


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    member: PanelMember,
    text: str,
    target: str = Recommendation.Target.PLAN,
    target_uid: str = "",
    now: datetime | None = None,
    expected_revision: int | None = None,
) -> Recommendation:
    now = now or timezone.now()
    locked = _lock_own(recommendation, member, now)
    check_revision(locked, expected_revision)
    locked.text = _clean_text(text, empty_message="Enter your recommendation.")
    locked.target, locked.target_uid = _check_target(target, target_uid)
    locked.target_title = _target_title(recommendation.review, locked.target, locked.target_uid)
    locked.updated_at = now
    locked.full_clean()
    attribute(locked, member.user)
    locked.save()
    return locked


@transaction.atomic
def recommendation_withdraw(
    *, recommendation: Recommendation, member: PanelMember, now: datetime | None = None
) -> Recommendation:
    now = now or timezone.now()
    locked = _lock_own(recommendation, member, now)
    locked.withdrawn_at = now
    locked.updated_at = now
    attribute(locked, member.user)
    locked.save()
    return locked


# ---------------------------------------------------------------- the Panel's report


@transaction.atomic
def report_submit(
    *,
    review: PanelReview,
    member: PanelMember,
    text: str,
    attachment: UploadedFile | None = None,
    remove_attachment: bool = False,
    now: datetime | None = None,
) -> PanelReport:
    """The chair submits (or revises, until the response is published) the Panel's report,
    with an optional PDF. Records the statutory step the first time."""
    now = now or timezone.now()
    locked = PanelReview.objects.select_for_update().select_related("version__plan").get(pk=review.pk)
    if member.panel_id != locked.panel_id or member.role != PanelMember.Role.CHAIR:
        raise NotYoursError("Only the chair of the Panel can submit the Panel's report.")
    if ResponsePublication.objects.filter(review=locked).exists():
        raise AlreadyPublishedError("The Commissioner's response has been published, so the report is final.")
    text = _clean_text(text, empty_message="Enter the Panel's report.")
    if attachment is not None:
        try:
            validate_pdf(attachment)
        except ValidationError as error:
            raise ValidationError({"attachment": error.messages}) from error
    report = PanelReport.objects.filter(review=locked).first()
    first = report is None
    if report is None:
        report = PanelReport(review=locked, submitted_by=member, submitted_at=now)
    old_file = report.attachment.name if report.attachment else ""
    report.text = text
    report.updated_at = now
    report.submitted_by = member
    if attachment is not None:
        report.attachment_name = _safe_name(attachment.name or "report.pdf")
        report.attachment_size = attachment.size
        report.attachment.save("report.pdf", attachment, save=False)
    elif remove_attachment:
        report.attachment = ""
        report.attachment_name = ""
        report.attachment_size = None
    report.full_clean()
    attribute(report, member.user)
    report.save()
    new_file = report.attachment.name if report.attachment else ""
    if old_file and old_file != new_file:
        storage = report.attachment.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    if first:
        milestone_record_step(
            plan=locked.version.plan,
            step=StatutoryStep.PANEL_REPORT,
            on=timezone.localdate(now),
            by=member.user,
            evidence_url=locked.get_absolute_url(),
            note=f"The Panel's report on {locked.version.label}, submitted by its chair.",
        )
    return report


def _safe_name(name: str) -> str:
    """A file name fit for a download header: letters, digits, dots, dashes, underscores."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c if c.isalnum() or c in "._- " else "_" for c in base).strip(" .") or "report"
    if not cleaned.lower().endswith(".pdf"):
        cleaned += ".pdf"
    return cleaned[-120:]


# ---------------------------------------------------------------- the Commissioner's response


def change_choices(review: PanelReview) -> list[tuple[Version, str, str, str]]:
    """The parts of the plan changed since the version the Panel reviewed, in each later
    version: (version, kind, uid, title). A response can only point at one of these."""
    from plans.changes import later_changes

    return [(c.version, c.kind, c.uid, c.title) for c in later_changes(review.version)]


def _all_answered(review: PanelReview) -> bool:
    return not review.recommendations.filter(withdrawn_at__isnull=True, response__isnull=True).exists()


@transaction.atomic
def response_record(
    *,
    recommendation: Recommendation,
    outcome: str,
    reasons: str = "",
    changed_version: Version | None = None,
    changed_kind: str = "",
    changed_uid: str = "",
    by: User,
    now: datetime | None = None,
    expected_revision: int | None = None,
) -> PccResponse:
    """Record (or, until it is published, change) the Commissioner's response to one
    recommendation. Reasons are required unless it is accepted in full; a change must be a
    part of the plan that changed in a later version."""
    now = now or timezone.now()
    locked = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("review__version__plan")
        .get(pk=recommendation.pk)
    )
    review = locked.review
    if locked.is_withdrawn:
        raise ValidationError("This recommendation was withdrawn by the member, so it needs no response.")
    if review.is_open(now) and not PanelReport.objects.filter(review=review).exists():
        raise ReviewStillOpenError(
            f"The Panel can change its recommendations until {local_datetime(review.comments_deadline)}: "
            "record the response after that, or once the chair has submitted the Panel's report."
        )
    published = ResponsePublication.objects.filter(review=review).exists()
    response = PccResponse.objects.filter(recommendation=locked).first()
    if published and response is not None:
        raise AlreadyPublishedError("The response has been published, so it can no longer be changed.")
    if outcome not in PccResponse.Outcome.values:
        raise ValidationError({"outcome": "Choose whether the recommendation is accepted."})
    if outcome != PccResponse.Outcome.ACCEPTED:
        reasons = _clean_text(
            reasons, empty_message="Give the reasons, as the recommendation was not fully accepted.", field="reasons"
        )
    changed_title = ""
    if changed_version is not None or changed_uid:
        match = next(
            (
                c
                for c in change_choices(review)
                if changed_version is not None
                and c[0].pk == changed_version.pk
                and c[1] == changed_kind
                and c[2] == changed_uid
            ),
            None,
        )
        if match is None:
            raise ValidationError({"change": "Choose a part of the plan that changed in a later version."})
        changed_title = match[3]
    else:
        changed_kind = changed_uid = ""
    # The recommendation's lock covers its one response: of two people recording it at
    # once, the second sees the first's (revision 0 is "no response yet").
    if expected_revision is not None and (response.revision if response else 0) != expected_revision:
        if response is None:
            raise ValidationError("This page was out of date. Open it again, and make your change again.")
        raise StaleSaveError(response)
    if response is None:
        response = PccResponse(recommendation=locked)
    else:
        response.revision += 1
    response.outcome = outcome
    response.reasons = (reasons or "").strip()
    response.changed_version = changed_version
    response.changed_kind = changed_kind
    response.changed_uid = changed_uid
    response.changed_title = changed_title
    response.recorded_by = by
    response.recorded_at = now
    response.full_clean()
    attribute(response, by)
    response.save()
    if published and _all_answered(review):
        # The last response to a published review: the Panel now has a response to each.
        _record_responded(review, on=timezone.localdate(now), by=by)
    return response


def _record_responded(review: PanelReview, *, on: date, by: User) -> None:
    milestone_record_step(
        plan=review.version.plan,
        step=StatutoryStep.RESPOND_TO_PANEL,
        on=on,
        by=by,
        evidence_url=reverse("panel:published_detail", kwargs={"review_id": review.pk}),
        note=f"The Commissioner has responded to every recommendation on {review.version.label}.",
    )


@transaction.atomic
def response_publish(*, review: PanelReview, by: User, now: datetime | None = None) -> ResponsePublication:
    """Publish the Commissioner's response to the Panel on the public site. Records the
    statutory step "publish the response", and "respond to the Panel" when every
    recommendation has a response."""
    now = now or timezone.now()
    locked = PanelReview.objects.select_for_update().select_related("version__plan").get(pk=review.pk)
    if ResponsePublication.objects.filter(review=locked).exists():
        raise AlreadyPublishedError("The response to this review has already been published.")
    if locked.is_open(now):
        raise ReviewStillOpenError(
            f"The Panel can make recommendations until {local_datetime(locked.comments_deadline)}: "
            "publish the response after that."
        )
    publication = ResponsePublication(review=locked, published_at=now, published_by=by)
    publication.full_clean()
    publication.save()
    from .tasks import send_response_published  # tasks import this module

    enqueue(send_response_published, args=[publication.pk])
    url = publication.get_absolute_url()
    milestone_record_step(
        plan=locked.version.plan,
        step=StatutoryStep.PUBLISH_RESPONSE,
        on=timezone.localdate(now),
        by=by,
        evidence_url=url,
        note=f"The response to the Panel's review of {locked.version.label}.",
    )
    if _all_answered(locked):
        _record_responded(locked, on=timezone.localdate(now), by=by)
    return publication


def _publication_email(publication: ResponsePublication, member: PanelMember) -> EmailMessage:
    review = publication.review
    plan = review.version.plan
    link = settings.PCPLAN_BASE_URL.rstrip("/") + publication.get_absolute_url()
    lines = [
        f"Dear {member.display_name},",
        "",
        f"The Police and Crime Commissioner has published the response to the {review.panel.name}'s "
        f"review of draft {review.version.label} of the {plan.title}, on "
        f"{date_format(timezone.localtime(publication.published_at), 'j F Y')}.",
        "",
        f"Read the response to each recommendation here: {link}",
        "",
        plan.area.opcc_name,
    ]
    return EmailMessage(
        subject=f"The Commissioner's response to the Panel on {review.version.label} of the {plan.title}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.user.email],
    )


def response_publication_notify_members(*, publication_id: int) -> int:
    """E-mail the members serving on the Panel that the Commissioner's response is published, once."""
    return _email_members_once(
        ResponsePublication,
        publication_id,
        at=lambda publication: publication.published_at,
        message=_publication_email,
    )


# ---------------------------------------------------------------- the Chief Constable


@transaction.atomic
def chief_constable_comment_record(
    *, version: Version, text: str, recorded_on: date, by: User, now: datetime | None = None
) -> ChiefConstableComment:
    """Record the Chief Constable's formal comments on a version: the statutory consultation
    (recorded as a step the first time for each version)."""
    now = now or timezone.now()
    text = _clean_text(text, empty_message="Enter the Chief Constable's comments.")
    # No lower bound: the Chief Constable often comments on the circulated draft before
    # staff cut it as a version.
    if recorded_on > timezone.localdate(now):
        raise ValidationError({"recorded_on": "Enter a date that is today or in the past."})
    first_on_version = not ChiefConstableComment.objects.filter(version=version).exists()
    comment = ChiefConstableComment(
        version=version, text=text, recorded_on=recorded_on, recorded_by=by, recorded_at=now
    )
    comment.full_clean()
    attribute(comment, by)
    comment.save()
    if first_on_version:
        milestone_record_step(
            plan=version.plan,
            step=StatutoryStep.CONSULT_CHIEF_CONSTABLE,
            on=recorded_on,
            by=by,
            evidence_url=reverse("panel:cc_version_detail", kwargs={"version_id": version.pk}),
            note=f"The Chief Constable's comments on {version.label}.",
        )
    return comment


# ---------------------------------------------------------------- the Panel and its members


@transaction.atomic
def panel_set_up(*, area: PoliceArea, by: User | None, name: str) -> Panel:
    """The area's Panel, created or renamed."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter the Panel's name"})
    panel = Panel.objects.select_for_update().filter(area=area).first() or Panel(area=area)
    panel.name = name
    attribute(panel, by)
    panel.full_clean()
    panel.save()
    return panel


@transaction.atomic
def panel_member_add(
    *, panel: Panel, by: User | None, user: User, role: str, term_starts_on: date, term_ends_on: date | None = None
) -> PanelMember:
    if panel.members.filter(user=user).serving_on(term_starts_on).exists():
        raise ValidationError({"email": f"{user.get_full_name() or user.get_username()} already serves on the Panel"})
    member = PanelMember(panel=panel, user=user, role=role, term_starts_on=term_starts_on, term_ends_on=term_ends_on)
    attribute(member, by)
    member.full_clean()
    member.save()
    return member
