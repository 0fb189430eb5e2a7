"""Print the one-time link with which the first Publisher sets up pcplan in the browser:
their account, their authenticator app, the police area, its Districts and its Panel."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.formats import date_format

from accounts import links, services


class Command(BaseCommand):
    help = "Print a one-time link for the first Publisher to set up a police area in the browser."

    def handle(self, *args: Any, **options: Any) -> None:
        link = services.setup_link_create()
        expires = date_format(timezone.localtime(link.expires_at), "j F Y, H:i")
        self.stdout.write("Open this link in your browser to set up pcplan for your Office.")
        self.stdout.write(f"It works once, until {expires} ({settings.PCPLAN_SETUP_LINK_HOURS} hours):")
        self.stdout.write("")
        self.stdout.write(links.setup_url(link.pk))
        self.stdout.write("")
        self.stdout.write(
            f"The address starts with PCPLAN_BASE_URL ({settings.PCPLAN_BASE_URL}): set it to your site's."
        )
