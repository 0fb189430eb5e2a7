"""In headless Chromium, as people would: staff add a measure and import a quarter's
readings (a bad file first), and see the status change; the public read a published
plan's performance and download its data. Every page passes axe (WCAG 2.2 AA)."""

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from performance.services import deliverable_create, review_record
from performance.tests.factories import MeasureFactory, readings
from plans.models import Plan
from plans.tests.factories import ObjectiveFactory, PlanFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def plan(transactional_db: Any, area: Any) -> Any:
    plan = PlanFactory(area=area)
    ObjectiveFactory(plan=plan, order=0, title="Protect the most vulnerable from harm")
    ObjectiveFactory(plan=plan, order=1, title="Strengthen and improve your local policing teams")
    return plan


def _csv_file(text: str) -> dict[str, Any]:
    return {"name": "readings.csv", "mimeType": "text/csv", "buffer": text.encode()}


def _status_of(page: Any, measure_name: str) -> str:
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=measure_name))
    return row.get_by_role("cell").last.inner_text().strip()


def test_staff_add_a_measure_import_a_quarter_and_see_the_status_change(
    browser_page: Any, role_users: dict[str, Any], plan: Any
) -> None:
    page = browser_page
    page.sign_in("staff1")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Performance").click()
    page.get_by_role("link", name="Police and Crime Plan 2016-21 performance dashboard").click()
    assert page.get_by_role("heading", name="Performance", exact=True).is_visible()
    page.assert_accessible()

    # Add a measure from Figure 1 of the Devon and Cornwall plan, first with a threshold
    # that contradicts its tier.
    page.get_by_role("link", name="Add a measure").first.click()
    page.get_by_label("Priority").select_option(label="Strengthen and improve your local policing teams")
    page.get_by_label("Outcome").fill("To reduce overall crime")
    page.get_by_label("Reference").fill("CRIME-1")
    page.get_by_label("Measure", exact=True).fill("Number of crimes per 1000 population")
    page.get_by_label("Unit").fill("crimes per 1,000 population")
    page.get_by_label("Data source").fill("Police recorded crime")
    page.get_by_role("group", name="Which way is better").get_by_label("Lower is better").check()
    page.get_by_label("Baseline", exact=True).fill("64.8")
    page.get_by_label("Baseline period").fill("2015-16")
    page.get_by_role("group", name="Expected direction").get_by_label("Improvement expected").check()
    page.get_by_label("Threshold (%)").fill("20")
    page.get_by_role("group", name="Reliability").get_by_label("Medium").check()
    page.get_by_role("button", name="Save measure").click()
    assert page.title().startswith("Error: ")
    assert page.get_by_role("alert").get_by_text("is a transformation").is_visible()
    page.assert_accessible()
    page.get_by_label("Threshold (%)").fill("3")
    page.get_by_role("button", name="Save measure").click()
    assert page.get_by_role("heading", name="Number of crimes per 1000 population").is_visible()
    assert page.get_by_text("No readings yet", exact=True).first.is_visible()
    page.assert_accessible()

    # A bad file is refused whole, with its rows listed.
    page.get_by_role("link", name="Police and Crime Plan 2016-21").click()
    page.get_by_role("link", name="Import readings").click()
    page.assert_accessible()
    page.get_by_label("CSV file of readings").set_input_files(
        _csv_file("measure,quarter,value\nCRIME-1,2016-17 Q1,sixty\nCRIME-9,2016-17 Q1,61\n")
    )
    page.get_by_role("button", name="Import readings").click()
    assert page.get_by_role("alert").get_by_text("2 rows have problems").is_visible()
    problems = page.get_by_role("table").filter(has_text="Problem")
    assert problems.get_by_role("row").count() == 3
    assert problems.get_by_text("“sixty” is not a number").is_visible()
    assert problems.get_by_text("There is no measure “CRIME-9” in this plan").is_visible()
    page.assert_accessible()

    # The quarter's readings: on track, then a rise takes the measure off track.
    page.get_by_label("CSV file of readings").set_input_files(
        _csv_file("measure,quarter,value\nCRIME-1,2016-17 Q1,62.0\n")
    )
    page.get_by_role("button", name="Import readings").click()
    # Imported readings are drafts: the importer cannot sign them off, the Force can.
    assert page.get_by_text("1 reading imported for 2016-17 Q1, as drafts").is_visible()
    assert page.get_by_text("You entered this: someone else signs it off").is_visible()
    page.assert_accessible()
    _sign_off_as_force(page, plan, "CRIME-1 for 2016-17 Q1")
    page.get_by_role("link", name="Measures").click()
    assert _status_of(page, "Number of crimes per 1000 population") == "On track"
    page.get_by_role("link", name="Import readings").click()
    page.get_by_label("CSV file of readings").set_input_files(
        _csv_file("measure,quarter,value\nCRIME-1,2016-17 Q2,66.1\n")
    )
    page.get_by_role("button", name="Import readings").click()
    page.get_by_role("link", name="Measures").click()
    # The draft shows to staff, marked, before its sign-off.
    assert "2016-17 Q2, draft" in page.get_by_role("row").filter(has_text="CRIME-1").inner_text()
    _sign_off_as_force(page, plan, "CRIME-1 for 2016-17 Q2")
    page.get_by_role("link", name="Measures").click()
    assert _status_of(page, "Number of crimes per 1000 population") == "Off track"
    page.assert_accessible()


