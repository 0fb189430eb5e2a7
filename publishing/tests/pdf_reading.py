"""Reading a rendered PDF back as a reader meets it, with poppler's command-line tools and
pypdf: the fonts it carries, where the text sits on each page, and the page each chapter
starts on (from its bookmarks, which WeasyPrint makes from the headings)."""

import math
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

requires_poppler = pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils is not installed")

# The running header sits above the top margin and the page number below the bottom one;
# the body's text is what lies between (print.css: @page margins, in points).
_RUNNING_ZONE_PT = 48


def fonts(path: Path) -> list[str]:
    """The name of every font embedded in the PDF, subset prefix (ABCDEF+) removed."""
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    names = [line.split()[0] for line in output.splitlines()[2:] if line.strip()]
    return [name.split("+", 1)[-1] for name in names]


@dataclass(frozen=True)
class PageText:
    number: int
    height: float
    words: list[tuple[float, float, float, float, str]]  # x_min, y_min, x_max, y_max, word

    @property
    def body_words(self) -> list[tuple[float, float, float, float, str]]:
        return [w for w in self.words if w[1] > _RUNNING_ZONE_PT and w[3] < self.height - _RUNNING_ZONE_PT]

    @property
    def text(self) -> str:
        return " ".join(w[4] for w in self.words)

    def filled(self) -> float:
        """How far down the page's body its text reaches, from 0 (empty) to 1 (full)."""
        body = self.body_words
        if not body:
            return 0.0
        top = min(w[1] for w in body)
        bottom = max(w[3] for w in body)
        usable = self.height - 2 * _RUNNING_ZONE_PT
        return (bottom - min(top, _RUNNING_ZONE_PT + 24)) / usable


class _BboxParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.pages: list[PageText] = []
        self._word: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "page":
            self.pages.append(PageText(len(self.pages) + 1, float(values["height"]), []))
        elif tag == "word":
            self._word = values

    def handle_data(self, data: str) -> None:
        if self._word is not None and self.pages:
            w = self._word
            self.pages[-1].words.append(
                (float(w["xmin"]), float(w["ymin"]), float(w["xmax"]), float(w["ymax"]), data.strip())
            )

    def handle_endtag(self, tag: str) -> None:
        if tag == "word":
            self._word = None


def pages(path: Path) -> list[PageText]:
    """Every page with its words and their boxes (pdftotext -bbox), in points from the top."""
    output = subprocess.run(  # noqa: S603
        ["pdftotext", "-bbox", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    parser = _BboxParser()
    parser.feed(output)
    return parser.pages


def bookmarks(path: Path) -> list[tuple[int, str, int]]:
    """(depth, title, page number) of every bookmark, in order; depth 0 is the h1."""
    reader = PdfReader(path)
    found: list[tuple[int, str, int]] = []

    def walk(outline: list[Any], depth: int) -> None:
        for item in outline:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, str(item.title), (reader.get_destination_page_number(item) or 0) + 1))

    walk(reader.outline, 0)
    return found


def alt_texts(path: Path) -> list[tuple[str, str]]:
    """(structure type, alternative text) of every element of the structure tree that has one."""
    reader = PdfReader(path)

    def walk(node: Any) -> list[tuple[str, str]]:
        node = node.get_object()
        found = [(str(node.get("/S")), str(node["/Alt"]))] if "/Alt" in node else []
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid.get_object(), "get"):
                found += walk(kid)
        return found

    root: Any = reader.trailer["/Root"]
    return walk(root["/StructTreeRoot"])


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def font_sizes(reader: PdfReader) -> Counter[float]:
    """Characters set at each font size (points), as the PDF's text operators give it."""
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            sizes[round(size * scale, 1)] += len(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes
