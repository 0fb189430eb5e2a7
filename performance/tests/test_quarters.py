"""Financial-year quarters: what people type, and what the database stores."""

import datetime

import pytest

from performance.quarters import Quarter, QuarterError, quarters_overlapping


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-17 Q1", Quarter(2016, 1)),
        ("2016/17 q4", Quarter(2016, 4)),
        (" Q2 2019-20 ", Quarter(2019, 2)),
        ("2016-2017 Q3", Quarter(2016, 3)),
        ("2017-01-01", Quarter(2016, 4)),
        ("2016-04-01", Quarter(2016, 1)),
        ("1999-00 Q2", Quarter(1999, 2)),
    ],
)
def test_quarters_are_read_as_labels_or_first_days(text: str, expected: Quarter) -> None:
    assert Quarter.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter the quarter"),
        ("2016-18 Q1", "second year must follow the first"),
        ("2016-17 Q5", "is not a quarter"),
        ("2016-04-15", "not the first day of a quarter"),
        ("2016-02-30", "not a real date"),
        ("spring 2016", "is not a quarter"),
    ],
)
def test_text_that_is_not_a_quarter_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(QuarterError, match=message):
        Quarter.parse(text)


def test_a_quarter_knows_its_days_and_names() -> None:
    q = Quarter(2016, 4)
    assert (q.start, q.end) == (datetime.date(2017, 1, 1), datetime.date(2017, 3, 31))
    assert q.label == "2016-17 Q4"
    assert q.long_label == "2016-17 Q4 (January to March 2017)"
    assert q.next() == Quarter(2017, 1)
    assert Quarter(2016, 1).end == datetime.date(2016, 6, 30)
    assert Quarter.containing(datetime.date(2016, 5, 5)) == Quarter(2016, 1)
    assert Quarter.containing(datetime.date(2021, 3, 31)) == Quarter(2020, 4)


def test_a_plan_period_covers_every_quarter_it_touches() -> None:
    quarters = quarters_overlapping(datetime.date(2016, 5, 5), datetime.date(2021, 3, 31))
    assert quarters[0].label == "2016-17 Q1"
    assert quarters[-1].label == "2020-21 Q4"
    assert len(quarters) == 20
