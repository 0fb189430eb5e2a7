"""Every annual report URL for the role walk: editors write, force liaison read, the Panel
and the public are refused."""

from types import SimpleNamespace

from pcplan.tests.walk import EDITING, FormCase, Route
from reports.services import annual_report_version_cut
from reports.tests.factories import report_for, year_of_records

READING = EDITING | {"force"}


def build(world: SimpleNamespace) -> None:
    plan = year_of_records(area=world.area, by=world.users["staff"])
    plan.slug = "plan-with-annual-report"
    plan.save()
    report = report_for(plan)
    version = annual_report_version_cut(report=report, by=world.users["staff"])
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
    Route("reports:version_pdf", READING, kwargs=lambda w: {**_report(w), "number": w.reports.version.number}),
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
]
