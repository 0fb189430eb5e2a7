"""Consultations on a cut version of a plan, the responses to them, and their analysis.

A consultation is open or closed by the clock (`is_open(now)`), never by a flag. A
response refers to the part of the draft it comments on by the section's or objective's
`uid` in that version's snapshot (`plans.snapshot`), so it stays attached to the words the
respondent actually read.

Responses carry personal data (name, e-mail, network address). They have no
HistoricalRecords on purpose: a history table would keep a copy of every name and
address after `anonymise_responses` or an erasure request removed them
(docs/decisions/0010-consultation-personal-data.md). Moderation keeps its own audit: the
original text is never overwritten, and who moderated and when is recorded on the row.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from pcplan.revisions import Revised
from plans.models import District, Plan, Version

COMMENT_MAX_LENGTH = 5000


class Consultation(Revised):
    class Audience(models.TextChoices):
        PUBLIC = "public", "The public"
        WORKFORCE = "workforce", "Police officers and staff"
        PARTNERS = "partners", "Partners and stakeholders"

    class Status(models.TextChoices):
        NOT_OPEN = "not_open", "Not open yet"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField(max_length=200)
    introduction = models.TextField(
        blank=True, help_text="Plain text shown above the draft: what you are asking and why"
    )
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.PUBLIC)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    asks_agreement = models.BooleanField("Ask how far people agree with each priority", default=True)
    retention_days = models.PositiveIntegerField(
        "Keep names, e-mail and network addresses for (days)",
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
    )
    analysis_completed_at = models.DateTimeField(null=True, blank=True)
    analysis_completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="consultation_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultation:detail", kwargs={"consultation_id": self.pk})

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Enter a closing date after the opening date."})

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_closed(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    def status(self, now: datetime | None = None) -> "Consultation.Status":
        now = now or timezone.now()
        if now < self.opens_at:
            return self.Status.NOT_OPEN
        if now < self.closes_at:
            return self.Status.OPEN
        return self.Status.CLOSED

    @property
    def status_now(self) -> "Consultation.Status":
        return self.status()

    @property
    def retention_period(self) -> timedelta:
        return timedelta(days=self.retention_days)


class Theme(Revised):
    """A tag staff give responses while analysing a consultation ("101 service")."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=80)
    # The outcome report's two halves for this theme, written by staff (sanitised rich text).
    people_said = models.TextField("What people said", blank=True)
    we_did = models.TextField("What we did", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint("consultation", Lower("name"), name="theme_unique_name_per_consultation"),
        ]

    def __str__(self) -> str:
        return self.name


class RespondentType(models.TextChoices):
    PUBLIC = "public", "Member of the public"
    WORKFORCE = "workforce", "Police officer or police staff"
    CSP = "csp", "Community safety partnership"
    CJB = "cjb", "Criminal justice board"
    IAG = "iag", "Independent advisory group"
    BUSINESS = "business", "Business"
    OTHER = "other", "Other organisation or group"


class VictimAnswer(models.TextChoices):
    """'Have you been a victim of crime?' The PCC must obtain victims' views (s14)."""

    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class Response(models.Model):
    class State(models.TextChoices):
        NEW = "new", "New"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected as spam"
        REDACTED = "redacted", "Redacted and published"

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="responses")
    reference = models.CharField(max_length=12, unique=True)
    section_uid = models.UUIDField(null=True, blank=True)
    objective_uid = models.UUIDField(null=True, blank=True)
    respondent_type = models.CharField(max_length=20, choices=RespondentType.choices)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    victim = models.CharField("Victim of crime", max_length=12, choices=VictimAnswer.choices, blank=True)
    text = models.TextField(max_length=COMMENT_MAX_LENGTH)
    name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    contact_consent = models.BooleanField(default=False)
    may_publish_anonymously = models.BooleanField(default=False)
    received_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=12, choices=State.choices, default=State.NEW)
    # Shown in place of `text` once redacted; `text` stays as sent, for audit, staff only.
    redacted_text = models.TextField(blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # For abuse control only; removed with the name and e-mail after the retention period.
    network_address = models.GenericIPAddressField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # Erased at the respondent's (or on their behalf, staff's) request: the words, name,
    # e-mail and address are gone; the answers stay, counted as an anonymous response.
    erased_at = models.DateTimeField(null=True, blank=True)
    # "Tell me what happened": e-mail the respondent once the outcome report is published.
    wants_outcome = models.BooleanField(default=False)
    outcome_sent_at = models.DateTimeField(null=True, blank=True)
    themes = models.ManyToManyField(Theme, related_name="responses", blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["consultation", "state"], name="response_consultation_state"),
            models.Index(fields=["consultation", "received_at"], name="response_consultation_received"),
            models.Index(Lower("email"), name="response_email_lower"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(section_uid__isnull=True) | Q(objective_uid__isnull=True),
                name="response_one_part_commented_on",
            ),
            models.CheckConstraint(
                condition=~Q(state="redacted") | ~Q(redacted_text=""),
                name="response_redacted_has_redacted_text",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("consultation:response_detail", kwargs={"response_id": self.pk})

    @property
    def public_text(self) -> str:
        """What may be shown outside the OPCC: the redacted text once there is one."""
        return self.redacted_text if self.state == self.State.REDACTED else self.text

    @property
    def is_published(self) -> bool:
        return self.state in (self.State.PUBLISHED, self.State.REDACTED)

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class ModerationAction(models.Model):
    """One thing staff did to a response, kept for good: who, when and what. The response's
    own `state` says where it stands now; this says how it got there."""

    class Kind(models.TextChoices):
        PUBLISH = "publish", "Published"
        REDACT = "redact", "Redacted and published"
        HIDE = "hide", "Hidden as spam"
        RETURN = "return", "Returned to new"
        THEMES = "themes", "Themes changed"
        LINK = "link", "Linked to a change"
        UNLINK = "unlink", "Link to a change removed"
        VIEW_ORIGINAL = "view_original", "Original (unredacted) text viewed"
        ERASE = "erase", "Personal data erased"

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="moderation_actions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What changed (the themes, the published text, the change linked) or, for a view of the
    # original, the reason given. Never the original text or the respondent's details.
    detail = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["response", "at"], name="moderation_action_response")]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.get_kind_display()}"


