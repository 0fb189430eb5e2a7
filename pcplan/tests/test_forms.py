"""The form pieces every app shares."""

import datetime

import pytest
from django import forms

from pcplan.forms import DateInputField

HUGE = "9" * 20


class EventForm(forms.Form):
    held_on = DateInputField(label="Date")


def _posted(day: str, month: str, year: str) -> EventForm:
    return EventForm({"held_on_0": day, "held_on_1": month, "held_on_2": year})


def test_a_date_input_gives_the_date_typed() -> None:
    form = _posted("20", "6", "2016")
    assert form.is_valid()
    assert form.cleaned_data["held_on"] == datetime.date(2016, 6, 20)


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("30", "2", "2016"),
        ("1", "13", "2016"),
        ("1", "1", "0"),
        (HUGE, "1", "2016"),
        ("1", HUGE, "2016"),
        ("1", "1", HUGE),
    ],
)
def test_a_date_that_cannot_exist_is_refused_in_words(day: str, month: str, year: str) -> None:
    """Numbers too large for a date once made an OverflowError, a server error, and 30
    February said "day is out of range for month"."""
    form = _posted(day, month, year)
    assert not form.is_valid()
    assert form.errors["held_on"] == ["Enter a real date, for example 24 6 2016"]
