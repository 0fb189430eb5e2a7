"""Reading a CSV file of quarterly readings, and writing the template to fill in.

A file is checked whole before anything is saved: every bad row is listed with each of
its problems, and one bad row refuses the file. The columns are `measure` (the measure's
reference), `quarter` ("2016-17 Q1" or its first day, "2016-04-01"), `value` ("12.5%" for a measure
in per cent, as Excel writes a percentage cell) and, optionally, `commentary` and `note`
(why a figure far from the measure's recent run is right: such a row needs one, see
performance/outliers.py) and `district`; any other column (the template's `measure_name`) is
ignored. Imported readings are drafts, signed off like any other. A row with a District (its
name, as the plan's Districts are named) is that District's figure; a row without one is the
force's.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from pcplan.csv import safe_cell
from plans.models import District, Plan

from .models import VALUE_DIGITS, Measure, quarter_problem
from .outliers import unusual_because
from .quarters import Quarter, QuarterError

REQUIRED_COLUMNS = ("measure", "quarter", "value")
TEMPLATE_COLUMNS = ("measure", "measure_name", "quarter", "value", "commentary", "note", "district")
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
    # None for the force's own reading.
    district: District | None = None


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
    districts: Iterable[District] = (),
    existing_district: Iterable[tuple[int, int, date]] = (),
    today: date | None = None,
) -> ParseResult:
    """Check every row. `measures` maps a lower-cased reference to the plan's measure;
    `existing` holds (measure id, quarter start, value) of readings already stored, and
    `existing_district` (measure id, District id, quarter start) of District readings;
    `districts` are the plan's area's Districts."""
    result = ParseResult()
    values: dict[tuple[int, date], Decimal] = {(m, q): v for m, q, v in existing}
    stored: set[tuple[int, date] | tuple[int, int, date]] = set(values)
    stored.update(existing_district)
    known = _DistrictNames(districts)
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
    index = {
        name: columns.index(name) for name in (*REQUIRED_COLUMNS, "commentary", "note", "district") if name in columns
    }
    seen: dict[tuple[int, date] | tuple[int, int, date], int] = {}
    line = 1
    try:
        for cells in reader:
            line += 1
            if not any(cell.strip() for cell in cells):
                continue
            if line > MAX_ROWS + 1:
                result.file_problem = f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files."
                return result
            _check_row(cells, line, index, plan, measures, known, stored, seen, today, result)
    except csv.Error as error:
        result.file_problem = f"Line {line + 1} of the file cannot be read as CSV ({error})."
        return result
    _check_unusual(result, values)
    return result


def _check_unusual(result: ParseResult, stored: dict[tuple[int, date], Decimal]) -> None:
    """A row far from its measure's run (the stored readings and the file's own earlier
    quarters) needs a note; such rows move from `rows` to `problems`. A District's figures
    are not judged against the force's run."""
    values = dict(stored)
    for row in result.rows:
        if row.district is None:
            values[(row.measure.pk, row.quarter.start)] = row.value
    by_measure: dict[int, list[tuple[date, Decimal]]] = {}
    for (measure_id, start), value in values.items():
        by_measure.setdefault(measure_id, []).append((start, value))
    for run in by_measure.values():
        run.sort()
    kept = []
    for row in result.rows:
        if row.district is not None:
            kept.append(row)
            continue
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
    districts: "_DistrictNames",
    stored: set[tuple[int, date] | tuple[int, int, date]],
    seen: dict[tuple[int, date] | tuple[int, int, date], int],
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
    district_text = _cell(cells, index, "district")
    district = districts.find(district_text) if district_text else None
    if district_text and district is None:
        problems.append(
            f"Line {line}: there is no District “{district_text}” in {plan.area.name}. "
            f"Use one of {districts.listed()}, or leave the District empty for the force's figure."
        )
        # The row is refused; its quarter is not also reported as a duplicate of the force's.
        quarter = None
    if measure is not None and quarter is not None:
        key: tuple[int, date] | tuple[int, int, date]
        key = (measure.pk, district.pk, quarter.start) if district else (measure.pk, quarter.start)
        whose = f"{measure.reference} in {district.name}" if district else measure.reference
        if key in stored:
            problems.append(
                f"{whose} already has a reading for {quarter.label}. Change it on the measure's page, "
                "or remove this row."
            )
        elif key in seen:
            problems.append(f"The file has another reading for {whose} in {quarter.label}, on line {seen[key]}.")
        else:
            seen[key] = line
    if problems:
        result.problems.append(RowProblem(line, reference, quarter_text, tuple(problems)))
    elif measure is not None and quarter is not None and value is not None:
        result.rows.append(
            ParsedRow(
                line,
                measure,
                quarter,
                value,
                _cell(cells, index, "commentary"),
                _cell(cells, index, "note"),
                district,
            )
        )


class _DistrictNames:
    """The area's Districts by name or slug, whatever the case and spacing."""

    def __init__(self, districts: Iterable[District]) -> None:
        self.districts = sorted(districts, key=lambda d: d.name)
        self.by_key: dict[str, District] = {}
        for district in self.districts:
            self.by_key[_key(district.name)] = district
            self.by_key[_key(district.slug)] = district

    def find(self, text: str) -> District | None:
        return self.by_key.get(_key(text))

    def listed(self) -> str:
        if not self.districts:
            return "no District (the area has none yet)"
        names = [d.name for d in self.districts]
        return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def _key(text: str) -> str:
    return " ".join(text.replace("-", " ").lower().split())


def template_csv(measures: Iterable[Measure], quarter: Quarter) -> str:
    """The file staff fill in: one row per measure for the quarter, value left empty."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TEMPLATE_COLUMNS)
    for measure in measures:
        writer.writerow([measure.reference, safe_cell(measure.name), quarter.label, "", "", "", ""])
    return out.getvalue()
