"""Demo data for performance: the demo plan's measures (Figure 1 of seed 002 and more),
eight quarters of readings, two quarterly reviews and the business-plan deliverables of
seed 001. Idempotent: each row is found by its natural key before it is created."""

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from plans.demo import DEMO_PLAN_SLUG
from plans.models import District, Objective, Plan

from . import demo_content as content
from .models import Deliverable, DistrictReading, Measure, QuarterlyReview, Reading
from .quarters import Quarter
from .services import deliverable_create, measure_create, review_record, reviews_schedule

FIGURE1_PATH = Path(__file__).resolve().parent.parent / "plans" / "data" / "measures_figure1.json"
DIRECTIONS = {
    "maintain current good performance": "maintain",
    "improvement expected": "improve",
    "transformation required": "transform",
}
# The web copy of the 2016-21 plan was published in the week of 10 October 2016.
PUBLISHED_ON = date(2016, 10, 14)


def _measure_specs() -> list[dict[str, Any]]:
    specs = []
    for item in json.loads(FIGURE1_PATH.read_text())["measures"]:
        extra = content.FIGURE1[item["measure"]]
        specs.append(
            {
                **extra,
                "outcome": item["outcome"],
                "name": item["measure"],
                "polarity": item["better"],
                "direction": DIRECTIONS[item["direction"]],
            }
        )
    return specs + content.EXTRA


def _objective(plan: Plan, forcewide: list[Objective], key: Any) -> Objective | None:
    if isinstance(key, tuple):
        return plan.objectives.filter(district__name=key[1]).first()
    return forcewide[key] if key is not None and key < len(forcewide) else None


def seed_measures(plan: Plan, author: Any, signer: Any = None) -> list[Measure]:
    forcewide = list(plan.objectives.filter(district__isnull=True).order_by("order", "pk"))
    first = Quarter.parse(content.FIRST_QUARTER)
    measures = []
    for number, spec in enumerate(_measure_specs(), start=1):
        reference = f"M{number:02d}"
        measure = Measure.objects.filter(plan=plan, reference=reference).first()
        if measure is None:
            (reliability, validity, perverse) = spec["risks"]
            measure = measure_create(
                plan=plan,
                by=author,
                data={
                    "objective": _objective(plan, forcewide, spec["objective"]),
                    "reference": reference,
                    "outcome": spec["outcome"],
                    "name": spec["name"],
                    "description": spec["description"],
                    "unit": spec["unit"],
                    "polarity": spec["polarity"],
                    "baseline_value": Decimal(spec["baseline"]),
                    "baseline_period": spec["baseline_period"],
                    "direction": spec["direction"],
                    "threshold_percent": Decimal(spec["threshold"]),
                    "data_source": spec["data_source"],
                    "reliability_risk": reliability[0],
                    "reliability_note": reliability[1],
                    "validity_risk": validity[0],
                    "validity_note": validity[1],
                    "perverse_incentive_risk": perverse[0],
                    "perverse_incentive_note": perverse[1],
                    "order": number,
                },
            )
        _seed_readings(measure, first, spec["readings"], spec.get("commentary", {}), author, signer)
        measures.append(measure)
    return measures


def _seed_readings(
    measure: Measure, first: Quarter, values: list[str], commentary: dict[int, str], by: Any, signer: Any
) -> None:
    have = set(measure.readings.values_list("quarter_start", flat=True))
    quarter = first
    new = []
    for index, value in enumerate(values):
        if quarter.start not in have:
            new.append(
                Reading(
                    measure=measure,
                    quarter_start=quarter.start,
                    value=Decimal(value),
                    commentary=commentary.get(index, ""),
                    # Entered a few weeks after the quarter ended, as the Force reports.
                    entered_at=timezone.make_aware(datetime.combine(quarter.end + timedelta(days=21), time(10))),
                    entered_by=by,
                    # Checked and signed off a week later by the Force's performance team.
                    approved_at=timezone.make_aware(datetime.combine(quarter.end + timedelta(days=28), time(10))),
                    approved_by=signer,
                )
            )
        quarter = quarter.next()
    bulk_create_with_history(new, Reading, default_user=by)


