"""HTML to an accessible PDF with WeasyPrint, and nothing else.

WeasyPrint gets a URL fetcher that serves only the app's own static files (and media)
from disk: a document can never make the worker fetch from the network or read any other
file, whatever its HTML says. Progress comes from WeasyPrint's own progress log.
"""

import contextlib
import gc
import io
import logging
import mimetypes
import posixpath
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .snapshot import Asset

logger = logging.getLogger(__name__)

PDF_OPTIONS: dict[str, Any] = {
    # PDF/UA-1: a tagged PDF with the title from <title> and the language from <html lang>;
    # WeasyPrint makes bookmarks from the headings.
    "pdf_variant": "pdf/ua-1",
    "optimize_images": True,
}

ProgressCallback = Callable[[int], None]


class URLRefusedError(ValueError):
    """A document asked for something other than the app's own static or media files."""


class DocumentTooLongError(Exception):
    def __init__(self, pages: int, max_pages: int) -> None:
        super().__init__(f"The document runs to {pages} pages; it may have at most {max_pages}.")
        self.pages = pages
        self.max_pages = max_pages


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    page_count: int


def asset_base_url() -> str:
    """The base URL of the print HTML: relative links in a PDF point at the live site."""
    return settings.PCPLAN_BASE_URL.rstrip("/") + "/"


class LocalAssetFetcher(URLFetcher):
    """Serves `<base>/static/...` from the static files on disk and `<base>/files/...`
    (MEDIA_URL) from the default storage; `data:image/...` URIs are decoded in memory
    (charts are embedded that way). Refuses everything else, including other hosts, other
    paths of our own host, `file:` URLs and any path that climbs out with `..`."""

    def __init__(self, base_url: str | None = None) -> None:
        super().__init__(timeout=2, allow_redirects=False, allowed_protocols={"data"})
        base = urlsplit(base_url or asset_base_url())
        self._origin = (base.scheme, base.netloc)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            if not url.startswith("data:image/"):
                raise URLRefusedError(f"Only images may be embedded as data: URIs, not {url[:40]}")
            return super().fetch(url, headers)
        kind, relative = self._local_part(url)
        try:
            if kind == "static":
                found = finders.find(relative)
                if not found:
                    raise URLRefusedError(f"No static file {relative}")
                path = Path(found if isinstance(found, str) else found[0])
                body: Any = path.open("rb")
                name = path.name
            else:
                if not default_storage.exists(relative):
                    raise URLRefusedError(f"No media file {relative}")
                body = default_storage.open(relative, "rb")
                name = relative
        except SuspiciousFileOperation as error:
            raise URLRefusedError(f"Refused {url}: {error}") from error
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    def _local_part(self, url: str) -> tuple[str, str]:
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._origin:
            raise URLRefusedError(f"Refused {url}: documents may only use the app's own static and media files")
        path = unquote(parts.path)
        for kind, prefix in (("static", settings.STATIC_URL), ("media", settings.MEDIA_URL)):
            prefix = "/" + prefix.strip("/") + "/"
            if path.startswith(prefix):
                relative = path[len(prefix) :]
                normal = posixpath.normpath(relative) if relative else ""
                if (
                    not relative
                    or normal != relative
                    or normal.startswith(("/", ".."))
                    or "\\" in relative
                    or "\x00" in relative
                ):
                    raise URLRefusedError(f"Refused {url}: not a plain path to a file")
                return kind, relative
        raise URLRefusedError(f"Refused {url}: documents may only use the app's own static and media files")


# ---------------------------------------------------------------- frozen sources

