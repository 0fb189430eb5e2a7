"""Render a published version's documents again from what was frozen with them, and check
that each PDF comes out with the published sha256.

    python manage.py verify_publication police-and-crime-plan-2016-21
    python manage.py verify_publication police-and-crime-plan-2016-21 --version 2

Without --version, every published version of the plan is checked. Exits non-zero when
any document differs or cannot be rendered again.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from publishing import services
from publishing.models import Publication

from ._arguments import plan_by_key, version_by_key


class Command(BaseCommand):
    help = "Check that every published document of a plan re-renders, from its frozen source, to the same PDF."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # --version names the plan's version; Django's own --version gives way to it.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", help="The plan's slug or id")
        parser.add_argument("--version", dest="plan_version", help="One published version: V2 or 2 (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = plan_by_key(options["plan"])
        publications = Publication.objects.filter(version__plan=plan).select_related("version").order_by("published_at")
        if options.get("plan_version"):
            version = version_by_key(plan, options["plan_version"])
            publications = publications.filter(version=version)
            if not publications:
                raise CommandError(f"{version.label} of {plan.title} is not published.")
        elif not publications:
            raise CommandError(f"{plan.title} has no published version.")
        failed = 0
        for publication in publications:
            results = services.publication_verify(publication=publication)
            if not results:
                failed += 1
                self.stderr.write(f"{publication.version.label}: the publication has no documents.")
            for result in results:
                name = f"{publication.version.label} {result.job.document_label}"
                if result.holds:
                    self.stdout.write(self.style.SUCCESS(f"Same PDF: {name}, sha256 {result.sha256}"))
                else:
                    failed += 1
                    self.stderr.write(self.style.ERROR(f"Differs: {name}. {result.problem}"))
        if failed:
            documents = "document" if failed == 1 else "documents"
            raise CommandError(f"{failed} published {documents} of {plan.title} did not verify.")
