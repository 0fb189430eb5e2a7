"""Forgetting old form keys: a key matters for the minutes in which a form can be sent
again; after a day it only takes room."""

from datetime import datetime, timedelta

from django.utils import timezone

from .models import FormSubmission

KEPT_FOR = timedelta(days=1)


def form_keys_forget(*, now: datetime | None = None) -> int:
    """Delete the keys older than KEPT_FOR; returns how many."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    deleted, _ = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
