"""Word documents for the import tests, built with python-docx from the text of the Avon
and Somerset draft project plan v0.4 (docs/sources.md): its proposed framework
(Appendix 2) as headings with their lists, a paragraph of its purpose, a table of its
timeline (Appendix 1) and a picture. Also the bad files an import must refuse.
"""

import io
import zipfile

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from PIL import Image, ImageDraw

TITLE = "Avon and Somerset Police and Crime Plan 2016-21"
PURPOSE = (
    "The Police and Crime Plan is both a statutory requirement and core planning tool for Police and Crime "
    "Commissioners and should direct and communicate the PCC's priorities during their period in office."
)
PRIORITIES = [
    "Vulnerability",
    "Strengthening Local Policing",
    "Supporting Chief Constable to maintain an effective workforce",
    "Strengthening Partnership Working",
]
RESOURCES = [
    "VFM intro and link to PEEL efficiency",
    "The Medium Term Financial Plan and core strategies (Estates, IT)",
    "Revenue and Capital budgets and core assets",
]
PERFORMANCE = [
    "Continuous Improvement and link to Constabulary CI plan and CIF",
    "Performance Measures agreed – Constabulary and other partners (e.g. grant recipients)",
]
TIMELINE = [
    ("Date", "Milestone"),
    ("16/05/16 – 18/05/16", "Consultation with Chief Constable on high level priorities"),
    ("01/07/16 – 18/07/16", "Draft V1 developed"),
    ("01/08/16", "Draft v1 of plan emailed to Police and Crime Panel, panel invited to comment"),
    ("20/09/16", "Police and Crime Panel review draft Plan"),
]
# The headings of the document, in order: each starts a part of the import.
HEADINGS = [
    "Foreword and Introduction",
    "PCC Strategic Priorities and expected Outcomes",
    "Resources",
    "Performance and Outcomes",
    "Timescale and approach",
]


def district_map_png() -> bytes:
    """A small picture standing in for the map of the districts."""
    picture = Image.new("RGB", (120, 80), (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((10, 10, 60, 70), fill=(29, 112, 184))
    draw.rectangle((62, 20, 110, 70), fill=(0, 112, 60))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def seed_000_docx(*, image_description: str = "") -> bytes:
    """The document, with its picture described (as Word's alternative text) or not."""
    document = docx.Document()
    document.add_heading(TITLE, level=0)
    document.add_heading(HEADINGS[0], level=1)
    document.add_paragraph(PURPOSE)
    document.add_paragraph("Introducing the PCC - vision and approach of the PCC", style="List Bullet")
    document.add_picture(io.BytesIO(district_map_png()), width=Inches(1.5))
    if image_description:
        document.inline_shapes[0]._inline.docPr.set("descr", image_description)
    document.add_heading(HEADINGS[1], level=1)
    document.add_paragraph("Coverage of objectives, activities and accountability for key areas of:")
    for item in PRIORITIES:
        document.add_paragraph(item, style="List Bullet")
    document.add_heading(HEADINGS[2], level=1)
    for item in RESOURCES:
        document.add_paragraph(item, style="List Bullet")
    document.add_heading(HEADINGS[3], level=1)
    for item in PERFORMANCE:
        document.add_paragraph(item, style="List Number")
    document.add_heading(HEADINGS[4], level=1)
    document.add_paragraph(
        "Timescales for issuing the main plan are subject to a range of statutory and practical considerations."
    )
    document.add_heading("Proposed timeline", level=2)
    table = document.add_table(rows=0, cols=2)
    for row_number, (when, what) in enumerate(TIMELINE):
        row = table.add_row()
        row.cells[0].text, row.cells[1].text = when, what
        if row_number == 0:
            # Word's "Repeat as header row at the top of each page": the table's header.
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(header)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_macros(data: bytes) -> bytes:
    """The same document with a VBA project in it, as Word saves a .docm."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry.filename))
        target.writestr("word/vbaProject.bin", b'\xd0\xcf\x11\xe0 Attribute VB_Name = "AutoOpen"')
    return out.getvalue()


def zip_bomb() -> bytes:
    """A few kilobytes that unpack to 20 MB: a document.xml of nothing but spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        with target.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b" " * (1024 * 1024)
            for _ in range(20):
                entry.write(chunk)
    return out.getvalue()
