from django.conf import settings
from django.db import models
from django.utils import timezone


class FormSubmission(models.Model):
    """A form's one-time key, written in the same transaction as what the form did.

    `location` is where the first answer sent the person (a redirect): the same key posted
    again is sent there too. A key whose form did not succeed is not kept, so sending the
    corrected form again goes through."""

    key = models.UUIDField(unique=True)
    path = models.CharField(max_length=500)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    location = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "form sent"
        verbose_name_plural = "forms sent"

    def __str__(self) -> str:
        return f"{self.path} ({self.key})"
