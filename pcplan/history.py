"""Saving through the services records who made a change, wherever it runs."""

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
