"""Trend charts: a measure's readings by quarter against its baseline (and target), drawn
on the server as SVG with pygal and embedded as a data URI, so the same image works in a
page under the Content Security Policy (`img-src 'self' data:`) and in a PDF.

Drawing takes a few milliseconds a chart, too slow for a page of sixty measures, so each
chart is cached under a hash of everything drawn on it: a new reading or baseline gives a
new key, and nothing ever needs invalidating.

pygal styles its charts with a stylesheet of some eighty rules inside the SVG. WeasyPrint
parses and matches that stylesheet again for every chart of a PDF (about a third of the
time a chart took in the full plan), so the stylesheet is applied once, when the chart is
drawn, as presentation attributes on the elements it styles; the chart looks the same in
a browser and in a PDF.
"""

import base64
import hashlib
import json
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree

import cssselect2
import pygal
import tinycss2
from django.core.cache import cache
from pygal.etree import etree as pygal_etree
from pygal.style import Style

from .status import format_number, format_value

logger = logging.getLogger(__name__)

# pygal builds its tree with lxml whenever lxml is installed (python-docx brings it); the
# styles below are applied to, and serialised from, the standard library's ElementTree.
pygal_etree.to_etree()

# Bump when the drawing changes, so cached charts are drawn again.
CHART_VERSION = 5
CACHE_SECONDS = 60 * 60 * 24 * 30

STYLE = Style(
    # The bundled typeface of the documents, where the chart is drawn into a PDF; a web page
    # shows a chart as an image, which cannot use the page's fonts, so Arial there.
    font_family="'Source Sans 3', arial, sans-serif",
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
# Coordinates to a tenth of a pixel, not fifteen digits: a third of the file, no visible change.
_ATTRIBUTE = re.compile(r'="([^"]*)"')
_LONG_NUMBER = re.compile(r"(\d\.\d)\d+")
# The properties pygal's stylesheet sets that draw something; the rest (transitions, user
# selection, cursor) only served its JavaScript and hover effects.
_PRESENTATION = frozenset(
    {
        "display",
        "fill",
        "fill-opacity",
        "font-family",
        "font-size",
        "font-weight",
        "opacity",
        "stroke",
        "stroke-dasharray",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-opacity",
        "stroke-width",
        "text-anchor",
        "visibility",
    }
)
# Without pygal's JavaScript these are dead weight: the stylesheet (applied as attributes
# instead), the script, a tooltip title or description for every point and guide, and the
# generator's comments.
_DROPPED = frozenset({"defs", "style", "script", "title", "desc"})


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
    root = chart.render_tree()
    _apply_stylesheet(root)
    _strip(root)
    svg = ElementTree.tostring(root, encoding="unicode")
    return _ATTRIBUTE.sub(lambda m: '="' + _LONG_NUMBER.sub(r"\1", m.group(1)) + '"', svg)


def _stylesheet_rules(root: ElementTree.Element) -> Iterator[tuple[str, list[tuple[str, str, bool]]]]:
    """(selector, declarations) of each rule of the chart's <style> that draws something."""
    for style in root.iter("style"):
        for rule in tinycss2.parse_stylesheet(style.text or "", skip_comments=True, skip_whitespace=True):
            if rule.type != "qualified-rule":
                continue
            declarations = [
                (item.lower_name, tinycss2.serialize(item.value).strip(), item.important)
                for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
                if item.type == "declaration" and item.lower_name in _PRESENTATION
            ]
            if declarations:
                yield tinycss2.serialize(rule.prelude), declarations


def _apply_stylesheet(root: ElementTree.Element) -> None:
    """Write what the chart's stylesheet gives each element as its attributes, in cascade
    order (a rule's declaration beats the attribute it replaces, as it did in CSS)."""
    matcher = cssselect2.Matcher()
    for selector_text, declarations in _stylesheet_rules(root):
        try:
            selectors = cssselect2.compile_selector_list(selector_text)
        except cssselect2.SelectorError:
            continue  # a rule for the root with no selector (pygal's no_prefix), or :hover
        for selector in selectors:
            if selector.pseudo_element is None:
                matcher.add_selector(selector, declarations)
    for element in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
        normal: dict[str, str] = {}
        important: dict[str, str] = {}
        for _specificity, _order, _pseudo, declarations in sorted(matcher.match(element), key=lambda m: m[:2]):
            for name, value, is_important in declarations:
                (important if is_important else normal)[name] = value
        for name, value in (normal | important).items():
            element.etree_element.set(name, value)


def _strip(element: ElementTree.Element) -> bool:
    """Drop what only pygal's stylesheet and script used, and the groups left empty.
    Returns whether `element` itself is now an empty group."""
    for child in list(element):
        # Comments have a function (ElementTree.Comment) for their tag.
        dropped = not isinstance(child.tag, str) or child.tag in _DROPPED
        if dropped or "tooltip-overlay" in child.get("class", "").split() or _strip(child):
            element.remove(child)
    element.attrib.pop("class", None)
    element.attrib.pop("id", None)
    return element.tag == "g" and len(element) == 0


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
