"""The demo's documents as a reader meets them: rendered by seed_demo, then read back from
the PDFs themselves (pdffonts, pdftotext -bbox, pypdf): the bundled typeface throughout,
the full plan's pages full, its chapters on new pages, its cover and its draft marks."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from publishing.models import Publication
from publishing.tests.pdf_reading import fonts, requires_poppler

# The documents are made once for the module, in a database the tests then leave empty.
pytestmark = [requires_poppler, pytest.mark.django_db(transaction=True)]

BUNDLED_FAMILY = "Source-Sans-3"


@pytest.fixture(scope="module")
def demo_documents(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> dict[str, Path]:
    """The published demo's eleven PDFs, by file name, copied out of a seeded database
    that is emptied again afterwards (as a transactional test's would be)."""
    folder = tmp_path_factory.mktemp("demo-documents")
    with django_db_blocker.unblock():
        from django.conf import settings

        media_before = settings.MEDIA_ROOT
        settings.MEDIA_ROOT = folder / "media"
        try:
            call_command("seed_demo", allow_production=True, stdout=StringIO())
            publication = Publication.objects.get(version__plan__slug="police-and-crime-plan-2016-21")
            found: dict[str, Path] = {}
            for job in publication.documents.all():
                path = folder / job.download_name
                with job.output.open("rb") as source:
                    path.write_bytes(source.read())
                found[job.download_name] = path
        finally:
            call_command("flush", interactive=False, verbosity=0)
            settings.MEDIA_ROOT = media_before
    return found


def test_every_font_in_every_demo_document_is_the_bundled_typeface(demo_documents: dict[str, Path]) -> None:
    assert len(demo_documents) == 11
    for name, path in demo_documents.items():
        used = fonts(path)
        assert used, name
        assert all(font.startswith(BUNDLED_FAMILY) for font in used), (name, used)
