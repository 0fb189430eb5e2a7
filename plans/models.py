"""The Police and Crime Plan: its area, sections, objectives, grants, milestones and versions.

The working draft is the live rows (Section, Objective, Commitment, Grant). A Version is
an immutable JSON snapshot of that content, cut when staff circulate a draft; see
`plans/snapshot.py` for its shape, which every other app reads.
"""

import secrets
import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from pcplan.revisions import Revised


class StatutoryElement(models.TextChoices):
    """What a plan must set out for its period of issue (PRSR Act 2011 s7(1))."""

    OBJECTIVES = "objectives", "The PCC's police and crime objectives"
    POLICING = "policing", "The policing the Chief Constable is to provide"
    RESOURCES = "resources", ("The financial and other resources the PCC provides to the Chief Constable")
    REPORTING = "reporting", "How the Chief Constable will report to the PCC"
    PERFORMANCE = "performance", "How the Chief Constable's performance will be measured"
    SERVICES = (
        "services",
        ("The services the PCC provides or arranges to reduce crime and disorder and to help victims and witnesses"),
    )
    GRANTS = "grants", "The crime and disorder reduction grants the PCC makes, and their conditions"


STATUTORY_ELEMENT_CITATIONS: dict[str, str] = {
    StatutoryElement.OBJECTIVES: "PRSR Act 2011 s7(1)(a)",
    StatutoryElement.POLICING: "PRSR Act 2011 s7(1)(b)",
    StatutoryElement.RESOURCES: "PRSR Act 2011 s7(1)(c)",
    StatutoryElement.REPORTING: "PRSR Act 2011 s7(1)(d)",
    StatutoryElement.PERFORMANCE: "PRSR Act 2011 s7(1)(e)",
    StatutoryElement.SERVICES: "PRSR Act 2011 s7(1)(f), as amended in 2014",
    StatutoryElement.GRANTS: "PRSR Act 2011 s7(1)(g)",
}


class StatutoryStep(models.TextChoices):
    """The steps the PCC must take before issuing or varying a plan, as milestones record
    them. Services in other apps mark these done (`plans.services.milestone_record_step`)."""

    CONSULT_CHIEF_CONSTABLE = "consult_chief_constable", "Consult the Chief Constable"
    OBTAIN_VIEWS = "obtain_views", "Obtain the views of the community and victims of crime"
    PREPARE_DRAFT = "prepare_draft", "Prepare a draft plan"
    SEND_TO_PANEL = "send_to_panel", "Send the draft to the Police and Crime Panel"
    PANEL_REPORT = "panel_report", "The Panel's report or recommendations"
    PANEL_REVIEW = "panel_review", "The Panel reviews the draft"
    RESPOND_TO_PANEL = "respond_to_panel", "Have regard to and respond to the Panel"
    PUBLISH_RESPONSE = "publish_response", "Publish the response to the Panel"
    PUBLISH_PLAN = "publish_plan", "Issue and publish the plan"
    COPY_TO_CHIEF_CONSTABLE = "copy_to_chief_constable", "Send a copy of the plan to the Chief Constable"


STATUTORY_STEP_CITATIONS: dict[str, str] = {
    StatutoryStep.CONSULT_CHIEF_CONSTABLE: "PRSR Act 2011 s5(6)(a), s5(8)",
    StatutoryStep.OBTAIN_VIEWS: "PRSR Act 2011 s14",
    StatutoryStep.PREPARE_DRAFT: "PRSR Act 2011 s5(6)",
    StatutoryStep.SEND_TO_PANEL: "PRSR Act 2011 s5(6)(c), s28(3)(a), s28(3)(b)",
    StatutoryStep.PANEL_REPORT: "PRSR Act 2011 s28(3)",
    StatutoryStep.PANEL_REVIEW: "PRSR Act 2011 s28(3)",
    StatutoryStep.RESPOND_TO_PANEL: "PRSR Act 2011 s5(6)(d), s28(4)",
    StatutoryStep.PUBLISH_RESPONSE: "PRSR Act 2011 s5(6)(e), s28(4)",
    StatutoryStep.PUBLISH_PLAN: "PRSR Act 2011 s5(1), s5(9)",
    StatutoryStep.COPY_TO_CHIEF_CONSTABLE: "PRSR Act 2011 s5(10)",
}