class Agreement(models.Model):
    """How far a respondent agrees with one priority of the draft (a five-point scale)."""

    class Level(models.IntegerChoices):
        STRONGLY_AGREE = 5, "Strongly agree"
        AGREE = 4, "Agree"
        NEITHER = 3, "Neither agree nor disagree"
        DISAGREE = 2, "Disagree"
        STRONGLY_DISAGREE = 1, "Strongly disagree"

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="agreements")
    objective_uid = models.UUIDField()
    level = models.PositiveSmallIntegerField(choices=Level.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "objective_uid"], name="agreement_once_per_priority"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="agreement_level_on_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.get_level_display()}"


class EngagementEvent(Revised):
    """A workshop, public meeting or webchat held while preparing the plan."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", "Workshop"
        PUBLIC_MEETING = "public_meeting", "Public meeting"
        WEBCHAT = "webchat", "Webchat"
        MEETING = "meeting", "Meeting with a partner or advisory group"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="engagement_events")
    consultation = models.ForeignKey(
        Consultation, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    title = models.CharField(max_length=200)
    held_on = models.DateField("Date")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    audience = models.CharField(max_length=200, help_text="Who took part, for example 'Police and partners'")
    attendance = models.PositiveIntegerField(null=True, blank=True, help_text="Leave empty if not counted")
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d %B %Y})"


class SubjectRequest(models.Model):
    """An audit line for a subject access or erasure request. It keeps no e-mail address:
    the record of an erasure must not itself hold the data that was erased."""

    class Kind(models.TextChoices):
        ACCESS = "access", "Subject access (export)"
        ERASURE = "erasure", "Erasure"

    area = models.ForeignKey("plans.PoliceArea", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    responses_count = models.PositiveIntegerField()
    handled_at = models.DateTimeField(default=timezone.now)
    # Empty when the respondent did it themselves, through the link e-mailed to them.
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-handled_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.responses_count} responses"


class OutcomeReport(models.Model):
    """ "You said, we did": what a closed consultation heard and what changed because of it.
    Staff draft it; the Publisher publishes it, on the consultation's and the plan's public
    pages, as HTML and as a tagged PDF. The counts are computed, never typed."""

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="outcome")
    summary = models.TextField("Summary", blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # "Tell me what happened": how many e-mails the publication sends, and how many are sent.
    emails_total = models.PositiveIntegerField(default=0)
    emails_sent = models.PositiveIntegerField(default=0)
    emails_finished_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["emails_sent"])

    def __str__(self) -> str:
        return f"Outcome of {self.consultation}"

    def get_absolute_url(self) -> str:
        return reverse("consultation:outcome", kwargs={"consultation_id": self.consultation_id})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ChangeLink(models.Model):
    """A response, or a whole theme, followed through to a part of the plan that changed in a
    later version (as the Commissioner's responses to the Panel are): what makes "what we
    did" checkable."""

    class Kind(models.TextChoices):
        SECTION = "section", "Section"
        OBJECTIVE = "objective", "Priority"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="change_links")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, null=True, blank=True, related_name="change_links")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, null=True, blank=True, related_name="change_links")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    uid = models.CharField(max_length=36)
    # The title as the later version has it: versions never change, so neither does this.
    title = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["version__number", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(theme__isnull=True) & Q(response__isnull=False))
                | (Q(theme__isnull=False) & Q(response__isnull=True)),
                name="change_link_theme_or_response",
            ),
            models.UniqueConstraint(
                fields=["theme", "version", "kind", "uid"],
                condition=Q(theme__isnull=False),
                name="change_link_once_per_theme",
            ),
            models.UniqueConstraint(
                fields=["response", "version", "kind", "uid"],
                condition=Q(response__isnull=False),
                name="change_link_once_per_response",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version.label}: {self.title}"
