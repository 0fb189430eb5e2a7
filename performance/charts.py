"""Trend charts: a measure's readings by quarter against its baseline (and target), drawn
on the server as SVG with pygal and embedded as a data URI, so the same image works in a
page under the Content Security Policy (`img-src 'self' data:`) and in a PDF.

Drawing takes a few milliseconds a chart, too slow for a page of sixty measures, so each
chart is cached under a hash of everything drawn on it: a new reading or baseline gives a
new key, and nothing ever needs invalidating.
"""

import base64
import hashlib
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import pygal
from django.core.cache import cache
from pygal.style import Style

from .status import format_number, format_value

logger = logging.getLogger(__name__)

# Bump when the drawing changes, so cached charts are drawn again.
CHART_VERSION = 3
CACHE_SECONDS = 60 * 60 * 24 * 30

STYLE = Style(
    font_family="arial, sans-serif",
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    # Reading, baseline, target: told apart by line style and legend too, not colour alone.
    colors=("#1d70b8", "#505a5f", "#00703c"),
    # Light, solid guides, so the dashed baseline and dotted target stand out from them.
    guide_stroke_color="#e5e6e7",
    major_guide_stroke_color="#e5e6e7",
    guide_stroke_dasharray="1,0",
    major_guide_stroke_dasharray="1,0",
    opacity="1",
    stroke_opacity="1",
    stroke_opacity_hover="1",
    dot_opacity="1",
    # Let each series' own stroke_style width apply (pygal otherwise sets 1 on every line).
    stroke_width="inherit",
    stroke_width_hover="inherit",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    title_font_size=14,
)
# pygal writes a tooltip description for every point and its configuration as a script;
# without its JavaScript they are dead weight in every page and PDF.
_TOOLTIP_DESC = re.compile(r"<desc [^>]*>[^<]*</desc>")
_SCRIPT = re.compile(r"<script[^>]*>.*?</script>", re.DOTALL)
# Coordinates to a tenth of a pixel, not fifteen digits: a third of the file, no visible change.
_ATTRIBUTE = re.compile(r'="([^"]*)"')
_LONG_NUMBER = re.compile(r"(\d\.\d)\d+")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# With no_prefix, pygal leaves the rules it meant for the chart's root with no selector
# ("{background-color:...}"): invalid CSS that browsers skip and WeasyPrint logs, once per
# chart, on every full plan render.
_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL)
_SELECTORLESS_RULE = re.compile(r"(?:^|(?<=[}\s]))\{[^}]*\}")


def _canonical(value: Decimal | None) -> str:
    """62.4 and 62.4000 are the same figure and must give the same key."""
    return "" if value is None else f"{value.normalize():f}"


@dataclass(frozen=True)
class ChartSpec:
    name: str
    unit: str
    labels: tuple[str, ...]
    values: tuple[Decimal, ...]
    baseline: Decimal | None
    target: Decimal | None

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
            ],
            separators=(",", ":"),
        )
        return "performance:chart:" + hashlib.sha256(payload.encode()).hexdigest()

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
        return text + " The figures are in the table with the chart."


@dataclass(frozen=True)
class ChartImage:
    data_uri: str
    alt: str


def render_svg(spec: ChartSpec) -> str:
    chart = pygal.Line(
        js=[],
        disable_xml_declaration=True,
        no_prefix=True,
        width=640,
        height=300,
        style=STYLE,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        x_label_rotation=30 if len(spec.labels) > 8 else 0,
        show_x_guides=False,
        truncate_label=-1,
        truncate_legend=-1,
        dots_size=3,
        y_title=spec.unit[:40],
        value_formatter=lambda v: format_number(v),
        print_values=False,
        include_x_axis=False,
        margin_right=30,
    )
    chart.x_labels = list(spec.labels)
    chart.add("Reading", [float(v) for v in spec.values], stroke_style={"width": 3})
    count = max(len(spec.values), 1)
    if spec.baseline is not None:
        chart.add(
            "Baseline", [float(spec.baseline)] * count, show_dots=False, stroke_style={"width": 2, "dasharray": "10,5"}
        )
    if spec.target is not None:
        chart.add(
            "Target",
            [float(spec.target)] * count,
            show_dots=False,
            stroke_style={"width": 3, "dasharray": "2,5", "linecap": "round"},
        )
    svg = chart.render(is_unicode=True)
    for pattern in (_SCRIPT, _TOOLTIP_DESC, _COMMENT):
        svg = pattern.sub("", svg)
    svg = _STYLE.sub(lambda m: m.group(1) + _SELECTORLESS_RULE.sub("", m.group(2)) + m.group(3), svg)
    return _ATTRIBUTE.sub(lambda m: '="' + _LONG_NUMBER.sub(r"\1", m.group(1)) + '"', svg)


def _image(spec: ChartSpec, svg: str) -> ChartImage:
    encoded = base64.b64encode(svg.encode()).decode("ascii")
    return ChartImage(data_uri=f"data:image/svg+xml;base64,{encoded}", alt=spec.alt)


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
