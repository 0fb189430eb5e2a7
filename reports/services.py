"""The writes that matter for annual reports: draft one for a financial year, write the
Commissioner's sections, cut a version, take it through the Panel and publish it."""

import hashlib
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from panel.models import Panel, PanelMember
from panel.services import email_serving_members
from pcplan.dates import long_date
from pcplan.history import attribute, save_attributed
from pcplan.outbox.services import enqueue
from pcplan.revisions import lock_revision
from plans.models import Plan
from plans.richtext import html_to_text, sanitise_html

from .document import annual_report_html, annual_report_pdf, render_annual_report
from .drafting import content_hash, draft_content
from .models import (
    AnnualReport,
    AnnualReportPublication,
    AnnualReportReview,
    AnnualReportVersion,
    AnnualReportVersionPdf,
    financial_year_label,
)


class NothingChangedError(Exception):
    """Cutting a version when nothing changed since the latest one."""


@transaction.atomic
def annual_report_create(*, plan: Plan, year_start: date, by: User | None) -> AnnualReport:
    """Start the annual report of a financial year of a published plan."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.stage != Plan.Stage.PUBLISHED:
        raise ValidationError("Only a published plan has annual reports: publish the plan first.")
    if AnnualReport.objects.filter(plan=locked, year_start=year_start).exists():
        raise ValidationError(f"There is already an annual report for {financial_year_label(year_start)}.")
    report = AnnualReport(plan=locked, year_start=year_start, created_by=by)
    report.full_clean()
    attribute(report, by)
    report.save()
    return report


@transaction.atomic
def annual_report_sections_update(
    *,
    report: AnnualReport,
    foreword: str,
    functions: str,
    finances: str,
    by: User | None,
    expected_revision: int | None = None,
) -> AnnualReport:
    """The Commissioner's own sections, sanitised as every rich text is."""
    locked = lock_revision(AnnualReport.objects.all(), pk=report.pk, expected_revision=expected_revision)
    locked.foreword = sanitise_html(foreword)
    locked.functions = sanitise_html(functions)
    locked.finances = sanitise_html(finances)
    locked.full_clean()
    attribute(locked, by)
    locked.save()
    return locked


@transaction.atomic
def annual_report_version_cut(
    *, report: AnnualReport, by: User, note: str = "", cut_at: datetime | None = None
) -> AnnualReportVersion:
    """Snapshot the report and the year's records as the next version (V1, V2, ...).
    Refused when nothing changed since the latest version. `cut_at` replays a past
    timeline (the demo); pages never pass it."""
    locked = AnnualReport.objects.select_for_update().select_related("plan__area").get(pk=report.pk)
    content = draft_content(locked)
    digest = content_hash(content)
    latest = locked.versions.order_by("-number").defer("content").first()
    if latest is not None and latest.content_hash == digest:
        raise NothingChangedError(f"Nothing has changed since {latest.label}, so there is nothing to cut.")
    version = AnnualReportVersion(
        report=locked,
        number=(latest.number + 1) if latest else 1,
        content=content,
        content_hash=digest,
        note=note,
        cut_at=cut_at or timezone.now(),
        cut_by=by,
    )
    version.full_clean()
    version.save()
    return version


def version_pdf(*, version: AnnualReportVersion) -> AnnualReportVersionPdf:
    """The version's PDF, rendered the first time it is asked for and stored under the
    sha256 of its print HTML; later requests read the stored file. A cut version never
    changes, but the document's design may: new HTML, so a new render. (In production the
    stylesheets' URLs carry their content's hash, so a new print.css is new HTML too; with
    development's plain static storage an edit of print.css alone is not.)

    No lock is held while WeasyPrint runs: two first requests at once may both render, each
    into a file of its own; the unique constraint keeps the first row, and the other request
    drops its file and serves the first's."""
    html = annual_report_html(version)
    digest = hashlib.sha256(html.encode()).hexdigest()
    stored = AnnualReportVersionPdf.objects.filter(version=version, html_sha256=digest).first()
    if stored is not None:
        if stored.pdf.storage.exists(stored.pdf.name):
            return stored
        # The file went missing from storage: render it again.
        AnnualReportVersionPdf.objects.filter(pk=stored.pk).delete()
    rendered = render_annual_report(html)
    fresh = AnnualReportVersionPdf(version=version, html_sha256=digest, page_count=rendered.page_count)
    # The file is whole before the row that names it exists.
    fresh.pdf.save("annual-report.pdf", ContentFile(rendered.data), save=False)
    try:
        with transaction.atomic():
            fresh.save()
    except IntegrityError:
        fresh.pdf.delete(save=False)
        return AnnualReportVersionPdf.objects.get(version=version, html_sha256=digest)
    return fresh


