"""The Police and Crime Panel's review of a draft plan, and the Commissioner's response.

A draft version is issued to the Panel (PanelReview); members make Recommendations until
the comments deadline; the chair submits the Panel's formal report (PanelReport); staff
record the Commissioner's response to each recommendation (PccResponse), which the
Publisher publishes (ResponsePublication). The Chief Constable's formal comments on a
version (ChiefConstableComment) sit beside it. PRSR Act 2011 s5(6), s28(3)-(4).
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from pcplan.revisions import Revised
from plans.models import PoliceArea, Version


class Panel(models.Model):
    """The Police and Crime Panel of a police area."""

    area = models.OneToOneField(PoliceArea, on_delete=models.PROTECT, related_name="panel")
    name = models.CharField(max_length=200, help_text="For example, Avon and Somerset Police and Crime Panel")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PanelMemberQuerySet(models.QuerySet["PanelMember"]):
    def serving_on(self, day: date) -> "PanelMemberQuerySet":
        """Members whose term includes the given day."""
        return self.filter(term_starts_on__lte=day).filter(Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=day))


class PanelMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    term_starts_on = models.DateField("Term starts")
    term_ends_on = models.DateField("Term ends", null=True, blank=True, help_text="Leave empty if no end is set")
    history = HistoricalRecords()

    objects = PanelMemberQuerySet.as_manager()

    class Meta:
        ordering = ["panel", "role", "user__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "user", "term_starts_on"], name="panel_member_unique_term"),
            models.CheckConstraint(
                condition=Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=models.F("term_starts_on")),
                name="panel_member_term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.term_ends_on and self.term_starts_on and self.term_ends_on < self.term_starts_on:
            raise ValidationError({"term_ends_on": "Enter an end of term on or after its start."})

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    def serves_on(self, day: date) -> bool:
        return self.term_starts_on <= day and (self.term_ends_on is None or self.term_ends_on >= day)


class PanelReview(models.Model):
    """A cut version issued to the Panel, with the deadline for members' recommendations."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="reviews")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="panel_reviews")
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comments_deadline = models.DateTimeField(help_text="Members can make recommendations until this moment")
    meeting_date = models.DateField("Date of the Panel's meeting", null=True, blank=True)
    note = models.TextField("Message to the Panel", blank=True)
    # Set once every member has been e-mailed, so a retried task does not e-mail twice.
    members_notified_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "version"], name="panel_review_once_per_version"),
            models.CheckConstraint(
                condition=Q(comments_deadline__gt=models.F("issued_at")), name="panel_review_deadline_after_issue"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version.label} issued to {self.panel}"

    def get_absolute_url(self) -> str:
        return reverse("panel:review_detail", kwargs={"review_id": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.version_id and self.panel_id and self.version.plan.area_id != self.panel.area_id:
            errors["version"] = "Choose a version of a plan of the Panel's own police area."
        if self.issued_at and self.comments_deadline and self.comments_deadline <= self.issued_at:
            errors["comments_deadline"] = "Enter a comments deadline after the date of issue."
        if (
            self.meeting_date
            and self.comments_deadline
            and self.meeting_date < timezone.localdate(self.comments_deadline)
        ):
            errors["meeting_date"] = "Enter a meeting date on or after the comments deadline."
        if errors:
            raise ValidationError(errors)

    def is_open(self, now: datetime | None = None) -> bool:
        """Members can still make, change or withdraw recommendations."""
        return (now or timezone.now()) < self.comments_deadline

    @property
    def has_report(self) -> bool:
        return hasattr(self, "report")

    def accepts_responses(self, now: datetime | None = None) -> bool:
        """Staff can record the Commissioner's responses once the deadline has passed, or
        once the chair has submitted the Panel's report, whichever comes first."""
        return not self.is_open(now) or self.has_report

    @property
    def is_published(self) -> bool:
        return hasattr(self, "publication")

    @property
    def deadline_text(self) -> str:
        """The deadline as people read it: "12 August 2016 at 17:00", in UK time."""
        local = timezone.localtime(self.comments_deadline)
        return f"{date_format(local, 'j F Y')} at {local:%H:%M}"


class Recommendation(Revised):
    class Target(models.TextChoices):
        PLAN = "plan", "The whole plan"
        SECTION = "section", "A section"
        OBJECTIVE = "objective", "A priority"

    review = models.ForeignKey(PanelReview, on_delete=models.PROTECT, related_name="recommendations")
    # Numbered within the review (1, 2, ...) so the Panel, the OPCC and the public can cite one.
    number = models.PositiveIntegerField()
    author = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="recommendations")
    target = models.CharField(max_length=20, choices=Target.choices, default=Target.PLAN)
    target_uid = models.CharField(max_length=36, blank=True, help_text="The section's or priority's uid")
    # The title as the issued version has it: versions never change, so neither does this.
    target_title = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="recommendation_unique_number_per_review"),
            models.CheckConstraint(
                condition=(Q(target="plan") & Q(target_uid=""))
                | (Q(target__in=["section", "objective"]) & ~Q(target_uid="")),
                name="recommendation_target_has_uid",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="recommendation_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number} on {self.review}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def anchor(self) -> str:
        return f"recommendation-{self.number}"

    @property
    def target_label(self) -> str:
        if self.target == self.Target.PLAN:
            return "The whole plan"
        kind = "Section" if self.target == self.Target.SECTION else "Priority"
        return f"{kind}: {self.target_title}"

    @property
    def target_anchor(self) -> str:
        return f"{self.target}-{self.target_uid}" if self.target_uid else ""

    @property
    def short_text(self) -> str:
        words = " ".join(self.text.split())
        return words if len(words) <= 80 else words[:77].rsplit(" ", 1)[0] + "…"


def report_upload_to(instance: "PanelReport", filename: str) -> str:
    # Never the uploader's own file name: it goes in a path and a header.
    return f"panel/reports/review-{instance.review_id}/report-{timezone.now():%Y%m%d%H%M%S}.pdf"


class PanelReport(models.Model):
    """The Panel's formal report on a review, submitted by its chair."""

    review = models.OneToOneField(PanelReview, on_delete=models.PROTECT, related_name="report")
    submitted_by = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    # Checked to be a PDF by panel.validators.validate_pdf when uploaded (service and form).
    attachment = models.FileField(upload_to=report_upload_to, blank=True)
    attachment_name = models.CharField(max_length=200, blank=True, help_text="The file name as the chair uploaded it")
    attachment_size = models.PositiveIntegerField(null=True, blank=True)
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="panel_report_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"The Panel's report on {self.review}"


class PccResponse(Revised):
    """The Commissioner's response to one recommendation."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        ACCEPTED_IN_PART = "accepted_in_part", "Accepted in part"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    class ChangedKind(models.TextChoices):
        SECTION = "section", "Section"
        OBJECTIVE = "objective", "Priority"

    recommendation = models.OneToOneField(Recommendation, on_delete=models.PROTECT, related_name="response")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reasons = models.TextField(blank=True)
    # Where the recommendation led to a change: the later version and the part that changed.
    changed_version = models.ForeignKey(Version, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    changed_kind = models.CharField(max_length=20, choices=ChangedKind.choices, blank=True)
    changed_uid = models.CharField(max_length=36, blank=True)
    changed_title = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="accepted") | ~Q(reasons=""), name="pcc_response_reasons_unless_accepted"
            ),
            models.CheckConstraint(
                condition=(Q(changed_version__isnull=True) & Q(changed_uid="") & Q(changed_kind=""))
                | (Q(changed_version__isnull=False) & ~Q(changed_uid="") & ~Q(changed_kind="")),
                name="pcc_response_change_is_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.recommendation}"

    def clean(self) -> None:
        if self.outcome != self.Outcome.ACCEPTED and not (self.reasons or "").strip():
            raise ValidationError({"reasons": "Give the reasons, as the recommendation was not fully accepted."})

    @property
    def has_change(self) -> bool:
        return self.changed_version_id is not None


class ReviewDeadlineChange(models.Model):
    """Staff extended a review's comments deadline, or closed the review early: who, when,
    from what to what and why, shown on the review and e-mailed to the members."""

    class Kind(models.TextChoices):
        EXTENDED = "extended", "Deadline extended"
        CLOSED_EARLY = "closed_early", "Closed early"

    review = models.ForeignKey(PanelReview, on_delete=models.PROTECT, related_name="deadline_changes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    old_deadline = models.DateTimeField()
    new_deadline = models.DateTimeField()
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()
    # Set once every member has been e-mailed, so a retried task does not e-mail twice.
    members_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.review}"


class ResponsePublication(models.Model):
    """The Commissioner's response to a review, published on the public site."""

    review = models.OneToOneField(PanelReview, on_delete=models.PROTECT, related_name="publication")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Set once every member has been told of the publication, so a retried task does not
    # e-mail twice.
    members_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"Response to {self.review}, published {self.published_at:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("panel:published_detail", kwargs={"review_id": self.review_id})


class ChiefConstableComment(models.Model):
    """The Chief Constable's formal comments on a version: the statutory consultation."""

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="chief_constable_comments")
    text = models.TextField()
    recorded_on = models.DateField("Date of the Chief Constable's comments")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "recorded_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="chief_constable_comment_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"The Chief Constable's comments on {self.version.label}, {self.recorded_on:%d %B %Y}"
