"""The writes that matter for performance. Views, tasks, the demo and other apps call these."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from pcplan.history import attribute
from pcplan.outbox.services import enqueue
from pcplan.revisions import lock_revision
from plans.models import District, Milestone, Plan

from . import readings_csv
from .models import Deliverable, DistrictReading, Measure, QuarterlyReview, Reading
from .outliers import unusual_because
from .quarters import Quarter
from .selectors import performance_overview, status_snapshot

MEASURE_FIELDS = (
    "objective",
    "reference",
    "outcome",
    "name",
    "description",
    "unit",
    "polarity",
    "baseline_value",
    "baseline_period",
    "direction",
    "threshold_percent",
    "data_source",
    "reliability_risk",
    "reliability_note",
    "validity_risk",
    "validity_note",
    "perverse_incentive_risk",
    "perverse_incentive_note",
    "order",
)
DELIVERABLE_FIELDS = (
    "heading",
    "deliverable",
    "outcome",
    "objective",
    "timetable",
    "lead_officer",
    "status",
    "progress_notes",
    "order",
)


def _assign(instance: Any, data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)


# ---------------------------------------------------------------- charts


def charts_warm(*, plan: Plan) -> int:
    """Draw every trend chart of the plan into the cache; returns how many measures."""
    return sum(len(group.measures) for group in performance_overview(plan, charts=True))


def _after_change(plan: Plan) -> None:
    """Once the change is committed, have a worker redraw a published plan's charts. Only
    published plans have a public page with charts; drafts are drawn when first viewed."""
    if plan.stage != Plan.Stage.PUBLISHED:
        return
    from .tasks import charts_warm_task

    enqueue(charts_warm_task, args=[plan.pk])


# ---------------------------------------------------------------- measures


@transaction.atomic
def measure_create(*, plan: Plan, data: dict[str, Any], by: User | None) -> Measure:
    measure = Measure(plan=plan, created_by=by)
    _assign(measure, data, MEASURE_FIELDS)
    if "order" not in data:
        last = Measure.objects.filter(plan=plan).order_by("-order").values_list("order", flat=True).first()
        measure.order = (last or 0) + 1
    measure.full_clean()
    attribute(measure, by)
    measure.save()
    _after_change(plan)
    return measure


@transaction.atomic
def measure_update(
    *, measure: Measure, data: dict[str, Any], by: User | None, expected_revision: int | None = None
) -> Measure:
    locked = lock_revision(Measure.objects.select_related("plan"), pk=measure.pk, expected_revision=expected_revision)
    _assign(locked, data, MEASURE_FIELDS)
    locked.full_clean()
    attribute(locked, by)
    locked.save()
    _after_change(locked.plan)
    return locked


def next_reference(plan: Plan) -> str:
    """A free reference for a new measure: M01, M02, ..."""
    taken = {ref.upper() for ref in Measure.objects.filter(plan=plan).values_list("reference", flat=True)}
    number = len(taken) + 1
    while f"M{number:02d}" in taken:
        number += 1
    return f"M{number:02d}"


# ---------------------------------------------------------------- readings


class DuplicateReadingError(ValidationError):
    pass


def _check_unusual(measure: Measure, quarter: Quarter, value: Decimal, note: str) -> None:
    """Refuse a figure far from the measure's recent run unless it comes with a note."""
    earlier = list(
        Reading.objects.filter(measure=measure, quarter_start__lt=quarter.start)
        .order_by("quarter_start")
        .values_list("value", flat=True)
    )
    why = unusual_because(value=value, earlier=earlier, baseline=measure.baseline_value, unit=measure.unit)
    if why and not note.strip():
        raise ValidationError(
            {"outlier_note": f"{why} Check the figure, and if it is right, say why in the note on an unusual figure."}
        )


@transaction.atomic
def reading_record(
    *,
    measure: Measure,
    quarter: Quarter,
    value: Decimal,
    commentary: str = "",
    outlier_note: str = "",
    district: District | None = None,
    by: User | None,
) -> Reading | DistrictReading:
    """Record a measure's reading for a quarter, as a draft for someone else to sign off. A
    second reading for the same quarter is refused: change the one there instead. A
    figure far from the measure's recent run needs `outlier_note`. With `district`, the
    figure is that District's, shown against the force's in its plan once someone else
    signs it off too (the measure's status and targets stay the force's)."""
    Measure.objects.select_for_update().get(pk=measure.pk)
    if district is not None:
        return _district_reading_record(
            measure=measure, quarter=quarter, value=value, commentary=commentary, district=district, by=by
        )
    if Reading.objects.filter(measure=measure, quarter_start=quarter.start).exists():
        raise DuplicateReadingError(
            {"quarter": f"{measure.reference} already has a reading for {quarter.label}. Change that reading instead."}
        )
    reading = Reading(
        measure=measure,
        quarter_start=quarter.start,
        value=value,
        commentary=commentary,
        outlier_note=outlier_note.strip(),
        entered_at=timezone.now(),
        entered_by=by,
    )
    reading.full_clean()
    _check_unusual(measure, quarter, value, outlier_note)
    attribute(reading, by)
    reading.save()
    _after_change(measure.plan)
    return reading


