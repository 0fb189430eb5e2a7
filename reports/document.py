"""The annual report as a printed document: HTML in the style of the plan's documents
(publishing's print layout and cover), then a tagged PDF with publishing's WeasyPrint
wrapper. The HTML is built apart from the PDF so it can be tested without rendering."""

from datetime import date

from django.conf import settings
from django.template.loader import render_to_string

from pcplan.dates import long_date
from publishing.pdf import RenderedPdf, render_pdf

from .drafting import with_statuses
from .models import AnnualReportVersion

# An annual report runs to a few dozen pages; a runaway one is refused, not rendered.
MAX_PAGES = 150


def annual_report_html(version: AnnualReportVersion) -> str:
    content = with_statuses(dict(version.content))
    area = version.report.plan.area
    start, end = date.fromisoformat(content["year_start"]), date.fromisoformat(content["year_end"])
    return render_to_string(
        "reports/documents/annual.html",
        {
            "document_title": f"{content['title']}: {content['plan_title']}",
            "document_format": "annual",
            "format_label": "Annual report of the Police and Crime Commissioner",
            "area": area,
            "period": f"{long_date(start)} to {long_date(end)}",
            "content": content,
            "version": version,
            "cut_on": long_date(version.cut_at.date()),
            "office": area.opcc_name or settings.PCPLAN_OPCC_NAME,
            "created_iso": version.cut_at.isoformat(),
        },
    )


def annual_report_pdf(version: AnnualReportVersion) -> RenderedPdf:
    return render_pdf(annual_report_html(version), expected_pages=20, max_pages=MAX_PAGES)
