"""Rich text: one allowlist for every body that reaches a page or a PDF.

Bodies are sanitised on the way in (services call `sanitise_html` before saving), so a
script, an event handler or a `javascript:` link is never stored, and again whenever
markup from elsewhere is rendered.
"""

import html
import re
from functools import cache

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "hr",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "img": {"src", "alt"},
}
# Images are only ever our own media files, stored when a Word document is imported
# (plans/word): an image from anywhere else would be a request the reader never chose.
IMAGE_FOLDER = "plans/images/"
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|blockquote|caption|table|ul|ol)>|<br\s*/?>|<hr\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL = re.compile(r"<(t[hd])\b")
_TH_WITHOUT_SCOPE = re.compile(r"<th\b(?![^>]*\sscope=)([^>]*)>")
_IMG_WITHOUT_SRC = re.compile(r"<img\b(?![^>]*\ssrc=)[^>]*>")
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\salt=)")
# A link and its text, as nh3 writes them: every attribute value in double quotes (a quote
# inside escaped), a closing tag always, and never a link inside a link.
_LINK = re.compile(r'<a((?:\s+[^\s"=>]+(?:="[^"]*")?)*)\s*>(.*?)</a>', re.S)
_HREF = re.compile(r'\shref="')


@cache
def _image_src() -> re.Pattern[str]:
    prefix = "/" + settings.MEDIA_URL.strip("/") + "/" + IMAGE_FOLDER
    return re.compile(
        re.escape(prefix) + r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg|gif)"
    )


def image_src_allowed(src: str) -> bool:
    return bool(_image_src().fullmatch(src or ""))


def image_storage_name(src: str) -> str | None:
    """The storage name of one of pcplan's images, from its address; None for any other."""
    if not image_src_allowed(src):
        return None
    return src.removeprefix("/" + settings.MEDIA_URL.strip("/") + "/")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not image_src_allowed(value):
        return None
    return value


def _allowed(value: str) -> str:
    """The allowlist alone: images from elsewhere lose their address, then themselves."""
    clean = nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_attribute_filter,
    ).strip()
    return _IMG_WITHOUT_SRC.sub("", clean) if "<img" in clean else clean


def images_without_alt(value: str) -> int:
    """How many of the body's images (those the allowlist keeps) carry no `alt` at all.

    `alt="what it shows"` describes an image and `alt=""` marks it decorative (screen
    readers skip it, the PDF makes it an artifact); an image with neither was given no
    thought, and a service refuses to save it (WCAG 1.1.1, PDF/UA)."""
    clean = _allowed(value)
    return len(_IMG_WITHOUT_ALT.findall(clean)) if "<img" in clean else 0


def sanitise_html(value: str) -> str:
    """Keep only the allowed tags and attributes; links get rel="noopener noreferrer";
    images only from pcplan's own imported images, with `alt=""` (decorative) kept."""
    clean = _allowed(value)
    if "<img" in clean:
        # Saving refuses an image without alternative text (images_without_alt); markup
        # from elsewhere, rendered, gets the decorative mark so screen readers skip it.
        clean = _IMG_WITHOUT_ALT.sub('<img alt=""', clean)
    if "<a" in clean:
        clean = _LINK.sub(_unlink_without_href, clean)
    return _scope_table_headers(clean) if "<th" in clean else clean


def _unlink_without_href(link: re.Match[str]) -> str:
    """A link whose address was removed (a `javascript:` one) leads nowhere: keep its text."""
    return link.group(0) if _HREF.search(link.group(1)) else link.group(2)


def _scope_table_headers(value: str) -> str:
    """The editor's header cells carry no scope; a screen reader announces a cell's headers
    more reliably with one. A row of header cells heads the columns; a header cell in a row
    of data cells heads its row. A scope already given is kept."""

    def scope_row(row: re.Match[str]) -> str:
        cells = _CELL.findall(row.group(0))
        scope = "col" if cells and all(cell == "th" for cell in cells) else "row"
        return _TH_WITHOUT_SCOPE.sub(lambda th: f'<th scope="{scope}"{th.group(1)}>', row.group(0))

    return _ROW.sub(scope_row, value)


def html_to_text(value: str) -> str:
    """Plain text with one line per block, for comparisons, search and CSV."""
    text = _BLOCK_END.sub("\n", value or "")
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
