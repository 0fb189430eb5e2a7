"""Demo annual reports of the Avon and Somerset Police and Crime Plan 2016-21, drafted
from the demo's own records (signed-off readings, the business plan's deliverables, the
quarterly reviews of January and April 2017): 2016/17 cut as V1 for the Panel in June
2017, as the business plan (seed 001) promises an annual report each June; 2017/18 still
in draft. The Commissioner's words come from the seeds' own account of the Office's role
and its duty of transparency. Runs after the plans, performance and publishing seeds.
Idempotent."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from plans.demo import DEMO_PLAN_SLUG
from plans.models import Plan

from .models import AnnualReport
from .services import annual_report_create, annual_report_sections_update, annual_report_version_cut

LONDON = ZoneInfo("Europe/London")
CUT_AT = datetime(2017, 6, 5, 10, 0, tzinfo=LONDON)

FOREWORD = (
    "<p>This is my report on the first year of the Police and Crime Plan 2016-21. The plan set four priorities: "
    "to protect the most vulnerable from harm; to strengthen and improve your local policing teams; to ensure "
    "Avon and Somerset Constabulary has the right people, right equipment and right culture; and to work "
    "together effectively with other police forces and key partners to provide better services to local "
    "people.</p><p>The figures in this report are those the Constabulary's performance team checked and signed "
    "off each quarter; where a measure is off track, the report says so.</p>"
)
FUNCTIONS = (
    "<h2>Holding the Chief Constable to account</h2><p>Each quarter the Police and Crime Board reviewed the "
    "plan's measures with the Chief Constable, in January and April 2017, and the Office published its "
    "performance reports on its website.</p><h2>Commissioning</h2><p>The Office works as a single commissioning "
    "team, applying the principles of commissioning to the whole of the Commissioner's budget, with the "
    "Constabulary as the first among equals of service providers.</p><h2>Engagement and transparency</h2><p>"
    "Public forum meetings every two months covered the districts of Avon and Somerset, so that people could ask "
    "about the delivery of the Police and Crime Plan and the Business Plan; regular performance reports went to "
    "the Police and Crime Panel.</p>"
)
FINANCES = (
    "<p>The Commissioner sets the police budget and the precept, and oversees the delivery of policing services "
    "by the Constabulary and other partners, to deliver best value and best outcomes from the total Police "
    "Fund.</p>"
)


def seed(*, stdout: Any, style: Any) -> None:
    plan = Plan.objects.filter(area__slug="avon-and-somerset", slug=DEMO_PLAN_SLUG).first()
    if plan is None or plan.stage != Plan.Stage.PUBLISHED:
        stdout.write(style.WARNING("  No published demo plan: run the publishing seed first."))
        return
    staff = get_user_model().objects.get(username="staff")
    first = AnnualReport.objects.filter(plan=plan, year_start=date(2016, 4, 1)).first()
    if first is None:
        first = annual_report_create(plan=plan, year_start=date(2016, 4, 1), by=staff)
        first = annual_report_sections_update(
            report=first, foreword=FOREWORD, functions=FUNCTIONS, finances=FINANCES, by=staff
        )
        annual_report_version_cut(
            report=first, by=staff, note="For the Police and Crime Panel's meeting in June 2017", cut_at=CUT_AT
        )
    second = AnnualReport.objects.filter(plan=plan, year_start=date(2017, 4, 1)).first()
    if second is None:
        second = annual_report_create(plan=plan, year_start=date(2017, 4, 1), by=staff)
    stdout.write(
        f"  {plan.title}: annual reports {first.year_label} ({first.versions.count()} version) and "
        f"{second.year_label} (in draft)"
    )
