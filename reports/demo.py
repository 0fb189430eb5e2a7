"""Demo annual reports of the Avon and Somerset Police and Crime Plan 2016-21, drafted
from the demo's own records (signed-off readings, the business plan's deliverables, the
quarterly reviews of January and April 2017): 2016/17 cut as V1 for the Panel in June
2017, as the business plan (seed 001) promises an annual report each June, presented at the
Panel's meeting, answered and published by September 2017; 2017/18 still in draft. The
Commissioner's words come from the seeds' own account of the Office's role and its duty of
transparency. Runs after the plans, performance and publishing seeds.
Idempotent."""

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from plans.demo import DEMO_PLAN_SLUG
from plans.models import Plan

from . import services
from .models import AnnualReport, AnnualReportPublication, AnnualReportReview
from .services import annual_report_create, annual_report_sections_update, annual_report_version_cut

LONDON = ZoneInfo("Europe/London")
CUT_AT = datetime(2017, 6, 5, 10, 0, tzinfo=LONDON)
SENT_ON = date(2017, 6, 9)
MEETING_ON = date(2017, 6, 26)
PANEL_REPORTED_ON = date(2017, 7, 10)
RESPONSE_PUBLISHED_ON = date(2017, 9, 4)
PUBLISHED_AT = datetime(2017, 9, 14, 11, 0, tzinfo=LONDON)

PANEL_REPORT = (
    "<p>The Panel heard the Commissioner present the annual report for 2016/17 at its public meeting on "
    "26 June 2017 and asked questions on the year's performance.</p>"
    "<p><strong>Recommendation 1.</strong> Where a measure of the plan is off track at the year end, the report "
    "should say what the Commissioner asked of the Chief Constable in response.</p>"
    "<p><strong>Recommendation 2.</strong> Each district's figures should be reported beside the force-wide ones, "
    "so that residents can see how their own area is doing.</p>"
    "<p><strong>Recommendation 3.</strong> The Panel should receive the quarterly performance reports of 2017/18 "
    "as they are published, not only with the annual report.</p>"
)
RESPONSE = (
    "<p>I thank the Panel for its scrutiny of my annual report and respond to its recommendations in turn.</p>"
    "<p><strong>Recommendation 1: accepted.</strong> From 2017/18, for each measure off track at a quarterly "
    "review, the Police and Crime Board's minutes will record what I asked of the Chief Constable, and the "
    "annual report will summarise it.</p>"
    "<p><strong>Recommendation 2: accepted in part.</strong> District plans carry their own measures; the "
    "annual report for 2017/18 will report them for each district where the data allows.</p>"
    "<p><strong>Recommendation 3: accepted.</strong> The Office will send each quarterly performance report to "
    "the Panel when it is published on the website.</p>"
)

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
    if not AnnualReportPublication.objects.filter(report=first).exists():
        _through_the_panel(first)
    second = AnnualReport.objects.filter(plan=plan, year_start=date(2017, 4, 1)).first()
    if second is None:
        second = annual_report_create(plan=plan, year_start=date(2017, 4, 1), by=staff)
    stdout.write(
        f"  {plan.title}: annual reports {first.year_label} ({first.versions.count()} version, answered and "
        f"published) and {second.year_label} (in draft)"
    )


def _through_the_panel(report: AnnualReport) -> None:
    """V1 sent to the Panel, presented at its meeting, the Panel's report (recorded by its
    chair), the Commissioner's response published, then the report itself."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["staff", "publisher", "panel"])}
    version = report.versions.get(number=1)
    if not hasattr(report, "review") or report.review is None:
        review = services.send_to_panel(version=version, sent_on=SENT_ON, by=users["staff"], notify=False)
        # A replay of 2017: nobody is e-mailed now, but the members were then.
        AnnualReportReview.objects.filter(pk=review.pk).update(
            members_notified_at=datetime.combine(SENT_ON, time(9, 30), tzinfo=LONDON)
        )
    report = AnnualReport.objects.get(pk=report.pk)
    if report.review.response_published_on is None:
        services.record_meeting(report=report, meeting_on=MEETING_ON, by=users["staff"])
        services.record_panel_report(report=report, text=PANEL_REPORT, reported_on=PANEL_REPORTED_ON, by=users["panel"])
        services.record_response(report=report, text=RESPONSE, by=users["staff"])
        services.publish_response(report=report, by=users["staff"], on=RESPONSE_PUBLISHED_ON)
    services.publish(version=version, by=users["publisher"], at=PUBLISHED_AT)