def _district_reading_record(
    *, measure: Measure, quarter: Quarter, value: Decimal, commentary: str, district: District, by: User | None
) -> DistrictReading:
    if DistrictReading.objects.filter(measure=measure, district=district, quarter_start=quarter.start).exists():
        raise DuplicateReadingError(
            {
                "quarter": f"{measure.reference} already has a reading for {district.name} in {quarter.label}. "
                "Remove that reading first, or choose another quarter."
            }
        )
    reading = DistrictReading(
        measure=measure,
        district=district,
        quarter_start=quarter.start,
        value=value,
        commentary=commentary,
        entered_at=timezone.now(),
        entered_by=by,
    )
    reading.full_clean()
    attribute(reading, by)
    reading.save()
    _after_change(measure.plan)
    return reading


@transaction.atomic
def district_reading_delete(*, reading: DistrictReading, by: User | None) -> None:
    attribute(reading, by)
    plan = reading.measure.plan
    reading.delete()
    _after_change(plan)


@transaction.atomic
def reading_update(
    *,
    reading: Reading,
    value: Decimal,
    commentary: str,
    outlier_note: str = "",
    by: User | None,
    expected_revision: int | None = None,
) -> Reading:
    """Change a reading. Whoever changes it becomes the one who entered it, and a changed
    reading is a draft again, to be signed off afresh."""
    locked = lock_revision(
        Reading.objects.select_related("measure__plan"), pk=reading.pk, expected_revision=expected_revision
    )
    _check_unusual(locked.measure, locked.quarter, value, outlier_note)
    changed = locked.value != value or locked.commentary != commentary or locked.outlier_note != outlier_note.strip()
    locked.value = value
    locked.commentary = commentary
    locked.outlier_note = outlier_note.strip()
    if changed:
        locked.entered_at = timezone.now()
        locked.entered_by = by
        locked.approved_at = None
        locked.approved_by = None
    locked.full_clean()
    attribute(locked, by)
    locked.save()
    _after_change(locked.measure.plan)
    return locked


class SelfApprovalError(ValidationError):
    pass


@transaction.atomic
def reading_approve(*, reading: Reading, by: User, at: datetime | None = None) -> Reading:
    """Sign off a draft reading, making it public. Never by the person who entered it."""
    locked = Reading.objects.select_for_update().select_related("measure__plan").get(pk=reading.pk)
    if locked.is_approved:
        return locked
    if locked.entered_by_id is not None and locked.entered_by_id == by.pk:
        raise SelfApprovalError(
            f"You entered the {locked.quarter.label} reading of {locked.measure.reference}, so someone else must "
            "sign it off."
        )
    locked.approved_at = at or timezone.now()
    locked.approved_by = by
    locked.full_clean()
    attribute(locked, by)
    locked.save()
    _after_change(locked.measure.plan)
    return locked


@transaction.atomic
def district_reading_approve(*, reading: DistrictReading, by: User, at: datetime | None = None) -> DistrictReading:
    """Sign off a District's draft reading, putting it in the District's plan and the open
    data. Never by the person who entered it."""
    locked = (
        DistrictReading.objects.select_for_update(of=("self",))
        .select_related("measure__plan", "district")
        .get(pk=reading.pk)
    )
    if locked.is_approved:
        return locked
    if locked.entered_by_id is not None and locked.entered_by_id == by.pk:
        raise SelfApprovalError(
            f"You entered the {locked.district.name} reading of {locked.measure.reference} for "
            f"{locked.quarter.label}, so someone else must sign it off."
        )
    locked.approved_at = at or timezone.now()
    locked.approved_by = by
    attribute(locked, by)
    locked.save(update_fields=["approved_at", "approved_by"])
    _after_change(locked.measure.plan)
    return locked


