"""The Word import and export as OPCC staff go through them in the browser: open the
import of a new plan with seed 000's title and period, upload a file, check the preview of
seed 000's document, and download a version as a Word document and open it. Shared by the
Word browser tests and the journey of a new OPCC from an empty database
(accounts/tests/test_browser.py)."""

import re
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from playwright.sync_api import expect

from pcplan.tests.browser_steps import fill_date
from plans.tests import word_documents as docs

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SEED_000_FILE = "police-and-crime-plan-2016-21.docx"


def open_the_import_of_a_new_plan(page: Any) -> None:
    """From the menu to "Import a plan from Word", with seed 000's title and period typed in."""
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Plans", exact=True).click()
    page.get_by_role("button", name="Import a plan from Word").click()
    expect(page.get_by_role("heading", level=1, name="Import a plan from Word")).to_be_visible()
    page.get_by_label("Title of the new plan").fill(docs.TITLE)
    fill_date(page, "Period starts", "5", "5", "2016")
    fill_date(page, "Period ends", "31", "3", "2021")


def upload(page: Any, data: bytes, *, name: str = SEED_000_FILE, mime_type: str = DOCX) -> None:
    page.get_by_label("Word document (.docx)").set_input_files(
        files=[{"name": name, "mimeType": mime_type, "buffer": data}]
    )
    page.get_by_role("button", name="Upload and preview").click()


def expect_the_preview_of_seed_000(page: Any) -> None:
    """Each heading of the document starts a part; its lists and its table are shown as they
    will be saved."""
    expect(page.get_by_role("heading", level=1, name=re.compile("Check the import of"))).to_be_visible()
    for number, heading in enumerate(docs.HEADINGS, start=1):
        expect(page.get_by_role("heading", level=2, name=f"Part {number}: {heading}")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Strengthening Local Policing")).to_be_visible()
    expect(page.get_by_role("cell", name="Draft V1 developed")).to_be_visible()


def download_as_word(page: Any, label: str, folder: Path) -> tuple[str, Document]:
    """Follow the page's link to download `label` (V1, V2...) as a Word document; the name
    the browser is told to save it under, and the file opened with python-docx."""
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Download {label} as a Word document (.docx)").click()
    download = download_info.value
    target = folder / download.suggested_filename
    download.save_as(target)
    return download.suggested_filename, docx.Document(str(target))


def headings_of(document: Document) -> set[str]:
    return {p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")}
