"""Accounts: the one-time set-up link, invitations, the record of changes to a person's
role or account, and the sessions each person is signed in with.

A link (set-up or invitation) carries its row's id signed with the site's secret key
(`accounts.links`), so nothing secret is stored; the row says whether it has expired or
been used. The second factor's devices are django-otp's (TOTPDevice, StaticDevice).
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class SetupLink(models.Model):
    """The link `manage.py create_area` prints, for the first Publisher of a new instance."""

    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Set-up link of {self.created_at:%Y-%m-%d %H:%M}"

    def is_usable(self, now: datetime) -> bool:
        return self.used_at is None and now < self.expires_at


class Invitation(models.Model):
    """An e-mailed link that lets an invited person set their password. A new invitation
    to the same person replaces the earlier one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Invitation of {self.user} ({self.created_at:%Y-%m-%d})"

    def is_usable(self, now: datetime) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and now < self.expires_at


class AccountChange(models.Model):
    """Who changed whose role or account, when, and what: shown on the person's page."""

    class Kind(models.TextChoices):
        INVITED = "invited", "Invited"
        ROLE = "role", "Role changed"
        AREA = "area", "Police area changed"
        DEACTIVATED = "deactivated", "Account deactivated"
        REACTIVATED = "reactivated", "Account reactivated"
        AUTHENTICATOR_RESET = "authenticator_reset", "Authenticator app reset"
        FIRST_PUBLISHER = "first_publisher", "Set up pcplan as its first Publisher"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    before = models.CharField(max_length=200, blank=True)
    after = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user}"

    @property
    def description(self) -> str:
        if self.before and self.after:
            return f"{self.get_kind_display()} from {self.before} to {self.after}"
        if self.after:
            return f"{self.get_kind_display()}: {self.after}"
        return self.get_kind_display()


class SignedInSession(models.Model):
    """A session a person signed in with, so that deactivating them ends every one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-signed_in_at"]

    def __str__(self) -> str:
        return f"{self.user} signed in at {self.signed_in_at:%Y-%m-%d %H:%M}"