class PoliceArea(Revised):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    force_name = models.CharField(max_length=160, help_text="For example, Avon and Somerset Constabulary")
    opcc_name = models.CharField(max_length=200)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(blank=True)
    website = models.URLField(blank=True)
    # The Commissioner in office: a new plan starts with these, and keeps its own copy.
    pcc_name = models.CharField("Police and Crime Commissioner", max_length=120, blank=True)
    pcc_elected_on = models.DateField("Date the PCC was elected", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(Revised):
    """A local authority area within the police area; district plans are built per District."""

    area = models.ForeignKey(PoliceArea, on_delete=models.CASCADE, related_name="districts")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120)
    contact = models.TextField(blank=True, help_text="Who residents of this District contact, and how")
    # A picture of the District for its plan (one of plans' own images), with what it shows.
    picture = models.CharField(max_length=200, blank=True)
    picture_alt = models.CharField("What the picture shows", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "slug"], name="district_unique_slug_per_area"),
        ]

    def __str__(self) -> str:
        return self.name


class AreaMembership(Revised):
    """Which police area a user works for: staff, publishers and force liaison see only
    their own area's plans."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="area_membership")
    area = models.ForeignKey(PoliceArea, on_delete=models.CASCADE, related_name="members")

    def __str__(self) -> str:
        return f"{self.user} ({self.area})"


def new_calendar_token() -> str:
    """A secret for the plan's calendar feed URL: calendar apps cannot sign in."""
    return secrets.token_urlsafe(32)


class Plan(Revised):
    class Kind(models.TextChoices):
        NEW = "new", "New plan"
        REFRESH = "refresh", "Annual refresh"
        VARIATION = "variation", "Variation of an earlier plan"

    class Stage(models.TextChoices):
        PRIORITIES = "priorities", "Phase 1: high-level priorities"
        DRAFT = "draft", "Phase 2: drafting"
        CONSULTATION = "consultation", "Phase 3: consultation"
        FINAL = "final", "Phase 4: final plan"
        PUBLISHED = "published", "Published"

    area = models.ForeignKey(PoliceArea, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    starts_on = models.DateField("Period starts")
    ends_on = models.DateField("Period ends")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEW)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        help_text="The plan this one refreshes or varies",
    )
    pcc_name = models.CharField("Police and Crime Commissioner", max_length=120, blank=True)
    pcc_elected_on = models.DateField(
        "Date the PCC was elected",
        null=True,
        blank=True,
        help_text="A new plan is due by 31 March of the financial year of the election",
    )
    vision = models.TextField(blank=True)
    # The area's key figures, for the "at a glance" page of the full plan.
    population = models.PositiveIntegerField("Population of the police area", null=True, blank=True)
    police_officers = models.PositiveIntegerField("Police officers (full-time equivalent)", null=True, blank=True)
    police_staff = models.PositiveIntegerField("Police staff (full-time equivalent)", null=True, blank=True)
    area_km2 = models.PositiveIntegerField("Size of the police area, in square kilometres", null=True, blank=True)
    annual_budget = models.DecimalField(
        "The Chief Constable's revenue budget for the first year, in pounds",
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PRIORITIES)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # The calendar feed's URL carries this secret instead of a log-in (see
    # docs/decisions/0007-plans-calendar-feed.md); resetting it cuts off every subscriber.
    calendar_token = models.CharField(max_length=64, unique=True, editable=False, default=new_calendar_token)
    history = HistoricalRecords(excluded_fields=["calendar_token"])

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["area", "slug"], name="plan_unique_slug_per_area"),
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="plan_period_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", kwargs={"plan_id": self.pk})

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": "Enter an end date after the start date of the period."})
        if self.kind != self.Kind.NEW and self.predecessor_id is None:
            raise ValidationError({"predecessor": "Choose the plan this one refreshes or varies."})

    @property
    def issue_deadline(self) -> date | None:
        """31 March of the financial year in which the PCC was elected (new plans only)."""
        if self.pcc_elected_on is None:
            return None
        elected = self.pcc_elected_on
        year = elected.year + 1 if elected.month >= 4 else elected.year
        return date(year, 3, 31)