def _sign_off_as_force(page: Any, plan: Any, which: str) -> None:
    """The Force's performance team signs a reading off, then staff carry on."""
    page.get_by_role("button", name="Sign out").click()
    page.sign_in("force1")
    page.goto(f"/performance/manage/{plan.pk}/readings/sign-off/")
    page.assert_accessible()
    page.get_by_role("button", name=f"Sign off {which}").click()
    assert page.get_by_text("No readings are waiting to be signed off.").is_visible()
    page.get_by_role("button", name="Sign out").click()
    page.sign_in("staff1")
    page.goto(f"/performance/manage/{plan.pk}/readings/sign-off/")


def test_the_other_staff_pages_pass_the_accessibility_check(
    browser_page: Any, role_users: dict[str, Any], plan: Any
) -> None:
    objective = plan.objectives.order_by("order").first()
    measure = MeasureFactory(plan=plan, objective=objective, reference="M01")
    readings(measure, ["65.3", "62.0"])
    review = review_record(
        plan=plan, held_on=datetime.date(2017, 1, 16), summary="", narratives={str(objective.uid): "Good"}, by=None
    )
    deliverable_create(
        plan=plan, data={"deliverable": "Public forum meetings", "heading": "Other key deliverables"}, by=None
    )
    page = browser_page
    page.sign_in("staff1")
    base = f"/performance/manage/{plan.pk}/"
    paths = [
        f"{base}measures/{measure.pk}/",
        f"{base}measures/{measure.pk}/readings/new/",
        f"{base}reviews/",
        f"{base}reviews/new/",
        f"{base}reviews/{review.pk}/",
        f"{base}deliverables/",
        f"{base}deliverables/new/",
    ]
    for path in paths:
        page.goto(path)
        assert page.get_by_role("heading", level=1).count() == 1, path
        page.assert_accessible()
    # A form with errors, by keyboard-free submission of nothing.
    page.goto(f"{base}reviews/new/")
    page.get_by_role("button", name="Save review").click()
    assert page.get_by_role("alert").get_by_text("Enter the date of the review").is_visible()
    page.assert_accessible()


def test_the_public_read_a_published_plans_performance_and_download_the_csv(
    browser_page: Any, plan: Any, tmp_path: Path
) -> None:
    measure = MeasureFactory(plan=plan, objective=plan.objectives.order_by("order").first(), reference="M01")
    readings(measure, ["65.3", "62.0"])
    MeasureFactory(
        plan=plan,
        objective=plan.objectives.order_by("order").last(),
        baseline_value=Decimal(3120),
        name="Number of serious acquisitive offences",
        unit="offences",
        direction="maintain",
        threshold_percent=Decimal(5),
        reference="M02",
    )
    plan.stage = Plan.Stage.PUBLISHED
    plan.save()

    page = browser_page
    page.goto("/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Performance").click()
    page.get_by_role("link", name="Avon and Somerset: Police and Crime Plan 2016-21").click()
    assert page.get_by_role("heading", level=1).inner_text() == "How the Police and Crime Plan 2016-21 is doing"
    measure_section = page.get_by_role("region", name="Protect the most vulnerable from harm")
    assert measure_section.get_by_role("heading", name="Number of crimes per 1000 population").is_visible()
    assert measure_section.get_by_text("On track", exact=True).first.is_visible()
    chart = measure_section.get_by_role("img")
    assert chart.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert "Line chart of Number of crimes per 1000 population" in chart.get_attribute("alt")
    assert measure_section.get_by_role("table", name="Figures for Number of crimes per 1000 population").is_visible()
    page.assert_accessible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the performance data as CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"avon-and-somerset-{plan.slug}-performance.csv"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(r["measure"], r["quarter"], r["value"], r["status"]) for r in rows] == [
        ("Number of crimes per 1000 population", "2016-17 Q1", "65.3", "off_track"),
        ("Number of crimes per 1000 population", "2016-17 Q2", "62", "on_track"),
    ]


def test_the_public_performance_page_works_on_a_phone(mobile_page: Any, plan: Any) -> None:
    measure = MeasureFactory(plan=plan, objective=plan.objectives.order_by("order").first(), reference="M01")
    readings(measure, ["65.3", "62.0", "61.0"])
    plan.stage = Plan.Stage.PUBLISHED
    plan.save()
    mobile_page.goto(f"/performance/{plan.area.slug}/{plan.slug}/")
    assert mobile_page.get_by_text("On track", exact=True).first.is_visible()
    overflow = mobile_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the page scrolls sideways on a phone"
    mobile_page.assert_accessible()
