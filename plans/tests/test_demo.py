"""The demo plan a newcomer clicks through: Avon and Somerset 2016-21 with V1 and V2."""

import datetime
from typing import Any

from plans.demo import DEMO_PLAN_SLUG, seed_area, seed_plan, seed_users
from plans.models import Milestone, Plan, StatutoryStep
from plans.selectors import plan_overview


def test_the_demo_plan_is_built_through_the_services_with_real_dates(db: Any) -> None:
    area = seed_area()
    users = seed_users(area)
    plan = seed_plan(area, users["staff"])
    assert plan.slug == DEMO_PLAN_SLUG and plan.stage == Plan.Stage.FINAL
    assert [v.label for v in plan.versions.order_by("number")] == ["V1", "V2"]
    assert plan.sections.count() == 11 and plan.grants.count() == 6
    # Four force-wide priorities and legitimacy, and one objective of each District's own.
    assert plan.objectives.filter(district=None).count() == 4
    assert set(plan.objectives.exclude(district=None).values_list("district__name", flat=True)) == set(
        area.districts.values_list("name", flat=True)
    )
    assert {g.district.name for g in plan.grants.exclude(district=None)} == {
        "Bristol",
        "North Somerset",
        "Bath and North East Somerset",
        "South Gloucestershire",
    }
    for district in area.districts.all():
        assert district.picture and district.picture_alt, f"{district.name} has a picture for its plan"
        assert "police station" in district.contact
    budget = plan.budget_lines
    assert set(budget.values_list("year", flat=True)) == {2016, 2017}
    assert budget.filter(district=None, year=2016, kind="funding").count() == 3
    assert budget.exclude(district=None).count() == 9
    assert plan.sections.get(title="Resources").guidance.startswith("Resources: value for money")
    overview = plan_overview(plan, today=datetime.date(2016, 9, 1))
    assert overview.covered_count == 7
    consult = plan.milestones.get(title="Consultation with Chief Constable on high-level priorities")
    assert (consult.starts_on, consult.ends_on) == (datetime.date(2016, 5, 16), datetime.date(2016, 5, 18))
    assert consult.statutory_step == StatutoryStep.CONSULT_CHIEF_CONSTABLE
    # Cutting V1 records the draft as prepared (s5(6)), on the day it was cut; the other
    # statutory steps stay open for the consultation, Panel and publishing apps to record.
    done = plan.milestones.exclude(statutory_step="").filter(status=Milestone.Status.DONE)
    assert [(m.statutory_step, m.completed_on) for m in done] == [
        (StatutoryStep.PREPARE_DRAFT, datetime.date(2016, 7, 18))
    ]
    assert plan.milestones.filter(statutory_step="", status=Milestone.Status.DONE).exists()
    foreword = plan.sections.get(title="Foreword and introduction")
    assert foreword.history.first().history_user == users["staff"]
    assert seed_plan(area, users["staff"]) == plan
    assert Plan.objects.filter(slug=DEMO_PLAN_SLUG).count() == 1
