"""Trend charts: a measure's readings by quarter against its baseline and target, drawn on
the server as SVG and embedded as a data URI, so the same image works in a page under the
Content Security Policy (`img-src 'self' data:`) and in a PDF. One piece of code draws
every trend chart, for the web and for the documents (docs/decisions/0046).

The chart is drawn by hand with ElementTree, element by element, so its geometry is ours
to guarantee: quarters are spaced by time, so a quarter without a reading leaves a gap in
the line; the baseline and the target are lines across the whole plot, even over a single
reading; the value axis spans the readings, the baseline and the target with a margin
(from zero for counts), on round ticks that enclose every point; and labels are placed
where their measured width fits inside the picture.

Each chart is cached under a hash of everything drawn on it: a new reading or baseline
gives a new key, and nothing ever needs invalidating.
"""

import base64
import hashlib
import json
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree

from django.core.cache import cache

from .quarters import Quarter
from .status import format_number, format_value

logger = logging.getLogger(__name__)

# Bump when the drawing changes, so cached charts are drawn again.
CHART_VERSION = 8
CACHE_SECONDS = 60 * 60 * 24 * 30

WIDTH = 640
HEIGHT = 300
# A chart in a printed document, beside its table of figures: 420 pixels across about 100 mm
# of an A4 page sets the 12-pixel labels at about 8 points.
PRINT_WIDTH = 420
PRINT_HEIGHT = 250
# The bundled typeface of the documents, where a chart is drawn into a PDF (WeasyPrint
# draws an SVG's text with the document's fonts); a web page shows a chart as an image,
# which cannot use the page's fonts, so Arial there.
FONT_FAMILY = "'Source Sans 3', arial, sans-serif"
LABEL_SIZE = 12
LEGEND_SIZE = 13
TEXT = "#0b0c0c"
SUBTLE = "#505a5f"
GUIDE = "#e5e6e7"
# Reading, baseline, target: told apart by line style and the legend too, not colour alone.
READING_COLOUR = "#1d70b8"
BASELINE_COLOUR = "#505a5f"
TARGET_COLOUR = "#00703c"
# A District's figures beside the force's (a District plan): a dashed line of squares.
COMPARISON_COLOUR = "#4c2c92"
COMPARISON_DASHES = "7,4"
BASELINE_DASHES = "10,5"
TARGET_DASHES = "2,5"
# Room above and below the figures, as a share of the range they span.
MARGIN_SHARE = 0.1
# Aimed-at number of gaps between the value axis's ticks.
TICK_GAPS = 5
SVG_NS = "http://www.w3.org/2000/svg"


def _canonical(value: Decimal | None) -> str:
    """62.4 and 62.4000 are the same figure and must give the same key."""
    return "" if value is None else f"{value.normalize():f}"


@dataclass(frozen=True)
class ChartSpec:
    name: str
    unit: str
    # The quarter of each reading, in order; quarters between them without one are gaps.
    quarters: tuple[Quarter, ...]
    values: tuple[Decimal, ...]
    baseline: Decimal | None
    target: Decimal | None
    # Another series drawn against the readings: a District's own figures, by quarter.
    comparison_name: str = ""
    comparison: tuple[tuple[Quarter, Decimal], ...] = ()
    # The picture's size in pixels: a printed document draws a narrower chart beside its
    # table of figures, at the same type size.
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(q.label for q in self.quarters)

    @property
    def reading_name(self) -> str:
        return "Force" if self.comparison else "Reading"

    def cache_key(self) -> str:
        payload = json.dumps(
            [
                CHART_VERSION,
                self.name,
                self.unit,
                self.labels,
                [_canonical(v) for v in self.values],
                _canonical(self.baseline),
                _canonical(self.target),
                *(
                    [self.comparison_name, [(q.label, _canonical(v)) for q, v in self.comparison]]
                    if self.comparison
                    else []
                ),
                *([self.width, self.height] if (self.width, self.height) != (WIDTH, HEIGHT) else []),
            ],
            separators=(",", ":"),
        )
        return "performance:chart:" + hashlib.sha256(payload.encode()).hexdigest()

    @property
    def is_count(self) -> bool:
        """Officers, offences, people: whole numbers of things, whose axis starts at zero
        so the height of a point reads as its size. Percentages and rates are not counts."""
        unit = self.unit.strip().lower()
        if unit == "%" or "per" in unit.split() or "rate" in unit.split():
            return False
        figures = [
            *self.values,
            *(v for _q, v in self.comparison),
            *([self.baseline] if self.baseline is not None else []),
        ]
        return all(v == v.to_integral_value() and v >= 0 for v in figures)

    @property
    def alt(self) -> str:
        if not self.values:
            return f"No readings yet for {self.name}."
        first, last = self.labels[0], self.labels[-1]
        text = f"Line chart of {self.name} by quarter, {first} to {last}"
        if self.baseline is not None:
            text += f", against the baseline of {format_value(self.baseline, self.unit)}"
        if self.target is not None:
            text += f" and the target of {format_value(self.target, self.unit)}"
        text += f". Latest reading: {format_value(self.values[-1], self.unit)} in {last}."
        if self.comparison:
            quarter, value = self.comparison[-1]
            text += (
                f" {self.comparison_name}'s own figures are drawn beside the force's; its latest is "
                f"{format_value(value, self.unit)} in {quarter.label}."
            )
        return text + " The figures are in the table with the chart."