# What WeasyPrint fetches: stylesheets and images named in the HTML, and whatever a
# stylesheet (linked, in a <style> or in a style attribute) names with url() or @import.
_HTML_REFERENCE = re.compile(
    r"""<(?:link|img|image|object|embed|source|input)\b[^>]*?\s(?:href|src|data|srcset)\s*=\s*["']([^"']+)["']""",
    re.I,
)
_CSS_REFERENCE = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)|@import\s+["']([^"']+)["']""",
    re.I,
)


def _css_references(css: str) -> list[str]:
    return [next(group for group in match.groups() if group) for match in _CSS_REFERENCE.finditer(css)]


def collect_assets(html: str, base_url: str) -> dict[str, Asset]:
    """Every file of our own the print HTML draws on, as the renderer's fetcher serves it
    now, found by following the HTML's references and its stylesheets' in turn. Addresses
    the fetcher refuses (a link to a web page, another site) are not assets."""
    fetcher = LocalAssetFetcher(base_url)
    assets: dict[str, Asset] = {}
    pending = [(reference, base_url) for reference in _HTML_REFERENCE.findall(html) + _css_references(html)]
    while pending:
        reference, against = pending.pop()
        url = urldefrag(urljoin(against, reference.strip().split()[0])).url
        if url.startswith("data:") or url in assets:
            continue
        try:
            response = fetcher.fetch(url)
        except URLRefusedError:
            continue
        try:
            data = response.read()
        finally:
            response.close()
        assets[url] = Asset(content_type=response.content_type, data=data)
        if response.content_type == "text/css":
            pending.extend((found, url) for found in _css_references(data.decode("utf-8", "replace")))
    return assets


class SnapshotFetcher(URLFetcher):
    """Serves a re-render only what its snapshot holds (and embedded data: images)."""

    def __init__(self, assets: dict[str, Asset]) -> None:
        super().__init__(timeout=2, allow_redirects=False, allowed_protocols={"data"})
        self._assets = assets

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith("data:image/"):
            return super().fetch(url, headers)
        asset = self._assets.get(urldefrag(url).url)
        if asset is None:
            raise URLRefusedError(f"{url} is not part of the frozen document")
        return URLFetcherResponse(url, body=asset.data, headers={"Content-Type": asset.content_type})


# ---------------------------------------------------------------- progress


class _ProgressHandler(logging.Handler):
    """Turns WeasyPrint's progress log (steps 1 to 7, a line per page laid out) into a
    percentage from 10 to 95. Only records of the rendering thread count."""

    STEPS = {"Step 1": 12, "Step 2": 15, "Step 3": 18, "Step 4": 22, "Step 6": 85, "Step 7": 92}
    LAYOUT_FROM, LAYOUT_TO = 25, 82

    def __init__(self, callback: ProgressCallback, expected_pages: int) -> None:
        super().__init__(level=logging.INFO)
        self.callback = callback
        self.expected_pages = max(1, expected_pages)
        self.thread = threading.get_ident()
        self.percent = 0

    def emit(self, record: logging.LogRecord) -> None:
        # Exceptions raised by the callback (a memory guard, a cancelled job) propagate
        # into WeasyPrint and stop the render: logging.Handler.handle does not catch them.
        if record.thread != self.thread:
            return
        message = record.getMessage()
        step = message[:6]
        if step == "Step 5":
            if "Page " not in message:
                return
            try:
                page = int(message.split("Page ", 1)[1].split()[0])
            except (IndexError, ValueError):
                return
            span = self.LAYOUT_TO - self.LAYOUT_FROM
            percent = self.LAYOUT_FROM + min(span, span * page // self.expected_pages)
        else:
            percent = self.STEPS.get(step, 0)
        if percent > self.percent:
            self.percent = percent
            self.callback(percent)


@contextlib.contextmanager
def _progress(callback: ProgressCallback | None, expected_pages: int) -> Iterator[None]:
    if callback is None:
        yield
        return
    progress_logger = logging.getLogger("weasyprint.progress")
    handler = _ProgressHandler(callback, expected_pages)
    previous_level, previous_propagate = progress_logger.level, progress_logger.propagate
    progress_logger.addHandler(handler)
    progress_logger.setLevel(logging.INFO)
    # A line per page is for our handler, not for the worker's log.
    progress_logger.propagate = False
    try:
        yield
    finally:
        progress_logger.removeHandler(handler)
        progress_logger.setLevel(previous_level)
        progress_logger.propagate = previous_propagate


# ---------------------------------------------------------------- rendering

# A render allocates millions of short-lived objects (boxes, styles, layout states), freed
# by reference counting as it goes; with the default thresholds (700 allocations) the
# cyclic collector ran thousands of times a render and took about a tenth of its time.
# While any render runs it runs less often; what is left is collected once they end.
RENDER_GC_THRESHOLDS = (50_000, 20, 100)
_gc_lock = threading.Lock()
_renders_running = 0
_gc_thresholds_before: tuple[int, int, int] = gc.get_threshold()


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the render, and restore them after the last
    render running in this process (renders in two threads may overlap)."""
    global _renders_running, _gc_thresholds_before
    with _gc_lock:
        if _renders_running == 0:
            _gc_thresholds_before = gc.get_threshold()
            gc.set_threshold(*RENDER_GC_THRESHOLDS)
        _renders_running += 1
    try:
        yield
    finally:
        with _gc_lock:
            _renders_running -= 1
            if _renders_running == 0:
                gc.set_threshold(*_gc_thresholds_before)