def seed_district_readings(plan: Plan, author: Any) -> int:
    """Every District's figure for the measures in content.DISTRICT_READINGS, each quarter
    the force has a reading for."""
    districts = {d.name: d for d in District.objects.filter(area_id=plan.area_id)}
    have = set(
        DistrictReading.objects.filter(measure__plan=plan).values_list("measure_id", "district_id", "quarter_start")
    )
    new = []
    for name, shares in content.DISTRICT_READINGS.items():
        measure = Measure.objects.filter(plan=plan, name=name).first()
        if measure is None:
            continue
        places = Decimal("0.1") if "1000" in name else Decimal(1)
        for reading in measure.readings.order_by("quarter_start"):
            for district_name, share in shares.items():
                district = districts.get(district_name)
                if district is None or (measure.pk, district.pk, reading.quarter_start) in have:
                    continue
                new.append(
                    DistrictReading(
                        measure=measure,
                        district=district,
                        quarter_start=reading.quarter_start,
                        value=(reading.value * Decimal(share)).quantize(places),
                        entered_at=reading.entered_at,
                        entered_by=reading.entered_by,
                        # Signed off with the force's figure of the quarter, by the same person.
                        approved_at=reading.approved_at,
                        approved_by=reading.approved_by,
                    )
                )
    bulk_create_with_history(new, DistrictReading, default_user=author)
    return DistrictReading.objects.filter(measure__plan=plan).count()


def seed_reviews(plan: Plan, author: Any) -> int:
    reviews_schedule(plan=plan, published_on=PUBLISHED_ON, by=author)
    forcewide = list(plan.objectives.filter(district__isnull=True).order_by("order", "pk"))
    for spec in content.REVIEWS:
        held_on = date.fromisoformat(spec["held_on"])
        if QuarterlyReview.objects.filter(plan=plan, month=held_on.replace(day=1)).exists():
            continue
        review_record(
            plan=plan,
            held_on=held_on,
            summary=spec["summary"],
            narratives={str(forcewide[i].uid): text for i, text in spec["narratives"].items() if i < len(forcewide)},
            by=author,
        )
    return plan.quarterly_reviews.count()


def seed_deliverables(plan: Plan, author: Any) -> int:
    forcewide = list(plan.objectives.filter(district__isnull=True).order_by("order", "pk"))
    for order, (heading, text, outcome, timetable, lead, objective, status, notes) in enumerate(
        content.DELIVERABLES, start=1
    ):
        if Deliverable.objects.filter(plan=plan, heading=heading, deliverable=text).exists():
            continue
        deliverable_create(
            plan=plan,
            by=author,
            data={
                "heading": heading,
                "deliverable": text,
                "outcome": outcome,
                "timetable": timetable,
                "lead_officer": lead,
                "objective": _objective(plan, forcewide, objective),
                "status": status,
                "progress_notes": notes,
                "order": order,
            },
        )
    return plan.deliverables.count()


def seed(*, stdout: Any, style: Any) -> None:
    plan = Plan.objects.filter(area__slug="avon-and-somerset", slug=DEMO_PLAN_SLUG).first()
    if plan is None:
        stdout.write(style.WARNING("  No demo plan: run the plans seed first."))
        return
    author = get_user_model().objects.filter(username="staff").first()
    signer = get_user_model().objects.filter(username="force").first()
    measures = seed_measures(plan, author, signer)
    district_readings = seed_district_readings(plan, author)
    reviews = seed_reviews(plan, author)
    deliverables = seed_deliverables(plan, author)
    readings = Reading.objects.filter(measure__plan=plan).count()
    stdout.write(
        f"  {plan.title}: {len(measures)} measures, {readings} readings ({district_readings} by District), "
        f"{reviews} quarterly reviews, "
        f"{deliverables} deliverables"
    )
