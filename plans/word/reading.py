"""Reading a Word document (.docx) into sections of clean HTML.

The file is checked before anything parses it (a zip of a sensible size, no macros, no
DTDs), converted by mammoth (which writes plain semantic HTML: headings, paragraphs,
lists, tables, images), split into sections at its top level of headings, and each
section's body is put through the same sanitiser as the editor's. Images are checked and
re-encoded with Pillow (which drops their metadata) and handed to `store_image`, which
saves them as media files and gives back their address.

Nothing here touches the database: `plans.services.word_import_prepare` keeps the result.
"""

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import mammoth
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from lxml import html as lxml_html
from PIL import Image, UnidentifiedImageError

from ..richtext import html_to_text, sanitise_html

# A .docx is a zip: these bound what unpacking it may cost, whatever its size on disk.
MAX_ENTRIES = 2_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Text compresses well (20:1 is common), a crafted zip (a "zip bomb") by thousands to one.
MAX_RATIO = 200
MAX_IMAGE_PIXELS = 40_000_000
# The preview asks three things of each part and two of each undescribed picture, and a
# form of more than a thousand fields is refused whole (DATA_UPLOAD_MAX_NUMBER_FIELDS).
MAX_PARTS = 150
MAX_IMAGES = 150
IMAGE_FORMATS = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"), "GIF": ("gif", "image/gif")}

MACRO_PARTS = re.compile(r"(^|/)vbaProject\.bin$|(^|/)vbaData\.xml$", re.I)
MACRO_CONTENT_TYPE = "macroEnabled"
WORD_MAIN = "word/document.xml"

# Word's own title style becomes the document's title, not a section.
STYLE_MAP = """
p[style-name='Title'] => h1.docx-title:fresh
p[style-name='Subtitle'] => p:fresh
"""
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class WordFileError(Exception):
    """The file cannot be imported; the message says why, for the person who uploaded it."""


@dataclass(frozen=True)
class StoredImage:
    uid: str
    src: str


@dataclass
class ImportedImage:
    uid: str
    src: str
    alt: str
    section: int


@dataclass
class ImportedSection:
    title: str
    body: str

    @property
    def text(self) -> str:
        return html_to_text(self.body)


@dataclass
class ReadDocument:
    title: str
    sections: list[ImportedSection]
    images: list[ImportedImage]
    warnings: list[str] = field(default_factory=list)


ImageStore = Callable[[bytes, str, str], StoredImage]


def max_upload_bytes() -> int:
    return int(getattr(settings, "PCPLAN_WORD_IMPORT_MAX_BYTES", 20 * 1024 * 1024))


def check_word_file(name: str, data: bytes) -> None:
    """Refuse anything that is not a plain Word document, before a parser sees it."""
    lower = (name or "").lower()
    if lower.endswith(".docm") or lower.endswith(".dotm"):
        raise WordFileError(
            "This is a Word document with macros (.docm). pcplan does not open documents with macros: "
            "in Word, save it as a Word Document (.docx) and upload that."
        )
    if lower.endswith(".doc") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise WordFileError(
            "This is a Word 97-2003 document (.doc). In Word, save it as a Word Document (.docx) and upload that."
        )
    limit = max_upload_bytes()
    if len(data) > limit:
        raise WordFileError(
            f"The file is {file_size(len(data))}: upload a Word document of {file_size(limit)} or smaller."
        )
    if not lower.endswith(".docx"):
        raise WordFileError("Upload a Word document: a file whose name ends in .docx.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise WordFileError(
            "The file is not a Word document (.docx), or it is damaged. Open it in Word, save it again and upload that."
        ) from error
    with archive:
        names = {entry.filename for entry in entries}
        if len(entries) > MAX_ENTRIES:
            raise WordFileError("The document has too many parts to be a Word document pcplan can read.")
        unpacked = sum(entry.file_size for entry in entries)
        packed = sum(entry.compress_size for entry in entries)
        if unpacked > MAX_UNPACKED_BYTES or (packed and unpacked / packed > MAX_RATIO and unpacked > 10 * 1024 * 1024):
            raise WordFileError(
                "The document unpacks to far more than its size suggests, so pcplan will not open it. "
                "Open it in Word, save it again and upload that."
            )
        if WORD_MAIN not in names or "[Content_Types].xml" not in names:
            raise WordFileError(
                "The file is not a Word document (.docx): it has no document text. Upload a .docx saved by Word."
            )
        if any(MACRO_PARTS.search(entry) for entry in names):
            raise WordFileError(
                "This document contains macros. pcplan does not open documents with macros: "
                "in Word, save it as a Word Document (.docx) and upload that."
            )
        try:
            content_types = archive.read("[Content_Types].xml")
            main = archive.read(WORD_MAIN)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as error:
            raise WordFileError(
                "The document is damaged or protected with a password. Open it in Word, save it again and upload that."
            ) from error
        if MACRO_CONTENT_TYPE.encode() in content_types:
            raise WordFileError(
                "This is a Word document with macros (.docm). pcplan does not open documents with macros: "
                "in Word, save it as a Word Document (.docx) and upload that."
            )
        # Word never writes a document type declaration; one is how an XML "bomb" is built.
        for part in (content_types, main):
            if b"<!DOCTYPE" in part or b"<!ENTITY" in part:
                raise WordFileError("The document contains markup Word does not write, so pcplan will not open it.")


