from django import template
from django.utils.safestring import SafeString, mark_safe

from plans.richtext import sanitise_html

register = template.Library()


@register.filter
def rich_text(value: str) -> SafeString:
    """Render a stored rich-text body. Bodies are sanitised when saved; sanitising again
    here means markup from anywhere else (an old row, an import) is held to the same rules."""
    return mark_safe(sanitise_html(value))  # noqa: S308 - sanitised by the allowlist just above
