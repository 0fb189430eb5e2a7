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


@register.filter
def in_column_of(value: Decimal | None, unit: str) -> str:
    """A value in a column headed with its unit: 91.2% (a per cent sign is part of the
    figure), 2,744 (under "Value (officers)")."""
    return format_value(value, unit) if unit.strip() == "%" else format_number(value)


@register.filter
def value_heading(unit: str) -> str:
    """The heading of a column of values, with the unit its figures leave out."""
    unit = unit.strip()
    return "Value" if unit in ("", "%") else f"Value ({unit})"
