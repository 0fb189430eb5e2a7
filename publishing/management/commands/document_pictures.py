"""Pictures of the demo's full plan for the README: its cover and the opening page of a
priority, as PNG files made from the published PDF (`make pictures` seeds a throwaway
demo and runs this).

    python manage.py document_pictures --output docs/pictures
"""

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pypdf import PdfReader

from plans.demo import DEMO_PLAN_SLUG
from publishing.models import Publication, RenderJob

# The priority whose opening page is shown: the second, a typical one.
PRIORITY_SHOWN = 2
RESOLUTION = 60


class Command(BaseCommand):
    help = "Write PNG pictures of the demo full plan's cover and a priority's opening page."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="The folder to write the pictures to")

    def handle(self, *args: Any, **options: Any) -> None:
        if not shutil.which("pdftoppm"):
            raise CommandError("pdftoppm is needed (Debian's poppler-utils).")
        publication = Publication.objects.filter(version__plan__slug=DEMO_PLAN_SLUG).order_by("-published_at").first()
        if publication is None:
            raise CommandError("Seed the demo first (python manage.py seed_demo).")
        job = publication.documents.get(format=RenderJob.Format.FULL)
        output = Path(options["output"])
        output.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "full-plan.pdf"
            with job.output.open("rb") as source:
                pdf.write_bytes(source.read())
            pictures = {"full-plan-cover.png": 1, "full-plan-priority.png": self._priority_page(pdf)}
            for name, page in pictures.items():
                stem = Path(folder) / name.removesuffix(".png")
                subprocess.run(  # noqa: S603
                    ["pdftoppm", "-r", str(RESOLUTION), "-png", "-singlefile", "-f", str(page), "-l", str(page)]  # noqa: S607
                    + [str(pdf), str(stem)],
                    check=True,
                )
                shutil.copyfile(stem.with_suffix(".png"), output / name)
                self.stdout.write(f"Wrote {output / name} (page {page} of the full plan)")

    def _priority_page(self, pdf: Path) -> int:
        """The page the chosen priority opens on, from the PDF's bookmarks (the priorities are
        the children of the chapter "Police and crime objectives")."""
        reader = PdfReader(pdf)

        def walk(items: list[Any]) -> int | None:
            for index, item in enumerate(items):
                if isinstance(item, list):
                    found = walk(item)
                    if found:
                        return found
                elif item.title == "Police and crime objectives" and index + 1 < len(items):
                    children = [c for c in items[index + 1] if not isinstance(c, list)]
                    if len(children) >= PRIORITY_SHOWN:
                        return (reader.get_destination_page_number(children[PRIORITY_SHOWN - 1]) or 0) + 1
            return None

        page = walk(reader.outline)
        if page is None:
            raise CommandError("The full plan has no chapter of police and crime objectives.")
        return page