def file_size(size: int) -> str:
    return str(filesizeformat(size)).replace("\xa0", " ")


def read_word_document(name: str, data: bytes, store_image: ImageStore) -> ReadDocument:
    """Check, convert and split the document. Raises WordFileError with a message for the
    person who uploaded it; never anything else for a bad file."""
    check_word_file(name, data)
    images: list[ImportedImage] = []
    warnings: list[str] = []

    def convert_image(image: Any) -> dict[str, str]:
        number = len(images) + len(warnings) + 1
        try:
            with image.open() as handle:
                raw = handle.read(MAX_UNPACKED_BYTES + 1)
        except Exception:  # noqa: BLE001 - a linked (external) or missing image: left out, said so
            warnings.append(f"An image that is linked to a file outside the document was left out (image {number}).")
            return {}
        stored = _store_checked_image(raw, image.content_type or "", store_image, warnings, number)
        if stored is None:
            return {}
        alt = " ".join((image.alt_text or "").split())
        images.append(ImportedImage(uid=stored.uid, src=stored.src, alt=alt[:500], section=-1))
        return {"src": stored.src, "alt": alt}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=STYLE_MAP,
            convert_image=mammoth.images.img_element(convert_image),
            include_default_style_map=True,
        )
    except WordFileError:
        raise
    except Exception as error:  # noqa: BLE001 - whatever the converter trips on, the file is at fault
        raise WordFileError(
            "pcplan could not read the text of this document. Open it in Word, save it as a Word Document (.docx) "
            "and upload that."
        ) from error
    title, sections = split_into_sections(result.value)
    for image in images:
        image.section = next((i for i, s in enumerate(sections) if image.src in s.body), -1)
    if not sections or not any(s.text or "<img" in s.body for s in sections):
        raise WordFileError("The document has no text to import.")
    if len(sections) > MAX_PARTS:
        raise WordFileError(
            f"The document has {len(sections)} headings at its top level; pcplan imports up to {MAX_PARTS} parts "
            "at a time. Split it into smaller documents and import each."
        )
    if len(images) > MAX_IMAGES:
        raise WordFileError(
            f"The document has {len(images)} pictures; pcplan imports up to {MAX_IMAGES} at a time. "
            "Split it into smaller documents and import each."
        )
    return ReadDocument(title=title, sections=sections, images=[i for i in images if i.section >= 0], warnings=warnings)


def _store_checked_image(
    raw: bytes, content_type: str, store_image: ImageStore, warnings: list[str], number: int
) -> StoredImage | None:
    """Open the image with Pillow, refuse what is not a PNG, JPEG or GIF (or is too big to
    decode safely), and store it re-encoded, without its metadata (a photo's location)."""
    try:
        with Image.open(io.BytesIO(raw)) as picture:
            kind = picture.format or ""
            if kind not in IMAGE_FORMATS:
                label = kind or content_type.split("/")[-1].upper() or "unknown"
                warnings.append(
                    f"Image {number} is in a format web pages cannot show ({label}) and was left out: "
                    "in Word, save it as a picture in PNG or JPEG format."
                )
                return None
            width, height = picture.size
            if width * height > MAX_IMAGE_PIXELS:
                warnings.append(f"Image {number} is too large ({width} by {height} pixels) and was left out.")
                return None
            picture.load()
            extension, mime = IMAGE_FORMATS[kind]
            out = io.BytesIO()
            if kind == "JPEG":
                picture.convert("RGB").save(out, "JPEG", quality=90)
            elif kind == "GIF":
                picture.save(out, "GIF")
            else:
                picture.save(out, "PNG", optimize=True)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        warnings.append(f"Image {number} could not be read and was left out.")
        return None
    return store_image(out.getvalue(), extension, mime)


def split_into_sections(converted: str) -> tuple[str, list[ImportedSection]]:
    """Split the converted HTML at its top level of headings: each heading starts a section
    titled by it; what comes before the first heading is a section of its own. Headings
    below the top level stay in the body, one level under the section's title (h3, h4)."""
    if not converted.strip():
        return "", []
    blocks = lxml_html.fragments_fromstring(converted)
    title = ""
    kept = []
    for block in blocks:
        if isinstance(block, str):
            if block.strip():
                kept.append(_paragraph(block))
            continue
        if block.tag == "h1" and "docx-title" in (block.get("class") or "") and not title:
            title = _text(block)
            continue
        kept.append(block)
    levels = sorted({int(b.tag[1]) for b in kept if b.tag in HEADING_TAGS and _text(b)})
    top = levels[0] if levels else None
    sections: list[ImportedSection] = []
    current_title = ""
    current: list[str] = []

    def close() -> None:
        body = sanitise_html("".join(current))
        if current_title or html_to_text(body) or "<img" in body:
            sections.append(ImportedSection(title=current_title or "Introduction", body=body))

    for block in kept:
        if top is not None and block.tag == f"h{top}" and _text(block):
            close()
            current_title, current = _text(block)[:300], []
            continue
        if block.tag in HEADING_TAGS:
            level = int(block.tag[1]) - (top or 1)
            block.tag = "h3" if level <= 1 else "h4"
        current.append(lxml_html.tostring(block, encoding="unicode"))
    close()
    return title[:300], sections


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _paragraph(text: str) -> Any:
    element = lxml_html.Element("p")
    element.text = text
    return element
