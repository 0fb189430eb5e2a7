"""Small real PDFs for the tests, made with pypdf: a plain one, and ones carrying what an
upload must not."""

import io

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def _bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def plain_pdf() -> bytes:
    """One blank A4 page: what the Panel's report looks like to the checks."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Report of the Avon and Somerset Police and Crime Panel"})
    return _bytes(writer)


def _with_open_action(action: str, key: str, value: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    opened = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject(action),
            NameObject(key): TextStringObject(value),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(opened)
    return _bytes(writer)


def pdf_with_javascript() -> bytes:
    """JavaScript run when the PDF is opened."""
    return _with_open_action("/JavaScript", "/JS", "app.alert('opened');")


def pdf_with_launch_action() -> bytes:
    """A program started when the PDF is opened."""
    return _with_open_action("/Launch", "/F", "cmd.exe")


def pdf_with_embedded_file() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("minutes.exe", b"MZ not really a program")
    return _bytes(writer)


def html_polyglot() -> bytes:
    """Starts like a PDF, reads as a web page to a browser that sniffs."""
    return b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"


def pdf_with_html_appended() -> bytes:
    """A real PDF with a web page after its end."""
    return plain_pdf() + b"\n<!DOCTYPE html><html><script>alert(1)</script></html>\n"
