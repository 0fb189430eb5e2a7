from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe

from plans.models import Milestone, StatutoryElement
from plans.richtext import sanitise_html

register = template.Library()


@register.filter
def rich_text(value: str) -> SafeString:
    """Render a stored rich-text body. Bodies are sanitised when saved; sanitising again
    here means markup from anywhere else (an old row, an import) is held to the same rules."""
    return mark_safe(sanitise_html(value))  # noqa: S308 - sanitised by the allowlist just above


@register.simple_tag
def milestone_state(milestone: Any, today: date) -> dict[str, str]:
    """A milestone's state in words (and a tag colour that only repeats the words):
    an open statutory step past its end date is "Overdue"."""
    if milestone.status == Milestone.Status.DONE:
        return {"label": "Done", "tag": "govuk-tag--green"}
    if milestone.status == Milestone.Status.CANCELLED:
        return {"label": "Cancelled", "tag": "govuk-tag--grey"}
    if milestone.is_overdue(today):
        return {"label": "Overdue", "tag": "govuk-tag--red"}
    if milestone.status == Milestone.Status.IN_PROGRESS:
        return {"label": "In progress", "tag": "govuk-tag--blue"}
    return {"label": "Not started", "tag": "govuk-tag--grey"}


@register.filter
def element_label(value: str) -> str:
    return str(dict(StatutoryElement.choices).get(value, value))


@register.filter
def pounds(value: Any) -> str:
    try:
        return f"£{Decimal(str(value)):,.2f}"
    except (InvalidOperation, ValueError):
        return str(value)


@register.simple_tag
def milestone_period(milestone: Any) -> str:
    """'1 July 2016' or '1 to 18 July 2016' or '25 April to 27 May 2016'."""
    start, end = milestone.starts_on, milestone.ends_on
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} to {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} to {date_format(end, 'j F Y')}"
