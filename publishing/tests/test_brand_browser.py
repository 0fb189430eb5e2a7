"""In headless Chromium, as the Publisher would: set the area's brand, be refused a colour
white text cannot be read on (with its measured ratio), save a logo, and find it on the
cover of the next full plan rendered, as an image with its alternative text in the PDF's
structure tree. Axe on each page."""

from pathlib import Path
from typing import Any

import pytest

from publishing import branding, services
from publishing.models import RenderJob
from publishing.tests.factories import version_with_districts
from publishing.tests.pdf_reading import alt_texts, pages, requires_poppler

pytestmark = [pytest.mark.browser, requires_poppler]

LOGO = Path(branding.__file__).with_name("demo_assets") / "logo.svg"
LOGO_ALT = "Avon and Somerset Police and Crime Commissioner"


@pytest.fixture
def version(transactional_db: Any, area: Any, role_users: dict[str, Any]) -> Any:
    return version_with_districts(area=area, by=role_users["staff"])


def test_the_publisher_sets_the_brand_and_the_next_render_carries_the_logo(
    browser_page: Any, version: Any, tmp_path: Path
) -> None:
    page = browser_page
    page.sign_in("publisher1")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Documents").click()
    page.get_by_role("link", name="Set the brand of the documents").click()
    assert page.get_by_role("heading", name="Brand of the documents").is_visible()
    page.assert_accessible()

    # A yellow white text cannot be read on: refused, with the ratio measured.
    page.get_by_label("Primary colour").fill("#ffdd00")
    page.get_by_role("button", name="Save the brand").click()
    summary = page.get_by_role("alert")
    assert "white text on it has a contrast ratio of 1.34:1, below the 4.5:1 that WCAG AA needs" in summary.inner_text()
    page.assert_accessible()

    page.get_by_label("Primary colour").fill("#14325c")
    page.get_by_label("Secondary colour").fill("#006f62")
    page.get_by_label("Logo", exact=True).set_input_files(str(LOGO))
    page.get_by_label("Alternative text of the logo").fill(LOGO_ALT)
    page.get_by_role("button", name="Save the brand").click()
    assert page.get_by_text("Saved the brand of Avon and Somerset.").is_visible()
    assert page.get_by_role("img", name=LOGO_ALT).is_visible()
    page.assert_accessible()

    # The next render of the full plan carries the logo on its cover.
    job = services.render_job_create(version=version, format=RenderJob.Format.FULL)
    job = services.render_job_run(job_id=job.pk, task_id="after-branding", worker="test")
    assert job is not None and job.status == RenderJob.Status.DONE, job and job.error
    path = tmp_path / "full.pdf"
    with job.output.open("rb") as source:
        path.write_bytes(source.read())
    assert ("/Figure", LOGO_ALT) in alt_texts(path)
    # The logo's own words are drawn on the first page, which is the cover.
    assert "Police and Crime Commissioner" in pages(path)[0].text
