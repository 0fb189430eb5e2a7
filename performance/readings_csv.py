"""Reading a CSV file of quarterly readings, and writing the template to fill in.

A file is checked whole before anything is saved: every bad row is listed with each of
its problems, and one bad row refuses the file. The columns are `measure` (the measure's
reference), `quarter` ("2016-17 Q1" or its first day, "2016-04-01"), `value` ("12.5%" for a measure
in per cent, as Excel writes a percentage cell) and, optionally, `commentary` and `note`
(why a figure far from the measure's recent run is right: such a row needs one, see
performance/outliers.py); any other column (the template's `measure_name`) is ignored.
Imported readings are drafts, signed off like any other.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from pcplan.csv import safe_cell
from plans.models import Plan

from .models import VALUE_DIGITS, Measure, quarter_problem
from .outliers import unusual_because
from .quarters import Quarter, QuarterError

REQUIRED_COLUMNS = ("measure", "quarter", "value")
TEMPLATE_COLUMNS = ("measure", "measure_name", "quarter", "value", "commentary", "note")
MAX_ROWS = 50_000
# Rows listed on the page when a file is refused; the rest are counted.
MAX_LISTED_PROBLEMS = 200


@dataclass(frozen=True)
class RowProblem:
    # The line of the file, counting the header as line 1, as a spreadsheet shows it.
    line: int
    measure: str
    quarter: str
    problems: tuple[str, ...]


@dataclass
class ParsedRow:
    line: int
    measure: Measure
    quarter: Quarter
    value: Decimal
    commentary: str
    note: str = ""


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    # A problem with the file as a whole (not a CSV file, no header, too long).
    file_problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and not self.file_problem


def decode(data: bytes) -> str:
    """UTF-8 (with or without Excel's byte order mark); failing that, Windows-1252, which
    Excel's plain "CSV" format writes in the UK."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def is_percent(unit: str) -> bool:
    return unit.strip() in ("%", "per cent", "percent")


def parse_value(text: str, *, percent: bool = False) -> tuple[Decimal | None, str]:
    """A number, allowing thousands separators and, for a measure in per cent, a trailing
    % sign ("12.5%" is 12.5, not 0.125); or a message saying what is wrong."""
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        return None, "The value is empty: enter a number, or remove the row."
    if cleaned.endswith("%"):
        if not percent:
            return None, f"“{text.strip()}” is a percentage, but this measure is not counted in per cent."
        cleaned = cleaned[:-1].strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None, f"“{text.strip()}” is not a number: enter the value as a number, for example 62.4."
    if not value.is_finite():
        return None, f"“{text.strip()}” is not a number: enter the value as a number, for example 62.4."
    places = VALUE_DIGITS["decimal_places"]
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        return None, f"“{text.strip()}” has more than {places} decimal places."
    if abs(value) >= Decimal(10) ** (VALUE_DIGITS["max_digits"] - places):
        return None, f"“{text.strip()}” is too large for a reading."
    return value, ""


def parse(
    text: str,
    *,
    plan: Plan,
    measures: dict[str, Measure],
    existing: Iterable[tuple[int, date, Decimal]],
    today: date | None = None,
) -> ParseResult:
    """Check every row. `measures` maps a lower-cased reference to the plan's measure;
    `existing` holds (measure id, quarter start, value) of readings already stored."""
    result = ParseResult()
    values: dict[tuple[int, date], Decimal] = {(m, q): v for m, q, v in existing}
    stored = set(values)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        result.file_problem = "The file is empty. Download the template, fill it in and upload it."
        return result
    except csv.Error:
        result.file_problem = "The file is not a CSV file. Save the spreadsheet as CSV (UTF-8) and upload it again."
        return result
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        result.file_problem = (
            "The first row of the file must name the columns measure, quarter and value "
            f"(missing: {', '.join(missing)}). Is it a CSV file? Download the template to see the layout."
        )
        return result
    index = {name: columns.index(name) for name in (*REQUIRED_COLUMNS, "commentary", "note") if name in columns}
    seen: dict[tuple[int, date], int] = {}
    line = 1
    try:
        for cells in reader:
            line += 1
            if not any(cell.strip() for cell in cells):
                continue
            if line > MAX_ROWS + 1:
                result.file_problem = f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files."
                return result
            _check_row(cells, line, index, plan, measures, stored, seen, today, result)
    except csv.Error as error:
        result.file_problem = f"Line {line + 1} of the file cannot be read as CSV ({error})."
        return result
    _check_unusual(result, values)
    return result


def _check_unusual(result: ParseResult, stored: dict[tuple[int, date], Decimal]) -> None:
    """A row far from its measure's run (the stored readings and the file's own earlier
    quarters) needs a note; such rows move from `rows` to `problems`."""
    values = dict(stored)
    for row in result.rows:
        values[(row.measure.pk, row.quarter.start)] = row.value
    by_measure: dict[int, list[tuple[date, Decimal]]] = {}
    for (measure_id, start), value in values.items():
        by_measure.setdefault(measure_id, []).append((start, value))
    for run in by_measure.values():
        run.sort()
    kept = []
    for row in result.rows:
        earlier = [v for start, v in by_measure[row.measure.pk] if start < row.quarter.start]
        why = unusual_because(
            value=row.value, earlier=earlier, baseline=row.measure.baseline_value, unit=row.measure.unit
        )
        if why and not row.note:
            result.problems.append(
                RowProblem(
                    row.line,
                    row.measure.reference,
                    row.quarter.label,
                    (f"{why} Check the figure, and say why it is right in the note column.",),
                )
            )
        else:
            kept.append(row)
    result.rows = kept
    result.problems.sort(key=lambda problem: problem.line)


def _cell(cells: list[str], index: dict[str, int], name: str) -> str:
    position = index.get(name)
    if position is None or position >= len(cells):
        return ""
    return cells[position].strip()


def _check_row(
    cells: list[str],
    line: int,
    index: dict[str, int],
    plan: Plan,
    measures: dict[str, Measure],
    stored: set[tuple[int, date]],
    seen: dict[tuple[int, date], int],
    today: date | None,
    result: ParseResult,
) -> None:
    reference = _cell(cells, index, "measure")
    quarter_text = _cell(cells, index, "quarter")
    problems = []
    measure = measures.get(reference.lower()) if reference else None
    if not reference:
        problems.append("The measure is empty: enter the measure's reference, for example M01.")
    elif measure is None:
        problems.append(f"There is no measure “{reference}” in this plan. Check the reference against the template.")
    quarter = None
    try:
        quarter = Quarter.parse(quarter_text)
    except QuarterError as error:
        problems.append(str(error))
    if quarter is not None:
        problem = quarter_problem(quarter, plan, today=today)
        if problem:
            problems.append(problem)
            quarter = None
    value, value_problem = parse_value(
        _cell(cells, index, "value"), percent=measure is not None and is_percent(measure.unit)
    )
    if value_problem:
        problems.append(value_problem)
    if measure is not None and quarter is not None:
        key = (measure.pk, quarter.start)
        if key in stored:
            problems.append(
                f"{measure.reference} already has a reading for {quarter.label}. Change it on the measure's page, "
                "or remove this row."
            )
        elif key in seen:
            problems.append(
                f"The file has another reading for {measure.reference} in {quarter.label}, on line {seen[key]}."
            )
        else:
            seen[key] = line
    if problems:
        result.problems.append(RowProblem(line, reference, quarter_text, tuple(problems)))
    elif measure is not None and quarter is not None and value is not None:
        result.rows.append(
            ParsedRow(line, measure, quarter, value, _cell(cells, index, "commentary"), _cell(cells, index, "note"))
        )


def template_csv(measures: Iterable[Measure], quarter: Quarter) -> str:
    """The file staff fill in: one row per measure for the quarter, value left empty."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TEMPLATE_COLUMNS)
    for measure in measures:
        writer.writerow([measure.reference, safe_cell(measure.name), quarter.label, "", "", ""])
    return out.getvalue()
