"""The public performance data of a published plan as CSV and JSON, for anyone to reuse.

The fields are described once, here; the public page lists these descriptions, and the
JSON file carries them, so the documentation cannot drift from the files.
"""

import csv
import io
from typing import Any

from django.utils import timezone

from pcplan.csv import safe_cell
from plans.models import Plan

from .selectors import MeasureSummary, ObjectiveMeasures

MEASURE_FIELDS: list[tuple[str, str]] = [
    ("police_area", "The police area the plan covers."),
    ("plan", "The title of the Police and Crime Plan."),
    ("priority", "The plan's priority (police and crime objective) the measure serves."),
    ("district", "The District, for a priority of one District only; empty for a force-wide priority."),
    ("outcome", "The outcome the measure serves, for example “To reduce overall crime”."),
    ("measure_reference", "A short code for the measure, stable from one quarter to the next."),
    ("measure", "What is measured."),
    ("unit", "The unit of every value and of the baseline, for example “officers” or “%”."),
    ("better_when", "“higher” or “lower”: which way is better for this measure."),
    ("baseline", "The value performance is judged against; empty until agreed."),
    ("baseline_period", "The period the baseline covers, for example 2015-16."),
    (
        "direction",
        "The expected direction: “maintain” (maintain current good performance), “improve” (improvement "
        "expected) or “transform” (transformation required).",
    ),
    (
        "threshold_percent",
        "For “maintain”, how far below the baseline performance may fall, in per cent of the baseline; for "
        "“improve” and “transform”, how much better than the baseline it must be.",
    ),
]
READING_FIELDS: list[tuple[str, str]] = [
    ("quarter", "The financial-year quarter, for example 2016-17 Q1 (April to June 2016)."),
    ("quarter_start", "The first day of the quarter (YYYY-MM-DD)."),
    ("quarter_end", "The last day of the quarter (YYYY-MM-DD)."),
    ("value", "The measure's value for the quarter, in its unit."),
    (
        "status",
        "The measure's status when this was its latest reading: “on_track”, “some_concern”, “off_track”, or "
        "“no_baseline” when there is no baseline to judge against.",
    ),
    ("commentary", "What the Office of the Police and Crime Commissioner said about the reading, if anything."),
]
CSV_FIELDS = MEASURE_FIELDS + READING_FIELDS


def _measure_row(plan: Plan, group: ObjectiveMeasures, summary: MeasureSummary) -> dict[str, Any]:
    m = summary.measure
    return {
        "police_area": plan.area.name,
        "plan": plan.title,
        "priority": group.title,
        "district": group.district,
        "outcome": m.outcome,
        "measure_reference": m.reference,
        "measure": m.name,
        "unit": m.unit,
        "better_when": m.polarity,
        "baseline": m.baseline_value,
        "baseline_period": m.baseline_period,
        "direction": m.direction,
        "threshold_percent": m.threshold_percent,
    }


def _number(value: Any) -> Any:
    return None if value is None else float(value)


def performance_csv(plan: Plan, groups: list[ObjectiveMeasures]) -> str:
    """One row per reading, oldest first within each measure."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, _ in CSV_FIELDS])
    for group in groups:
        for summary in group.measures:
            base = _measure_row(plan, group, summary)
            for point in summary.readings:
                row = {
                    **base,
                    "quarter": point.quarter.label,
                    "quarter_start": point.quarter.start.isoformat(),
                    "quarter_end": point.quarter.end.isoformat(),
                    "value": point.value,
                    "status": point.assessment.status.value,
                    "commentary": point.commentary,
                }
                writer.writerow([_csv_cell(row[name]) for name, _ in CSV_FIELDS])
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_cell(value)
    from .status import format_number

    return format_number(value).replace(",", "")


def performance_json(plan: Plan, groups: list[ObjectiveMeasures], *, page_url: str) -> dict[str, Any]:
    measures = []
    for group in groups:
        for summary in group.measures:
            row = _measure_row(plan, group, summary)
            row["baseline"] = _number(row["baseline"])
            row["threshold_percent"] = _number(row["threshold_percent"])
            latest = summary.latest
            row["latest_quarter"] = latest.quarter.label if latest else None
            row["latest_status"] = summary.assessment.status.value
            row["readings"] = [
                {
                    "quarter": p.quarter.label,
                    "quarter_start": p.quarter.start.isoformat(),
                    "quarter_end": p.quarter.end.isoformat(),
                    "value": _number(p.value),
                    "status": p.assessment.status.value,
                    "commentary": p.commentary,
                }
                for p in summary.readings
            ]
            measures.append(row)
    return {
        "plan": {
            "title": plan.title,
            "police_area": plan.area.name,
            "period_start": plan.starts_on.isoformat(),
            "period_end": plan.ends_on.isoformat(),
            "page": page_url,
        },
        "generated_at": timezone.now().isoformat(),
        "fields": {
            "measure": dict(MEASURE_FIELDS)
            | {
                "latest_quarter": "The quarter of the latest reading.",
                "latest_status": "The measure's status now: as “status” below, or “no_readings”.",
                "readings": "The measure's readings, oldest first.",
            },
            "reading": dict(READING_FIELDS),
        },
        "measures": measures,
    }
