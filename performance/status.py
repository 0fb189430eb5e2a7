"""How a measure is doing: on track, some concern or off track, worked out from its latest
reading, its baseline, which way is better, its direction tier and the tier's threshold.

Nobody types a status. `assess` is a pure function (no database), so every page, the
quarterly review snapshot, the public data files and the PDF all agree. The rules follow
the three-tier framework of the Devon and Cornwall plan refresh (seed 002): the tier says
what is expected, the threshold says by how much. See docs/decisions/0009-performance-status.md.

Change is measured in per cent of the baseline and signed so that positive is better:
for "lower is better" a fall from 100 to 95 is +5%.

- Maintain current good performance, threshold X (a tolerance, 0 to 10): on track while
  no more than X% worse than the baseline; some concern up to 2X% worse; off track beyond.
- Improvement expected, threshold Y (more than 0, less than 10), and transformation
  required, threshold Z (10 or more): on track when at least the threshold better; some
  concern when better than the baseline but short of it; off track when no better.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models

# An improvement of this many per cent or more is a transformation, not an improvement.
TRANSFORMATION_FROM = Decimal(10)
# Letting performance fall by more than this is not "maintaining" it.
MAINTAIN_TOLERANCE_MAX = Decimal(10)
HUNDRED = Decimal(100)


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Direction(models.TextChoices):
    """The three tiers of seed 002's performance framework."""

    MAINTAIN = "maintain", "Maintain current good performance"
    IMPROVE = "improve", "Improvement expected"
    TRANSFORM = "transform", "Transformation required"


class Status(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    SOME_CONCERN = "some_concern", "Some concern"
    OFF_TRACK = "off_track", "Off track"
    NO_READINGS = "no_readings", "No readings yet"
    NO_BASELINE = "no_baseline", "No baseline yet"


STATUS_CSS = {
    Status.ON_TRACK: "app-status--on-track",
    Status.SOME_CONCERN: "app-status--some-concern",
    Status.OFF_TRACK: "app-status--off-track",
    Status.NO_READINGS: "govuk-tag--grey",
    Status.NO_BASELINE: "govuk-tag--grey",
}


@dataclass(frozen=True)
class Assessment:
    status: Status
    # Per cent of the baseline, positive when better; None when it cannot be worked out.
    change_percent: Decimal | None
    # One sentence saying why, for the page and for screen readers.
    explanation: str

    @property
    def label(self) -> str:
        return self.status.label

    @property
    def css_class(self) -> str:
        return STATUS_CSS[self.status]

    @property
    def is_assessed(self) -> bool:
        return self.status in (Status.ON_TRACK, Status.SOME_CONCERN, Status.OFF_TRACK)


def threshold_problem(*, direction: str, polarity: str, threshold: Decimal | None) -> str | None:
    """Why a threshold contradicts its tier, in words for the person setting it; None if
    it fits."""
    if threshold is None:
        return "Enter the threshold for this direction, as a percentage of the baseline."
    if direction == Direction.MAINTAIN:
        if threshold < 0:
            return (
                "For ‘maintain current good performance’, enter how far performance may fall below the "
                "baseline, 0% or more. To require an improvement, choose ‘improvement expected’."
            )
        if threshold > MAINTAIN_TOLERANCE_MAX:
            return (
                f"Enter a tolerance of {MAINTAIN_TOLERANCE_MAX}% or less: letting performance fall further "
                "is not maintaining current good performance."
            )
        return None
    if threshold <= 0:
        return (
            "An improvement must be more than 0% better than the baseline. To hold performance where it is, "
            "choose ‘maintain current good performance’."
        )
    if direction == Direction.IMPROVE and threshold >= TRANSFORMATION_FROM:
        return (
            f"An improvement of {TRANSFORMATION_FROM}% or more is a transformation: choose ‘transformation "
            f"required’, or enter less than {TRANSFORMATION_FROM}%."
        )
    if direction == Direction.TRANSFORM and threshold < TRANSFORMATION_FROM:
        return (
            f"A transformation means at least {TRANSFORMATION_FROM}% better than the baseline. For a smaller "
            "change, choose ‘improvement expected’."
        )
    if polarity == Polarity.LOWER and threshold > HUNDRED:
        return "When lower is better, a measure cannot fall by more than 100% (that would take it below zero)."
    return None


def change_percent(*, polarity: str, baseline: Decimal, value: Decimal) -> Decimal:
    """Per cent of the baseline, positive when better. A zero baseline has no percentages:
    any move is then treated as infinitely better or worse."""
    better_by = value - baseline if polarity == Polarity.HIGHER else baseline - value
    if baseline == 0:
        if better_by == 0:
            return Decimal(0)
        return Decimal("Infinity") if better_by > 0 else Decimal("-Infinity")
    return better_by / abs(baseline) * HUNDRED


def target_value(*, direction: str, polarity: str, baseline: Decimal, threshold: Decimal) -> Decimal:
    """The reading that is just on track: baseline moved by the threshold, in the tier's way."""
    required = -threshold if direction == Direction.MAINTAIN else threshold
    step = abs(baseline) * required / HUNDRED
    return baseline + step if polarity == Polarity.HIGHER else baseline - step


def describe_target(*, direction: str, polarity: str, threshold: Decimal | None) -> str:
    """ "No more than 5% worse than the baseline", "At least 3% better than the baseline"."""
    if threshold is None:
        return ""
    if direction == Direction.MAINTAIN:
        if threshold == 0:
            return "No worse than the baseline"
        return f"No more than {format_number(threshold)}% worse than the baseline"
    return f"At least {format_number(threshold)}% better than the baseline"


def assess(
    *,
    polarity: str,
    direction: str,
    threshold: Decimal | None,
    baseline: Decimal | None,
    value: Decimal | None,
) -> Assessment:
    if value is None:
        return Assessment(Status.NO_READINGS, None, "No reading has been recorded yet.")
    if baseline is None or threshold is None:
        return Assessment(Status.NO_BASELINE, None, "No baseline has been set, so progress cannot be judged yet.")
    change = change_percent(polarity=polarity, baseline=baseline, value=value)
    where = _describe_change(change)
    target = describe_target(direction=direction, polarity=polarity, threshold=threshold).lower()
    if direction == Direction.MAINTAIN:
        if change >= -threshold:
            status = Status.ON_TRACK
        elif threshold > 0 and change >= -2 * threshold:
            status = Status.SOME_CONCERN
        else:
            status = Status.OFF_TRACK
    elif change >= threshold:
        status = Status.ON_TRACK
    elif change > 0:
        status = Status.SOME_CONCERN
    else:
        status = Status.OFF_TRACK
    finite = change if change.is_finite() else None
    return Assessment(status, finite, f"{where}; expected: {target}.")


def _describe_change(change: Decimal) -> str:
    if not change.is_finite():
        return "Better than the zero baseline" if change > 0 else "Worse than the zero baseline"
    rounded = change.quantize(Decimal("0.1"))
    if rounded == 0:
        return "The same as the baseline"
    return f"{format_number(abs(rounded))}% {'better' if rounded > 0 else 'worse'} than the baseline"


def format_number(value: Decimal | int | float | None) -> str:
    """2744 -> "2,744"; 62.4000 -> "62.4"; None -> ""."""
    if value is None:
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_value(value: Decimal | None, unit: str) -> str:
    """A reading with its unit: "91.2%", "2,744 officers"."""
    if value is None:
        return ""
    number = format_number(value)
    if unit.strip() == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()