@dataclass(frozen=True)
class ChartImage:
    data_uri: str
    alt: str
    width: int = WIDTH
    height: int = HEIGHT


# ---------------------------------------------------------------- measuring


def text_width(text: str, size: float) -> float:
    """A generous estimate of how wide `text` sets in a sans-serif face at `size` pixels:
    wide enough for Arial, Liberation Sans, DejaVu Sans and the like, so a label placed by
    it is never cut off by the edge of the picture."""
    narrow = sum(1 for c in text if c in " .,:;'!|()ijlrtf1-")
    wide = sum(1 for c in text if c in "MWmw%@" or c.isupper())
    return size * (0.36 * narrow + 0.86 * wide + 0.62 * (len(text) - narrow - wide))


def _fit(text: str, size: float, room: float) -> str:
    """`text`, shortened with an ellipsis until it fits in `room` pixels."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


@dataclass(frozen=True)
class ValueAxis:
    low: float
    high: float
    ticks: tuple[float, ...]
    decimals: int

    def label(self, tick: float) -> str:
        return format_number(Decimal(f"{tick:.{self.decimals}f}"))


def _nice_step(raw: float) -> tuple[float, int]:
    """The round step (1, 2, 2.5 or 5 times a power of ten) at least `raw`, with the
    decimals its tick labels need."""
    power = math.floor(math.log10(raw))
    for mantissa, extra in ((1, 0), (2, 0), (2.5, 1), (5, 0)):
        step = mantissa * 10.0**power
        if step >= raw * (1 - 1e-9):
            return step, max(0, -power + extra)
    return 10.0 ** (power + 1), max(0, -power - 1)


def value_axis(spec: ChartSpec) -> ValueAxis:
    """Round ticks enclosing the readings, the baseline and the target with a margin."""
    figures = [float(v) for v in spec.values]
    figures += [float(v) for _q, v in spec.comparison]
    figures += [float(v) for v in (spec.baseline, spec.target) if v is not None]
    low, high = min(figures), max(figures)
    span = high - low or abs(high) or 1.0
    low -= span * MARGIN_SHARE
    high += span * MARGIN_SHARE
    if spec.is_count or (min(figures) >= 0 > low):
        low = 0.0  # a count starts at zero; nothing else below zero that never goes there
    if spec.unit.strip() == "%" and max(figures) <= 100 < high:
        high = 100.0
    step, decimals = _nice_step((high - low) / TICK_GAPS)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    ticks = tuple(i * step for i in range(first, last + 1))
    return ValueAxis(low=ticks[0], high=ticks[-1], ticks=ticks, decimals=decimals)


def _quarters_between(first: Quarter, last: Quarter) -> list[Quarter]:
    quarters = [first]
    while quarters[-1] < last:
        quarters.append(quarters[-1].next())
    return quarters


# ---------------------------------------------------------------- drawing


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _add(
    parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: float | str
) -> ElementTree.Element:
    element = ElementTree.SubElement(
        parent,
        tag,
        {
            name.rstrip("_").replace("_", "-"): _number(v) if isinstance(v, float | int) else v
            for name, v in attributes.items()
        },
    )
    element.text = text
    return element


def _label(
    parent: ElementTree.Element,
    text: str,
    x: float,
    y: float,
    *,
    anchor: str = "middle",
    size: int = LABEL_SIZE,
    fill: str = TEXT,
) -> None:
    _add(parent, "text", text, x=x, y=y, font_size=size, text_anchor=anchor, fill=fill)


def render_svg(spec: ChartSpec) -> str:
    """The chart as an SVG document. Elements a reader (or a test) may look for carry a
    class: the plot area `plot`, the `baseline` and `target` lines, each run of joined
    readings `reading`, and each reading's `point`."""
    axis = value_axis(spec)
    every_quarter = [*spec.quarters, *(q for q, _v in spec.comparison)]
    quarters = _quarters_between(min(every_quarter), max(every_quarter))
    value_of = dict(zip(spec.quarters, spec.values, strict=True))
    tick_labels = [axis.label(t) for t in axis.ticks]
    quarter_width = text_width(quarters[0].label, LABEL_SIZE)

    # The plot's edges: room on the left for the value labels and the first quarter's
    # label, on the right for the last quarter's, below for the quarters and the legend.
    width, height = spec.width, spec.height
    left = math.ceil(max(max(text_width(t, LABEL_SIZE) for t in tick_labels) + 14, quarter_width / 2 + 6, 40))
    right = width - math.ceil(max(quarter_width / 2 + 6, 16))
    top = 34
    legend_y = height - 10
    bottom = legend_y - LEGEND_SIZE - 34
    slot = (right - left) / len(quarters)
    # Every quarter has a tick; they are labelled every 1, 2, 4, 8... quarters, as fit.
    every = 1
    while every * slot < quarter_width + 10:
        every *= 2

    def x_of(index: int) -> float:
        return left + slot * (index + 0.5)

    def y_of(value: float) -> float:
        return bottom - (value - axis.low) / (axis.high - axis.low) * (bottom - top)

    root = ElementTree.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": str(width),
            "height": str(height),
            "viewBox": f"0 0 {width} {height}",
            "font-family": FONT_FAMILY,
        },
    )
    _add(root, "rect", x=0, y=0, width=width, height=height, fill="#ffffff")
    _add(root, "rect", class_="plot", x=left, y=top, width=right - left, height=bottom - top, fill="#ffffff")
    unit = "Per cent" if spec.unit.strip() == "%" else spec.unit
    _label(root, _fit(unit, LABEL_SIZE, width - 16), 8, 16, anchor="start", fill=SUBTLE)

    # The guides, and the axis with its quarter ticks, are a path each rather than a line
    # per tick: a document draws every element of 14 charts, so fewer elements render faster.
    labels = ElementTree.Element("g")
    guides = []
    for tick, text in zip(axis.ticks, tick_labels, strict=True):
        y = y_of(tick)
        guides.append(f"M{_number(left)} {_number(y)}H{_number(right)}")
        _label(labels, text, left - 8, y + LABEL_SIZE * 0.35, anchor="end")
    axis_path = [f"M{_number(left)} {_number(bottom)}H{_number(right)}"]
    for index, quarter in enumerate(quarters):
        x = x_of(index)
        axis_path.append(f"M{_number(x)} {_number(bottom)}v5")
        if index % every == 0:
            _label(labels, quarter.label, x, bottom + 8 + LABEL_SIZE)
    _add(root, "path", d="".join(guides), fill="none", stroke=GUIDE, stroke_width=1)
    _add(root, "path", d="".join(axis_path), fill="none", stroke=SUBTLE, stroke_width=1)
    root.append(labels)

    if spec.baseline is not None:
        y = y_of(float(spec.baseline))
        _add(
            root,
            "line",
            class_="baseline",
            x1=left,
            x2=right,
            y1=y,
            y2=y,
            stroke=BASELINE_COLOUR,
            stroke_width=2,
            stroke_dasharray=BASELINE_DASHES,
        )
    if spec.target is not None:
        y = y_of(float(spec.target))
        _add(
            root,
            "line",
            class_="target",
            x1=left,
            x2=right,
            y1=y,
            y2=y,
            stroke=TARGET_COLOUR,
            stroke_width=3,
            stroke_dasharray=TARGET_DASHES,
            stroke_linecap="round",
        )

    # The readings: a line through each run of consecutive quarters, broken where a quarter
    # has none, and a dot on every reading (a reading alone between gaps shows as its dot).
    runs: list[list[tuple[float, float]]] = [[]]
    for index, quarter in enumerate(quarters):
        if quarter in value_of:
            runs[-1].append((x_of(index), y_of(float(value_of[quarter]))))
        elif runs[-1]:
            runs.append([])
    for run in runs:
        if len(run) > 1:
            points = " ".join(f"{_number(x)},{_number(y)}" for x, y in run)
            _add(
                root,
                "polyline",
                class_="reading",
                points=points,
                fill="none",
                stroke=READING_COLOUR,
                stroke_width=3,
                stroke_linejoin="round",
            )
    dots = _add(root, "g", fill=READING_COLOUR)
    for run in runs:
        for x, y in run:
            _add(dots, "circle", class_="point", cx=x, cy=y, r=4)
    if spec.comparison:
        _comparison(root, spec, quarters, x_of, y_of)

    _legend(root, spec, legend_y)
    return ElementTree.tostring(root, encoding="unicode")


