"""Saving through the services records who made a change, wherever it runs."""

from typing import Any

from django.contrib.auth.models import User

from pcplan.history import attribute

__all__ = ["attribute", "delete_attributed", "save_attributed"]


def save_attributed(instance: Any, by: User | None, reason: str = "") -> None:
    attribute(instance, by, reason)
    instance.full_clean()
    instance.save()


def delete_attributed(instance: Any, by: User | None, reason: str = "") -> None:
    attribute(instance, by, reason)
    instance.delete()
