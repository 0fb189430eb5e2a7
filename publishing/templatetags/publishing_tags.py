import re
from decimal import Decimal
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from plans.richtext import sanitise_html
from publishing import services

register = template.Library()

_HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])", re.I)


@register.filter
def rich_text_under(value: str, level: int = 2) -> SafeString:
    """A rich-text body placed under a heading of `level`: sanitised like every body, and
    its headings moved down (keeping their order) so none is at or above that heading.
    The document outline, the PDF's bookmarks and screen readers then nest it properly."""
    body = sanitise_html(value)
    levels = [int(match.group(2)) for match in _HEADING.finditer(body)]
    shift = max(0, int(level) + 1 - min(levels)) if levels else 0
    if shift:
        body = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", body)
    return mark_safe(body)  # noqa: S308 - sanitised by the plans allowlist just above


@register.filter
def pounds(value: Decimal | str | int) -> str:
    """£412,000 or £1,250.50: whole pounds without pence."""
    amount = Decimal(str(value))
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


@register.filter
def file_size(value: int | None) -> str:
    if value is None:
        return ""
    if value < 1024:
        return f"{value} bytes"
    if value < 1024 * 1024:
        return f"{value / 1024:.0f} KB"
    return f"{value / (1024 * 1024):.1f} MB"


@register.simple_tag
def published_file_url(publication: Any, job: Any) -> str:
    """The public address of a published document's PDF."""
    return services.published_file_url(publication, job)


@register.inclusion_tag("publishing/includes/review_full_plan_link.html")
def review_full_plan_link(review: Any) -> dict[str, Any]:
    """For the Panel's review page: a link to the issued version's full plan PDF, once it
    has rendered (nothing otherwise). The panel app knows nothing of renders; its template
    asks publishing here."""
    from publishing.selectors import latest_full_plan

    return {"review": review, "job": latest_full_plan(review.version)}