class Section(models.Model):
    """A part of the plan's text. `uid` identifies the section across versions and copies,
    so comparisons, comments and recommendations can follow it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=300)
    order = models.PositiveIntegerField(default=0)
    body = models.TextField(blank=True, help_text="Sanitised HTML")
    # What the section should set out (from the template, Appendix 2); shown to the
    # editor, never part of the plan's content or its versions.
    guidance = models.TextField(blank=True)
    covers = models.JSONField(
        default=list, blank=True, help_text="The statutory elements (StatutoryElement values) this section covers"
    )
    addresses_spr = models.BooleanField(
        "Sets out the plan's regard to the Strategic Policing Requirement", default=False
    )
    in_public_summary = models.BooleanField("Goes in the public summary", default=False)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sections",
        help_text="Leave empty for force-wide content",
    )
    # Incremented on every save through the service: the editor posts the revision it
    # started from, and a stale one is a conflict, not an overwrite.
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "uid"], name="section_unique_uid_per_plan"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:section_edit", kwargs={"plan_id": self.plan_id, "section_id": self.pk})

    def clean(self) -> None:
        unknown = set(self.covers or []) - set(StatutoryElement.values)
        if unknown:
            raise ValidationError({"covers": f"Unknown statutory elements: {', '.join(sorted(unknown))}"})


class Objective(Revised):
    """A police and crime objective (a priority), force-wide or for one District."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=300)
    aim = models.TextField(blank=True, help_text="What the objective is meant to achieve")
    theme = models.CharField(max_length=80, blank=True, help_text="For example Victims, Offenders, Communities")
    order = models.PositiveIntegerField(default=0)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objectives",
        help_text="Leave empty for a force-wide objective",
    )
    # The Easy Read version of the priority: a short plain-language text (one idea a
    # sentence) and a picture (one of plans' own images) with its alternative text.
    easy_read_text = models.TextField("Easy Read text", blank=True)
    easy_read_picture = models.CharField(max_length=200, blank=True, help_text="The address of the picture")
    easy_read_alt = models.CharField("What the picture shows", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "uid"], name="objective_unique_uid_per_plan"),
        ]

    def __str__(self) -> str:
        return self.title


class Commitment(Revised):
    class Actor(models.TextChoices):
        PCC = "pcc", "I will"
        CHIEF_CONSTABLE = "chief_constable", "I expect the Chief Constable to"
        PARTNERS = "partners", "I will work with partners to"

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="commitments")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    actor = models.CharField(max_length=20, choices=Actor.choices)
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_actor_display()} {self.text[:60]}"


class Grant(Revised):
    """A crime and disorder reduction grant (statutory element 7)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="grants")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    recipient = models.CharField(max_length=200)
    purpose = models.TextField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    conditions = models.TextField(blank=True)
    objective = models.ForeignKey(Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="grants")
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        help_text="The District the grant is made in; leave empty for a grant across the police area",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["recipient", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="grant_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: £{self.amount:,.2f}"


class BudgetLine(Revised):
    """A line of the budget the plan sets out (PRSR Act 2011 s7(1)(c)): where the money
    comes from, what goes to the Chief Constable, the Commissioner's commissioning budget
    and office, and reserves; by financial year of the plan, optionally for one District.
    Seed 000, Appendix 2, asks for a "demonstrable link between the police and crime
    objectives and the resources allocated"."""

    class Kind(models.TextChoices):
        FUNDING = "funding", "Funding"
        CHIEF_CONSTABLE = "chief_constable", "Given to the Chief Constable"
        COMMISSIONING = "commissioning", "The Commissioner's commissioning budget"
        OFFICE = "office", "The Commissioner's office"
        RESERVES = "reserves", "Reserves"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_lines")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    # The financial year by the calendar year it starts in: 2016 is 2016-17.
    year = models.PositiveSmallIntegerField("Financial year")
    kind = models.CharField("Part of the budget", max_length=20, choices=Kind.choices)
    label = models.CharField("Line", max_length=200, help_text="For example, Police grant from the Home Office")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        help_text="Leave empty for a line of the whole police area",
    )
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year_label} {self.label}: £{self.amount:,.2f}"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    def clean(self) -> None:
        errors = {}
        if self.plan_id and self.year is not None:
            first, last = plan_financial_years(self.plan)
            if not first <= self.year <= last:
                errors["year"] = (
                    f"Choose a year of the plan, from {financial_year_label(first)} to {financial_year_label(last)}."
                )
        if self.plan_id and self.district is not None and self.district.area_id != self.plan.area_id:
            errors["district"] = "Choose a District of this police area."
        if errors:
            raise ValidationError(errors)


def financial_year_label(year: int) -> str:
    """2016 -> "2016-17"."""
    return f"{year}-{(year + 1) % 100:02d}"


