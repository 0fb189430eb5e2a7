from decimal import Decimal

from django import template

from performance.status import format_number, format_value

register = template.Library()


@register.filter
def number(value: Decimal | None) -> str:
    """62.4000 -> 62.4; 2744 -> 2,744."""
    return format_number(value)


@register.filter
def with_unit(value: Decimal | None, unit: str) -> str:
    """A value with its unit: 91.2%, 2,744 officers."""
    return format_value(value, unit)
