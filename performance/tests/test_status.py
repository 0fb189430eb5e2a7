"""The status of a measure is worked out, never typed: each tier, each polarity, and the
cases with nothing to judge."""

from decimal import Decimal as D

import pytest

from performance.status import (
    Direction,
    Polarity,
    Status,
    assess,
    describe_target,
    format_number,
    format_value,
    target_value,
    threshold_problem,
)

HIGHER, LOWER = Polarity.HIGHER, Polarity.LOWER
MAINTAIN, IMPROVE, TRANSFORM = Direction.MAINTAIN, Direction.IMPROVE, Direction.TRANSFORM


def status(polarity: str, direction: str, threshold: str, baseline: str, value: str) -> Status:
    return assess(
        polarity=polarity, direction=direction, threshold=D(threshold), baseline=D(baseline), value=D(value)
    ).status


@pytest.mark.parametrize(
    ("polarity", "value", "expected"),
    [
        # Number of officers, baseline 2,750, may fall by 2% (to 2,695); 4% is the limit of concern.
        (HIGHER, "2800", Status.ON_TRACK),
        (HIGHER, "2750", Status.ON_TRACK),
        (HIGHER, "2695", Status.ON_TRACK),
        (HIGHER, "2694", Status.SOME_CONCERN),
        (HIGHER, "2640", Status.SOME_CONCERN),
        (HIGHER, "2639", Status.OFF_TRACK),
        # Serious acquisitive offences, baseline 2,750, lower is better: rising is worse.
        (LOWER, "2700", Status.ON_TRACK),
        (LOWER, "2805", Status.ON_TRACK),
        (LOWER, "2806", Status.SOME_CONCERN),
        (LOWER, "2860", Status.SOME_CONCERN),
        (LOWER, "2861", Status.OFF_TRACK),
    ],
)
def test_maintain_tolerates_a_fall_up_to_its_threshold(polarity: str, value: str, expected: Status) -> None:
    assert status(polarity, MAINTAIN, "2", "2750", value) == expected


def test_maintain_with_no_tolerance_is_off_track_at_any_fall() -> None:
    assert status(HIGHER, MAINTAIN, "0", "91", "91") == Status.ON_TRACK
    assert status(HIGHER, MAINTAIN, "0", "91", "90.9") == Status.OFF_TRACK


@pytest.mark.parametrize("direction", [IMPROVE, TRANSFORM])
@pytest.mark.parametrize(
    ("polarity", "value", "expected"),
    [
        # Baseline 200, threshold 12%: higher is better needs 224 or more.
        (HIGHER, "230", Status.ON_TRACK),
        (HIGHER, "224", Status.ON_TRACK),
        (HIGHER, "210", Status.SOME_CONCERN),
        (HIGHER, "200", Status.OFF_TRACK),
        (HIGHER, "190", Status.OFF_TRACK),
        # Lower is better needs 176 or less.
        (LOWER, "150", Status.ON_TRACK),
        (LOWER, "176", Status.ON_TRACK),
        (LOWER, "190", Status.SOME_CONCERN),
        (LOWER, "200", Status.OFF_TRACK),
        (LOWER, "230", Status.OFF_TRACK),
    ],
)
def test_improvement_and_transformation_need_the_threshold_better(
    direction: str, polarity: str, value: str, expected: Status
) -> None:
    assert status(polarity, direction, "12", "200", value) == expected


def test_the_same_reading_is_judged_more_strictly_under_a_higher_tier() -> None:
    # Violence offences 7% down on a baseline of 6,900.
    assert status(LOWER, MAINTAIN, "5", "6900", "6417") == Status.ON_TRACK
    assert status(LOWER, IMPROVE, "5", "6900", "6417") == Status.ON_TRACK
    assert status(LOWER, TRANSFORM, "15", "6900", "6417") == Status.SOME_CONCERN


