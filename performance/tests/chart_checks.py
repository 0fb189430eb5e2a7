"""Reading trend charts back out of a page or a document's HTML, and what a reader would
notice wrong with one: a missing baseline or target line, a point outside the plot, a
label running off the picture."""

import base64
import re
from xml.etree import ElementTree

from performance.charts import text_width

_SVG_URI = re.compile(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')
NS = "{http://www.w3.org/2000/svg}"


def charts_in(html: str) -> list[ElementTree.Element]:
    """The trend charts (those with a plot area) among the pictures of a page; a budget's
    bar chart is not one."""
    pictures = [
        ElementTree.fromstring(base64.b64decode(encoded))  # noqa: S314 - our own charts, just drawn
        for encoded in _SVG_URI.findall(html)
    ]
    return [picture for picture in pictures if of_class(picture, "plot")]


def of_class(root: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    return [element for element in root.iter() if element.get("class") == name]


def chart_problems(root: ElementTree.Element) -> list[str]:
    problems = []
    width, height = float(root.get("width", 0)), float(root.get("height", 0))
    plot = of_class(root, "plot")[0]
    left, top = float(plot.get("x", 0)), float(plot.get("y", 0))
    right, bottom = left + float(plot.get("width", 0)), top + float(plot.get("height", 0))
    for point in of_class(root, "point"):
        x, y = float(point.get("cx", 0)), float(point.get("cy", 0))
        if not (left <= x <= right and top <= y <= bottom):
            problems.append(f"a point at ({x}, {y}) lies outside the plot ({left}, {top}) to ({right}, {bottom})")
    for name in ("baseline", "target"):
        for line in of_class(root, name):
            x1, x2 = float(line.get("x1", 0)), float(line.get("x2", 0))
            y = float(line.get("y1", 0))
            if (x1, x2) != (left, right) or not top <= y <= bottom:
                problems.append(f"the {name} line does not run across the plot inside it")
    for text in root.iter(f"{NS}text"):
        label = text.text or ""
        x, y, size = float(text.get("x", 0)), float(text.get("y", 0)), float(text.get("font-size", 0))
        span = text_width(label, size)
        start = {"start": x, "middle": x - span / 2, "end": x - span}[text.get("text-anchor", "start")]
        if start < 0 or start + span > width or y - size < 0 or y + size * 0.3 > height:
            problems.append(f"the label {label!r} runs off the picture")
    return problems
