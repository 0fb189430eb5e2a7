"""The writes that matter for the Panel's review. Views, tasks and the demo call these.

Every service takes `now` only so the demo can replay 2016 and tests can move the clock;
pages never pass it.
"""

import logging
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from pcplan.outbox.services import enqueue
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


def _history_user(obj: object, user: User | None) -> None:
    # django-simple-history sees the user of web requests only; tasks and the demo set it.
    obj._history_user = user  # type: ignore[attr-defined]  # read by simple-history, undeclared


def _local_datetime(value: datetime) -> str:
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
    _history_user(review, by)
    review.save()
    milestone_record_step(
        plan=version.plan,
        step=StatutoryStep.SEND_TO_PANEL,
        on=timezone.localdate(now),
        by=by,
        evidence_url=review.get_absolute_url(),
        note=f"{version.label} issued to the {panel.name}; comments by {_local_datetime(comments_deadline)}.",
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
        f"You can make recommendations until {_local_datetime(review.comments_deadline)}.",
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


def review_notify_members(*, review_id: int) -> int:
    """E-mail each member serving on the Panel on the day of issue, one message each (members
    do not see each other's addresses). Returns how many were sent; a review already
    notified sends nothing, so a retried task does not e-mail twice."""
    with transaction.atomic():
        review = (
            PanelReview.objects.select_for_update(of=("self",))
            .select_related("panel", "version__plan__area")
            .get(pk=review_id)
        )
        if review.members_notified_at is not None:
            return 0
        members = list(
            PanelMember.objects.serving_on(timezone.localdate(review.issued_at))
            .filter(panel=review.panel)
            .select_related("user")
            .order_by("pk")
        )
        without_address = [m for m in members if not m.user.email]
        for member in without_address:
            logger.warning("Panel member %s has no e-mail address; not told of review %s", member.pk, review.pk)
        messages = [_review_email(review, m) for m in members if m.user.email]
        sent = get_connection().send_messages(messages) or 0
        review.members_notified_at = timezone.now()
        review.save(update_fields=["members_notified_at"])
    return sent


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
            f"The Panel's comments on {review.version.label} closed on {_local_datetime(review.comments_deadline)}."
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
    _history_user(recommendation, member.user)
    recommendation.save()
    return recommendation


def _lock_own(recommendation: Recommendation, member: PanelMember, now: datetime) -> Recommendation:
    locked = Recommendation.objects.select_for_update().select_related("review", "author").get(pk=recommendation.pk)
    if locked.author.user_id != member.user_id:
        raise NotYoursError("Only the member who made a recommendation can change it.")
    _check_open(locked.review, now)
    if locked.is_withdrawn:
        raise ValidationError("This recommendation has been withdrawn, so it cannot be changed.")
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
) -> Recommendation:
    now = now or timezone.now()
    locked = _lock_own(recommendation, member, now)
    locked.text = _clean_text(text, empty_message="Enter your recommendation.")
    locked.target, locked.target_uid = _check_target(target, target_uid)
    locked.target_title = _target_title(recommendation.review, locked.target, locked.target_uid)
    locked.updated_at = now
    locked.full_clean()
    _history_user(locked, member.user)
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
    _history_user(locked, member.user)
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
    _history_user(report, member.user)
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
    from plans.diff import compare_contents

    base = PlanContent.from_json(review.version.content)
    choices = []
    for version in Version.objects.filter(plan_id=review.version.plan_id, number__gt=review.version.number).order_by(
        "number"
    ):
        comparison = compare_contents(base, PlanContent.from_json(version.content))
        for part in comparison.changed_parts:
            if part.kind in (PccResponse.ChangedKind.SECTION, PccResponse.ChangedKind.OBJECTIVE):
                choices.append((version, part.kind, part.uid, part.title))
    return choices


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
    if review.is_open(now):
        raise ReviewStillOpenError(
            f"The Panel can change its recommendations until {_local_datetime(review.comments_deadline)}: "
            "record the response after that."
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
    if response is None:
        response = PccResponse(recommendation=locked)
    response.outcome = outcome
    response.reasons = (reasons or "").strip()
    response.changed_version = changed_version
    response.changed_kind = changed_kind
    response.changed_uid = changed_uid
    response.changed_title = changed_title
    response.recorded_by = by
    response.recorded_at = now
    response.full_clean()
    _history_user(response, by)
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
            f"The Panel can make recommendations until {_local_datetime(locked.comments_deadline)}: "
            "publish the response after that."
        )
    publication = ResponsePublication(review=locked, published_at=now, published_by=by)
    publication.full_clean()
    publication.save()
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
    _history_user(comment, by)
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
    _history_user(panel, by)
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
    _history_user(member, by)
    member.full_clean()
    member.save()
    return member