def test_no_readings_and_no_baseline_are_not_judged() -> None:
    none_yet = assess(polarity=HIGHER, direction=IMPROVE, threshold=D(5), baseline=D(100), value=None)
    assert none_yet.status == Status.NO_READINGS
    assert none_yet.label == "No readings yet"
    assert not none_yet.is_assessed
    no_baseline = assess(polarity=HIGHER, direction=IMPROVE, threshold=D(5), baseline=None, value=D(100))
    assert no_baseline.status == Status.NO_BASELINE
    assert "No baseline" in no_baseline.explanation
    assert no_baseline.change_percent is None


def test_a_zero_baseline_is_judged_by_which_way_it_moved() -> None:
    assert status(LOWER, IMPROVE, "5", "0", "0") == Status.OFF_TRACK
    assert status(LOWER, MAINTAIN, "5", "0", "0") == Status.ON_TRACK
    assert status(LOWER, MAINTAIN, "5", "0", "2") == Status.OFF_TRACK
    assert status(HIGHER, IMPROVE, "5", "0", "1") == Status.ON_TRACK


def test_the_explanation_says_how_far_from_the_baseline_and_what_is_expected() -> None:
    result = assess(polarity=LOWER, direction=IMPROVE, threshold=D(3), baseline=D("64.8"), value=D("66.1"))
    assert result.status == Status.OFF_TRACK
    assert result.change_percent is not None and result.change_percent < 0
    assert result.explanation == "2% worse than the baseline; expected: at least 3% better than the baseline."
    assert result.css_class == "app-status--off-track"


@pytest.mark.parametrize(
    ("direction", "polarity", "threshold", "fragment"),
    [
        (MAINTAIN, HIGHER, "-1", "0% or more"),
        (MAINTAIN, HIGHER, "10.5", "10% or less"),
        (IMPROVE, HIGHER, "0", "more than 0% better"),
        (IMPROVE, LOWER, "-3", "more than 0% better"),
        (IMPROVE, HIGHER, "10", "is a transformation"),
        (TRANSFORM, HIGHER, "9.99", "at least 10% better"),
        (TRANSFORM, LOWER, "0", "more than 0% better"),
        (TRANSFORM, LOWER, "120", "more than 100%"),
        (IMPROVE, HIGHER, None, "Enter the threshold"),
    ],
)
def test_a_threshold_that_contradicts_its_tier_is_refused(
    direction: str, polarity: str, threshold: str | None, fragment: str
) -> None:
    problem = threshold_problem(
        direction=direction, polarity=polarity, threshold=None if threshold is None else D(threshold)
    )
    assert problem is not None and fragment in problem


@pytest.mark.parametrize(
    ("direction", "polarity", "threshold"),
    [
        (MAINTAIN, HIGHER, "0"),
        (MAINTAIN, LOWER, "10"),
        (IMPROVE, LOWER, "0.5"),
        (IMPROVE, HIGHER, "9.99"),
        (TRANSFORM, LOWER, "10"),
        (TRANSFORM, HIGHER, "150"),
    ],
)
def test_thresholds_that_fit_their_tier_are_accepted(direction: str, polarity: str, threshold: str) -> None:
    assert threshold_problem(direction=direction, polarity=polarity, threshold=D(threshold)) is None


def test_the_target_value_is_the_baseline_moved_by_the_threshold() -> None:
    assert target_value(direction=IMPROVE, polarity=LOWER, baseline=D(200), threshold=D(12)) == D(176)
    assert target_value(direction=TRANSFORM, polarity=HIGHER, baseline=D(200), threshold=D(12)) == D(224)
    assert target_value(direction=MAINTAIN, polarity=HIGHER, baseline=D(2750), threshold=D(2)) == D(2695)
    assert target_value(direction=MAINTAIN, polarity=LOWER, baseline=D(2750), threshold=D(2)) == D(2805)
    assert describe_target(direction=MAINTAIN, polarity=LOWER, threshold=D(0)) == "No worse than the baseline"


def test_numbers_are_shown_as_people_write_them() -> None:
    assert format_number(D("2744.0000")) == "2,744"
    assert format_number(D("62.4000")) == "62.4"
    assert format_number(D("-0.0")) == "0"
    assert format_number(None) == ""
    assert format_value(D("91.2000"), "%") == "91.2%"
    assert format_value(D("2744"), "officers") == "2,744 officers"
