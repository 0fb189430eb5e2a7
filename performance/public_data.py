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

from .models import DistrictReading
from .selectors import MeasureSummary, ObjectiveMeasures, approved_district_readings

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
DISTRICT_READING_FIELDS: list[tuple[str, str]] = [
    ("district", "The District the figure is for."),
    ("quarter", "The financial-year quarter, for example 2016-17 Q1 (April to June 2016)."),
    ("quarter_start", "The first day of the quarter (YYYY-MM-DD)."),
    ("quarter_end", "The last day of the quarter (YYYY-MM-DD)."),
    ("value", "The measure's value in the District for the quarter, in the measure's unit."),
    ("commentary", "What the Office of the Police and Crime Commissioner said about the figure, if anything."),
]
# A District's figure is a row of its own in the CSV file, its District in this column.
READING_DISTRICT_FIELD = (
    "reading_district",
    "The District a reading is for; empty for the force's own reading. A District's reading has no status: the "
    "measure's status is judged on the force's figures.",
)
CSV_FIELDS = MEASURE_FIELDS + READING_FIELDS + [READING_DISTRICT_FIELD]


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


def _district_reading(reading: DistrictReading) -> dict[str, Any]:
    quarter = reading.quarter
    return {
        "district": reading.district.name,
        "quarter": quarter.label,
        "quarter_start": quarter.start.isoformat(),
        "quarter_end": quarter.end.isoformat(),
        "value": reading.value,
        "commentary": reading.commentary,
    }


def performance_csv(plan: Plan, groups: list[ObjectiveMeasures]) -> str:
    """One row per reading, oldest first within each measure, then each District's signed-off
    readings of the measure, District by District."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, _ in CSV_FIELDS])
    by_district = approved_district_readings(plan)
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
                    "reading_district": "",
                }
                writer.writerow([_csv_cell(row[name]) for name, _ in CSV_FIELDS])
            for reading in by_district.get(summary.measure.pk, []):
                own = _district_reading(reading)
                row = {**base, **own, "status": None, "reading_district": own["district"], "district": group.district}
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
    by_district = approved_district_readings(plan)
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
            row["district_readings"] = [
                {**own, "value": _number(own["value"])}
                for own in map(_district_reading, by_district.get(summary.measure.pk, []))
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
                "district_readings": "The measure's signed-off figures for single Districts, District by District, "
                "oldest first. They are not part of the force's figures above and have no status.",
            },
            "reading": dict(READING_FIELDS),
            "district_reading": dict(DISTRICT_READING_FIELDS),
        },
        "measures": measures,
    }
