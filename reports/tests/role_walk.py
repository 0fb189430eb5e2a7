"""Every annual report URL for the role walk: editors write, force liaison read; the Panel
reads the version sent to it and records its report; the Publisher publishes; anyone reads
the published report."""

from types import SimpleNamespace

from pcplan.tests.walk import EDITING, EVERYONE, PUBLISHER_ONLY, FormCase, Route
from reports import services
from reports.services import annual_report_version_cut
from reports.tests.factories import report_for, year_of_records

READING = EDITING | {"force"}
PANEL_PAGE = EDITING | {"panel"}


def build(world: SimpleNamespace) -> None:
    plan = year_of_records(area=world.area, by=world.users["staff"])
    plan.slug = "plan-with-annual-report"
    plan.save()
    report = report_for(plan)
    staff = world.users["staff"]
    services.annual_report_sections_update(
        report=report,
        foreword="",
        functions="<p>The Police and Crime Board met each quarter.</p>",
        finances="",
        by=staff,
    )
    version = annual_report_version_cut(report=report, by=staff)
    day = version.cut_at.date()
    services.send_to_panel(version=version, sent_on=day, by=staff)
    services.record_meeting(report=report, meeting_on=day, by=staff)
    services.record_panel_report(
        report=report, text="<p>Recommendation 1.</p>", reported_on=day, by=world.users["panel"]
    )
    services.record_response(report=report, text="<p>Accepted.</p>", by=staff)
    services.publish_response(report=report, by=staff)
    services.publish(version=version, by=world.users["publisher"])
    world.reports = SimpleNamespace(plan=plan, report=report, version=version)


def _report(w: SimpleNamespace) -> dict[str, int]:
    return {"report_id": w.reports.report.pk}


ROUTES = [
    Route("reports:plan_reports", READING, kwargs=lambda w: {"plan_id": w.reports.plan.pk}),
    Route("reports:detail", READING, kwargs=_report),
    Route("reports:edit", EDITING, kwargs=_report),
    Route("reports:compliance", READING, kwargs=_report),
    Route("reports:version_cut", EDITING, kwargs=_report, method="post"),
    Route("reports:version_compare", READING, kwargs=_report),
    Route("reports:version_detail", READING, kwargs=lambda w: {**_report(w), "number": w.reports.version.number}),
    Route(
        "reports:version_pdf", READING | {"panel"}, kwargs=lambda w: {**_report(w), "number": w.reports.version.number}
    ),
    Route(
        "reports:publish",
        PUBLISHER_ONLY,
        kwargs=lambda w: {**_report(w), "number": w.reports.version.number},
        method="post",
    ),
    Route("reports:review", PANEL_PAGE, kwargs=_report),
    Route("reports:send", EDITING, kwargs=_report, method="post"),
    Route("reports:meeting", EDITING, kwargs=_report, method="post"),
    Route("reports:panel_report", PANEL_PAGE, kwargs=_report, method="post"),
    Route("reports:response", EDITING, kwargs=_report, method="post"),
    Route("reports:response_publish", EDITING, kwargs=_report, method="post"),
    Route("reports:public", EVERYONE, kwargs=_report),
    Route("reports:public_pdf", EVERYONE, kwargs=_report),
]

# Every POST form of the annual report pages, for the form walk (pcplan/tests/test_form_walk.py).
FORMS = [
    FormCase(
        "reports:edit",
        "edit",
        change="foreword",
        values=("The Commissioner's year in review.", "A year of listening to victims."),
    ),
    FormCase("reports:plan_reports", "other", reason="drafts the report of a year that has none: once per year"),
    FormCase("reports:version_cut", "other", reason="refused while the report is unchanged since the last cut"),
    FormCase("reports:send", "other", reason="records the one review of the report; refused once the Panel reported"),
    FormCase("reports:meeting", "other", reason="sets the meeting's date: sent again, the same date"),
    FormCase("reports:panel_report", "other", reason="sets the Panel's report: sent again, the same text"),
    FormCase("reports:response", "other", reason="sets the response: sent again, the same text"),
    FormCase("reports:response_publish", "other", reason="publishes the response once; again changes nothing"),
    FormCase("reports:publish", "other", reason="publishes the report once; again is refused"),
]
