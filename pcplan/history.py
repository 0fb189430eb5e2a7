"""Who made a change: every service records the person (and why) with the history row
django-simple-history writes, and pages name them the same way."""

from typing import Any

from django.contrib.auth.models import User


def attribute(instance: Any, by: User | None, reason: str = "") -> None:
    """Tell django-simple-history who made this change and why. The history middleware
    only knows the user in web requests; commands, tasks and tests pass `by` instead."""
    if by is not None:
        instance._history_user = by
    if reason:
        instance._change_reason = reason


def save_attributed(instance: Any, by: User | None, reason: str = "") -> None:
    attribute(instance, by, reason)
    instance.full_clean()
    instance.save()


def delete_attributed(instance: Any, by: User | None, reason: str = "") -> None:
    attribute(instance, by, reason)
    instance.delete()


def person(user: Any) -> str:
    """A person as pages name them: their full name, else their user name."""
    if user is None:
        return "Someone (not recorded)"
    return user.get_full_name() or user.get_username()


def last_change(record: Any) -> tuple[Any, Any]:
    """(who, when) of the latest saved change of a record with history; (None, None) for
    a record without."""
    history = getattr(record, "history", None)
    if history is None:
        return None, None
    latest = history.select_related("history_user").order_by("-history_date", "-history_id").first()
    if latest is None:
        return None, None
    return latest.history_user, latest.history_date
