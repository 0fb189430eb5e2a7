"""Reads that the performance pages, the public data files, the quarterly review snapshot
and the publishing app's PDF share.

`performance_overview` reads a whole plan's framework in three queries whatever its size
(objectives, measures, readings) and works out every status in Python.

Readings are signed off before they go public: every read here sees approved readings
only unless it asks for drafts (`include_drafts=True`, for staff pages, which mark them).
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from plans.models import District, Milestone, Objective, Plan

from .charts import HEIGHT, PRINT_HEIGHT, PRINT_WIDTH, WIDTH, ChartImage, ChartSpec, trend_charts
from .models import Deliverable, DistrictReading, Measure, QuarterlyReview, Reading
from .quarters import Quarter, quarters_overlapping
from .status import (
    STATUS_CSS,
    Assessment,
    Direction,
    Polarity,
    Status,
    assess,
    describe_target,
    format_value,
    target_value,
)

# The three tiers as a document's table of measures names them.
DIRECTION_IN_A_WORD: dict[str, str] = {
    Direction.MAINTAIN: "Maintain",
    Direction.IMPROVE: "Improve",
    Direction.TRANSFORM: "Transform",
}


@dataclass(frozen=True)
class ReadingPoint:
    quarter: Quarter
    value: Decimal
    commentary: str
    # The status the measure had when this was its latest reading.
    assessment: Assessment
    # Not signed off yet: staff pages only, marked as such.
    is_draft: bool = False


@dataclass
class MeasureSummary:
    measure: Measure
    readings: list[ReadingPoint]
    assessment: Assessment
    chart: ChartImage | None = None

    @property
    def latest(self) -> ReadingPoint | None:
        return self.readings[-1] if self.readings else None

    @property
    def baseline_display(self) -> str:
        return format_value(self.measure.baseline_value, self.measure.unit)

    @property
    def latest_display(self) -> str:
        latest = self.latest
        return format_value(latest.value, self.measure.unit) if latest else ""

    @property
    def direction_label(self) -> str:
        return Direction(self.measure.direction).label

    @property
    def polarity_label(self) -> str:
        return Polarity(self.measure.polarity).label

    @property
    def target(self) -> str:
        m = self.measure
        return describe_target(direction=m.direction, polarity=m.polarity, threshold=m.threshold_percent)

    @property
    def target_value(self) -> Decimal | None:
        m = self.measure
        if m.baseline_value is None or m.threshold_percent is None:
            return None
        return target_value(
            direction=m.direction, polarity=m.polarity, baseline=m.baseline_value, threshold=m.threshold_percent
        )

    @property
    def target_display(self) -> str:
        value = self.target_value
        if value is None:
            return self.target
        better = "or more" if self.measure.polarity == Polarity.HIGHER else "or less"
        return f"{self.target}: {format_value(value.quantize(Decimal('0.01')), self.measure.unit)} {better}"

    @property
    def better_arrow(self) -> str:
        """The way that is better, as an arrow: up when higher is better."""
        return "\u2191" if self.measure.polarity == Polarity.HIGHER else "\u2193"

    @property
    def target_in_brief(self) -> str:
        """The tier in a word and the figure to reach ("Maintain: 80.95% or more"), for a
        document's table, where the arrow beside it says which way is better."""
        word = DIRECTION_IN_A_WORD.get(self.measure.direction, self.direction_label)
        value = self.target_value
        if value is None:
            return word
        better = "or more" if self.measure.polarity == Polarity.HIGHER else "or less"
        return f"{word}: {format_value(value.quantize(Decimal('0.01')), self.measure.unit)} {better}"

    def chart_spec(self, *, printed: bool = False) -> ChartSpec:
        """The trend chart's drawing; `printed`, the narrower one a document sets beside
        its table of figures."""
        return ChartSpec(
            name=self.measure.name,
            unit=self.measure.unit,
            quarters=tuple(r.quarter for r in self.readings),
            values=tuple(r.value for r in self.readings),
            baseline=self.measure.baseline_value,
            target=self.target_value,
            width=PRINT_WIDTH if printed else WIDTH,
            height=PRINT_HEIGHT if printed else HEIGHT,
        )


