"""In headless Chromium, as OPCC staff would: render every document of the demo plan's V1 (V2
is published, its documents frozen), watch the jobs finish on the page, download the full
plan, read a document as a web page."""

import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from publishing.models import RenderJob

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("seed_demo", allow_production=True, stdout=StringIO())


def _open_documents_of_v1(page: Any) -> None:
    page.sign_in("staff", "pcplan-demo")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Documents").click()
    page.get_by_role("link", name=re.compile(r"^Documents of V1\s+of Police and Crime Plan 2016-21$")).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Documents of V1"


def test_staff_render_all_documents_see_them_done_and_download_the_full_plan(browser_page: Any, demo: None) -> None:
    _open_documents_of_v1(browser_page)
    table = browser_page.get_by_role("table", name="The documents of V1")
    assert table.get_by_role("row").count() == 1 + 15
    browser_page.assert_accessible()

    # Tasks run in-process here, so the page comes back when every render has finished.
    # The click itself waits for that navigation: as long as the renders take.
    with browser_page.expect_navigation(timeout=120_000):
        browser_page.get_by_role("button", name="Render all documents").click(timeout=120_000)
    assert browser_page.get_by_role("alert").get_by_text("15 documents of V1 queued to render.").is_visible()
    assert browser_page.get_by_text("15 of 15 documents rendered.").is_visible()
    assert table.get_by_text("Done", exact=True).count() == 15
    browser_page.assert_accessible()

    with browser_page.expect_download() as download_info:
        browser_page.get_by_role("link", name="Download PDF of the full plan").click()
    download = download_info.value
    assert download.suggested_filename == "police-and-crime-plan-2016-21-v1-full-plan.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(8) == b"%PDF-1.7"

    browser_page.get_by_role("link", name="Read the District plan for Bristol as a web page").click()
    assert browser_page.get_by_role("heading", level=1).inner_text() == "Police and Crime Plan 2016-21: Bristol"
    assert browser_page.get_by_role("heading", name="Priorities for Bristol").is_visible()
    browser_page.assert_accessible()


@pytest.mark.worker
def test_the_page_follows_renders_on_a_real_worker_without_reloading(
    browser_page: Any, demo: None, celery_worker_process: Any
) -> None:
    _open_documents_of_v1(browser_page)
    browser_page.get_by_role("button", name="Render all documents").click()
    browser_page.wait_for_load_state()
    # The script polls and swaps rows in place: a marker set now survives to the end.
    browser_page.evaluate("window.pcplanMarker = 'still the same page'")
    browser_page.assert_accessible()  # queued and rendering rows, progress bars included
    browser_page.get_by_text("15 of 15 documents rendered.").wait_for(timeout=180_000)
    assert browser_page.evaluate("window.pcplanMarker") == "still the same page"
    assert browser_page.get_by_role("table").get_by_text("Done", exact=True).count() == 15
    assert browser_page.get_by_role("link", name="Download PDF of the public summary").is_visible()
    done = RenderJob.objects.filter(version__number=1, status=RenderJob.Status.DONE)
    assert done.exclude(format=RenderJob.Format.OUTCOME).count() == 15  # the outcome report is not one of them
