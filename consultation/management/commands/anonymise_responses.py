"""Remove names, e-mail and network addresses from consultation responses older than
their consultation's retention period. Also run daily by Celery beat."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from consultation.services import responses_anonymise


class Command(BaseCommand):
    help = "Anonymise consultation responses older than their consultation's retention period."

    def handle(self, *args: Any, **options: Any) -> None:
        count = responses_anonymise(now=timezone.now())
        self.stdout.write(self.style.SUCCESS(f"Anonymised {count} responses."))