# ---------------------------------------------------------------- the Panel (s12(2)-(5))


def _review(report: AnnualReport) -> AnnualReportReview:
    review = AnnualReportReview.objects.select_for_update().filter(report=report).first()
    if review is None:
        raise ValidationError("Send a version of the report to the Panel first.")
    return review


def _not_future(day: date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"{what} cannot be in the future.")


@transaction.atomic
def send_to_panel(
    *, version: AnnualReportVersion, sent_on: date, by: User, meeting_on: date | None = None, notify: bool = True
) -> AnnualReportReview:
    """Record that a cut version went to the Police and Crime Panel (s12(2)), with the date
    of the Panel's public meeting if it is known. A report goes to the Panel once; sending a
    later version before the Panel has reported replaces it. Once the transaction commits,
    each member serving on the Panel is e-mailed a link to the version sent (`notify=False`
    for the demo's replay of the past)."""
    report = AnnualReport.objects.select_for_update().get(pk=version.report_id)
    _not_future(sent_on, "The date sent")
    if sent_on < version.cut_at.date():
        raise ValidationError(f"{version.label} was cut on {version.cut_at:%-d %B %Y}: it cannot be sent before.")
    if meeting_on is not None and meeting_on < sent_on:
        raise ValidationError({"panel_meeting_on": "The meeting cannot be before the report was sent to the Panel."})
    review = AnnualReportReview.objects.select_for_update().filter(report=report).first()
    if review is not None and review.panel_report:
        raise ValidationError("The Panel has already reported on the version sent to it.")
    review = review or AnnualReportReview(report=report)
    newly_sent = review.pk is None or review.version_id != version.pk
    review.version, review.sent_on, review.sent_by = version, sent_on, by
    if meeting_on is not None:
        review.meeting_on = meeting_on
    if newly_sent:
        review.members_notified_at = None
    save_attributed(review, by)
    if newly_sent and notify:
        from .tasks import send_sent_to_panel  # tasks import this module

        # Through the outbox: queued with the review, sent when the broker answers.
        enqueue(send_sent_to_panel, args=[review.pk])
    return review


def _sent_email(review: AnnualReportReview, panel_name: str, member: PanelMember) -> EmailMessage:
    report, version = review.report, review.version
    plan = report.plan
    link = settings.PCPLAN_BASE_URL.rstrip("/") + reverse("reports:review", kwargs={"report_id": report.pk})
    if review.meeting_on:
        meeting = f"The Commissioner will present it at the Panel's public meeting on {long_date(review.meeting_on)}."
    else:
        meeting = "The date of the Panel's public meeting at which the Commissioner presents it is not yet set."
    lines = [
        f"Dear {member.display_name},",
        "",
        f"The Commissioner's {report.title.lower()} ({version.label}) on the {plan.title} for {plan.area.name} "
        f"was sent to the {panel_name} on {long_date(review.sent_on)}.",
        "",
        f"Read it and record the Panel's report on it here: {link}",
        "",
        meeting,
        "",
        plan.area.opcc_name,
    ]
    return EmailMessage(
        subject=f"The Commissioner's {report.title.lower()} ({version.label}) sent to the Panel",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.user.email],
    )


def panel_notify_members(*, review_id: int) -> int:
    """E-mail each member serving on the area's Panel on the day the report was sent.
    Returns how many were sent. Each member is written to once per version sent, so a
    task retried after the mail server failed partway writes only to those not yet told."""
    with transaction.atomic():
        review = (
            AnnualReportReview.objects.select_for_update(of=("self",))
            .select_related("report__plan__area", "version")
            .get(pk=review_id)
        )
        if review.members_notified_at is not None:
            return 0
        panel = Panel.objects.filter(area_id=review.report.plan.area_id).first()
        panel_name = panel.name if panel is not None else ""
        sending = email_serving_members(
            panel_id=panel.pk if panel is not None else None,
            on=review.sent_on,
            key=f"reports.review:{review.pk}:version:{review.version_id}",
            message_for=lambda m: _sent_email(review, panel_name, m),
        )
        if sending.error is None:
            review.members_notified_at = timezone.now()
            review.save(update_fields=["members_notified_at"])
    sending.raise_error()
    return sending.sent


@transaction.atomic
def record_meeting(*, report: AnnualReport, meeting_on: date, by: User) -> AnnualReportReview:
    """The Panel's public meeting at which the Commissioner presents the report (s12(3))."""
    review = _review(report)
    if meeting_on < review.sent_on:
        raise ValidationError("The meeting cannot be before the report was sent to the Panel.")
    review.meeting_on = meeting_on
    save_attributed(review, by)
    return review


@transaction.atomic
def record_panel_report(*, report: AnnualReport, text: str, reported_on: date, by: User) -> AnnualReportReview:
    """The Panel's report and recommendations on the annual report (s28(4)), recorded by a
    member of the Panel or by staff."""
    review = _review(report)
    text = sanitise_html(text)
    if not html_to_text(text).strip():
        raise ValidationError("Enter the Panel's report and recommendations.")
    _not_future(reported_on, "The date of the Panel's report")
    if reported_on < review.sent_on:
        raise ValidationError("The Panel cannot report before the report was sent to it.")
    if review.response_published_on:
        raise ValidationError("The Commissioner's response is published: the Panel's report can no longer change.")
    review.panel_report, review.panel_reported_on, review.panel_reported_by = text, reported_on, by
    save_attributed(review, by)
    return review


@transaction.atomic
def record_response(*, report: AnnualReport, text: str, by: User) -> AnnualReportReview:
    """The Commissioner's response to the Panel's report (s12(4))."""
    review = _review(report)
    if not review.panel_report:
        raise ValidationError("Record the Panel's report before the response to it.")
    if review.response_published_on:
        raise ValidationError("The response is published and can no longer change.")
    text = sanitise_html(text)
    if not html_to_text(text).strip():
        raise ValidationError("Enter the Commissioner's response.")
    review.response, review.response_by = text, by
    save_attributed(review, by)
    return review


@transaction.atomic
def publish_response(*, report: AnnualReport, by: User, on: date | None = None) -> AnnualReportReview:
    """Publish the Commissioner's response (s12(5)): from now on it shows beside the
    published report and can no longer change."""
    review = _review(report)
    if not review.response:
        raise ValidationError("Write the Commissioner's response before publishing it.")
    if review.response_published_on is None:
        review.response_published_on = on or timezone.localdate()
        save_attributed(review, by)
    return review


class GateClosedError(Exception):
    """Publishing an annual report whose s12 requirements are not all met."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("The annual report cannot be published yet: " + "; ".join(missing))
        self.missing = missing


@transaction.atomic
def publish(*, version: AnnualReportVersion, by: User, at: datetime | None = None) -> AnnualReportPublication:
    """Publish a version (s12(6)) once every s12 requirement holds: its PDF is rendered
    now, stored with its sha256 and served on the report's public page."""
    from .requirements import evaluate

    report = AnnualReport.objects.select_for_update().select_related("plan__area").get(pk=version.report_id)
    if AnnualReportPublication.objects.filter(report=report).exists():
        raise ValidationError(f"The {report.title.lower()} is already published.")
    compliance = evaluate(report, version)
    if not compliance.all_met:
        raise GateClosedError([item for result in compliance.unmet for item in result.missing])
    published_at = at or timezone.now()
    rendered = annual_report_pdf(version, published_at=published_at)
    publication = AnnualReportPublication(
        report=report,
        version=version,
        published_at=published_at,
        published_by=by,
        sha256=hashlib.sha256(rendered.data).hexdigest(),
        page_count=rendered.page_count,
    )
    publication.pdf.save("annual-report.pdf", ContentFile(rendered.data), save=False)
    publication.save()
    return publication
