"""Dates as the documents and e-mails write them: "14 October 2016"."""

from datetime import date, datetime

from django.utils import timezone


def long_date(value: str | date | datetime) -> str:
    """A day as the plan writes it. A moment is taken on the local day (Europe/London);
    a string is an ISO date, as a frozen version's content stores it."""
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    elif isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"
