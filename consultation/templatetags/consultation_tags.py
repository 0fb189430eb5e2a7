from typing import Any

from django import template

register = template.Library()


@register.filter
def thousands(value: Any) -> str:
    """3512 -> '3,512' (django.contrib.humanize is not installed for one filter)."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def clock(value: object) -> str:
    """A time the GOV.UK way, in UK time: 9am, 5:30pm, midday, 11:59pm."""
    import datetime

    from django.utils import timezone

    if not isinstance(value, datetime.datetime | datetime.time):
        return ""
    moment = timezone.localtime(value) if isinstance(value, datetime.datetime) else value
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"
