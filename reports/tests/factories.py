"""A published plan with a year of records to report on, from the seeds: Avon and
Somerset's priorities, Figure 1 measures of seed 002, seed 001 deliverables."""

import datetime
from decimal import Decimal
from typing import Any

from performance.models import Deliverable
from performance.services import review_record
from performance.tests.factories import DeliverableFactory, MeasureFactory, ReadingFactory, readings
from plans.models import Plan
from plans.tests.factories import GrantFactory, ObjectiveFactory, PlanFactory
from reports.models import AnnualReport

YEAR = datetime.date(2016, 4, 1)


def year_of_records(*, area: Any, by: Any = None, measures_per_priority: int = 1, quarters: int = 4) -> Plan:
    plan = PlanFactory(
        area=area,
        title="Police and Crime Plan 2016-21",
        starts_on=datetime.date(2016, 5, 5),
        ends_on=datetime.date(2021, 3, 31),
        stage=Plan.Stage.PUBLISHED,
    )
    titles = [
        "Protect the most vulnerable from harm",
        "Strengthen and improve your local policing teams",
        "Ensure Avon and Somerset Constabulary has the right people, right equipment and right culture",
        "Work together effectively with other police forces and key partners",
    ]
    objectives = [ObjectiveFactory(plan=plan, order=i, title=title) for i, title in enumerate(titles)]
    for i, objective in enumerate(objectives):
        for j in range(measures_per_priority):
            measure = MeasureFactory(
                plan=plan, objective=objective, reference=f"M{i + 1}{j:02d}", baseline_value=Decimal("64.8")
            )
            readings(measure, ["63.1", "62.5", "61.9", "61.0", "60.2"][:quarters])
    first = plan.measures.order_by("reference").first()
    # 2017-18 Q1: another year; and a draft not yet signed off.
    ReadingFactory(measure=first, quarter_start=datetime.date(2017, 4, 1), value=Decimal("59.0"), draft=True)
    DeliverableFactory(
        plan=plan,
        objective=objectives[0],
        deliverable="Commission the new Lighthouse victim care service",
        status=Deliverable.Status.COMPLETE,
    )
    DeliverableFactory(
        plan=plan,
        objective=objectives[1],
        deliverable="Review the neighbourhood policing model with each District",
        status=Deliverable.Status.DELAYED,
    )
    review_record(
        plan=plan,
        held_on=datetime.date(2017, 1, 16),
        summary="Crime is below the baseline; victim satisfaction needs attention.",
        narratives={str(objectives[0].uid): "Lighthouse is taking referrals in every District."},
        by=by,
    )
    GrantFactory(plan=plan, objective=objectives[0], recipient="Bristol Community Safety Partnership")
    return plan


def report_for(plan: Plan, **kwargs: Any) -> AnnualReport:
    return AnnualReport.objects.create(plan=plan, year_start=YEAR, **kwargs)