def render_pdf(
    html: str,
    *,
    on_progress: ProgressCallback | None = None,
    expected_pages: int = 40,
    max_pages: int | None = None,
    base_url: str | None = None,
    url_fetcher: URLFetcher | None = None,
) -> RenderedPdf:
    """Lay out and write the PDF. Raises DocumentTooLongError before writing when the
    document has more pages than `max_pages`. `url_fetcher` (a frozen document's
    SnapshotFetcher) replaces the one serving the app's static and media files."""
    base = base_url or asset_base_url()
    fetcher = url_fetcher or LocalAssetFetcher(base)
    with _progress(on_progress, expected_pages), _fewer_collections():
        document = HTML(string=html, base_url=base, url_fetcher=fetcher).render(**PDF_OPTIONS)
        pages = len(document.pages)
        if max_pages is not None and pages > max_pages:
            raise DocumentTooLongError(pages, max_pages)
        data = document.write_pdf(**PDF_OPTIONS)
    return RenderedPdf(data=data, page_count=pages)


def layout_anchors(html: str, *, base_url: str | None = None) -> tuple[int, dict[str, tuple[int, float]]]:
    """Lay the document out without writing it: its page count, and where each element
    with an id starts (the page's index, and CSS pixels from the top of the paper)."""
    base = base_url or asset_base_url()
    with _fewer_collections():
        document = HTML(string=html, base_url=base, url_fetcher=LocalAssetFetcher(base)).render(**PDF_OPTIONS)
    positions: dict[str, tuple[int, float]] = {}
    for index, page in enumerate(document.pages):
        # (x, y), or in WeasyPrint 70 the box's (x1, y1, x2, y2): y is the second either way.
        for name, point in page.anchors.items():
            positions.setdefault(name, (index, point[1]))
    return len(document.pages), positions


def render_pdf_plain(html: str, *, base_url: str | None = None) -> bytes:
    """WeasyPrint alone on the same HTML, with the same options and collector thresholds
    (the benchmark's baseline)."""
    base = base_url or asset_base_url()
    with _fewer_collections():
        return HTML(string=html, base_url=base, url_fetcher=LocalAssetFetcher(base)).write_pdf(**PDF_OPTIONS)


# The plan on a page as a picture: 150 dots per inch makes an A4 landscape page 1,754
# pixels wide, sharp on a screen and within what social media sites take.
PICTURE_DPI = 150


def first_page_png(pdf: bytes, *, dpi: int = PICTURE_DPI) -> bytes:
    """The first page of a PDF as a PNG, drawn by PDFium (the pypdfium2 wheel bundles it,
    so no program of the machine's is needed; docs/decisions/0059-plan-on-a-page-picture.md)."""
    import pypdfium2  # type: ignore[import-untyped]  # the wheel ships no type hints

    document = pypdfium2.PdfDocument(pdf)
    try:
        bitmap = document[0].render(scale=dpi / 72)
        out = io.BytesIO()
        bitmap.to_pil().save(out, "PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()
