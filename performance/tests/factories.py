"""Factories for performance, with measures from Figure 1 of the Devon and Cornwall plan
refresh (seed 002) and deliverables from the Avon and Somerset business plan (seed 001)."""

import datetime
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from performance.models import Deliverable, Measure, Reading
from performance.quarters import Quarter
from performance.status import Direction, Polarity
from plans.models import Plan
from plans.tests.factories import ObjectiveFactory, PlanFactory


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    plan = factory.SubFactory(PlanFactory)
    objective = factory.LazyAttribute(lambda m: ObjectiveFactory(plan=m.plan))
    reference = factory.Sequence(lambda n: f"M{n + 1:02d}")
    outcome = "To reduce overall crime"
    name = "Number of crimes per 1000 population"
    unit = "crimes per 1,000 population"
    polarity = Polarity.LOWER
    baseline_value = Decimal("64.8")
    baseline_period = "2015-16"
    direction = Direction.IMPROVE
    threshold_percent = Decimal("3")
    data_source = "Police recorded crime, Home Office data hub"
    order = factory.Sequence(lambda n: n)


class ReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reading

    measure = factory.SubFactory(MeasureFactory)
    quarter_start = datetime.date(2016, 4, 1)
    value = Decimal("63.1")
    entered_at = factory.LazyFunction(timezone.now)
    # Signed off, as most readings a page shows are; `draft=True` leaves it to be signed off.
    approved_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(approved_at=None)


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    plan = factory.SubFactory(PlanFactory)
    heading = "1. Anti-social Behaviour"
    deliverable = "Improve the way that agencies work together in relation to ASB"
    outcome = "ASB Satisfaction and resolution"
    timetable = "Ongoing"
    lead_officer = "ALH"
    order = factory.Sequence(lambda n: n)


def readings(measure: Measure, values: list[str | Decimal], *, first: Quarter | None = None) -> list[Reading]:
    """Readings for consecutive quarters from `first` (default: the plan's first quarter)."""
    quarter = first or Quarter.containing(measure.plan.starts_on)
    made = []
    for value in values:
        made.append(ReadingFactory(measure=measure, quarter_start=quarter.start, value=Decimal(str(value))))
        quarter = quarter.next()
    return made


def big_plan(*, area: Any, measures: int, quarters: int, objectives: int = 4) -> Plan:
    """A plan with many measures, each with a reading every quarter, written in bulk."""
    plan = PlanFactory(area=area, starts_on=datetime.date(2016, 4, 1), ends_on=datetime.date(2021, 3, 31))
    groups = [ObjectiveFactory(plan=plan, order=i) for i in range(objectives)]
    rows = Measure.objects.bulk_create(
        Measure(
            plan=plan,
            objective=groups[i % objectives],
            reference=f"M{i + 1:03d}",
            outcome="To reduce overall crime",
            name=f"Measure {i + 1}: number of violence offences",
            unit="offences",
            polarity=Polarity.LOWER if i % 2 else Polarity.HIGHER,
            baseline_value=Decimal(1000 + i),
            baseline_period="2015-16",
            direction=[Direction.MAINTAIN, Direction.IMPROVE, Direction.TRANSFORM][i % 3],
            threshold_percent=[Decimal(5), Decimal(5), Decimal(15)][i % 3],
            data_source="Police recorded crime",
            order=i,
        )
        for i in range(measures)
    )
    now = timezone.now()
    first = Quarter.containing(plan.starts_on)
    batch = []
    for m_index, measure in enumerate(rows):
        quarter = first
        for q_index in range(quarters):
            wobble = Decimal((q_index * 7 + m_index) % 23 - 11) / 100
            value = (Decimal(1000 + m_index) * (1 + wobble)).quantize(Decimal("0.1"))
            batch.append(
                Reading(measure=measure, quarter_start=quarter.start, value=value, entered_at=now, approved_at=now)
            )
            quarter = quarter.next()
    Reading.objects.bulk_create(batch, batch_size=1000)
    return plan
