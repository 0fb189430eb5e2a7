"""The annual report as a document: its HTML, and a real tagged PDF read back as text."""

import re
import shutil
import subprocess
import tempfile
from collections import Counter
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from performance.status import Status
from performance.templatetags.performance_tags import in_column_of
from reports.document import annual_report_html, annual_report_pdf
from reports.services import annual_report_sections_update, annual_report_version_cut
from reports.tests.factories import report_for, year_of_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(area: Any, role_users: Any) -> Any:
    report = report_for(year_of_records(area=area, by=role_users["staff"]))
    annual_report_sections_update(
        report=report,
        foreword="<p>This is my first annual report as your Police and Crime Commissioner.</p>",
        functions="<h2>Holding the Chief Constable to account</h2><p>Performance and Accountability Boards.</p>",
        finances="<p>The police budget for 2016/17 was £268.7 million.</p>",
        by=role_users["staff"],
    )
    return annual_report_version_cut(report=report, by=role_users["staff"], note="For the Panel")


def test_the_html_is_a_titled_english_page_with_the_plans_print_layout(version: Any) -> None:
    html = annual_report_html(version)
    assert '<html lang="en-GB">' in html
    assert "<title>Annual report 2016/17: Police and Crime Plan 2016-21</title>" in html
    assert "publishing/print.css" in html and 'class="doc-cover"' in html
    # The Commissioner's headings sit under the section's own.
    assert "<h3>Holding the Chief Constable to account</h3>" in html
    assert 'alt="Line chart of' in html


def _text(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        pdftotext = shutil.which("pdftotext") or "pdftotext"
        out = subprocess.run([pdftotext, str(path), "-"], capture_output=True, check=True, text=True)  # noqa: S603
    return re.sub(r"\s+", " ", out.stdout)


def test_the_pdf_holds_every_priority_and_each_measures_year_end_status(version: Any) -> None:
    rendered = annual_report_pdf(version)
    assert rendered.data.startswith(b"%PDF") and rendered.page_count >= 2
    text = _text(rendered.data)
    for objective in version.content["objectives"]:
        assert objective["title"] in text
        for measure in objective["measures"]:
            assert f"{measure['name']}" in text
            assert Status(measure["year_end_status"]).label in text
    assert "On track" in text
    assert "Lighthouse" in text and "£268.7 million" in text


def test_a_draft_is_marked_on_every_page_and_the_published_report_carries_the_brand_and_its_day(
    version: Any, role_users: Any, tmp_path: Path
) -> None:
    import datetime

    from publishing.demo import seed_brand
    from publishing.tests.pdf_reading import alt_texts, pages

    seed_brand(version.report.plan.area, role_users["publisher"])
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(annual_report_pdf(version).data)
    texts = [" ".join(word[4] for word in page.words) for page in pages(draft)]
    assert all("DRAFT V1, not the published report" in text for text in texts)
    published = tmp_path / "published.pdf"
    on = datetime.datetime(2017, 9, 14, 10, 0, tzinfo=datetime.UTC)
    published.write_bytes(annual_report_pdf(version, published_at=on).data)
    texts = [" ".join(word[4] for word in page.words) for page in pages(published)]
    assert "Published 14 September 2017" in texts[0]
    assert not any("DRAFT" in text for text in texts)
    alts = {alt: kind for kind, alt in alt_texts(published)}
    assert alts["Avon and Somerset Police and Crime Commissioner"] == "/Figure"  # the logo on the cover
    assert any(alt.startswith("The Clifton Suspension Bridge") for alt in alts)


def assert_each_measures_figures_appear_once(pdf: bytes, content: dict[str, Any]) -> None:
    """Read the PDF's text as pypdf finds it, in the order it is drawn: each measure's table
    of figures is there once, and each of its quarters with its value once (a second table
    of the same figures, or a summary row listing them again, shows up as a second)."""
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages))
    measures = [measure for objective in content["objectives"] for measure in objective["measures"]]
    assert measures
    for name, times in Counter(m["name"] for m in measures).items():
        caption = f"Figures for {name}, {content['year_label']}"
        assert text.count(caption) == times, f"{caption!r} is in the PDF {text.count(caption)} times, not {times}"
    rows = Counter((r["quarter"], in_column_of(r["value"], m["unit"])) for m in measures for r in m["readings"])
    for (quarter, value), times in rows.items():
        found = len(re.findall(rf"{re.escape(quarter)}:? ?{re.escape(value)}(?![\d.,%])", text))
        assert found == times, f"{quarter}'s {value} is in the PDF {found} times, not {times}"


def test_each_measures_figures_are_in_the_pdf_once_in_the_table_beside_its_chart(version: Any) -> None:
    assert_each_measures_figures_appear_once(annual_report_pdf(version).data, version.content)
