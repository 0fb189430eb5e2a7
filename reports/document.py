"""The annual report as a printed document: HTML in the style of the plan's documents
(publishing's print layout and cover), then a tagged PDF with publishing's WeasyPrint
wrapper. The HTML is built apart from the PDF so it can be tested without rendering."""

from datetime import date, datetime

from django.conf import settings
from django.template.loader import render_to_string

from pcplan.dates import long_date
from publishing.branding import document_brand
from publishing.documents import Issue
from publishing.pdf import RenderedPdf, asset_base_url, render_pdf

from .drafting import with_statuses
from .models import AnnualReportVersion

# An annual report runs to a few dozen pages; a runaway one is refused, not rendered.
MAX_PAGES = 150


def annual_report_html(version: AnnualReportVersion, *, published_at: datetime | None = None) -> str:
    """The print HTML: in the area's brand; dated the day it is published, or, before that,
    marked "Draft V2" with the day the version was cut on its cover and every page."""
    content = with_statuses(dict(version.content), printed=True)
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
            "brand": document_brand(area, asset_base=asset_base_url()),
            "issue": Issue(False, f"Published {long_date(published_at)}", "")
            if published_at
            else Issue(True, f"Draft {version.label}, {long_date(version.cut_at)}", f"Draft {version.label}"),
            "not_issued": "not the published report",
        },
    )


def annual_report_pdf(version: AnnualReportVersion, *, published_at: datetime | None = None) -> RenderedPdf:
    return render_annual_report(annual_report_html(version, published_at=published_at))


def render_annual_report(html: str) -> RenderedPdf:
    """The print HTML through WeasyPrint: the one slow step (about a second and a half)."""
    return render_pdf(html, expected_pages=12, max_pages=MAX_PAGES)
