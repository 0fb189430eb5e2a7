"""In headless Chromium, as staff would: draft the year's annual report, see every
priority with its year-end statuses, write the Commissioner's foreword, cut V1 and V2 and
compare them; then send a version to the Panel, a Panel member records the Panel's report,
staff respond, the Publisher is refused until the response is published, publishes, and the
public page shows the report with the response. Every page passes axe."""

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from pcplan.tests.browser_steps import fill_date
from reports.tests.factories import year_of_records

pytestmark = pytest.mark.browser


@pytest.fixture
def plan(transactional_db: Any, area: Any, role_users: dict[str, Any]) -> Any:
    return year_of_records(area=area, by=role_users["staff"])


def test_staff_draft_the_annual_report_cut_versions_and_compare_them(browser_page: Any, plan: Any) -> None:
    page = browser_page
    page.sign_in("staff1")
    page.goto(plan.get_absolute_url())
    page.get_by_role("link", name="annual reports").click()
    assert page.get_by_role("heading", name="Annual reports", exact=True).is_visible()
    page.assert_accessible()
    page.get_by_role("button", name="Draft the annual report for 2016/17").click()

    assert page.get_by_role("heading", name="Annual report 2016/17: working draft").is_visible()
    for objective in plan.objectives.order_by("order"):
        assert page.get_by_role("heading", name=objective.title, exact=True).is_visible()
        # Each measure once: its year-end status, then its chart and its one table of figures.
        for measure in objective.measures.all():
            assert page.get_by_role("heading", name=measure.name, exact=True).count() >= 1
            table = page.get_by_role("table", name=f"Figures for {measure.name}, 2016/17")
            assert table.count() >= 1 and table.first.get_by_text("On track").first.is_visible()
    assert page.get_by_role("table", name=re.compile(r"^Measures for")).count() == 0
    page.assert_accessible()

    page.get_by_label("Why is this version cut? (optional)").fill("For the Police and Crime Panel")
    page.get_by_role("button", name="Cut a version").click()
    assert page.get_by_role("heading", name="Annual report 2016/17, V1").is_visible()
    assert page.get_by_role("link", name="Read V1 as a PDF").is_visible()
    page.assert_accessible()

    page.get_by_role("link", name="Annual report 2016/17").click()
    page.get_by_role("link", name="Write the Commissioner's sections").click()
    page.assert_accessible()
    page.get_by_role("textbox", name="The Commissioner's foreword").fill(
        "The Lighthouse victim care service opened in every District this year."
    )
    page.get_by_role("button", name="Save the sections").click()
    assert page.get_by_text("The Lighthouse victim care service opened").is_visible()
    page.get_by_role("button", name="Cut a version").click()
    page.get_by_role("link", name="Annual report 2016/17").click()
    page.get_by_role("link", name="Compare versions").click()
    assert page.get_by_role("heading", name="V1 compared with V2").is_visible()
    assert page.get_by_text("Lighthouse victim care service").first.is_visible()
    page.assert_accessible()

    # Section 12: the functions are not written yet and the steps with the Panel are not
    # recorded, so the report cannot be published yet.
    page.get_by_role("link", name="Annual report 2016/17").click()
    page.get_by_role("link", name="Check compliance with section 12").click()
    assert page.get_by_text("5 of the 6 requirements are not met, so the report cannot be published yet").is_visible()
    page.assert_accessible()

    # The functions written and V3 cut, staff send it to the Panel and record its meeting.
    page.get_by_role("link", name="Annual report 2016/17").click()
    page.get_by_role("link", name="Write the Commissioner's sections").click()
    page.get_by_role("textbox", name="The exercise of the Commissioner's functions in the year").fill(
        "The Police and Crime Board held the Chief Constable to account each quarter."
    )
    page.get_by_role("button", name="Save the sections").click()
    page.get_by_role("button", name="Cut a version").click()
    assert page.get_by_role("heading", name="Annual report 2016/17, V3").is_visible()
    page.get_by_role("link", name="Annual report 2016/17").click()
    page.get_by_role("link", name="The Police and Crime Panel").click()
    page.assert_accessible()
    today = timezone.localdate()
    day = (str(today.day), str(today.month), str(today.year))
    page.get_by_label("Which version goes to the Panel?").select_option(label=f"V3, cut {today:%-d %B %Y}")
    fill_date(page, "Date sent to the Panel", *day)
    page.get_by_role("button", name="Send to the Panel").click()
    assert page.get_by_text(f"V3 on {today:%-d %B %Y} by").is_visible()
    fill_date(page, "Date of the Panel's public meeting", *day)
    page.get_by_role("button", name="Save the meeting date").click()
    page.assert_accessible()
    review_url = urlsplit(page.url).path

    # A member of the Panel records the Panel's report and recommendations.
    _sign_out(page)
    page.sign_in("panel1")
    page.goto(review_url)
    page.assert_accessible()
    page.get_by_role("textbox", name="The Panel's report and recommendations").fill(
        "Recommendation 1: report the 101 call waiting times each quarter."
    )
    fill_date(page, "Date of the Panel's report", *day)
    page.get_by_role("button", name="Record the Panel's report").click()
    assert page.get_by_text("The Panel's report is recorded.").is_visible()

    # Staff write the Commissioner's response, not yet published.
    _sign_out(page)
    page.sign_in("staff1")
    page.goto(review_url)
    page.get_by_role("textbox", name="The Commissioner's response").fill(
        "Accepted: the quarterly performance report will include 101 waiting times."
    )
    page.get_by_role("button", name="Save the response").click()
    assert page.get_by_text("Written, not published").is_visible()
    page.assert_accessible()

    # The Publisher is refused until the response is published, then publishes V3.
    _sign_out(page)
    page.sign_in("publisher1")
    page.goto(review_url)
    page.get_by_role("link", name="Check compliance with section 12").click()
    page.get_by_role("button", name="Publish V3").click()
    refusal = page.get_by_role("alert")
    assert refusal.get_by_text("Publish the response to the Panel").is_visible()
    page.assert_accessible()
    # The refusal is a 409, which Chromium logs as a console error: expected here, and
    # the only problem the page reported.
    assert page.problems == [
        "console error: Failed to load resource: the server responded with a status of 409 (Conflict)"
    ]
    page.problems.clear()
    page.goto(review_url)
    page.get_by_role("button", name="Publish the response").click()
    assert page.get_by_text(f"Published on {today:%-d %B %Y}").is_visible()
    page.get_by_role("link", name="Check compliance with section 12").click()
    assert page.get_by_text("All 6 requirements are met.").is_visible()
    page.get_by_role("button", name="Publish V3").click()
    page.wait_for_url(re.compile(r"/annual-reports/published/\d+/$"))  # the PDF is rendered in the request
    assert page.get_by_text("is published").is_visible()
    public_url = urlsplit(page.url).path

    # The public page: the report as a web page, the PDF with its size, pages and checksum,
    # the Panel's report and the response.
    _sign_out(page)
    page.goto(public_url)
    assert page.get_by_role("heading", name="The Police and Crime Commissioner's annual report 2016/17").is_visible()
    assert page.get_by_role("link", name=re.compile(r"^Annual report 2016\/17 \(PDF, .+, \d+ pages?\)$")).is_visible()
    page.get_by_role("navigation", name="Contents").get_by_role("link", name="Finances").click()
    assert page.get_by_role("heading", name="Finances").is_visible()
    assert page.get_by_text("report the 101 call waiting times").is_visible()
    assert page.get_by_text("will include 101 waiting times").is_visible()
    assert public_url.endswith(f"/annual-reports/published/{plan.annual_reports.get().pk}/")
    page.assert_accessible()


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
