"""Load the demo: the Avon and Somerset Police and Crime Plan 2016-21 and everything
around it, built from the real OPCC documents. Idempotent: running it twice changes
nothing the second time. For development and demonstrations only.

Each app contributes its part through `seed_demo(stdout=..., style=...)` on its AppConfig,
called in INSTALLED_APPS order so the core is there before what builds on it.
"""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo log-ins."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even though DEBUG is off (never on a live service: demo users have known passwords).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("seed_demo creates users with known passwords; it runs only with DEBUG on.")
        for config in apps.get_app_configs():
            seed = getattr(config, "seed_demo", None)
            if seed is not None:
                self.stdout.write(f"Seeding {config.verbose_name}...")
                seed(stdout=self.stdout, style=self.style)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
