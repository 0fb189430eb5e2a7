"""In headless Chromium, as staff would: draft the year's annual report, see every
priority with its year-end statuses, write the Commissioner's foreword, cut V1 and V2 and
compare them. Every page passes axe."""

from typing import Any

import pytest

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
    for title in plan.objectives.order_by("order").values_list("title", flat=True):
        assert page.get_by_role("heading", name=title, exact=True).is_visible()
        table = page.get_by_role("table", name=f"Measures for {title}, 2016/17")
        assert table.get_by_text("On track").is_visible()
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
