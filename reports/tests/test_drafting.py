"""The annual report drafted from the year's records, versions cut and compared."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from performance.models import Reading
from reports.drafting import draft_content
from reports.models import AnnualReportVersion, VersionImmutableError
from reports.services import NothingChangedError, annual_report_sections_update, annual_report_version_cut
from reports.tests.factories import report_for, year_of_records

pytestmark = pytest.mark.django_db


def test_the_draft_holds_every_priority_with_its_measures_year_end_status(area: Any, role_users: Any) -> None:
    plan = year_of_records(area=area, by=role_users["staff"])
    content = draft_content(report_for(plan))
    assert [o["title"] for o in content["objectives"]] == list(
        plan.objectives.order_by("order").values_list("title", flat=True)
    )
    first = content["objectives"][0]["measures"][0]
    # The year's four signed-off quarters only: not 2017-18's draft.
    assert [r["quarter"] for r in first["readings"]] == ["2016-17 Q1", "2016-17 Q2", "2016-17 Q3", "2016-17 Q4"]
    assert first["readings"][-1]["display"] == "61 crimes per 1,000 population"
    # 61.0 against 64.8, lower is better, 3% improvement expected: 5.9% better, on track.
    assert first["year_end_status"] == "on_track"
    assert "5.9% better than the baseline" in first["year_end_explanation"]


def test_the_draft_holds_deliverables_reviews_and_grants(area: Any, role_users: Any) -> None:
    plan = year_of_records(area=area, by=role_users["staff"])
    content = draft_content(report_for(plan))
    vulnerable, local = content["objectives"][0], content["objectives"][1]
    assert [d["deliverable"] for d in vulnerable["deliverables"]["done"]] == [
        "Commission the new Lighthouse victim care service"
    ]
    assert [d["deliverable"] for d in local["deliverables"]["late"]] == [
        "Review the neighbourhood policing model with each District"
    ]
    assert vulnerable["review_notes"] == [
        {"month": "January 2017", "text": "Lighthouse is taking referrals in every District."}
    ]
    assert content["reviews"][0]["summary"].startswith("Crime is below the baseline")
    assert content["grants"][0]["recipient"] == "Bristol Community Safety Partnership"


def test_a_draft_reading_is_not_in_the_report(area: Any, role_users: Any) -> None:
    plan = year_of_records(area=area, by=role_users["staff"])
    Reading.objects.filter(quarter_start="2017-01-01").update(approved_at=None)
    first = draft_content(report_for(plan))["objectives"][0]["measures"][0]
    assert [r["quarter"] for r in first["readings"]] == ["2016-17 Q1", "2016-17 Q2", "2016-17 Q3"]


def test_the_drafts_queries_stay_fixed_however_many_readings(area: Any, role_users: Any) -> None:
    small = report_for(year_of_records(area=area, by=role_users["staff"], measures_per_priority=1, quarters=1))
    big_plan = year_of_records(area=area, by=role_users["staff"], measures_per_priority=12, quarters=4)
    big_plan.slug = "big"
    big = report_for(big_plan)
    counts = []
    for report in (small, big):
        with CaptureQueriesContext(connection) as queries:
            draft_content(report)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 7


def test_versions_are_cut_kept_and_compared(area: Any, role_users: Any) -> None:
    plan = year_of_records(area=area, by=role_users["staff"])
    report = report_for(plan)
    v1 = annual_report_version_cut(report=report, by=role_users["staff"], note="For the Panel")
    with pytest.raises(NothingChangedError):
        annual_report_version_cut(report=report, by=role_users["staff"])
    annual_report_sections_update(
        report=report,
        foreword="<p>My first year as your Commissioner.</p><script>alert(1)</script>",
        functions="",
        finances="<p>The budget for 2016/17 was £268.7 million.</p>",
        by=role_users["staff"],
    )
    report.refresh_from_db()
    assert "<script" not in report.foreword
    v2 = annual_report_version_cut(report=report, by=role_users["staff"])
    assert (v1.label, v2.label) == ("V1", "V2")
    assert v1.content["foreword"] == "" and "first year" in v2.content["foreword"]
    with pytest.raises(VersionImmutableError):
        AnnualReportVersion.objects.filter(pk=v1.pk).update(note="changed")
