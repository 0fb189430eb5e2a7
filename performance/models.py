"""The performance framework of a plan: measures with baselines and a direction tier,
quarterly readings, quarterly reviews and the business-plan deliverables.

A measure's status is never stored on it: `performance.status.assess` works it out from
the readings whenever it is shown. A quarterly review keeps the statuses as they were on
its date, in its JSON snapshot.
"""

from datetime import date
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from simple_history.models import HistoricalRecords

from pcplan.revisions import Revised
from plans.models import District, Objective, Plan

from .quarters import Quarter
from .status import Direction, Polarity, threshold_problem


class ValueDigits(TypedDict):
    max_digits: int
    decimal_places: int


# The size of a measure's values, shared by its fields and the CSV import's checks.
VALUE_DIGITS: ValueDigits = {"max_digits": 16, "decimal_places": 4}


class RiskRating(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Measure(Revised):
    """A performance measure of the plan, serving one objective (priority) and an outcome,
    with its risk assessment (reliability, validity, perverse incentive) as seed 002 asks."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    # SET_NULL, not CASCADE: removing a priority from the working draft must not silently
    # delete years of readings; the measure then shows as not linked to a priority.
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        related_name="measures",
        verbose_name="Priority",
    )
    reference = models.CharField(
        max_length=20,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9-]*$", "Use letters, numbers and hyphens only, for example M01 or CRIME-1."
            )
        ],
        help_text="A short code that identifies the measure in CSV files, for example M01",
    )
    outcome = models.CharField(max_length=300, help_text="For example, To reduce overall crime")
    name = models.CharField("Measure", max_length=300, help_text="For example, Number of crimes per 1,000 population")
    description = models.TextField(blank=True, help_text="How the measure is counted, and why it matters")
    unit = models.CharField(max_length=60, help_text="For example: crimes per 1,000 population, officers, %")
    polarity = models.CharField("Which way is better", max_length=10, choices=Polarity.choices)
    baseline_value = models.DecimalField("Baseline", null=True, blank=True, **VALUE_DIGITS)
    baseline_period = models.CharField(
        max_length=120, blank=True, help_text="The period the baseline covers, for example 2015-16"
    )
    direction = models.CharField("Expected direction", max_length=10, choices=Direction.choices)
    threshold_percent = models.DecimalField(
        "Threshold (%)",
        max_digits=6,
        decimal_places=2,
        help_text=(
            "Maintain: how far performance may fall below the baseline (0 to 10%). Improvement: how much better "
            "it must be (more than 0, less than 10%). Transformation: at least 10% better."
        ),
    )
    data_source = models.CharField(max_length=300, help_text="Where the figures come from")
    reliability_risk = models.CharField(max_length=10, choices=RiskRating.choices, blank=True)
    reliability_note = models.TextField(blank=True)
    validity_risk = models.CharField(max_length=10, choices=RiskRating.choices, blank=True)
    validity_note = models.TextField(blank=True)
    perverse_incentive_risk = models.CharField(
        "Risk of a perverse incentive", max_length=10, choices=RiskRating.choices, blank=True
    )
    perverse_incentive_note = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "reference", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="measure_unique_reference_per_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("performance:measure_detail", kwargs={"plan_id": self.plan_id, "measure_id": self.pk})

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.plan_id and self.objective is not None and self.objective.plan_id != self.plan_id:
            errors["objective"] = "Choose a priority of this plan."
        if self.baseline_value is not None and not self.baseline_period.strip():
            errors["baseline_period"] = "Enter the period the baseline covers, for example 2015-16."
        # A missing threshold is the field's own error (required); only judge one that is there.
        if self.direction and self.polarity and self.threshold_percent is not None:
            problem = threshold_problem(
                direction=self.direction, polarity=self.polarity, threshold=self.threshold_percent
            )
            if problem:
                errors["threshold_percent"] = problem
        if errors:
            raise ValidationError(errors)

    @property
    def risk_assessment(self) -> list[tuple[str, str, str]]:
        """(aspect, rating label, note) for reliability, validity and perverse incentive."""
        return [
            ("Reliability", self.get_reliability_risk_display() or "Not yet assessed", self.reliability_note),
            ("Validity", self.get_validity_risk_display() or "Not yet assessed", self.validity_note),
            (
                "Risk of a perverse incentive",
                self.get_perverse_incentive_risk_display() or "Not yet assessed",
                self.perverse_incentive_note,
            ),
        ]


class Reading(Revised):
    """A measure's value for one financial-year quarter."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="readings")
    quarter_start = models.DateField(help_text="The first day of the quarter: 1 April, 1 July, 1 October or 1 January")
    value = models.DecimalField(**VALUE_DIGITS)
    commentary = models.TextField(blank=True)
    entered_at = models.DateTimeField(default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Why a figure far from the measure's recent run is right (performance/outliers.py):
    # asked for before such a reading is saved, and shown to whoever signs it off.
    outlier_note = models.TextField("Note on an unusual figure", blank=True)
    # A reading is a draft until someone other than the person who entered it signs it
    # off; only approved readings reach public pages, open data and documents.
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "quarter_start"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "quarter_start"], name="reading_one_per_measure_quarter"),
            # A NULL on either side passes (SQL), so readings from before sign-off existed,
            # and those whose enterer's account was removed, still hold.
            models.CheckConstraint(
                condition=~Q(approved_by=models.F("entered_by")), name="reading_not_approved_by_its_enterer"
            ),
            models.CheckConstraint(
                condition=Q(quarter_start__day=1, quarter_start__month__in=[1, 4, 7, 10]),
                name="reading_quarter_starts_a_quarter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.reference} {self.quarter}: {self.value}"

    @property
    def quarter(self) -> Quarter:
        return Quarter.containing(self.quarter_start)

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def clean(self) -> None:
        if self.quarter_start is None:
            return
        try:
            quarter = Quarter.from_start(self.quarter_start)
        except ValueError as error:
            raise ValidationError({"quarter_start": str(error)}) from None
        plan = self.measure.plan
        problem = quarter_problem(quarter, plan)
        if problem:
            raise ValidationError({"quarter_start": problem})


class DistrictReading(models.Model):
    """A measure's value in one District for one quarter, shown as the District's line
    beside the force's in the District's plan.

    Kept apart from the force's own readings (`Reading`): a measure's status and targets
    are the force's, and no query of them has to leave District figures out
    (docs/decisions/0057-district-readings.md). Signed off like the force's: a draft until
    someone other than the person who entered it approves it; only approved ones reach
    District plans, their charts, public pages and open data."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="district_readings")
    # PROTECT: a District with years of figures is not removed by accident.
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="readings")
    quarter_start = models.DateField(help_text="The first day of the quarter: 1 April, 1 July, 1 October or 1 January")
    value = models.DecimalField(**VALUE_DIGITS)
    commentary = models.TextField(blank=True)
    entered_at = models.DateTimeField(default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "district__name", "quarter_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "district", "quarter_start"], name="district_reading_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=~Q(approved_by=models.F("entered_by")), name="district_reading_not_approved_by_its_enterer"
            ),
            models.CheckConstraint(
                condition=Q(quarter_start__day=1, quarter_start__month__in=[1, 4, 7, 10]),
                name="district_reading_quarter_starts_a_quarter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.reference} {self.district.name} {self.quarter}: {self.value}"

    @property
    def quarter(self) -> Quarter:
        return Quarter.containing(self.quarter_start)

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def clean(self) -> None:
        plan = self.measure.plan
        if self.district_id and self.district.area_id != plan.area_id:
            raise ValidationError({"district": "Choose a District of this police area."})
        if self.quarter_start is None:
            return
        try:
            quarter = Quarter.from_start(self.quarter_start)
        except ValueError as error:
            raise ValidationError({"quarter_start": str(error)}) from None
        problem = quarter_problem(quarter, plan)
        if problem:
            raise ValidationError({"quarter_start": problem})


def quarter_problem(quarter: Quarter, plan: Plan, *, today: date | None = None) -> str | None:
    """Why a reading cannot be for this quarter of this plan, or None."""
    if not quarter.overlaps(plan.starts_on, plan.ends_on):
        first = Quarter.containing(plan.starts_on)
        last = Quarter.containing(plan.ends_on)
        return f"{quarter.label} is outside the plan's period: choose a quarter from {first.label} to {last.label}."
    today = today or timezone.localdate()
    if quarter.start > today:
        return f"{quarter.label} has not started yet, so it cannot have a reading."
    return None


class QuarterlyReview(Revised):
    """The plan's quarterly review (January, April, July, October): a narrative per
    objective, and every measure's status on the date, kept as it was."""

    REVIEW_MONTHS = (1, 4, 7, 10)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="quarterly_reviews")
    # The first day of the review's month; one review per plan per month.
    month = models.DateField()
    held_on = models.DateField("Date of the review")
    summary = models.TextField("Overall summary", blank=True)
    # [{"objective_uid", "objective_title", "text"}] in the plan's order, titles as they
    # were when written.
    narratives = models.JSONField(default=list, blank=True)
    # performance.selectors.status_snapshot(plan, as_of=held_on), taken when the review is
    # recorded and never retaken.
    snapshot = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "month"], name="quarterly_review_one_per_month"),
            models.CheckConstraint(
                condition=Q(month__day=1, month__month__in=[1, 4, 7, 10]), name="quarterly_review_month"
            ),
        ]

    def __str__(self) -> str:
        return f"Quarterly review, {self.title_month}"

    def get_absolute_url(self) -> str:
        return reverse("performance:review_detail", kwargs={"plan_id": self.plan_id, "review_id": self.pk})

    @property
    def title_month(self) -> str:
        return self.month.strftime("%B %Y") if self.month else ""

    def clean(self) -> None:
        if self.held_on is None:
            return
        if self.held_on.month not in self.REVIEW_MONTHS:
            raise ValidationError(
                {
                    "held_on": "Quarterly reviews are held in January, April, July or October: enter a date in "
                    "one of those months."
                }
            )
        if self.plan_id and not (self.plan.starts_on <= self.held_on <= self.plan.ends_on):
            raise ValidationError(
                {
                    "held_on": f"Enter a date within the plan's period, {date_format(self.plan.starts_on, 'j F Y')} "
                    f"to {date_format(self.plan.ends_on, 'j F Y')}."
                }
            )


class Deliverable(Revised):
    """A row of the business plan's deliverables table (seed 001): deliverable, outcome or
    priority, timetable, lead officer; with its status and progress."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DELAYED = "delayed", "Delayed"
        COMPLETE = "complete", "Complete"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="deliverables")
    heading = models.CharField(
        max_length=200, blank=True, help_text="The group it is listed under, for example 1. Anti-social behaviour"
    )
    deliverable = models.TextField()
    outcome = models.CharField("Outcome or priority", max_length=300, blank=True)
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliverables",
        verbose_name="Priority of the plan",
    )
    timetable = models.CharField(max_length=120, blank=True, help_text="For example: Ongoing, By July 2015")
    lead_officer = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    progress_notes = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.deliverable[:80]

    def clean(self) -> None:
        if self.plan_id and self.objective is not None and self.objective.plan_id != self.plan_id:
            raise ValidationError({"objective": "Choose a priority of this plan."})

    @property
    def status_css(self) -> str:
        return {
            self.Status.NOT_STARTED: "govuk-tag--grey",
            self.Status.IN_PROGRESS: "govuk-tag--blue",
            self.Status.DELAYED: "govuk-tag--orange",
            self.Status.COMPLETE: "govuk-tag--green",
        }[self.Status(self.status)]
