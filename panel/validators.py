"""What an uploaded report attachment must be: a PDF, no bigger than 10 MB, that a PDF
reader opens, with no active content, and nothing a browser could read as a web page.

The file is opened with a PDF parser (pypdf), not judged by its first bytes: a file that
starts `%PDF-` and goes on as HTML is refused, and so is a real PDF carrying JavaScript,
a launch action, an embedded file or an interactive form that submits or runs code.
A file served back is only as safe as what was let in (docs/decisions/0024-pdf-checks.md).
"""

import io
import re
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError

PDF_MAGIC = b"%PDF-"
MAX_PDF_BYTES = 10 * 1024 * 1024

# Keys and values of a PDF dictionary that make it run or carry something.
ACTIVE_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/Launch": "a launch action",
    "/EmbeddedFile": "an embedded file",
    "/EmbeddedFiles": "an embedded file",
    "/EF": "an embedded file",
    "/RichMedia": "embedded media",
    "/XFA": "an XFA form",
}
ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "a launch action",
    "/SubmitForm": "a form that sends data",
    "/ImportData": "a form that imports data",
    "/GoToE": "an embedded file",
    "/RichMediaExecute": "embedded media",
}
ACTIVE_SUBTYPES = {"/FileAttachment": "an embedded file", "/RichMedia": "embedded media"}

# HTML a browser would recognise, outside the PDF's streams (compressed page content is
# random bytes; the structure around it is text). None of these can start a PDF hex
# string, so a real PDF never contains them there.
_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
_HTML = re.compile(rb"<(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta|img|form|style|link)[\s>/]", re.I)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _read(file: Any) -> bytes:
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        return bytes(file.read(MAX_PDF_BYTES + 1))
    finally:
        if position is not None:
            file.seek(position)


def _values(value: Any) -> Iterator[Any]:
    """Every dictionary and array inside an object, without following references (every
    object of the file is visited on its own)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    if isinstance(value, IndirectObject):
        return
    yield value
    if isinstance(value, DictionaryObject):
        for inner in value.values():
            yield from _values(inner)
    elif isinstance(value, ArrayObject):
        for inner in value:
            yield from _values(inner)


def active_content(data: bytes) -> list[str]:
    """What in this PDF would run or carry another file, in words; [] for none.
    Raises pypdf's errors when the file cannot be read as a PDF."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, IndirectObject

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        return ["a password"]
    found: set[str] = set()
    numbers = [(number, generation) for generation, entries in reader.xref.items() for number in entries]
    numbers += [(number, 0) for number in reader.xref_objStm]
    objects: list[Any] = [reader.trailer]
    for number, generation in numbers:
        try:
            objects.append(IndirectObject(number, generation, reader).get_object())
        except Exception:  # noqa: BLE001,S112 - an unreadable stray object carries nothing we act on
            continue
    for obj in objects:
        for value in _values(obj):
            if not isinstance(value, DictionaryObject):
                continue
            for key, words in ACTIVE_KEYS.items():
                if key in value:
                    found.add(words)
            action = value.get("/S")
            if action in ACTIVE_ACTIONS:
                found.add(ACTIVE_ACTIONS[action])
            subtype = value.get("/Subtype")
            if subtype in ACTIVE_SUBTYPES:
                found.add(ACTIVE_SUBTYPES[subtype])
            if value.get("/Type") == "/EmbeddedFile":
                found.add("an embedded file")
    len(reader.pages)  # a PDF whose page tree cannot be read is not a document
    return sorted(found)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML.search(_STREAM.sub(b"", data)))


def validate_pdf(file: Any) -> None:
    size = getattr(file, "size", None)
    if size is not None and size > MAX_PDF_BYTES:
        raise ValidationError(
            f"The file is {_megabytes(size)}: choose a PDF of {_megabytes(MAX_PDF_BYTES)} or smaller.",
            code="too_large",
        )
    if size == 0:
        raise ValidationError("The file is empty: choose the Panel's report as a PDF.", code="empty")
    data = _read(file)
    if len(data) > MAX_PDF_BYTES:
        raise ValidationError(f"Choose a PDF of {_megabytes(MAX_PDF_BYTES)} or smaller.", code="too_large")
    if not data.startswith(PDF_MAGIC):
        raise ValidationError("The file must be a PDF. Save the report as a PDF and choose it again.", code="not_pdf")
    if looks_like_html(data):
        raise ValidationError(
            "The file is not a plain PDF: it also contains a web page. Save the report as a PDF again and choose it.",
            code="html",
        )
    try:
        found = active_content(data)
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of error for a broken file
        raise ValidationError(
            "The file cannot be opened as a PDF. Save the report as a PDF again and choose it.", code="unreadable"
        ) from None
    if "a password" in found:
        raise ValidationError(
            "The PDF is protected by a password. Save a copy without the password and choose it.", code="encrypted"
        )
    if found:
        raise ValidationError(
            f"The PDF contains {' and '.join(found)}, which pcplan does not accept. Save the report as a plain "
            "PDF (for example with Print to PDF) and choose it again.",
            code="active_content",
        )
