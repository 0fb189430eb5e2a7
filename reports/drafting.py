"""The annual report's content, drafted from the year's records, in one JSON-ready shape
shared by the working draft, its versions, the pages and the PDF.

`draft_content` reads a whole year in a fixed number of queries however many readings,
measures or reviews there are (the report, priorities, measures with their approved
readings, deliverables, grants, quarterly reviews), and works out every status in Python
with `performance.status`, as every other page does. Only signed-off readings count.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from performance.charts import HEIGHT, PRINT_HEIGHT, PRINT_WIDTH, WIDTH, ChartSpec, trend_charts
from performance.models import Deliverable, QuarterlyReview
from performance.quarters import Quarter
from performance.selectors import measures_with_readings, summarise
from performance.status import STATUS_CSS, Status, format_value

from .models import AnnualReport

SCHEMA = 1

DELIVERABLE_GROUPS = (
    ("done", "Done", (Deliverable.Status.COMPLETE,)),
    ("late", "Late", (Deliverable.Status.DELAYED,)),
    ("open", "Still in progress or not started", (Deliverable.Status.IN_PROGRESS, Deliverable.Status.NOT_STARTED)),
)


def draft_content(report: AnnualReport) -> dict[str, Any]:
    """The report as the records stand now: the Commissioner's sections and, for each
    priority of the plan, its measures with the year's approved readings and year-end
    status, its deliverables, and what the quarterly reviews said about it."""
    plan = report.plan
    year_start, year_end = report.year_start, report.year_end
    objectives = list(plan.objectives.select_related("district").order_by("district__name", "order", "pk"))
    by_objective: dict[int | None, dict[str, Any]] = {
        o.pk: {
            "uid": str(o.uid),
            "title": o.title,
            "aim": o.aim,
            "district": o.district.name if o.district is not None else "",
            "measures": [],
            "deliverables": {key: [] for key, _, _ in DELIVERABLE_GROUPS},
            "review_notes": [],
        }
        for o in objectives
    }
    after_year = year_end + timedelta(days=1)
    for measure in measures_with_readings(plan):
        summary = summarise(measure, list(measure.readings.all()), as_of=after_year)
        in_year = [p for p in summary.readings if p.quarter.start >= year_start]
        entry = by_objective.get(measure.objective_id)
        if entry is None:
            continue
        entry["measures"].append(
            {
                "reference": measure.reference,
                "name": measure.name,
                "outcome": measure.outcome,
                "unit": measure.unit,
                "polarity": measure.polarity,
                "baseline": _text(measure.baseline_value),
                "baseline_display": summary.baseline_display,
                "baseline_period": measure.baseline_period,
                "target": summary.target_display,
                "target_value": _text(summary.target_value),
                "readings": [
                    {
                        "quarter": p.quarter.label,
                        "value": str(p.value),
                        "display": format_value(p.value, measure.unit),
                        "status": p.assessment.status.value,
                        "commentary": p.commentary,
                    }
                    for p in in_year
                ],
                # The status at the end of the year: its last reading's, if the year has one.
                "year_end_status": (in_year[-1].assessment if in_year else _none(summary)).status.value,
                "year_end_explanation": (in_year[-1].assessment if in_year else _none(summary)).explanation,
            }
        )
    for deliverable in plan.deliverables.order_by("order", "pk"):
        entry = by_objective.get(deliverable.objective_id)
        if entry is None:
            continue
        for key, _, statuses in DELIVERABLE_GROUPS:
            if deliverable.status in statuses:
                entry["deliverables"][key].append(
                    {
                        "deliverable": deliverable.deliverable,
                        "timetable": deliverable.timetable,
                        "lead_officer": deliverable.lead_officer,
                        "progress_notes": deliverable.progress_notes,
                    }
                )
    reviews = list(
        QuarterlyReview.objects.filter(plan=plan, month__gt=year_start, month__lte=after_year).order_by("month")
    )
    uids = {entry["uid"]: entry for entry in by_objective.values()}
    for review in reviews:
        for narrative in review.narratives:
            text = (narrative.get("text") or "").strip()
            if text and narrative.get("objective_uid") in uids:
                uids[narrative["objective_uid"]]["review_notes"].append({"month": review.title_month, "text": text})
    grants = [
        {"recipient": g.recipient, "purpose": g.purpose, "amount": str(g.amount), "conditions": g.conditions}
        for g in plan.grants.order_by("recipient", "pk")
    ]
    return {
        "schema": SCHEMA,
        "title": report.title,
        "plan_title": plan.title,
        "area": plan.area.name,
        "pcc_name": plan.pcc_name,
        "year_label": report.year_label,
        "year_start": year_start.isoformat(),
        "year_end": year_end.isoformat(),
        "foreword": report.foreword,
        "functions": report.functions,
        "finances": report.finances,
        "objectives": list(by_objective.values()),
        "grants": grants,
        "reviews": [{"month": r.title_month, "summary": r.summary} for r in reviews if r.summary.strip()],
    }


def content_hash(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _none(summary: Any) -> Any:
    from performance.status import assess

    m = summary.measure
    return assess(
        polarity=m.polarity, direction=m.direction, threshold=m.threshold_percent, baseline=m.baseline_value, value=None
    )


# ---------------------------------------------------------------- reading the content


@dataclass(frozen=True)
class StatusShown:
    label: str
    css_class: str


def status_shown(value: str) -> StatusShown:
    status = Status(value) if value in Status.values else Status.NO_READINGS
    return StatusShown(status.label, STATUS_CSS[status])


def with_statuses(content: dict[str, Any], *, charts: bool = True, printed: bool = False) -> dict[str, Any]:
    """The content with each status's label and CSS class and, with `charts`, each
    measure's trend chart over the year (drawn from the content, cached like every chart),
    for templates; `printed`, the narrower chart a document sets beside its table of
    figures. Force-wide priorities come before District ones, whatever order the database
    gave them in when the version was cut, and those with no measures, deliverables or
    quarterly review notes for the year come last."""
    for objective in content["objectives"]:
        objective["has_records"] = bool(
            objective["measures"] or objective["review_notes"] or any(objective["deliverables"].values())
        )
    # Priorities with nothing recorded in the year go last, listed together.
    content["objectives"] = sorted(
        content["objectives"], key=lambda objective: (bool(objective.get("district")), not objective["has_records"])
    )
    content["objectives_without_records"] = [o for o in content["objectives"] if not o["has_records"]]
    measures = []
    for objective in content["objectives"]:
        for measure in objective["measures"]:
            measure["year_end"] = status_shown(measure["year_end_status"])
            for reading in measure["readings"]:
                reading["shown"] = status_shown(reading["status"])
            measures.append(measure)
        objective["deliverable_groups"] = [
            (label, objective["deliverables"][key]) for key, label, _ in DELIVERABLE_GROUPS
        ]
    if charts:
        images = trend_charts([_chart_spec(m, printed=printed) for m in measures])
        for measure, image in zip(measures, images, strict=True):
            measure["chart"] = image
    return content


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _chart_spec(measure: dict[str, Any], *, printed: bool = False) -> ChartSpec:
    return ChartSpec(
        name=measure["name"],
        unit=measure["unit"],
        quarters=tuple(Quarter.parse(r["quarter"]) for r in measure["readings"]),
        values=tuple(Decimal(r["value"]) for r in measure["readings"]),
        baseline=_decimal(measure.get("baseline")),
        target=_decimal(measure.get("target_value")),
        width=PRINT_WIDTH if printed else WIDTH,
        height=PRINT_HEIGHT if printed else HEIGHT,
    )


def financial_years(starts_on: date, ends_on: date) -> list[date]:
    """1 April of each financial year a plan's period touches, oldest first."""
    first = Quarter.containing(starts_on).start
    year = first.year if first.month >= 4 else first.year - 1
    years = []
    while date(year, 4, 1) <= ends_on:
        years.append(date(year, 4, 1))
        year += 1
    return years