def _comparison(
    root: ElementTree.Element,
    spec: ChartSpec,
    quarters: list[Quarter],
    x_of: Callable[[int], float],
    y_of: Callable[[float], float],
) -> None:
    """The other series (a District's figures): a dashed line through each run of
    consecutive quarters, a square on every figure."""
    value_of = dict(spec.comparison)
    runs: list[list[tuple[float, float]]] = [[]]
    for index, quarter in enumerate(quarters):
        if quarter in value_of:
            runs[-1].append((x_of(index), y_of(float(value_of[quarter]))))
        elif runs[-1]:
            runs.append([])
    for run in runs:
        if len(run) > 1:
            _add(
                root,
                "polyline",
                class_="comparison",
                points=" ".join(f"{_number(x)},{_number(y)}" for x, y in run),
                fill="none",
                stroke=COMPARISON_COLOUR,
                stroke_width=3,
                stroke_dasharray=COMPARISON_DASHES,
            )
    squares = _add(root, "g", fill=COMPARISON_COLOUR)
    for run in runs:
        for x, y in run:
            _add(squares, "rect", class_="comparison-point", x=x - 4, y=y - 4, width=8, height=8)


def _legend(root: ElementTree.Element, spec: ChartSpec, y: float) -> None:
    """The series' names beside a sample of their line, centred under the plot."""
    entries = [(spec.reading_name, READING_COLOUR, {"stroke-width": "3"})]
    if spec.comparison:
        entries.append(
            (
                _fit(spec.comparison_name, LEGEND_SIZE, 150),
                COMPARISON_COLOUR,
                {"stroke-width": "3", "stroke-dasharray": COMPARISON_DASHES},
            )
        )
    if spec.baseline is not None:
        entries.append(("Baseline", BASELINE_COLOUR, {"stroke-width": "2", "stroke-dasharray": BASELINE_DASHES}))
    if spec.target is not None:
        entries.append(
            (
                "Target",
                TARGET_COLOUR,
                {"stroke-width": "3", "stroke-dasharray": TARGET_DASHES, "stroke-linecap": "round"},
            )
        )
    sample, gap, spacing = 28, 6, 24
    widths = [sample + gap + text_width(name, LEGEND_SIZE) for name, _colour, _style in entries]
    x = (spec.width - sum(widths) - spacing * (len(entries) - 1)) / 2
    legend = _add(root, "g")
    for (name, colour, style), width in zip(entries, widths, strict=True):
        line_y = y - LEGEND_SIZE * 0.35
        line = _add(legend, "line", x1=x, x2=x + sample, y1=line_y, y2=line_y, stroke=colour)
        for attribute, value in style.items():
            line.set(attribute, value)
        if colour == READING_COLOUR:
            _add(legend, "circle", cx=x + sample / 2, cy=line_y, r=4, fill=colour)
        elif colour == COMPARISON_COLOUR:
            _add(legend, "rect", x=x + sample / 2 - 4, y=line_y - 4, width=8, height=8, fill=colour)
        _label(legend, name, x + sample + gap, y, anchor="start", size=LEGEND_SIZE)
        x += width + spacing


