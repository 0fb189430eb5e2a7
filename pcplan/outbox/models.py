from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxTask(models.Model):
    """A Celery task recorded with the change that needs it, waiting for the relay.

    Written in the caller's transaction, so it exists exactly when that change does. The
    relay sets `sent_at` once the broker has taken the message; until then the row waits,
    whatever happens to the broker. A task the broker refuses for a reason of its own (not
    an outage) is tried again later and, after MAX_ATTEMPTS, set aside with `failed_at`.
    """

    MAX_ATTEMPTS = 10

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    # The Celery task id: the same on every hand-over, so a message relayed twice (the
    # relay stopped between publishing and recording it) carries one id.
    task_id = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Not handed over before this moment: the back-off after a refusal.
    due_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0, help_text="Hand-overs the broker refused")
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(
                fields=["due_at", "id"],
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
                name="outbox_waiting",
            ),
            models.Index(fields=["sent_at"], name="outbox_sent"),
        ]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else "failed" if self.failed_at else "waiting"
        return f"{self.task_name}{tuple(self.args)} ({state})"


class SentEmail(models.Model):
    """One e-mail that went to the mail server, by a key naming what it was and to whom
    ("panel.review:12:member:5"). A task retried after the server failed partway through
    its list skips those already here: nobody gets the same e-mail twice."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key
