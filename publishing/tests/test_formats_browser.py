"""In headless Chromium, as OPCC staff would: put a photograph into a section (refused
without alternative text), enter the budget, cut a version, render its documents, and
find the photograph and the budget's chart and table in the full plan and the District
plan. Every page is checked with axe."""

import io
import re
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from plans.tests.factories import SectionFactory, plan_with_content

pytestmark = pytest.mark.browser

ALT = "Neighbourhood officers talking with residents on Weston-super-Mare seafront"


def _photo(kind: str = "JPEG", size: tuple[int, int] = (320, 200)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (0, 112, 60)).save(out, kind)
    return out.getvalue()


def test_staff_add_an_image_and_the_budget_and_find_them_in_the_rendered_documents(
    browser_page: Any, transactional_db: Any, area: Any, role_users: dict[str, Any]
) -> None:
    page = browser_page
    plan = plan_with_content(area=area, title="Police and Crime Plan 2016-21")
    SectionFactory(
        plan=plan, title="Area profile", order=1, body="<p>Avon and Somerset is home to 1.6 million people.</p>"
    )
    page.sign_in("staff1")
    page.goto(plan.get_absolute_url())

    # An image into the Area profile section: refused without alternative text.
    page.get_by_role("link", name="Area profile", exact=True).first.click()
    page.get_by_role("link", name="Add an image to this section").click()
    page.assert_accessible()
    photo = {"name": "seafront.jpg", "mimeType": "image/jpeg", "buffer": _photo()}
    page.get_by_label("Image", exact=True).set_input_files(photo)
    page.get_by_role("button", name="Add the image").click()
    expect(page.page).to_have_title(re.compile("^Error: "))
    message = "Enter alternative text that says what the image shows"
    expect(page.get_by_role("alert").get_by_text(message)).to_be_visible()
    field_error = page.locator("#div_id_alt").get_by_text(message)
    expect(field_error).to_be_visible()
    page.assert_accessible()
    page.get_by_label("Image", exact=True).set_input_files(photo)
    page.get_by_label("Alternative text").fill(ALT)
    page.get_by_role("button", name="Add the image").click()
    expect(page.get_by_text("Image added at the end of the section.")).to_be_visible()
    # A decorative border under it: no alternative text, said to be decorative.
    page.get_by_role("link", name="Add an image to this section").click()
    border = {"name": "border.png", "mimeType": "image/png", "buffer": _photo("PNG", (600, 40))}
    page.get_by_label("Image", exact=True).set_input_files(border)
    page.get_by_label("The image is decorative: it adds nothing to the text").check()
    page.get_by_role("button", name="Add the image").click()
    expect(page.get_by_text("Image added at the end of the section.")).to_be_visible()

    # The budget: a line for the whole area and one for Bristol.
    page.get_by_role("link", name="Back to the plan").click()
    for label, amount, kind, district in (
        ("Council tax precept", "£107,300,000", "Funding", ""),
        ("Neighbourhood policing", "14200000", "Given to the Chief Constable", "Bristol"),
    ):
        page.get_by_role("button", name="Add a line to the budget").click()
        page.get_by_label("Financial year").select_option("2016-17")
        page.get_by_label(kind, exact=True).check()
        page.get_by_label("Line", exact=True).fill(label)
        page.get_by_label("Amount, in pounds").fill(amount)
        if district:
            page.get_by_label("District").select_option(district)
        page.assert_accessible()
        page.get_by_role("button", name="Add the line").click()
        expect(page.get_by_text(f"Added {label} to the 2016-17 budget.")).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile(r"^The budget by part, a bar chart\. 2016-17: Funding £107\.3m"))
    ).to_be_visible()
    page.assert_accessible()

    # Cut V1 and render its documents.
    page.get_by_role("button", name="Cut a version").click()
    page.get_by_role("button", name="Cut the version").click()
    page.get_by_role("navigation", name="This plan").get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="documents of V1").click()
    with page.expect_navigation(timeout=180_000):
        page.get_by_role("button", name="Render all documents").click(timeout=180_000)
    expect(page.get_by_text("14 of 14 documents rendered.")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF of the full plan").click()
    reader = PdfReader(download_info.value.path())
    # WeasyPrint shares one resource dictionary between pages: count the image once.
    photos = {image.data for p in reader.pages for image in p.images if image.image.size == (320, 200)}
    assert len(photos) == 1, "the photograph is in the PDF"
    assert any(image.image.size == (600, 40) for p in reader.pages for image in p.images), "and the border"
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Resources and grants" in text and "£107,300,000" in text

    page.get_by_role("link", name="Read the full plan as a web page").click()
    expect(page.get_by_role("img", name=ALT)).to_be_visible()
    expect(page.locator('img[alt=""][src$=".png"]')).to_have_count(1)  # the border, which screen readers skip
    expect(page.get_by_role("img", name=re.compile(r"^The budget by part"))).to_be_visible()
    budget = page.get_by_role("table", name="The budget, by financial year")
    expect(budget.get_by_role("row", name=re.compile("Council tax precept"))).to_be_visible()
    page.assert_accessible()

    page.go_back()
    page.get_by_role("link", name="Read the District plan for Bristol as a web page").click()
    expect(page.get_by_role("heading", name="The budget in Bristol")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"^Bristol's budget by part"))).to_be_visible()
    lines = page.get_by_role("table", name="Bristol's budget lines, by financial year")
    expect(lines.get_by_role("row", name=re.compile("Neighbourhood policing"))).to_be_visible()
    page.assert_accessible()
