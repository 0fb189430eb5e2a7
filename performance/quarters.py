"""Financial-year quarters, the period every reading is for.

OPCCs and forces report by financial year (1 April to 31 March), so a reading is for a
quarter such as "2016-17 Q1" (April to June 2016). The database stores the first day of
the quarter; people read and type the label. A CSV file may give either.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
QUARTER_START_MONTHS = (4, 7, 10, 1)

_LABEL = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*Q([1-4])\s*$", re.IGNORECASE)
_LABEL_QUARTER_FIRST = re.compile(r"^\s*Q([1-4])\s+(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


class QuarterError(ValueError):
    """Text that is not a quarter; the message is written for the person who typed it."""


@dataclass(frozen=True, order=True)
class Quarter:
    # The calendar year in which the financial year starts: 2016 for 2016-17.
    year: int
    # 1 is April to June, 4 is January to March.
    number: int

    def __post_init__(self) -> None:
        if self.number not in (1, 2, 3, 4):
            raise QuarterError("A quarter is numbered 1 to 4.")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d} Q{self.number}"

    @property
    def start(self) -> date:
        month = QUARTER_START_MONTHS[self.number - 1]
        return date(self.year + 1 if month == 1 else self.year, month, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @property
    def months(self) -> str:
        """ "April to June 2016", for hints and long labels."""
        first = MONTH_NAMES[self.start.month - 1]
        last = MONTH_NAMES[self.end.month - 1]
        return f"{first} to {last} {self.end.year}"

    @property
    def long_label(self) -> str:
        return f"{self.label} ({self.months})"

    def next(self) -> "Quarter":
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def overlaps(self, starts_on: date, ends_on: date) -> bool:
        return self.start <= ends_on and self.end >= starts_on

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @classmethod
    def from_start(cls, day: date) -> "Quarter":
        quarter = cls.containing(day)
        if quarter.start != day:
            raise QuarterError(
                f"{day.isoformat()} is not the first day of a quarter: quarters start on 1 April, "
                "1 July, 1 October and 1 January."
            )
        return quarter

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """Read "2016-17 Q1", "2016/17 Q1", "Q1 2016-17" or the quarter's first day,
        "2016-04-01"."""
        text = (text or "").strip()
        if not text:
            raise QuarterError("Enter the quarter, for example 2016-17 Q1.")
        match = _LABEL.match(text)
        if match:
            first, second, number = match.groups()
        else:
            match = _LABEL_QUARTER_FIRST.match(text)
            if match:
                number, first, second = match.groups()
        if match:
            year = int(first)
            follows = int(second) == (year + 1) % 100 if len(second) == 2 else int(second) == year + 1
            if not follows:
                raise QuarterError(f"“{text}” is not a financial year: the second year must follow the first.")
            return cls(year, int(number))
        iso = _ISO_DATE.match(text)
        if iso:
            try:
                day = date(*(int(part) for part in iso.groups()))
            except ValueError:
                raise QuarterError(f"“{text}” is not a real date.") from None
            return cls.from_start(day)
        raise QuarterError(f"“{text}” is not a quarter: write it like 2016-17 Q1, or as its first day, 2016-04-01.")


def quarters_overlapping(starts_on: date, ends_on: date) -> list[Quarter]:
    """Every quarter with at least one day in the period, in order."""
    quarters = []
    quarter = Quarter.containing(starts_on)
    while quarter.start <= ends_on:
        quarters.append(quarter)
        quarter = quarter.next()
    return quarters
