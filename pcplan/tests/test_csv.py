"""The one CSV formula guard: a cell a spreadsheet would run as a formula is defused."""

import csv
import io

import pytest

from pcplan.csv import csv_lines, safe_cell


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+44 117", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe(text: str) -> None:
    assert safe_cell(text) == "'" + text


def test_other_cells_are_kept_as_they_are() -> None:
    assert safe_cell("Protect the most vulnerable from harm") == "Protect the most vulnerable from harm"
    assert safe_cell(None) == ""
    assert safe_cell(17.5) == "17.5"


def test_every_line_written_is_guarded() -> None:
    text = "".join(csv_lines([["Priority", "Note"], ["Visible policing", "=1+1"]]))
    assert list(csv.reader(io.StringIO(text))) == [["Priority", "Note"], ["Visible policing", "'=1+1"]]
