"""The demo's documents as a reader meets them: rendered by seed_demo, then read back from
the PDFs themselves (pdffonts, pdftotext -bbox, pypdf): the bundled typeface throughout,
the full plan's pages full, its chapters on new pages, its cover and its draft marks."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from plans.models import Version
from publishing import demo, services
from publishing.models import Publication, RenderJob
from publishing.tests.pdf_reading import alt_texts, bookmarks, font_sizes, fonts, pages, requires_poppler

# The documents are made once for the module, in a database the tests then leave empty.
pytestmark = [requires_poppler, pytest.mark.django_db(transaction=True)]

BUNDLED_FAMILY = "Source-Sans-3"


@pytest.fixture(scope="module")
def demo_documents(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> dict[str, Path]:
    """The published demo's PDFs and a draft's full plan and large print, by file name, copied out of a seeded database
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
            jobs = list(publication.documents.all())
            # The 2017/18 refresh's draft V1, as staff render it for consultation.
            draft = Version.objects.get(plan__predecessor=publication.version.plan, number=1)
            drafts = {
                RenderJob.Format.FULL: "draft-full-plan.pdf",
                RenderJob.Format.LARGE_PRINT: "draft-large-print.pdf",
                RenderJob.Format.EASY_READ: "draft-easy-read.pdf",
            }
            for format in drafts:
                created = services.render_job_create(version=draft, format=format)
                jobs.append(
                    services.render_job_run(
                        job_id=created.pk, task_id=f"draft-{format}", worker="test", renderer=demo.renderer
                    )
                )
            for job in jobs:
                name = job.download_name if job.version_id == publication.version_id else drafts[job.format]
                path = folder / name
                with job.output.open("rb") as source:
                    path.write_bytes(source.read())
                found[name] = path
        finally:
            call_command("flush", interactive=False, verbosity=0)
            settings.MEDIA_ROOT = media_before
    return found


def test_every_font_in_every_demo_document_is_the_bundled_typeface(demo_documents: dict[str, Path]) -> None:
    # The version's 15 published documents (with the plan on a page, its poster, large
    # print and Easy Read) and a draft's full plan, large print and Easy Read.
    assert len(demo_documents) == 15 + 3
    for name, path in demo_documents.items():
        used = fonts(path)
        assert used, name
        assert all(font.startswith(BUNDLED_FAMILY) for font in used), (name, used)


FULL_PLAN = "police-and-crime-plan-2016-21-v2-full-plan.pdf"


def _chapter_starts(path: Path) -> dict[str, int]:
    """The chapters of the full plan (each starts a new page) and their first pages: every
    top-level part but the opening sections after the first (they flow on), and each priority."""
    marks = bookmarks(path)
    starts: dict[str, int] = {}
    in_objectives = False
    opening_seen = False
    for depth, title, page in marks:
        if depth == 1:
            in_objectives = title == "Police and crime objectives"
            opening = title not in {
                "Contents",
                "Foreword and introduction",
                "At a glance",
                "Police and crime objectives",
                "Measures of performance",
                "Resources and grants",
                "In each District",
            } and not title.startswith("Appendix")
            if opening and opening_seen:
                continue
            opening_seen = opening_seen or opening
            # The appendices flow on after the chapter before them.
            if title.startswith("Appendix"):
                continue
            starts[title] = page
        elif depth == 2 and in_objectives and page != starts["Police and crime objectives"]:
            # Each priority after the first, which follows the chapter's heading.
            starts[title] = page
    return starts


def test_the_full_plan_starts_a_page_only_for_a_chapter_and_no_page_but_a_chapters_last_is_half_empty(
    demo_documents: dict[str, Path],
) -> None:
    path = demo_documents[FULL_PLAN]
    starts = _chapter_starts(path)
    laid_out = pages(path)
    # Each chapter opens at the top of its page.
    for title, page in starts.items():
        body = " ".join(w[4] for w in laid_out[page - 1].body_words).lower()
        assert body.startswith(("contents", "priority", title.split()[0].lower())), (title, page, body[:80])
    assert {"Contents", "Foreword and introduction", "At a glance", "Measures of performance"} <= set(starts)
    assert "Strengthen and improve your local policing teams" in starts
    # The opening sections flow on, several to a page, instead of a page each.
    opening = [
        (t, p)
        for d, t, p in bookmarks(path)
        if d == 1 and t in {"Roles, responsibilities and governance", "Legitimacy"}
    ]
    assert len(opening) == 2 and opening[0][1] == opening[1][1], opening
    # The back cover is a page of its own, the last.
    first_pages = set(starts.values()) | {len(laid_out)}
    for page in laid_out[1:]:
        chapters_last = page.number + 1 in first_pages or page.number == len(laid_out)
        if not chapters_last:
            assert page.filled() >= 0.5, f"page {page.number} is {page.filled():.0%} full: {page.text[:80]}"


