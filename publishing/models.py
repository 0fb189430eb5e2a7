"""Render jobs (one PDF of one version of a plan, in one of the three formats) and
publications (a version published, with the frozen files of its documents).

A job moves queued -> running -> done or failed (`publishing/services.py` holds every
transition). Its file is written once under a name of its own and never rewritten; a
frozen job (a published document) can be neither rendered again nor retried, so a
published file and its sha256 never change.
"""

from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from pcplan.revisions import Revised

# Worker losses (a killed or out-of-memory worker process) a render survives before it
# is marked failed; a render that fails with an error of its own is not retried.
MAX_ATTEMPTS = 3
# A running render writes its heartbeat every HEARTBEAT_SECONDS (a thread beside the
# render, whatever WeasyPrint is doing). One whose heartbeat is older than
# HEARTBEAT_STALE_AFTER has lost its worker: it shows as interrupted, and the sweep (every
# few seconds under Celery beat) queues it again.
HEARTBEAT_SECONDS = getattr(settings, "PCPLAN_RENDER_HEARTBEAT_SECONDS", 5)
HEARTBEAT_STALE_AFTER = timedelta(seconds=getattr(settings, "PCPLAN_RENDER_STALE_SECONDS", 30))


def render_upload_to(job: "RenderJob", filename: str) -> str:
    version = job.version
    plan = version.plan
    # The job's id and attempt make every file name new: no render ever writes over a file.
    return str(
        PurePosixPath("renders")
        / plan.area.slug
        / plan.slug
        / version.label.lower()
        / f"{job.pk}-{job.attempts}-{PurePosixPath(filename).name}"
    )


# The name of each document in its public address and its file name.
PUBLISHED_KEYS = {
    "full": "full-plan",
    "summary": "summary",
    "page": "plan-on-a-page",
    "poster": "poster",
    "large": "large-print",
    "easyread": "easy-read",
}


# Each document in a sentence: "Download the PDF of the plan on a page".
FORMAT_PHRASES = {
    "full": "the full plan",
    "summary": "the public summary",
    "district": "the District plan",
    "page": "the plan on a page",
    "poster": "the poster of the plan on a page",
    "large": "the large-print summary",
    "easyread": "the Easy Read version",
    "outcome": "the consultation outcome report",
}


