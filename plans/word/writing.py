"""Writing a version (or the working draft) as a Word document, for Panel papers and
committee systems: the plan's sections with their headings, lists, tables and images,
then the objectives with their commitments, then the grants.

The sections' bodies are sanitised HTML (plans/richtext.py), so only the allowed tags
need a Word equivalent here. Word's own heading and list styles are used, so the
document's navigation pane and a screen reader see its structure.
"""

import io
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.files.storage import default_storage
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.shared import Inches, Length, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import html as lxml_html

from ..richtext import image_storage_name, sanitise_html
from ..snapshot import PlanContent

_SPACES = re.compile(r"\s+")
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_IMAGE_WIDTH = Inches(6)
# Section titles are Heading 1; a body's own h2, h3 and h4 sit below them.
BODY_HEADING_LEVEL = {"h2": 2, "h3": 2, "h4": 3}
INLINE_STYLES = {
    "strong": "bold",
    "b": "bold",
    "em": "italic",
    "i": "italic",
    "u": "underline",
    "s": "strike",
    "sub": "subscript",
    "sup": "superscript",
}


def plan_docx(content: PlanContent, *, label: str, opcc_name: str) -> bytes:
    """The whole plan as a .docx. `label` says which state it is ("V2, cut 2 September
    2016", "the working draft on 4 December 2026")."""
    document = Document()
    _set_properties(document, content, label, opcc_name)
    document.add_heading(content.title, level=0)
    document.add_paragraph(f"{content.area}: {label}")
    period = f"{_date(content.starts_on)} to {_date(content.ends_on)}"
    document.add_paragraph(f"Period of the plan: {period}")
    if content.pcc_name:
        document.add_paragraph(f"Police and Crime Commissioner: {content.pcc_name}")
    if content.vision:
        document.add_heading("Vision", level=1)
        for line in content.vision.splitlines():
            if line.strip():
                document.add_paragraph(line.strip())
    for section in content.sections:
        document.add_heading(section.title, level=1)
        if section.district:
            document.add_paragraph(f"{section.district.name} District only", style="Intense Quote")
        HtmlWriter(document).write(section.body)
    if content.objectives:
        document.add_heading("Police and crime objectives", level=1)
        for objective in content.objectives:
            document.add_heading(objective.title, level=2)
            if objective.district:
                document.add_paragraph(f"{objective.district.name} District objective")
            if objective.theme:
                document.add_paragraph(f"Theme: {objective.theme}")
            for line in objective.aim.splitlines():
                if line.strip():
                    document.add_paragraph(line.strip())
            for actor_label, commitments in objective.commitments_by_actor():
                lead = document.add_paragraph()
                lead.add_run(f"{actor_label}:").bold = True
                for commitment in commitments:
                    document.add_paragraph(commitment.text, style="List Bullet")
    if content.grants:
        document.add_heading("Crime and disorder reduction grants", level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        _header_row(table.rows[0].cells, ["Recipient", "Purpose and conditions", "Amount"])
        for grant in content.grants:
            cells = table.add_row().cells
            cells[0].text = grant.recipient
            cells[1].text = grant.purpose + (f"\nConditions: {grant.conditions}" if grant.conditions else "")
            cells[2].text = f"£{grant.amount_decimal:,.2f}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_properties(document: WordDocument, content: PlanContent, label: str, opcc_name: str) -> None:
    properties = document.core_properties
    properties.title = content.title
    properties.subject = f"{content.area}: {label}"
    properties.author = opcc_name
    properties.language = "en-GB"
    properties.keywords = "Police and Crime Plan"
    styles = document.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(11)


def _date(iso: str) -> str:
    try:
        return f"{date.fromisoformat(iso):%-d %B %Y}"
    except ValueError:
        return iso


def _header_row(cells: Iterable[_Cell], labels: list[str]) -> None:
    for cell, label in zip(cells, labels, strict=False):
        cell.text = ""
        cell.paragraphs[0].add_run(label).bold = True


class HtmlWriter:
    """Sanitised HTML into Word paragraphs, lists and tables, appended to a container
    (the document, or a table cell)."""

    def __init__(self, container: Any) -> None:
        self.container = container

    def write(self, body: str) -> None:
        clean = sanitise_html(body)
        if not clean:
            return
        for block in lxml_html.fragments_fromstring(clean):
            if isinstance(block, str):
                if block.strip():
                    self.container.add_paragraph(block.strip())
                continue
            self.block(block)

    def block(self, element: Any, list_depth: int = 0) -> None:
        tag = element.tag
        if tag in BODY_HEADING_LEVEL and hasattr(self.container, "add_heading"):
            heading = self.container.add_heading(level=BODY_HEADING_LEVEL[tag])
            self.inline(heading, element)
        elif tag in ("ul", "ol"):
            self.list(element, ordered=tag == "ol", depth=list_depth)
        elif tag == "table":
            self.table(element)
        elif tag == "blockquote":
            for child in element:
                if child.tag == "p":
                    self.inline(self.container.add_paragraph(style="Quote"), child)
                else:
                    self.block(child, list_depth)
            if (element.text or "").strip():
                self.container.add_paragraph(element.text.strip(), style="Quote")
        elif tag == "hr":
            self.container.add_paragraph()
        else:
            self.inline(self.container.add_paragraph(), element)

    def list(self, element: Any, *, ordered: bool, depth: int) -> None:
        base = "List Number" if ordered else "List Bullet"
        style = base if depth == 0 else f"{base} {min(depth + 1, 3)}"
        for item in element:
            if item.tag != "li":
                continue
            paragraph = self.container.add_paragraph(style=style)
            nested = [child for child in item if child.tag in ("ul", "ol")]
            self.inline(paragraph, item, skip=nested)
            for child in nested:
                self.list(child, ordered=child.tag == "ol", depth=depth + 1)

    def table(self, element: Any) -> None:
        rows = list(element.iter("tr"))
        if not rows:
            return
        width = max(len([c for c in row if c.tag in ("td", "th")]) for row in rows)
        if width == 0:
            return
        table = self.container.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        caption = element.find("caption")
        if caption is not None and caption.text_content().strip():
            # Word's table title is read out by screen readers, as a caption is on the web.
            table._tbl.tblPr.append(_table_caption(caption.text_content().strip()))
        for row in rows:
            cells = table.add_row().cells
            for cell, source in zip(cells, [c for c in row if c.tag in ("td", "th")], strict=False):
                paragraphs = [child for child in source if child.tag == "p"]
                first = cell.paragraphs[0]
                if paragraphs:
                    self.inline(first, paragraphs[0], bold=source.tag == "th")
                    for extra in paragraphs[1:]:
                        self.inline(cell.add_paragraph(), extra, bold=source.tag == "th")
                else:
                    self.inline(first, source, bold=source.tag == "th")

    def inline(
        self, paragraph: Paragraph, element: Any, *, skip: Iterable[Any] = (), bold: bool = False, **given: bool
    ) -> None:
        """The element's text and inline markup as runs of the paragraph."""
        style: dict[str, bool] = {**given, "bold": True} if bold else dict(given)
        if element.text:
            self._run(paragraph, element.text, style)
        skipped = list(skip)
        for child in element:
            if child in skipped:
                pass
            elif child.tag in INLINE_STYLES:
                self.inline(paragraph, child, skip=(), **{**style, INLINE_STYLES[child.tag]: True})
            elif child.tag == "br":
                paragraph.add_run().add_break(WD_BREAK.LINE)
            elif child.tag == "a":
                text = child.text_content()
                href = child.get("href", "")
                self._run(paragraph, text, {**style, "underline": True})
                if href and href not in text and not href.startswith("#"):
                    self._run(paragraph, f" ({href.removeprefix('mailto:')})", style)
            elif child.tag == "img":
                self._image(paragraph, child)
            elif child.tag in ("p", "ul", "ol", "table", "blockquote") and hasattr(self.container, "add_paragraph"):
                # A block inside a list item or a cell: a paragraph of its own.
                self.inline(paragraph, child, skip=(), **style)
            else:
                self.inline(paragraph, child, skip=(), **style)
            if child.tail and child not in skipped:
                self._run(paragraph, child.tail, style)

    def _run(self, paragraph: Paragraph, text: str, style: dict[str, bool]) -> None:
        # HTML's white space: any run of it is one space, and none starts a paragraph.
        text = _SPACES.sub(" ", text)
        if not paragraph.runs:
            text = text.lstrip()
        if not text:
            return
        run = paragraph.add_run(text)
        font = run.font
        for name, value in style.items():
            setattr(font, name, value)

    def _image(self, paragraph: Paragraph, element: Any) -> None:
        name = image_storage_name(element.get("src", ""))
        if name is None or not default_storage.exists(name):
            return
        with default_storage.open(name, "rb") as handle:
            data = io.BytesIO(handle.read())
        run = paragraph.add_run()
        try:
            shape = run.add_picture(data)
        except Exception:  # noqa: BLE001 - python-docx refuses an image it cannot size: leave it out
            return
        if shape.width and shape.width > MAX_IMAGE_WIDTH:
            ratio = MAX_IMAGE_WIDTH / shape.width
            shape.width = MAX_IMAGE_WIDTH
            shape.height = Length(int(shape.height * ratio))
        # The alternative text, where Word keeps it (the picture's description).
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", element.get("alt", ""))


def _table_caption(text: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), text[:255])
    return caption
