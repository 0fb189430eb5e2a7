"""The writes that matter for annual reports: draft one for a financial year, write the
Commissioner's sections, cut a version."""

from datetime import date, datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pcplan.history import attribute
from pcplan.revisions import lock_revision
from plans.models import Plan
from plans.richtext import sanitise_html

from .drafting import content_hash, draft_content
from .models import AnnualReport, AnnualReportVersion, financial_year_label


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
