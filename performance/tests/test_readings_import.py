"""Importing readings from CSV: all of a good file, none of a bad one, every bad row listed."""

import datetime
from decimal import Decimal
from typing import Any

import pytest

from performance.models import Reading
from performance.quarters import Quarter
from performance.readings_csv import template_csv
from performance.services import ReadingsImportError, readings_import
from performance.tests.factories import MeasureFactory, readings


@pytest.fixture
def measures(plan: Any) -> list[Any]:
    return [
        MeasureFactory(plan=plan, reference="M01", name="Number of crimes per 1000 population"),
        MeasureFactory(
            plan=plan,
            reference="M02",
            name="Number of officers",
            unit="officers",
            polarity="higher",
            baseline_value=Decimal("2744"),
        ),
    ]


def _import(plan: Any, text: str, **kwargs: Any) -> Any:
    return readings_import(plan=plan, data=text.encode("utf-8"), by=None, **kwargs)


def _refused(plan: Any, text: str) -> Any:
    before = Reading.objects.count()
    with pytest.raises(ReadingsImportError) as error:
        _import(plan, text)
    assert Reading.objects.count() == before, "a refused file must import nothing"
    return error.value.result


def test_a_good_file_is_imported_whole(plan: Any, measures: list[Any], role_users: dict[str, Any]) -> None:
    text = (
        "measure,measure_name,quarter,value,commentary\n"
        "M01,Number of crimes per 1000 population,2016-17 Q1,65.3,Better recording\n"
        'm02,Number of officers,2016-04-01,"2,731",\n'
        "M01,,2016/17 Q2,66,\n"
    )
    summary = readings_import(plan=plan, data=text.encode(), by=role_users["staff"])
    assert (summary.created, summary.quarters, summary.measures) == (3, ("2016-17 Q1", "2016-17 Q2"), 2)
    officers = Reading.objects.get(measure=measures[1])
    assert (officers.value, officers.quarter_start) == (Decimal(2731), datetime.date(2016, 4, 1))
    assert Reading.objects.get(measure=measures[0], quarter_start="2016-04-01").commentary == "Better recording"
    assert Reading.history.count() == 3
    assert Reading.history.first().history_user == role_users["staff"]


def test_a_file_with_bad_rows_is_refused_whole_listing_each_row_and_why(plan: Any, measures: list[Any]) -> None:
    readings(measures[1], ["2731"])  # M02 already has 2016-17 Q1
    result = _refused(
        plan,
        "measure,quarter,value\n"
        "M01,2016-17 Q1,65.3\n"  # line 2: fine
        "M01,2016-17 Q2,sixty\n"  # line 3: not a number
        "M01,2014-15 Q4,60\n"  # line 4: before the plan
        "M02,2016-17 Q1,2700\n"  # line 5: already stored
        "M01,2016-17 Q1,65.0\n"  # line 6: twice in the file
        "M99,2016-17 Q1,1\n"  # line 7: no such measure
        "M01,spring,\n",  # line 8: two problems
    )
    by_line = {p.line: p.problems for p in result.problems}
    assert sorted(by_line) == [3, 4, 5, 6, 7, 8]
    assert "“sixty” is not a number" in by_line[3][0]
    assert "outside the plan's period" in by_line[4][0]
    assert "M02 already has a reading for 2016-17 Q1" in by_line[5][0]
    assert "another reading for M01 in 2016-17 Q1, on line 2" in by_line[6][0]
    assert "no measure “M99” in this plan" in by_line[7][0]
    assert len(by_line[8]) == 2 and "is not a quarter" in by_line[8][0] and "value is empty" in by_line[8][1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("name,amount\nM01,3\n", "must name the columns measure, quarter and value (missing: measure, quarter, value)"),
        ("measure,quarter,value\n", "no readings in it"),
        ("measure,quarter,value\n\n,,\n", "no readings in it"),
    ],
)
def test_a_file_that_is_not_a_readings_file_says_so(plan: Any, measures: list[Any], text: str, message: str) -> None:
    result = _refused(plan, text)
    assert message in result.file_problem


def test_a_spreadsheet_uploaded_by_mistake_is_refused_not_crashed_on(plan: Any, measures: list[Any]) -> None:
    with pytest.raises(ReadingsImportError) as error:
        readings_import(plan=plan, data=b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe", by=None)
    assert "Is it a CSV file?" in error.value.result.file_problem


def test_excel_csv_in_windows_1252_with_a_byte_order_mark_or_not_is_read(plan: Any, measures: list[Any]) -> None:
    text = "measure,quarter,value,commentary\r\nM01,2016-17 Q1,65.3,Cost £1.2m – see report\r\n"
    _import(plan, "\ufeff" + text)
    Reading.objects.all().delete()
    readings_import(plan=plan, data=text.encode("cp1252"), by=None)
    assert Reading.objects.get().commentary == "Cost £1.2m – see report"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("NaN", "is not a number"),
        ("1e400", "too large"),
        ("1.23456", "more than 4 decimal places"),
        ("12%", "is a percentage, but this measure is not counted in per cent"),
    ],
)
def test_values_a_reading_cannot_hold_are_refused(plan: Any, measures: list[Any], value: str, message: str) -> None:
    result = _refused(plan, f"measure,quarter,value\nM01,2016-17 Q1,{value}\n")
    assert message in result.problems[0].problems[0]


def test_a_quarter_not_yet_started_is_refused(plan: Any, measures: list[Any]) -> None:
    with pytest.raises(ReadingsImportError) as error:
        _import(plan, "measure,quarter,value\nM01,2017-18 Q1,60\n", today=datetime.date(2017, 3, 1))
    assert "has not started yet" in error.value.result.problems[0].problems[0]


def test_the_template_lists_every_measure_for_the_quarter_and_imports_once_filled(
    plan: Any, measures: list[Any]
) -> None:
    template = template_csv(plan.measures.order_by("reference"), Quarter(2016, 3))
    lines = template.splitlines()
    assert lines[0] == "measure,measure_name,quarter,value,commentary,note,district"
    assert lines[1] == "M01,Number of crimes per 1000 population,2016-17 Q3,,,,"
    filled = template.replace("2016-17 Q3,,", "2016-17 Q3,42,", 1).replace("2016-17 Q3,,", "2016-17 Q3,2700,", 1)
    assert _import(plan, filled).created == 2


def test_a_measure_name_that_looks_like_a_formula_is_defused_in_the_template(plan: Any) -> None:
    MeasureFactory(plan=plan, reference="M01", name='=HYPERLINK("http://example.com")')
    assert "'=HYPERLINK" in template_csv(plan.measures.all(), Quarter(2016, 1))
