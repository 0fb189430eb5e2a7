"""In headless Chromium, as OPCC staff would: import a Word document (built from seed 000's
text) and map its parts through the preview; download a version as a Word document and
open it. Every page is checked with axe, and the preview at a phone's width."""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from pcplan.tests.browser_steps import assert_fits_a_phone
from plans.models import Plan
from plans.services import version_cut
from plans.snapshot import PlanContent
from plans.tests import word_documents as docs
from plans.tests.word_steps import (
    download_as_word,
    expect_the_preview_of_seed_000,
    headings_of,
    open_the_import_of_a_new_plan,
    upload,
)

pytestmark = pytest.mark.browser


def test_staff_import_a_word_document_and_map_its_parts_through_the_preview(
    browser_page: Any, transactional_db: Any, role_users: dict[str, Any]
) -> None:
    page = browser_page
    page.sign_in("staff1")
    open_the_import_of_a_new_plan(page)
    page.assert_accessible()

    # A file that is not a Word document: the message is by the field.
    upload(page, b"%PDF-1.7\n%%EOF\n", name="plan.pdf", mime_type="application/pdf")
    expect(page.page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("alert").get_by_text("Upload a Word document")).to_be_visible()
    page.assert_accessible()

    upload(page, docs.seed_000_docx())
    expect_the_preview_of_seed_000(page)
    expect(page.get_by_label("Where part 2 goes")).to_have_value("template:2")
    page.assert_accessible()
    assert_fits_a_phone(page)
    assert not Plan.objects.filter(title=docs.TITLE).exists(), "nothing is saved before the preview is confirmed"

    # Map the parts: the performance list is left out; the timeline is a new section that
    # says how the Chief Constable reports.
    page.get_by_label("Where part 4 goes").select_option(label="Leave it out")
    part_5 = page.get_by_role("group", name="What part 5 sets out")
    part_5.get_by_label("How the Chief Constable will report to the PCC").check()
    page.get_by_role("button", name="Create the plan from this document").click()
    expect(page.get_by_role("alert").get_by_text("Describe image 1, or say that it is decorative")).to_be_visible()
    page.assert_accessible()
    page.get_by_label("Describe image 1").fill("Map of the districts of Avon and Somerset")
    page.get_by_role("button", name="Create the plan from this document").click()

    expect(page.get_by_role("heading", level=1, name=docs.TITLE)).to_be_visible()
    expect(page.get_by_text(re.compile(r"Imported 4 parts of police-and-crime-plan-2016-21\.docx"))).to_be_visible()
    page.assert_accessible()
    plan = Plan.objects.get(title=docs.TITLE)
    sections = {s.title: s for s in plan.sections.all()}
    assert "Vulnerability" in sections["Priorities and expected outcomes"].body
    assert "Continuous Improvement" not in sections["Performance and outcomes"].body
    assert sections["Timescale and approach"].covers == ["reporting"]

    # Cut V1: the imported text reads in it, its picture described.
    page.get_by_role("button", name="Cut a version").click()
    page.get_by_role("button", name="Cut the version").click()
    expect(page.get_by_role("img", name="Map of the districts of Avon and Somerset")).to_be_visible()
    page.assert_accessible()


def test_staff_download_a_version_as_a_word_document(
    browser_page: Any, transactional_db: Any, role_users: dict[str, Any], plan: Any, tmp_path: Path
) -> None:
    version = version_cut(plan=plan, by=role_users["staff"], note="For the Panel")
    content = PlanContent.from_json(version.content)
    page = browser_page
    page.sign_in("staff1")
    page.goto(f"/plans/{plan.pk}/versions/")
    page.get_by_role("link", name="V1", exact=True).click()
    page.assert_accessible()
    filename, document = download_as_word(page, "V1", tmp_path)
    assert filename == f"{plan.slug}-V1.docx"
    headings = headings_of(document)
    for section in content.sections:
        assert section.title in headings
    for objective in content.objectives:
        assert objective.title in headings
