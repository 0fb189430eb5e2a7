"""What an uploaded report attachment must be: a PDF, no bigger than 10 MB.

The check reads the file's first bytes, not its name or the type the browser claims, so
an HTML page renamed to report.pdf is refused (it would otherwise be stored, and a file
served back is only as safe as what was let in).
"""

from typing import Any

from django.core.exceptions import ValidationError

PDF_MAGIC = b"%PDF-"
MAX_PDF_BYTES = 10 * 1024 * 1024


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def validate_pdf(file: Any) -> None:
    size = getattr(file, "size", None)
    if size is not None and size > MAX_PDF_BYTES:
        raise ValidationError(
            f"The file is {_megabytes(size)}: choose a PDF of {_megabytes(MAX_PDF_BYTES)} or smaller.",
            code="too_large",
        )
    if size == 0:
        raise ValidationError("The file is empty: choose the Panel's report as a PDF.", code="empty")
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        head = file.read(len(PDF_MAGIC))
    finally:
        if position is not None:
            file.seek(position)
    if head != PDF_MAGIC:
        raise ValidationError("The file must be a PDF. Save the report as a PDF and choose it again.", code="not_pdf")
