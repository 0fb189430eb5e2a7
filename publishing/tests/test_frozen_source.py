"""A published document is frozen with what it was rendered from: its web page is served
from that HTML, whatever changes after, and `verify_publication` renders it again to the
very same PDF."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from performance.models import Measure, Reading
from plans.models import Plan
from publishing import demo
from publishing.models import Publication
from publishing.snapshot import Snapshot

PLAN_SLUG = "police-and-crime-plan-2016-21"


def _publication() -> Publication:
    return Publication.objects.select_related("version__plan__area").get(
        version__plan__area__slug="avon-and-somerset", version__plan__slug=PLAN_SLUG
    )


def test_every_published_demo_document_renders_again_to_the_published_pdf(
    transactional_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rendered for real: each PDF from this seed's own HTML, not one remembered from a
    # seed whose parts had other uids.
    monkeypatch.setattr(demo, "renderer", None)
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    out = StringIO()
    call_command("verify_publication", PLAN_SLUG, "--version", "V2", stdout=out)
    assert out.getvalue().count("Same PDF: V2") == 15, out.getvalue()

    # A published PDF that no longer matches its source is reported, and the command fails.
    summary = _publication().documents.get(format="summary")
    type(summary).objects.filter(pk=summary.pk).update(sha256="0" * 64)
    errors = StringIO()
    with pytest.raises(CommandError, match="1 published document of"):
        call_command("verify_publication", PLAN_SLUG, stdout=StringIO(), stderr=errors)
    assert "Differs: V2 Public summary" in errors.getvalue()


def test_a_published_document_page_is_the_html_frozen_with_its_pdf(transactional_db: Any, client: Any) -> None:
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    publication = _publication()
    full = publication.documents.get(format="full")
    with full.source.open("rb") as file:
        source = Snapshot.from_bytes(file.read())
    # The web page's body is the PDF's body, character for character, and the print HTML's
    # stylesheet was frozen with it.
    body = source.web_html.split("</dl>", 1)[1].strip()
    assert len(body) > 10_000 and body in source.html
    assert any(url.endswith("publishing/print.css") for url in source.assets)

    url = f"/published/avon-and-somerset/{PLAN_SLUG}/v2/full/"
    before = client.get(url).content.decode()
    assert "Measures of performance" in before and source.title in before

    # What the live data says changes after publication; the published page does not.
    plan = Plan.objects.get(pk=publication.version.plan_id)
    plan.area.opcc_name = "Office of the Police and Crime Commissioner for Somewhere Else"
    plan.area.save()
    measure = Measure.objects.filter(plan=plan).order_by("pk").first()
    assert measure is not None
    Reading.objects.filter(measure=measure).update(value=1)
    after = client.get(url).content.decode()
    assert "Somewhere Else" not in after
    assert _charts(after) == _charts(before)


def _charts(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('src="data:image/svg+xml;base64,')[1:]]
