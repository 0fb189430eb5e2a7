"""Whether a new reading is far from its measure's recent run, so that whoever enters it
says why before it is saved, and whoever signs it off sees that note.

A pure function, shared by the reading form and the CSV import. The run is the measure's
last eight readings before the quarter (or, with none yet, its baseline). A reading is
unusual when it lies more than three median absolute deviations from the run's median
(with three readings or more to judge a spread from), or when it changes by more than
half from the reading before it (from the baseline, for a measure's first reading).
"""

from collections.abc import Sequence
from decimal import Decimal
from statistics import median

from .status import format_number

RUN_LENGTH = 8
MAD_LIMIT = Decimal(3)
CHANGE_LIMIT = Decimal("0.5")
# A spread judged from fewer readings than this says nothing.
MIN_RUN_FOR_SPREAD = 3


def unusual_because(*, value: Decimal, earlier: Sequence[Decimal], baseline: Decimal | None, unit: str) -> str:
    """Why `value` is far from the run (`earlier`: the measure's readings before this
    quarter, oldest first), in words for the person entering it; "" when it is not."""
    run = list(earlier)[-RUN_LENGTH:]
    if run:
        previous, what = run[-1], "the quarter before"
    elif baseline is not None:
        previous, what = baseline, "the baseline"
    else:
        return ""
    if previous != 0:
        change = (value - previous) / abs(previous)
        if abs(change) > CHANGE_LIMIT:
            direction = "up" if change > 0 else "down"
            percent = format_number((abs(change) * 100).quantize(Decimal("0.1")))
            return (
                f"This is {direction} {percent}% on {what} ({_shown(previous, unit)}), a change of more than "
                f"{format_number(CHANGE_LIMIT * 100)}%."
            )
    if len(run) >= MIN_RUN_FOR_SPREAD:
        middle = Decimal(median(run))
        spread = Decimal(median(abs(v - middle) for v in run))
        if spread > 0 and abs(value - middle) > MAD_LIMIT * spread:
            return (
                f"This is far from the last {len(run)} readings (their median is {_shown(middle, unit)}, and this is "
                f"more than {format_number(MAD_LIMIT)} times their usual distance from it)."
            )
    return ""


def _shown(value: Decimal, unit: str) -> str:
    from .status import format_value

    return format_value(value.quantize(Decimal("0.01")).normalize(), unit)
