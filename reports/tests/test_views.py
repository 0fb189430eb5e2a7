"""The annual report pages staff use: draft a year's report, write the Commissioner's
sections, cut versions and compare them."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.models import AnnualReport
from reports.tests.factories import report_for, year_of_records

pytestmark = pytest.mark.django_db


def test_staff_draft_a_years_report_and_see_every_priority(staff_client: Any, area: Any, role_users: Any) -> None:
    plan = year_of_records(area=area, by=role_users["staff"])
    years = staff_client.get(reverse("reports:plan_reports", kwargs={"plan_id": plan.pk})).content.decode()
    assert "2016/17" in years and "Draft the annual report" in years
    response = staff_client.post(
        reverse("reports:plan_reports", kwargs={"plan_id": plan.pk}), {"year": "2016-04-01"}, follow=True
    )
    html = response.content.decode()
    report = AnnualReport.objects.get()
    assert report.title == "Annual report 2016/17"
    for title in plan.objectives.values_list("title", flat=True):
        assert title in html
    assert "On track" in html


def test_staff_write_the_sections_cut_two_versions_and_compare_them(
    staff_client: Any, area: Any, role_users: Any
) -> None:
    report = report_for(year_of_records(area=area, by=role_users["staff"]))
    cut = reverse("reports:version_cut", kwargs={"report_id": report.pk})
    staff_client.post(cut, {"note": "For the Panel"})
    staff_client.post(
        reverse("reports:edit", kwargs={"report_id": report.pk}),
        {
            "foreword": "<p>Lighthouse opened this year.</p>",
            "functions": "",
            "finances": "",
            "revision": report.revision,
        },
    )
    staff_client.post(cut, {"note": ""})
    html = staff_client.get(reverse("reports:version_compare", kwargs={"report_id": report.pk})).content.decode()
    assert "V1 compared with V2" in html
    assert "Lighthouse" in html and "Changed" in html


def test_a_report_of_another_area_or_for_the_panel_is_refused(client: Any, area: Any, role_users: Any) -> None:
    report = report_for(year_of_records(area=area, by=role_users["staff"]))
    client.force_login(role_users["panel"])
    assert client.get(reverse("reports:detail", kwargs={"report_id": report.pk})).status_code == 403


def test_the_draft_pages_queries_stay_fixed(
    staff_client: Any, area: Any, role_users: Any, django_assert_max_num_queries: Any
) -> None:
    small = report_for(year_of_records(area=area, by=role_users["staff"], quarters=1))
    big_plan = year_of_records(area=area, by=role_users["staff"], measures_per_priority=10)
    big_plan.slug = "big"
    big = report_for(big_plan)
    staff_client.get(small.get_absolute_url())  # warm the session
    counts = []
    for report in (small, big):
        with CaptureQueriesContext(connection) as queries:
            staff_client.get(report.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # The session, its user, roles and second factor; the report, its plan's area check,
    # versions, the readings still to sign off; the year's records in seven.
    with django_assert_max_num_queries(16):
        staff_client.get(big.get_absolute_url())


def test_the_draft_says_which_readings_of_the_year_wait_for_sign_off(
    staff_client: Any, area: Any, role_users: Any
) -> None:
    from performance.models import Reading

    plan = year_of_records(area=area, by=role_users["staff"])
    report = report_for(plan)
    assert "not signed off yet" not in staff_client.get(report.get_absolute_url()).content.decode()
    Reading.objects.filter(measure__plan=plan, quarter_start="2017-01-01").update(approved_at=None)
    html = staff_client.get(report.get_absolute_url()).content.decode()
    assert "4 readings of 2016/17 are not signed off yet, so they are not in this report" in html
