"""Every performance URL for the role walk (pcplan/tests/test_role_walk.py).

Staff pages: editors change, force liaison may read (the Chief Constable reports to the
PCC on performance), the Panel is refused. Public pages: everyone, for a published plan.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from pcplan.tests.walk import EDITING, EVERYONE, FormCase, Route
from performance.tests.factories import DeliverableFactory, MeasureFactory, ReadingFactory
from plans.models import Plan
from plans.tests.factories import ObjectiveFactory, PlanFactory

READING = EDITING | {"force"}


def build(world: SimpleNamespace) -> None:
    plan = PlanFactory(area=world.area, title="Police and Crime Plan 2016-21")
    objective = ObjectiveFactory(plan=plan, title="Protect the most vulnerable from harm")
    measure = MeasureFactory(plan=plan, objective=objective, reference="M01")
    reading = ReadingFactory(measure=measure, quarter_start=datetime.date(2016, 4, 1), value=Decimal("63.1"))
    ReadingFactory(measure=measure, quarter_start=datetime.date(2016, 7, 1), value=Decimal("62.2"))
    from performance.services import review_record

    review = review_record(
        plan=plan,
        held_on=datetime.date(2017, 1, 16),
        summary="Crime is falling.",
        narratives={},
        by=world.users["staff"],
    )
    from performance.models import DistrictReading

    district_reading = DistrictReading.objects.create(
        measure=measure, district=world.area.districts.first(), quarter_start=datetime.date(2016, 4, 1), value=70
    )
    deliverable = DeliverableFactory(plan=plan, objective=objective)
    published = PlanFactory(area=world.area, title="Police and Crime Plan 2013-17", stage=Plan.Stage.PUBLISHED)
    MeasureFactory(plan=published, objective=ObjectiveFactory(plan=published), reference="M01")
    world.performance = SimpleNamespace(
        plan=plan,
        measure=measure,
        reading=reading,
        district_reading=district_reading,
        review=review,
        deliverable=deliverable,
        published=published,
    )


def _plan(w: SimpleNamespace) -> dict[str, int]:
    return {"plan_id": w.performance.plan.pk}


def _measure(w: SimpleNamespace) -> dict[str, int]:
    return {**_plan(w), "measure_id": w.performance.measure.pk}


def _reading(w: SimpleNamespace) -> dict[str, int]:
    return {**_measure(w), "reading_id": w.performance.reading.pk}


def _public(w: SimpleNamespace) -> dict[str, str]:
    return {"area_slug": w.performance.published.area.slug, "plan_slug": w.performance.published.slug}


ROUTES = [
    Route("performance:index", EVERYONE),
    Route("performance:public_plan", EVERYONE, kwargs=_public),
    Route("performance:public_csv", EVERYONE, kwargs=_public),
    Route("performance:public_json", EVERYONE, kwargs=_public),
    Route("performance:dashboard", READING, kwargs=_plan),
    Route("performance:measure_create", EDITING, kwargs=_plan),
    Route("performance:measure_detail", READING, kwargs=_measure),
    Route("performance:measure_edit", EDITING, kwargs=_measure),
    Route("performance:reading_create", EDITING, kwargs=_measure, method="post"),
    Route("performance:reading_edit", EDITING, kwargs=_reading),
    Route("performance:reading_delete", EDITING, kwargs=_reading),
    Route(
        "performance:district_reading_delete",
        EDITING,
        kwargs=lambda w: {**_measure(w), "reading_id": w.performance.district_reading.pk},
    ),
    Route("performance:readings_import", EDITING, kwargs=_plan, method="post"),
    Route("performance:readings_template", EDITING, kwargs=_plan),
    Route("performance:sign_off", READING, kwargs=_plan),
    Route("performance:review_list", READING, kwargs=_plan),
    Route("performance:review_create", EDITING, kwargs=_plan),
    Route("performance:review_detail", READING, kwargs=lambda w: {**_plan(w), "review_id": w.performance.review.pk}),
    Route("performance:review_edit", EDITING, kwargs=lambda w: {**_plan(w), "review_id": w.performance.review.pk}),
    Route("performance:deliverable_list", READING, kwargs=_plan),
    Route("performance:deliverable_create", EDITING, kwargs=_plan, method="post"),
    Route(
        "performance:deliverable_edit",
        EDITING,
        kwargs=lambda w: {**_plan(w), "deliverable_id": w.performance.deliverable.pk},
    ),
]

# Every POST form of the performance pages, for the form walk (pcplan/tests/test_form_walk.py).
FORMS = [
    FormCase(
        "performance:measure_create",
        "create",
        data=lambda w: {"reference": "M77", "baseline_value": "62.4", "threshold_percent": "5"},
    ),
    FormCase("performance:reading_create", "create"),
    FormCase(
        "performance:review_create", "create", data=lambda w: {"held_on_0": "16", "held_on_1": "7", "held_on_2": "2017"}
    ),
    FormCase("performance:deliverable_create", "create"),
    FormCase("performance:readings_import", "other", reason="a CSV file upload: each quarter's reading is kept once"),
    FormCase("performance:measure_edit", "edit", change="name", values=("Repeat victims", "Victims helped again")),
    FormCase("performance:reading_edit", "edit", change="commentary", values=("Up on last year", "Down on last year")),
    FormCase("performance:review_edit", "edit", change="summary", values=("On track overall", "Behind on two")),
    FormCase(
        "performance:deliverable_edit",
        "edit",
        change="progress_notes",
        values=("Contract signed in May.", "Tender out in June."),
    ),
    FormCase("performance:reading_delete", "other", reason="asks to remove: sent again, the reading is already gone"),
    FormCase(
        "performance:district_reading_delete",
        "other",
        reason="asks to remove: sent again, the District's reading is already gone",
    ),
    # The world's District reading is a draft, so its measure's page offers to sign it off.
    FormCase(
        "performance:sign_off",
        "other",
        reason="signs off a draft reading: sent again, it is already signed off and stays as it was",
    ),
]
