"""Checking the images of a brand kit before they are stored.

A PNG or JPEG is opened with Pillow and written out again (so nothing but the picture is
kept: no metadata, no trailing bytes). A cover image is always stored as JPEG: it is a
picture of the area, and WeasyPrint embeds a JPEG as it is, where it compresses a PNG again
on every render (a tenth of a second for a cover). An SVG logo is parsed and rewritten keeping only
the elements and attributes that draw shapes, text and gradients: no script, no event
handler, no link or reference outside the file, no style sheet, no foreign content, no
DTD. The stored SVG is also served with a policy that runs nothing (publishing.views), so
it is never active content.
"""

import hashlib
import io
import re
import xml.etree.ElementTree as ET  # noqa: S405 - input is refused before parsing if it declares a DTD
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 6000 * 6000
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

_SVG_ELEMENTS = frozenset(
    {
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
        "title", "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "use",
    }
)  # fmt: skip
_SVG_ATTRIBUTES = frozenset(
    {
        "id", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "d",
        "points", "viewBox", "preserveAspectRatio", "transform", "fill", "fill-opacity", "fill-rule",
        "stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin",
        "stroke-dasharray", "opacity", "font-family", "font-size", "font-weight", "font-style",
        "text-anchor", "dominant-baseline", "letter-spacing", "offset", "stop-color", "stop-opacity",
        "gradientUnits", "gradientTransform", "clip-path", "clip-rule", "role", "aria-label",
        "version",
    }
)  # fmt: skip
# A paint or clip may point at a gradient or clip path of the same file, nothing else.
_LOCAL_REFERENCE = re.compile(r"^\s*url\(\s*#[A-Za-z][\w.-]*\s*\)\s*$")
_FORBIDDEN_VALUE = re.compile(r"url\(|javascript:|expression\(|@import|data:", re.I)


class BrandImageError(ValueError):
    """The file is not an image the brand kit accepts; the message says why, for the person."""


@dataclass(frozen=True)
class CheckedImage:
    data: bytes
    extension: str  # "png" or "svg" (logos), "jpg" (logos and cover images)

    @property
    def name(self) -> str:
        return f"{hashlib.sha256(self.data).hexdigest()[:20]}.{self.extension}"


def checked_image(data: bytes, *, what: str, allow_svg: bool) -> CheckedImage:
    if len(data) > MAX_BYTES:
        raise BrandImageError(f"The {what} must be smaller than 5 MB.")
    head = data[:512].lstrip()
    if allow_svg and (head.startswith(b"<svg") or head.startswith(b"<?xml")):
        return CheckedImage(sanitised_svg(data, what=what), "svg")
    return _checked_raster(data, what=what, allow_svg=allow_svg, as_jpeg=not allow_svg)


def _checked_raster(data: bytes, *, what: str, allow_svg: bool, as_jpeg: bool) -> CheckedImage:
    kinds = "a PNG, JPEG or SVG file" if allow_svg else "a PNG or JPEG file"
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if kind not in {"PNG", "JPEG"}:
                raise BrandImageError(f"The {what} must be {kinds}.")
            if image.width * image.height > MAX_PIXELS:
                raise BrandImageError(f"The {what} is too large: use one of at most 6000 by 6000 pixels.")
            image.load()
            out = io.BytesIO()
            if kind == "PNG" and not as_jpeg:
                image.save(out, format="PNG", optimize=True)
                return CheckedImage(out.getvalue(), "png")
            # Transparent parts on white paper, as they would print.
            rgba = image.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            flat.save(out, format="JPEG", quality=88, optimize=True)
            return CheckedImage(out.getvalue(), "jpg")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise BrandImageError(f"The {what} must be {kinds}; this file could not be read as one.") from error


def sanitised_svg(data: bytes, *, what: str = "logo") -> bytes:
    """The SVG rewritten to the drawing elements and attributes listed above."""
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.I):
        raise BrandImageError(f"The {what} SVG declares a DTD or entities, which are not accepted.")
    try:
        root = ET.fromstring(data)  # noqa: S314 - no DTD, so no entity expansion
    except ET.ParseError as error:
        raise BrandImageError(f"The {what} could not be read as an SVG file.") from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise BrandImageError(f"The {what} must be an SVG image (its root element is not <svg>).")
    clean = _clean(root)
    if clean is None or not (clean.get("viewBox") or (clean.get("width") and clean.get("height"))):
        raise BrandImageError(f"The {what} SVG needs a viewBox, or a width and a height.")
    ET.register_namespace("", SVG_NS)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(clean, encoding="utf-8", xml_declaration=False)


def _clean(element: ET.Element) -> ET.Element | None:
    namespace, _, name = element.tag[1:].partition("}") if element.tag.startswith("{") else ("", "", element.tag)
    if namespace != SVG_NS or name not in _SVG_ELEMENTS:
        return None
    kept = ET.Element(element.tag)
    for key, value in element.attrib.items():
        if name == "use" and key in ("href", f"{{{XLINK_NS}}}href"):
            if value.startswith("#"):
                kept.set("href", value)
            continue
        if key not in _SVG_ATTRIBUTES:
            continue
        if _FORBIDDEN_VALUE.search(value) and not _LOCAL_REFERENCE.match(value):
            continue
        kept.set(key, value)
    kept.text = element.text
    for child in element:
        cleaned = _clean(child)
        if cleaned is not None:
            cleaned.tail = child.tail
            kept.append(cleaned)
    return kept
