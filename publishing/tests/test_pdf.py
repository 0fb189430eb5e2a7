"""WeasyPrint's URL fetcher reaches only our static and media files; progress and page
limits work on a real (tiny) render."""

import gc
import logging
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from publishing.pdf import DocumentTooLongError, LocalAssetFetcher, URLRefusedError, asset_base_url, render_pdf

BASE = asset_base_url()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/",
        "https://example.org/static/publishing/print.css",
        "file:///etc/passwd",
        f"{BASE}static/../../../../etc/passwd",
        f"{BASE}static/publishing/../../../etc/passwd",
        f"{BASE}static/%2e%2e/%2e%2e/etc/passwd",
        f"{BASE}static//etc/passwd",
        f"{BASE}files/../db.sqlite3",
        f"{BASE}admin/",
        f"{BASE}static/",
        f"{BASE}static/publishing/no-such-file.css",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/plan.css",
    ],
)
def test_the_fetcher_refuses_everything_but_our_own_files(url: str) -> None:
    with pytest.raises(URLRefusedError):
        LocalAssetFetcher().fetch(url)


def test_the_fetcher_serves_our_static_files_from_disk() -> None:
    response = LocalAssetFetcher().fetch(f"{BASE}static/publishing/print.css")
    try:
        assert response.content_type == "text/css"
        assert b"@page" in response.read()
    finally:
        response.close()


@pytest.mark.django_db
def test_the_fetcher_serves_media_files_and_embedded_images(media_root: Path) -> None:
    default_storage.save("charts/crimes.svg", ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'/>"))
    response = LocalAssetFetcher().fetch(f"{BASE}files/charts/crimes.svg")
    assert response.content_type == "image/svg+xml"
    assert response.read().startswith(b"<svg")
    response.close()
    embedded = LocalAssetFetcher().fetch("data:image/svg+xml;base64,PHN2Zy8+")
    assert embedded.read() == b"<svg/>"


def test_a_render_never_fetches_what_the_fetcher_refuses(caplog: pytest.LogCaptureFixture) -> None:
    html = (
        '<html lang="en-GB"><head><title>Refusals</title>'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        '<link rel="stylesheet" href="http://example.org/evil.css"></head>'
        '<body><h1>Refusals</h1><img src="http://example.org/tracker.png" alt="A tracker">'
        '<img src="/static/../../etc/passwd" alt="A secret"></body></html>'
    )
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        rendered = render_pdf(html)
    assert rendered.data.startswith(b"%PDF")
    refusals = [r.getMessage() for r in caplog.records if "URLRefusedError" in r.getMessage()]
    assert len(refusals) == 4, refusals


def _pages_html(pages: int) -> str:
    body = "".join(f'<h2 style="break-before: page">Part {i}</h2><p>Text.</p>' for i in range(pages))
    return f'<html lang="en-GB"><head><title>Pages</title></head><body>{body}</body></html>'


def test_progress_rises_through_the_render_and_a_page_limit_stops_it() -> None:
    seen: list[int] = []
    rendered = render_pdf(_pages_html(6), on_progress=seen.append, expected_pages=6)
    assert rendered.page_count == 6
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert seen[0] <= 15 and seen[-1] >= 85
    with pytest.raises(DocumentTooLongError, match="runs to 6 pages; it may have at most 4"):
        render_pdf(_pages_html(6), max_pages=4)


def test_an_error_raised_by_the_progress_callback_stops_the_render() -> None:
    def stop(percent: int) -> None:
        if percent >= 25:
            raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError, match="cancelled"):
        render_pdf(_pages_html(3), on_progress=stop)


def test_weasyprint_progress_lines_do_not_reach_the_worker_log(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[Any] = []
    with caplog.at_level(logging.INFO):
        render_pdf(_pages_html(2), on_progress=seen.append)
    assert seen
    assert not [r for r in caplog.records if r.name == "weasyprint.progress"]
    assert logging.getLogger("weasyprint.progress").propagate


def test_a_render_leaves_the_garbage_collector_as_it_found_it() -> None:
    before = gc.get_threshold()
    render_pdf(_pages_html(2))
    with pytest.raises(DocumentTooLongError):
        render_pdf(_pages_html(3), max_pages=2)
    assert gc.get_threshold() == before


def test_words_for_screen_readers_only_are_in_the_pdf_but_not_printed(tmp_path: Path) -> None:
    """Words the web hides visually (the annual report's "Grants made" caption under its
    heading) were printed in the PDF: the print stylesheet had no rule for them. They stay
    in the PDF's text, for a screen reader, but nothing of them is drawn on the page."""
    import pypdfium2  # type: ignore[import-untyped]  # the wheel ships no type hints

    from publishing.tests.pdf_reading import pages

    html = (
        '<html lang="en-GB"><head><title>Grants</title>'
        f'<link rel="stylesheet" href="{BASE}static/publishing/print.css"></head><body>'
        '<p style="margin: 30mm 20mm">Grants made<span class="govuk-visually-hidden"> in Bristol</span></p>'
        "</body></html>"
    )
    path = tmp_path / "grants.pdf"
    path.write_bytes(render_pdf(html).data)
    words = {word[4]: word[:4] for word in pages(path)[0].words}
    assert "Bristol" in words, "the hidden words are in the PDF's text"
    scale = 100 / 72
    picture = pypdfium2.PdfDocument(str(path))[0].render(scale=scale).to_pil().convert("L")

    def darkest(box: tuple[float, ...]) -> int:
        return min(picture.crop(tuple(int(v * scale) for v in box)).getdata())

    assert darkest(words["Grants"]) < 100, "the paragraph's own words are printed"
    assert darkest(words["Bristol"]) > 250, "nothing of the hidden words is drawn"