@dataclass
class ObjectiveMeasures:
    """A priority of the plan with its measures; `objective` is None for measures whose
    priority was removed from the working draft."""

    objective: Objective | None
    measures: list[MeasureSummary] = field(default_factory=list)
    # A document of a cut version names the priority as that version does, not as the
    # working draft has it since.
    title_in_version: str = ""

    @property
    def title(self) -> str:
        if self.title_in_version:
            return self.title_in_version
        return self.objective.title if self.objective else "Not linked to a priority"

    @property
    def uid(self) -> str:
        return str(self.objective.uid) if self.objective else ""

    @property
    def district(self) -> str:
        return self.objective.district.name if self.objective and self.objective.district is not None else ""

    @property
    def anchor(self) -> str:
        return f"priority-{self.uid}" if self.objective else "priority-none"


def _assess(measure: Measure, value: Decimal | None) -> Assessment:
    return assess(
        polarity=measure.polarity,
        direction=measure.direction,
        threshold=measure.threshold_percent,
        baseline=measure.baseline_value,
        value=value,
    )


def summarise(
    measure: Measure, readings: list[Reading], *, as_of: date | None = None, include_drafts: bool = False
) -> MeasureSummary:
    """A measure's readings (those of quarters ended before `as_of`, if given; approved
    ones only unless `include_drafts`) with the status after each, and its status now."""
    points = []
    for reading in readings:
        quarter = Quarter.containing(reading.quarter_start)
        if as_of is not None and quarter.end >= as_of:
            continue
        if not include_drafts and reading.approved_at is None:
            continue
        points.append(
            ReadingPoint(
                quarter,
                reading.value,
                reading.commentary,
                _assess(measure, reading.value),
                is_draft=reading.approved_at is None,
            )
        )
    return MeasureSummary(
        measure=measure, readings=points, assessment=points[-1].assessment if points else _assess(measure, None)
    )


def measures_with_readings(plan: Plan, *, include_drafts: bool = False) -> QuerySet[Measure]:
    readings = Reading.objects.only("id", "measure_id", "quarter_start", "value", "commentary", "approved_at")
    if not include_drafts:
        readings = readings.filter(approved_at__isnull=False)
    return (
        Measure.objects.filter(plan=plan)
        .select_related("objective__district")
        # Only what a status and a chart need: a big plan has thousands of readings.
        .prefetch_related(Prefetch("readings", queryset=readings.order_by("quarter_start")))
        .order_by("order", "reference", "pk")
    )


def performance_overview(
    plan: Plan,
    *,
    as_of: date | None = None,
    charts: bool = False,
    include_drafts: bool = False,
    printed: bool = False,
) -> list[ObjectiveMeasures]:
    """Every priority of the plan (force-wide then District ones, in the plan's order) with
    its measures, each with its readings and status; measures without a priority last.
    Approved readings only, unless `include_drafts` (staff pages). `printed` draws the
    charts at a document's size."""
    objectives = list(plan.objectives.select_related("district").order_by("order", "pk"))
    groups: dict[int | None, ObjectiveMeasures] = {o.pk: ObjectiveMeasures(objective=o) for o in objectives}
    orphans = ObjectiveMeasures(objective=None)
    summaries = []
    for measure in measures_with_readings(plan, include_drafts=include_drafts):
        summary = summarise(measure, list(measure.readings.all()), as_of=as_of, include_drafts=include_drafts)
        summaries.append(summary)
        groups.get(measure.objective_id, orphans).measures.append(summary)
    if charts:
        for summary, image in zip(
            summaries, trend_charts([s.chart_spec(printed=printed) for s in summaries]), strict=True
        ):
            summary.chart = image
    result = list(groups.values())
    if orphans.measures:
        result.append(orphans)
    return result


def measures_for_document(plan: Plan, *, as_of: date | None = None) -> list[ObjectiveMeasures]:
    """For the full plan PDF (publishing): each priority's measures with latest status,
    baseline, direction and trend chart data URI; with `as_of`, only the readings of
    quarters ended before that day. Render with
    templates/performance/includes/measures_for_document.html."""
    return performance_overview(plan, as_of=as_of, charts=True, printed=True)


def reportable_quarters(plan: Plan, *, today: date | None = None) -> list[Quarter]:
    """The plan's quarters that have started, latest first: those a reading can be for."""
    today = today or timezone.localdate()
    return [q for q in reversed(quarters_overlapping(plan.starts_on, plan.ends_on)) if q.start <= today]


def next_reporting_quarter(plan: Plan, *, today: date | None = None) -> Quarter:
    """The quarter staff most likely report next: the one after the latest with a reading,
    or the plan's first; never one that has not ended, nor one outside the plan."""
    today = today or timezone.localdate()
    latest = Reading.objects.filter(measure__plan=plan).aggregate(latest=Max("quarter_start"))["latest"]
    quarter = Quarter.containing(latest).next() if latest else Quarter.containing(plan.starts_on)
    last_ended = Quarter.containing(Quarter.containing(today).start - timedelta(days=1))
    return max(min(quarter, last_ended, Quarter.containing(plan.ends_on)), Quarter.containing(plan.starts_on))