def test_the_published_cover_gives_the_publication_date_and_a_draft_says_so_on_every_page(
    demo_documents: dict[str, Path],
) -> None:
    cover = pages(demo_documents[FULL_PLAN])[0].text
    assert "Published 14 October 2016" in cover
    # The area's brand: its logo and cover image, each with its alternative text.
    figures = alt_texts(demo_documents[FULL_PLAN])
    assert figures[:2] == [
        ("/Figure", "Avon and Somerset Police and Crime Commissioner"),
        ("/Figure", "The Clifton Suspension Bridge across the Avon Gorge at sunset, the Mendip Hills behind"),
    ]
    assert "1 September 2016" not in cover and "DRAFT" not in cover
    assert "Police and Crime Plan 2016-21" in cover and "5 May 2016 to 31 March 2021" in cover

    draft = pages(demo_documents["draft-full-plan.pdf"])
    assert "Draft V1," in draft[0].text
    for page in draft:
        assert "DRAFT V1, not the issued plan" in page.text, page.number


def test_the_full_plan_ends_with_a_back_cover_on_an_even_page_giving_the_office_and_the_other_formats(
    demo_documents: dict[str, Path],
) -> None:
    for name, issued, formats in (
        (FULL_PLAN, "Published 14 October 2016", "This plan is also published"),
        # A draft tells of the formats to come, not as if they were out.
        ("draft-full-plan.pdf", "DRAFT V1", "When it is issued, this plan will also be published"),
    ):
        laid_out = pages(demo_documents[name])
        # Printed both sides, the back cover is the back of the booklet.
        assert len(laid_out) % 2 == 0, (name, len(laid_out))
        back = " ".join(laid_out[-1].text.split())
        for words in (
            "Office of the Police and Crime Commissioner for Avon and Somerset",
            "How to get in touch",
            "Telephone: 01275 816377",
            "Email: pcc@avonandsomerset.pnn.police.uk",
            "In an emergency, call 999",
            f"{formats} as a summary, as a summary in large print, in Easy Read and as a plan on a page",
            "a plan for each District: Bath and North East Somerset, Bristol, Mendip,",
            "Find them on our website, https://www.avonandsomerset-pcc.gov.uk/",
            issued,
        ):
            assert words in back, (name, words, back)
        # The back cover has no running header or page number, and a page left blank to
        # bring it to an even page is plainly blank (but for a draft's mark).
        assert "Page " not in back
        for page in laid_out:
            if not page.body_words:
                assert not page.text.replace("DRAFT V1, not the issued plan", "").strip(), (name, page.number)


def test_the_full_plans_appendices_flow_on_rather_than_leave_a_page_a_quarter_full(
    demo_documents: dict[str, Path],
) -> None:
    path = demo_documents[FULL_PLAN]
    laid_out = pages(path)
    appendices = [page for depth, title, page in bookmarks(path) if depth == 1 and title.startswith("Appendix")]
    assert len(appendices) == 2, appendices
    # The first appendix follows the Districts on their last page (a page of its own was a
    # quarter full); every page of the appendices but their last (the back cover follows)
    # is at least half full.
    first = laid_out[appendices[0] - 1]
    assert not " ".join(w[4] for w in first.body_words).startswith("Appendix"), first.text[:80]
    for page in laid_out[appendices[0] - 1 : -2]:
        assert page.filled() >= 0.5, f"page {page.number} is {page.filled():.0%} full: {page.text[:80]}"


def test_a_drafts_mark_in_large_print_and_easy_read_is_as_large_as_every_other_word_in_it(
    demo_documents: dict[str, Path],
) -> None:
    path = demo_documents["draft-large-print.pdf"]
    sizes = font_sizes(PdfReader(path))
    assert min(sizes) >= 16, sizes
    for page in pages(path):
        assert "DRAFT V1, not the issued plan" in page.text, page.number
    # Easy Read's words are 14 pt or more, its draft's mark too (it was 10 pt).
    easy_read = demo_documents["draft-easy-read.pdf"]
    sizes = font_sizes(PdfReader(easy_read))
    assert min(sizes) >= 14, sizes
    easy_read_pages = pages(easy_read)
    assert "Draft V1," in easy_read_pages[0].text
    for page in easy_read_pages[1:]:
        assert "DRAFT V1, not the issued plan" in page.text, page.number
