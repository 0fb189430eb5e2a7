"""The Commissioner's annual report on a plan (PRSR Act 2011 s12): one per financial year
of the plan, drafted from the year's records (performance, deliverables, grants, quarterly
reviews) with the Commissioner's own sections written by staff, and cut into immutable
versions (V1, V2, ...) like the plan's.

The year's records are read live for the working draft (`reports/drafting.py`); a version
keeps them as they were when it was cut, in its JSON content.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from pcplan.revisions import Revised
from plans.models import Plan


def financial_year_label(year_start: date) -> str:
    """1 April 2016 -> "2016/17"."""
    return f"{year_start.year}/{(year_start.year + 1) % 100:02d}"


class AnnualReport(Revised):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="annual_reports")
    # 1 April of the financial year reported on.
    year_start = models.DateField()
    foreword = models.TextField("The Commissioner's foreword", blank=True)
    functions = models.TextField("The exercise of the Commissioner's functions", blank=True)
    finances = models.TextField("Finances", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-year_start"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year_start"], name="annual_report_once_a_year_per_plan"),
            models.CheckConstraint(
                condition=Q(year_start__day=1, year_start__month=4), name="annual_report_year_starts_1_april"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", kwargs={"report_id": self.pk})

    def clean(self) -> None:
        if self.year_start is None or self.plan_id is None:
            return
        if self.year_start.month != 4 or self.year_start.day != 1:
            raise ValidationError({"year_start": "A financial year starts on 1 April."})
        if not (self.plan.starts_on <= self.year_end and self.year_start <= self.plan.ends_on):
            raise ValidationError({"year_start": f"{self.year_label} is outside the plan's period."})

    @property
    def year_end(self) -> date:
        return date(self.year_start.year + 1, 3, 31)

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year_start)

    @property
    def year_in_names(self) -> str:
        """The year as file names carry it: "2016-17"."""
        return self.year_label.replace("/", "-")

    @property
    def title(self) -> str:
        return f"Annual report {self.year_label}"


class AnnualReportVersionQuerySet(models.QuerySet["AnnualReportVersion"]):
    def update(self, **kwargs: Any) -> int:
        raise VersionImmutableError("A cut version of an annual report cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise VersionImmutableError("A cut version of an annual report cannot be deleted.")


class VersionImmutableError(Exception):
    pass


class AnnualReportVersion(models.Model):
    """An immutable snapshot of an annual report: its sections and the year's records as
    they were when it was cut."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    content_hash = models.CharField(max_length=64)
    note = models.CharField(
        max_length=300, blank=True, help_text="Why this version was cut, for example 'for the Panel'"
    )
    cut_at = models.DateTimeField()
    cut_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    objects = AnnualReportVersionQuerySet.as_manager()

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="annual_report_version_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.report.title} {self.label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise VersionImmutableError("A cut version of an annual report cannot be changed.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:version_detail", kwargs={"report_id": self.report_id, "number": self.number})

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise VersionImmutableError("A cut version of an annual report cannot be deleted.")

    @property
    def label(self) -> str:
        return f"V{self.number}"


class AnnualReportReview(models.Model):
    """The report's passage through the Police and Crime Panel (PRSR Act 2011 s12(2)-(5),
    reviewed under s28(4)): the version sent and when, the public meeting at which the
    Commissioner presents it, the Panel's report or recommendations on it, and the
    Commissioner's response and when it was published. One per annual report."""

    report = models.OneToOneField(AnnualReport, on_delete=models.PROTECT, related_name="review")
    version = models.ForeignKey(AnnualReportVersion, on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField("Date sent to the Panel")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    meeting_on = models.DateField("Date of the Panel's public meeting", null=True, blank=True)
    panel_report = models.TextField("The Panel's report and recommendations", blank=True)
    panel_reported_on = models.DateField("Date of the Panel's report", null=True, blank=True)
    panel_reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response = models.TextField("The Commissioner's response", blank=True)
    response_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response_published_on = models.DateField(null=True, blank=True)
    # When each member serving on the Panel was e-mailed about the version sent; cleared when
    # a later version is sent, so the members are told of that one too.
    members_notified_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"The Panel's review of the {self.report.title.lower()}"


def version_pdf_upload_to(stored: "AnnualReportVersionPdf", filename: str) -> str:
    version = stored.version
    report = version.report
    # The HTML's sha256 names the file; the storage adds a suffix to a name already taken,
    # so two requests rendering at once never write into the same file.
    return (
        f"annual-reports/{report.plan.area.slug}/{report.plan.slug}/versions/"
        f"{report.year_in_names}-{version.label.lower()}-{stored.html_sha256[:16]}.pdf"
    )


class AnnualReportVersionPdf(models.Model):
    """A cut version's PDF, rendered once from its print HTML and served from storage after.
    The row is written only once the file is whole, so a file a row names is never partly
    written; a change to the document's design changes the HTML, and so renders afresh."""

    version = models.ForeignKey(AnnualReportVersion, on_delete=models.PROTECT, related_name="pdfs")
    html_sha256 = models.CharField(max_length=64)
    pdf = models.FileField(upload_to=version_pdf_upload_to, max_length=400)
    page_count = models.PositiveIntegerField()
    rendered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "html_sha256"], name="annual_report_version_pdf_once_per_html"),
        ]

    def __str__(self) -> str:
        return f"{self.version} PDF ({self.html_sha256[:12]})"


def annual_report_upload_to(publication: "AnnualReportPublication", filename: str) -> str:
    report = publication.report
    # The version and the sha256 name the file: a published file is never written over.
    folder = f"annual-reports/{report.plan.area.slug}/{report.plan.slug}"
    return f"{folder}/{report.year_in_names}-{publication.sha256[:12]}.pdf"


class AnnualReportPublication(models.Model):
    """A version of the annual report published under s12(6): its PDF rendered once, at
    publication, and stored with its sha256; the public page serves that file."""

    report = models.OneToOneField(AnnualReport, on_delete=models.PROTECT, related_name="publication")
    version = models.ForeignKey(AnnualReportVersion, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pdf = models.FileField(upload_to=annual_report_upload_to, max_length=400)
    sha256 = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.report.title}, {self.version.label}, published"

    def get_absolute_url(self) -> str:
        return reverse("reports:public", kwargs={"report_id": self.report_id})