@transaction.atomic
def readings_approve(*, plan: Plan, by: User, reading_ids: list[int] | None = None) -> int:
    """Sign off the plan's draft readings (those listed, or all, the Districts' with the
    force's) that `by` did not enter; returns how many. Readings `by` entered are left for
    someone else."""
    drafts: list[Reading | DistrictReading] = list(
        Reading.objects.select_for_update()
        .filter(measure__plan=plan, approved_at__isnull=True)
        .exclude(entered_by=by)
        .filter(**({"pk__in": reading_ids} if reading_ids is not None else {}))
    )
    if reading_ids is None:
        drafts += (
            DistrictReading.objects.select_for_update()
            .filter(measure__plan=plan, approved_at__isnull=True)
            .exclude(entered_by=by)
        )
    now = timezone.now()
    for reading in drafts:
        reading.approved_at = now
        reading.approved_by = by
        attribute(reading, by)
        reading.save(update_fields=["approved_at", "approved_by"])
    if drafts:
        _after_change(plan)
    return len(drafts)


@transaction.atomic
def reading_delete(*, reading: Reading, by: User | None) -> None:
    attribute(reading, by)
    plan = reading.measure.plan
    reading.delete()
    _after_change(plan)


class ReadingsImportError(Exception):
    """The file was refused whole; `result` lists every bad row."""

    def __init__(self, result: readings_csv.ParseResult) -> None:
        self.result = result
        super().__init__(result.file_problem or f"{len(result.problems)} rows have problems")


@dataclass(frozen=True)
class ImportSummary:
    created: int
    quarters: tuple[str, ...]
    measures: int


@transaction.atomic
def readings_import(*, plan: Plan, data: bytes, by: User | None, today: date | None = None) -> ImportSummary:
    """Import a CSV file of readings for the plan's measures: all of it, or, if any row is
    bad, none of it (ReadingsImportError lists each bad row and why).

    The plan row is locked so two imports at once cannot both add the same reading; the
    whole file is checked with two queries, then written in bulk.
    """
    Plan.objects.select_for_update().get(pk=plan.pk)
    measures = {m.reference.lower(): m for m in Measure.objects.filter(plan=plan).select_related("plan")}
    existing = Reading.objects.filter(measure__plan=plan).values_list("measure_id", "quarter_start", "value")
    existing_district = DistrictReading.objects.filter(measure__plan=plan).values_list(
        "measure_id", "district_id", "quarter_start"
    )
    result = readings_csv.parse(
        readings_csv.decode(data),
        plan=plan,
        measures=measures,
        existing=existing.iterator(),
        districts=District.objects.filter(area_id=plan.area_id),
        existing_district=existing_district.iterator(),
        today=today,
    )
    if not result.ok:
        raise ReadingsImportError(result)
    if not result.rows:
        result.file_problem = "The file has no readings in it: fill in the value column and upload it again."
        raise ReadingsImportError(result)
    now = timezone.now()
    readings = [
        Reading(
            measure=row.measure,
            quarter_start=row.quarter.start,
            value=row.value,
            commentary=row.commentary,
            outlier_note=row.note,
            entered_at=now,
            entered_by=by,
        )
        for row in result.rows
        if row.district is None
    ]
    district_readings = [
        DistrictReading(
            measure=row.measure,
            district=row.district,
            quarter_start=row.quarter.start,
            value=row.value,
            commentary=row.commentary,
            entered_at=now,
            entered_by=by,
        )
        for row in result.rows
        if row.district is not None
    ]
    try:
        with transaction.atomic():
            bulk_create_with_history(readings, Reading, batch_size=1000, default_user=by, default_date=now)
            bulk_create_with_history(
                district_readings, DistrictReading, batch_size=1000, default_user=by, default_date=now
            )
    except IntegrityError:
        # Only possible if the checks above were bypassed (the plan lock prevents races).
        result.file_problem = "Some of these readings were recorded by someone else just now. Upload the file again."
        raise ReadingsImportError(result) from None
    _after_change(plan)
    return ImportSummary(
        created=len(readings) + len(district_readings),
        quarters=tuple(sorted({row.quarter.label for row in result.rows})),
        measures=len({row.measure.pk for row in result.rows}),
    )


# ---------------------------------------------------------------- quarterly reviews


def _review_months(first: date, until: date) -> list[date]:
    months = []
    month = first
    while month <= until:
        months.append(month)
        month = date(month.year + 1, 1, 1) if month.month == 10 else date(month.year, month.month + 3, 1)
    return months


def _month_end(month: date) -> date:
    following = date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)
    return following - timedelta(days=1)


