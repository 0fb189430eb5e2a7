from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def paragraphs(value: str) -> SafeString:
    """Plain text typed by a person (a recommendation, a reason) as GOV.UK paragraphs: a
    blank line starts a paragraph, a single newline is a line break. Everything is escaped."""
    blocks = [block.strip() for block in str(value or "").replace("\r\n", "\n").split("\n\n")]
    html = "".join(
        '<p class="govuk-body">' + "<br>".join(escape(line) for line in block.split("\n")) + "</p>"
        for block in blocks
        if block
    )
    return mark_safe(html)  # noqa: S308 - every line is escaped above
