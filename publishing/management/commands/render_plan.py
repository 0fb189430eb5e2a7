"""Render one document of a plan version to a PDF file, synchronously.

    python manage.py render_plan police-and-crime-plan-2016-21 --version V2 --format full --output plan.pdf
    python manage.py render_plan 3 --version 2 --format district --district bristol --output bristol.pdf

Goes through the same service as the staff pages' jobs (a render job is recorded, so
the render shows on the version's documents page), without Celery.
"""

import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plans.models import District, Plan
from publishing import services
from publishing.formats import version_formats
from publishing.models import RenderJob

from ._arguments import plan_by_key, version_by_key

# The documents of a plan's version (the outcome report is a consultation's).
PLAN_FORMATS = [RenderJob.Format.FULL, RenderJob.Format.SUMMARY, RenderJob.Format.DISTRICT, *version_formats(True)[2:]]


class Command(BaseCommand):
    help = "Render the full plan, the public summary or a District plan of a version to a PDF file."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # The issue asks for --version V2; Django's own --version (its version number)
        # gives way to it.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", help="The plan's slug or id")
        parser.add_argument("--version", dest="plan_version", required=True, help="The version: V2 or 2")
        parser.add_argument("--format", required=True, help=", ".join(PLAN_FORMATS))
        parser.add_argument("--district", help="The District's slug (with --format district)")
        parser.add_argument("--output", required=True, help="Where to write the PDF")

    def handle(self, *args: Any, **options: Any) -> None:
        format = options["format"]
        if format not in PLAN_FORMATS:
            raise CommandError(f"Unknown format {format!r}: choose {', '.join(PLAN_FORMATS)}.")
        plan = plan_by_key(options["plan"])
        version = version_by_key(plan, options["plan_version"])
        district = self._district(plan, format, options.get("district"))
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"Cannot write {output}: the folder {output.parent} does not exist.")

        created = services.render_job_create(version=version, format=format, district=district)
        job = services.render_job_run(
            job_id=created.pk, task_id=f"render_plan-{uuid.uuid4()}", worker=f"render_plan:{os.getpid()}"
        )
        if job is None or job.status != RenderJob.Status.DONE:
            error = job.error if job is not None else "The render did not finish."
            raise CommandError(f"{RenderJob.Format(format).label} of {version}: {error}")
        with job.output.open("rb") as source, output.open("wb") as target:
            shutil.copyfileobj(source, target)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output}: {job.document_label} of {version}, {job.page_count} pages, "
                f"{job.size_bytes:,} bytes, sha256 {job.sha256}"
            )
        )

    def _district(self, plan: Plan, format: str, slug: str | None) -> District | None:
        if format != RenderJob.Format.DISTRICT:
            if slug:
                raise CommandError("--district goes only with --format district.")
            return None
        districts = District.objects.filter(area_id=plan.area_id).order_by("name")
        if not slug:
            raise CommandError("A District plan needs --district: one of " + ", ".join(d.slug for d in districts) + ".")
        district = districts.filter(slug=slug).first()
        if district is None:
            raise CommandError(
                f"{plan.area.name} has no District {slug!r}; its Districts are: "
                + ", ".join(d.slug for d in districts)
                + "."
            )
        return district