@transaction.atomic
def reviews_schedule(*, plan: Plan, published_on: date, by: User | None) -> list[Milestone]:
    """Generate the plan's quarterly review milestones when it is published: the first in
    the January after publication, then April, July, October, ... until the plan ends.

    Idempotent: a month that already has a review milestone (generated earlier, or in the
    plan's template timeline) keeps it. Returns every review milestone of the schedule,
    in date order.
    """
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    first = date(published_on.year + 1, 1, 1)
    existing: dict[date, Milestone] = {}
    for review in locked.milestones.filter(phase=Milestone.Phase.REVIEW).order_by("starts_on", "pk"):
        existing.setdefault(review.starts_on.replace(day=1), review)
    schedule = []
    for month in _review_months(first, locked.ends_on):
        milestone = existing.get(month)
        if milestone is None:
            milestone = Milestone(
                plan=locked,
                title=f"Quarterly review of the plan, {month:%B %Y}",
                starts_on=month,
                ends_on=min(_month_end(month), locked.ends_on),
                owner_note="OPCC",
                phase=Milestone.Phase.REVIEW,
                notes="Generated when the plan was published: the plan is reviewed every quarter.",
            )
            milestone.full_clean()
            attribute(milestone, by)
            milestone.save()
        schedule.append(milestone)
    return schedule


def _narratives(plan: Plan, texts: dict[str, str]) -> list[dict[str, str]]:
    objectives = plan.objectives.order_by("order", "pk")
    return [
        {"objective_uid": str(o.uid), "objective_title": o.title, "text": texts.get(str(o.uid), "").strip()}
        for o in objectives
    ]


@transaction.atomic
def review_record(
    *,
    plan: Plan,
    held_on: date,
    summary: str,
    narratives: dict[str, str],
    by: User | None,
) -> QuarterlyReview:
    """Record a quarterly review: the narrative for each priority (by objective uid) and a
    snapshot of every measure's status on the day, kept as it was. The review milestone of
    that month, if there is one, is marked done."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    month = held_on.replace(day=1)
    if QuarterlyReview.objects.filter(plan=locked, month=month).exists():
        raise ValidationError({"held_on": f"There is already a quarterly review for {month:%B %Y}. Change that one."})
    review = QuarterlyReview(
        plan=locked,
        month=month,
        held_on=held_on,
        summary=summary.strip(),
        narratives=_narratives(locked, narratives),
        created_by=by,
    )
    review.full_clean()
    review.snapshot = status_snapshot(locked, as_of=held_on)
    attribute(review, by)
    review.save()
    milestone = (
        locked.milestones.filter(phase=Milestone.Phase.REVIEW, starts_on__year=month.year, starts_on__month=month.month)
        .exclude(status__in=[Milestone.Status.DONE, Milestone.Status.CANCELLED])
        .order_by("starts_on", "pk")
        .first()
    )
    if milestone is not None:
        milestone.status = Milestone.Status.DONE
        milestone.completed_on = held_on
        milestone.completed_by = by
        milestone.evidence_url = review.get_absolute_url()
        milestone.full_clean()
        attribute(milestone, by)
        milestone.save()
    return review


@transaction.atomic
def review_update(
    *,
    review: QuarterlyReview,
    summary: str,
    narratives: dict[str, str],
    by: User | None,
    expected_revision: int | None = None,
) -> QuarterlyReview:
    """Change a review's words. The snapshot of statuses stays as it was on the day."""
    locked = lock_revision(
        QuarterlyReview.objects.select_related("plan"), pk=review.pk, expected_revision=expected_revision
    )
    kept = {n["objective_uid"]: n for n in locked.narratives}
    updated = _narratives(locked.plan, narratives)
    for item in updated:
        # A priority renamed since keeps the title the review was written against.
        if item["objective_uid"] in kept:
            item["objective_title"] = kept[item["objective_uid"]]["objective_title"]
    locked.summary = summary.strip()
    locked.narratives = updated
    locked.full_clean()
    attribute(locked, by)
    locked.save()
    return locked


# ---------------------------------------------------------------- deliverables


@transaction.atomic
def deliverable_create(*, plan: Plan, data: dict[str, Any], by: User | None) -> Deliverable:
    deliverable = Deliverable(plan=plan, updated_by=by)
    _assign(deliverable, data, DELIVERABLE_FIELDS)
    if "order" not in data:
        last = Deliverable.objects.filter(plan=plan).order_by("-order").values_list("order", flat=True).first()
        deliverable.order = (last or 0) + 1
    deliverable.full_clean()
    attribute(deliverable, by)
    deliverable.save()
    return deliverable


@transaction.atomic
def deliverable_update(
    *, deliverable: Deliverable, data: dict[str, Any], by: User | None, expected_revision: int | None = None
) -> Deliverable:
    locked = lock_revision(Deliverable.objects.all(), pk=deliverable.pk, expected_revision=expected_revision)
    _assign(locked, data, DELIVERABLE_FIELDS)
    locked.updated_by = by
    locked.full_clean()
    attribute(locked, by)
    locked.save()
    return locked