class RenderJob(models.Model):
    class Format(models.TextChoices):
        FULL = "full", "Full plan"
        SUMMARY = "summary", "Public summary"
        DISTRICT = "district", "District plan"
        PAGE = "page", "Plan on a page"
        POSTER = "poster", "Poster of the plan on a page"
        LARGE_PRINT = "large", "Large-print summary"
        EASY_READ = "easyread", "Easy Read version"
        OUTCOME = "outcome", "Consultation outcome report"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Rendering"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    version = models.ForeignKey("plans.Version", on_delete=models.PROTECT, related_name="render_jobs")
    format = models.CharField(max_length=10, choices=Format.choices)
    district = models.ForeignKey(
        "plans.District", on_delete=models.PROTECT, null=True, blank=True, related_name="render_jobs"
    )
    # The consultation whose outcome report ("you said, we did") this job renders.
    consultation = models.ForeignKey(
        "consultation.Consultation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent, 0 to 100")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Times a worker has started this render")
    page_count = models.PositiveIntegerField(null=True, blank=True)
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    output = models.FileField(upload_to=render_upload_to, max_length=400, blank=True)
    # What the PDF was rendered from (publishing/snapshot.py): its print HTML and every
    # file that drew on, and its web page's HTML. Frozen with the PDF when published.
    source = models.FileField(upload_to=render_upload_to, max_length=400, blank=True)
    error = models.TextField(blank=True)
    # What the document says of its issue, on its cover: "Published 14 October 2016", or
    # "Draft V3, 1 September 2016". The publish gate refuses to freeze a document dated
    # for another day. Blank for renders made before it was recorded.
    issued_as = models.CharField(max_length=120, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Written with every progress step: a running job whose heartbeat stops has lost its
    # worker, and the sweep queues it again or marks it failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The Celery task id of the current attempt, and which worker process runs it. A
    # message delivered again after its worker died carries the same task id.
    task_id = models.CharField(max_length=64, blank=True)
    worker = models.CharField(max_length=200, blank=True)
    # The plan on a page as a picture (PNG of its one page), for the public site and social
    # media, with the page's words as its alternative text.
    picture = models.FileField(upload_to=render_upload_to, max_length=400, blank=True)
    picture_alt = models.TextField(blank=True)
    # Set when the document is published: the file and its sha256 must never change.
    frozen = models.BooleanField(default=False)
    frozen_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["progress", "heartbeat_at"])

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["version", "format", "district", "-requested_at"], name="render_job_document"),
            models.Index(fields=["status", "heartbeat_at"], name="render_job_status_heartbeat"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(format="district") & Q(district__isnull=False))
                | (~Q(format="district") & Q(district__isnull=True)),
                name="render_job_district_iff_district_format",
            ),
            models.CheckConstraint(
                condition=(Q(format="outcome") & Q(consultation__isnull=False))
                | (~Q(format="outcome") & Q(consultation__isnull=True)),
                name="render_job_consultation_iff_outcome_format",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="render_job_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(frozen=False) | (Q(status="done") & ~Q(sha256="") & ~Q(output="")),
                name="render_job_frozen_only_when_done",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | (~Q(sha256="") & ~Q(output="") & Q(page_count__isnull=False)),
                name="render_job_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_label} of {self.version} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse(
            "publishing:version_documents",
            kwargs={"plan_id": self.version.plan_id, "number": self.version.number},
        )

    @property
    def document_label(self) -> str:
        if self.format == self.Format.DISTRICT and self.district is not None:
            return f"District plan: {self.district.name}"
        return self.get_format_display()

    @property
    def document_key(self) -> tuple[str, int | None]:
        """The document this job renders, whatever the attempt: (format, district id)."""
        return (self.format, self.district_id)

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_interrupted(self) -> bool:
        """Running, but its heartbeat has stopped: its worker died mid-render."""
        return self.status == self.Status.RUNNING and (
            self.heartbeat_at is None or self.heartbeat_at < timezone.now() - HEARTBEAT_STALE_AFTER
        )

    @property
    def can_retry(self) -> bool:
        return (self.status == self.Status.FAILED or self.is_interrupted) and not self.frozen

    @property
    def published_key(self) -> str:
        """The document's name in its public address: full-plan, summary, district-<slug>."""
        if self.format == self.Format.FULL:
            return "full-plan"
        if self.format == self.Format.DISTRICT:
            return f"district-{self.district.slug}" if self.district else "district"
        if self.format == self.Format.OUTCOME:
            return f"outcome-{self.consultation_id}"
        return PUBLISHED_KEYS.get(self.format, self.format)

    @property
    def download_name(self) -> str:
        """The file name a person downloads: plan, version and document."""
        version = self.version
        suffix = self.district.slug if self.format == self.Format.DISTRICT and self.district else self.format
        if self.format != self.Format.DISTRICT:
            suffix = "full-plan" if self.format == self.Format.FULL else PUBLISHED_KEYS.get(self.format, self.format)
        if self.format == self.Format.OUTCOME:
            suffix = f"consultation-{self.consultation_id}-outcome"
        return f"{version.plan.slug}-{version.label.lower()}-{suffix}.pdf"


class Publication(models.Model):
    """A version of a plan published: the record that marks that version final (the
    version itself never changes). Its documents are the frozen render jobs whose files
    and sha256 the public page lists. A plan varied later has a publication per published
    version, each keeping its own files."""

    version = models.OneToOneField("plans.Version", on_delete=models.PROTECT, related_name="publication")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    documents = models.ManyToManyField(RenderJob, related_name="publications")
    # The Publisher's acknowledgement that a new plan was issued after its statutory
    # deadline (publishing/requirements.py: the one requirement that can be accepted unmet).
    issued_late = models.BooleanField(default=False)
    # When the copy of the plan was e-mailed to the Chief Constable's office (s5(10)), and to whom.
    copy_sent_at = models.DateTimeField(null=True, blank=True)
    copy_sent_to = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.version} published {self.published_at:%d %B %Y}"

    def get_absolute_url(self) -> str:
        plan = self.version.plan
        return reverse("publishing:published_plan", kwargs={"area_slug": plan.area.slug, "plan_slug": plan.slug})


def brand_upload_to(kit: "BrandKit", filename: str) -> str:
    # Named by content, never overwritten or removed: a document rendered with an earlier
    # logo or cover image can always be rendered again from its HTML.
    return str(PurePosixPath("brand") / kit.area.slug / PurePosixPath(filename).name)


class BrandKit(Revised):
    """A police area's brand on its documents and public plan pages: two colours (each
    reads with white text on it, publishing/branding.py), a logo and a cover image. Set by
    the Publisher (publishing.services.brand_kit_update)."""

    area = models.OneToOneField("plans.PoliceArea", on_delete=models.CASCADE, related_name="brand_kit")
    primary_colour = models.CharField(max_length=7)
    secondary_colour = models.CharField(max_length=7)
    # PNG or JPEG as uploaded (checked with Pillow), or SVG rewritten to a safe subset.
    logo = models.FileField(upload_to=brand_upload_to, blank=True, max_length=300)
    logo_alt = models.CharField(max_length=200, blank=True)
    cover_image = models.FileField(upload_to=brand_upload_to, blank=True, max_length=300)
    cover_alt = models.CharField(max_length=300, blank=True)
    cover_credit = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Brand of {self.area}"