def measure_summary(measure: Measure, *, charts: bool = True, include_drafts: bool = False) -> MeasureSummary:
    summary = summarise(measure, list(measure.readings.order_by("quarter_start")), include_drafts=include_drafts)
    if charts:
        summary.chart = trend_charts([summary.chart_spec()])[0]
    return summary


@dataclass(frozen=True)
class StatusCount:
    status: Status
    count: int

    @property
    def label(self) -> str:
        return self.status.label

    @property
    def css_class(self) -> str:
        return STATUS_CSS[self.status]


def status_counts(groups: list[ObjectiveMeasures]) -> list[StatusCount]:
    """How many measures have each status, in the order on track, some concern, off track,
    no readings, no baseline; statuses no measure has are left out."""
    counts = dict.fromkeys(Status, 0)
    for group in groups:
        for summary in group.measures:
            counts[summary.assessment.status] += 1
    return [StatusCount(status, count) for status, count in counts.items() if count]


def status_snapshot(plan: Plan, *, as_of: date) -> dict[str, Any]:
    """Every measure's status as it stood on `as_of`, in plain JSON, for a quarterly review
    to keep as it was."""
    measures = []
    for group in performance_overview(plan, as_of=as_of):
        for s in group.measures:
            m = s.measure
            latest = s.latest
            measures.append(
                {
                    "objective_uid": group.uid,
                    "objective_title": group.title,
                    "reference": m.reference,
                    "name": m.name,
                    "outcome": m.outcome,
                    "unit": m.unit,
                    "polarity": m.polarity,
                    "direction": m.direction,
                    "direction_label": s.direction_label,
                    "threshold_percent": _text(m.threshold_percent),
                    "baseline": _text(m.baseline_value),
                    "baseline_display": s.baseline_display,
                    "baseline_period": m.baseline_period,
                    "target": s.target_display,
                    "latest_quarter": latest.quarter.label if latest else "",
                    "latest_value": _text(latest.value) if latest else None,
                    "latest_display": s.latest_display,
                    "status": s.assessment.status.value,
                    "status_label": s.assessment.label,
                    "explanation": s.assessment.explanation,
                }
            )
    return {"as_of": as_of.isoformat(), "taken_at": timezone.now().isoformat(), "measures": measures}


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def snapshot_rows(review: QuarterlyReview) -> list[dict[str, Any]]:
    """The review's snapshot rows with the CSS class of each status, for the page."""
    rows = []
    for row in review.snapshot.get("measures", []):
        status = Status(row["status"]) if row.get("status") in Status.values else Status.NO_READINGS
        rows.append({**row, "css_class": STATUS_CSS[status]})
    return rows


def published_plans() -> QuerySet[Plan]:
    return Plan.objects.filter(stage=Plan.Stage.PUBLISHED).select_related("area").order_by("area__name", "-starts_on")


def published_plan(*, area_slug: str, plan_slug: str) -> Plan:
    """A published plan by its public address; anything else is a 404, so drafts stay unseen."""
    plan = published_plans().filter(area__slug=area_slug, slug=plan_slug).first()
    if plan is None:
        raise Http404("No published plan at this address")
    return plan


def readings_to_sign_off(plan: Plan) -> QuerySet[Reading]:
    """The plan's draft readings, oldest quarter first, for the sign-off page."""
    return (
        Reading.objects.filter(measure__plan=plan, approved_at__isnull=True)
        .select_related("measure__objective", "entered_by")
        .order_by("quarter_start", "measure__order", "measure__reference", "pk")
    )


def district_readings_to_sign_off(plan: Plan) -> QuerySet[DistrictReading]:
    """The plan's draft District readings, oldest quarter first, for the sign-off page."""
    return (
        DistrictReading.objects.filter(measure__plan=plan, approved_at__isnull=True)
        .select_related("measure", "district", "entered_by")
        .order_by("quarter_start", "district__name", "measure__order", "measure__reference", "pk")
    )


def approved_district_readings(plan: Plan) -> dict[int, list[DistrictReading]]:
    """The plan's signed-off District readings by measure id, by District then quarter,
    for the open data. One query."""
    by_measure: dict[int, list[DistrictReading]] = {}
    rows = (
        DistrictReading.objects.filter(measure__plan=plan, approved_at__isnull=False)
        .select_related("district")
        .order_by("district__name", "quarter_start")
    )
    for row in rows:
        by_measure.setdefault(row.measure_id, []).append(row)
    return by_measure