def plan_financial_years(plan: Plan) -> tuple[int, int]:
    """The first and last financial years (April to March) the plan's period touches."""

    def year_of(day: date) -> int:
        return day.year if day.month >= 4 else day.year - 1

    return year_of(plan.starts_on), year_of(plan.ends_on)


class Milestone(Revised):
    class Phase(models.IntegerChoices):
        PRIORITIES = 1, "Phase 1: high-level priorities"
        DRAFT = 2, "Phase 2: draft plan"
        CONSULTATION = 3, "Phase 3: consultation"
        FINAL = 4, "Phase 4: final plan"
        REVIEW = 5, "Review"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=400)
    starts_on = models.DateField()
    ends_on = models.DateField()
    # The person e-mailed each morning while the milestone is due or overdue
    # (plans.services.milestone_reminders_queue); `owner_note` is the free text of old,
    # such as "OPCC" or "Head of Strategy", kept beside them.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_milestones"
    )
    owner_note = models.CharField("Owner (note)", max_length=120, blank=True)
    phase = models.PositiveSmallIntegerField(choices=Phase.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    statutory_step = models.CharField(max_length=40, choices=StatutoryStep.choices, blank=True)
    citation = models.CharField(max_length=200, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    evidence_url = models.CharField(
        max_length=400, blank=True, help_text="A link to the record that shows the step was taken"
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "ends_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="milestone_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Enter an end date on or after the start date."})

    @property
    def is_statutory(self) -> bool:
        return bool(self.statutory_step)

    @property
    def owner_label(self) -> str:
        """The owner as people read it: "Priya Shah (OPCC)", or the note alone."""
        if self.owner is None:
            return self.owner_note
        name = self.owner.get_full_name() or self.owner.get_username()
        return f"{name} ({self.owner_note})" if self.owner_note else name

    def is_overdue(self, today: date) -> bool:
        return self.status not in (self.Status.DONE, self.Status.CANCELLED) and self.ends_on < today


class MilestoneReminder(models.Model):
    """The morning e-mail to one owner about their milestones due or overdue: one a day at
    most, which the unique constraint holds even when two runs overlap."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="milestone_reminders")
    sent_on = models.DateField()
    milestones = models.ManyToManyField(Milestone, related_name="reminders")
    queued_at = models.DateTimeField()
    # Set when the e-mail has gone, so a retried task does not send it twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_on", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="milestone_reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.user} on {self.sent_on:%d %B %Y}"


class WordImport(models.Model):
    """A Word document uploaded to be imported, converted and waiting for staff to map its
    sections onto the plan's. Nothing reaches the plan until the mapping is applied
    (`plans.services.word_import_apply`); its images are already media files."""

    area = models.ForeignKey(PoliceArea, on_delete=models.CASCADE, related_name="+")
    # The plan whose working draft it goes into; empty for a new plan, made when applied.
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="word_imports")
    file_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    uploaded_at = models.DateTimeField()
    document_title = models.CharField(max_length=300, blank=True)
    # [{"title": str, "body": sanitised HTML}], in the document's order.
    sections = models.JSONField(default=list)
    # [{"uid": str, "src": str, "alt": str, "section": int}]
    images = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    # For a new plan: its details, given with the upload.
    new_plan = models.JSONField(default=dict, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name}, uploaded {self.uploaded_at:%d %B %Y %H:%M}"

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None


class VersionQuerySet(models.QuerySet["Version"]):
    def update(self, **kwargs: Any) -> int:
        raise VersionImmutableError("A cut version cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise VersionImmutableError("A cut version cannot be deleted.")


class VersionImmutableError(Exception):
    pass


class Version(models.Model):
    """An immutable snapshot of the whole plan content, numbered V1, V2, ...

    Nothing may change a row once written: save() refuses updates, the queryset refuses
    update() and delete(), and on PostgreSQL a trigger refuses UPDATE and DELETE.
    """

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    content_hash = models.CharField(max_length=64)
    note = models.CharField(
        max_length=300, blank=True, help_text="Why this version was cut, for example 'for the Panel'"
    )
    cut_at = models.DateTimeField()
    cut_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="version_unique_number_per_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.title} {self.label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise VersionImmutableError("A cut version cannot be changed.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("plans:version_detail", kwargs={"plan_id": self.plan_id, "number": self.number})

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise VersionImmutableError("A cut version cannot be deleted.")

    @property
    def label(self) -> str:
        return f"V{self.number}"