def _image(spec: ChartSpec, svg: str) -> ChartImage:
    encoded = base64.b64encode(svg.encode()).decode("ascii")
    return ChartImage(
        data_uri=f"data:image/svg+xml;base64,{encoded}", alt=spec.alt, width=spec.width, height=spec.height
    )


def trend_charts(specs: Sequence[ChartSpec]) -> list[ChartImage | None]:
    """One chart per spec (None where there are no readings), from the cache in one round
    trip where possible. A cache that is down only makes the page slower."""
    keys = {spec.cache_key(): spec for spec in specs if spec.values}
    try:
        cached: dict[str, str] = cache.get_many(list(keys))
    except Exception:  # noqa: BLE001 - any cache failure: draw instead of failing the page
        logger.warning("Chart cache unavailable; drawing charts", exc_info=True)
        cached = {}
    drawn = {key: render_svg(spec) for key, spec in keys.items() if key not in cached}
    if drawn:
        try:
            cache.set_many(drawn, timeout=CACHE_SECONDS)
        except Exception:  # noqa: BLE001 - as above
            logger.warning("Chart cache unavailable; charts not stored", exc_info=True)
    svgs = {**cached, **drawn}
    images: list[ChartImage | None] = []
    for spec in specs:
        images.append(_image(spec, svgs[spec.cache_key()]) if spec.values else None)
    return images
