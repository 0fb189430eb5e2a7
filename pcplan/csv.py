"""CSV files pcplan hands out, written one way everywhere.

`safe_cell` is the formula-injection guard: a spreadsheet opening a CSV runs a cell that
starts with =, +, -, @ or a tab or carriage return as a formula, so such a cell gets an
apostrophe in front. Every CSV writer in pcplan (staff exports, open data, templates to
fill in) passes its cells through it; this is its one copy.
"""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(row: Iterable[Any]) -> list[str]:
    return [safe_cell(cell) for cell in row]


class _Echo:
    """A file-like object whose write() hands back the line: csv.writer into a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Each row as a line of CSV, every cell guarded, without building the file in memory."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(safe_row(row))


def csv_response(rows: Iterable[Iterable[Any]], filename: str, *, public: bool = False) -> StreamingHttpResponse:
    """A CSV download streamed row by row: the first bytes go before the last row is read."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300" if public else "no-store"
    return response