def reviews_for(plan: Plan) -> QuerySet[QuarterlyReview]:
    return plan.quarterly_reviews.select_related("created_by").order_by("-month")


def review_milestones(plan: Plan) -> QuerySet[Milestone]:
    return plan.milestones.filter(phase=Milestone.Phase.REVIEW).order_by("starts_on", "pk")


def deliverables_for(plan: Plan) -> QuerySet[Deliverable]:
    return plan.deliverables.select_related("objective").order_by("order", "pk")


def deliverable_groups(plan: Plan) -> list[tuple[str, list[Deliverable]]]:
    groups: dict[str, list[Deliverable]] = {}
    for deliverable in deliverables_for(plan):
        groups.setdefault(deliverable.heading or "Other deliverables", []).append(deliverable)
    return list(groups.items())


# ---------------------------------------------------------------- District figures


@dataclass
class DistrictMeasure:
    """A measure as a District plan shows it: the force's readings and the District's own,
    quarter by quarter over the quarters either has (None where one has no reading), so a
    chart draws the District's line against the force's."""

    summary: MeasureSummary
    district: str
    quarters: tuple[Quarter, ...]
    force_values: tuple[Decimal | None, ...]
    district_values: tuple[Decimal | None, ...]
    chart: ChartImage | None = None

    @property
    def measure(self) -> Measure:
        return self.summary.measure

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(q.label for q in self.quarters)

    @property
    def rows(self) -> list[tuple[Quarter, Decimal | None, Decimal | None]]:
        """(quarter, force value, District value) for the data table beside the chart."""
        return list(zip(self.quarters, self.force_values, self.district_values, strict=True))

    @property
    def district_latest(self) -> tuple[Quarter, Decimal] | None:
        return next(
            (
                (q, v)
                for q, v in zip(reversed(self.quarters), reversed(self.district_values), strict=True)
                if v is not None
            ),
            None,
        )

    def chart_spec(self) -> ChartSpec:
        """The force's readings against the baseline and target, and the District's line."""
        spec = self.summary.chart_spec()
        own = tuple((q, v) for q, v in zip(self.quarters, self.district_values, strict=True) if v is not None)
        return dataclasses.replace(spec, comparison_name=self.district, comparison=own)

    def series(self) -> dict[str, Any]:
        """The chart's data: the labels, then each line's values (None for a gap)."""
        return {
            "labels": list(self.labels),
            "lines": [
                {"name": "Force", "values": list(self.force_values)},
                {"name": self.district, "values": list(self.district_values)},
            ],
            "baseline": self.summary.measure.baseline_value,
            "target": self.summary.target_value,
            "unit": self.summary.measure.unit,
        }


def district_measures(
    plan: Plan, district: District, *, as_of: date | None = None, charts: bool = False
) -> list[DistrictMeasure]:
    """The plan's measures that have signed-off readings for this District (of quarters
    ended before `as_of`, if given), in the plan's order, each beside the force's
    readings, with its chart if asked. Three queries whatever the plan's size."""
    district_rows = (
        DistrictReading.objects.filter(measure__plan=plan, district=district, approved_at__isnull=False)
        .only("measure_id", "quarter_start", "value")
        .order_by("quarter_start")
    )
    by_measure: dict[int, dict[date, Decimal]] = {}
    for row in district_rows:
        if as_of is not None and Quarter.containing(row.quarter_start).end >= as_of:
            continue
        by_measure.setdefault(row.measure_id, {})[row.quarter_start] = row.value
    if not by_measure:
        return []
    result = []
    for measure in measures_with_readings(plan).filter(pk__in=by_measure):
        summary = summarise(measure, list(measure.readings.all()), as_of=as_of)
        force = {point.quarter.start: point.value for point in summary.readings}
        own = by_measure[measure.pk]
        quarters = tuple(Quarter.containing(start) for start in sorted(set(force) | set(own)))
        result.append(
            DistrictMeasure(
                summary=summary,
                district=district.name,
                quarters=quarters,
                force_values=tuple(force.get(q.start) for q in quarters),
                district_values=tuple(own.get(q.start) for q in quarters),
            )
        )
    if charts:
        for item, image in zip(result, trend_charts([m.chart_spec() for m in result]), strict=True):
            item.chart = image
    return result
