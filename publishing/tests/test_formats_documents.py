"""The demo's published documents in every format, read back from their PDFs as a reader
would get them: the plan on a page fits one A4 landscape page and its poster is A3; the
summary leaflet folds (a multiple of 4 pages), carries none of the full plan's
appendices and has its own plan on a page, every priority on one page; each District plan
holds its own priorities and the measures it has figures for; the large-print summary's
text is 16 pt or more; the Easy Read version has a picture with alternative text beside
each priority."""

import io
import re
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command
from pypdf import PdfReader

from performance.models import DistrictReading, Measure
from plans.models import District, Plan
from plans.snapshot import PlanContent
from publishing.formats import PageRoom, fitted_type_scale
from publishing.models import BrandKit, Publication, RenderJob
from publishing.tests import pdf_reading

Format = RenderJob.Format
A4_LANDSCAPE = (841.89, 595.28)
A3_LANDSCAPE = (1190.55, 841.89)


def _demo() -> dict[str, Any]:
    """The demo seeded, its published documents read into memory."""
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    plan = Plan.objects.get(area__slug="avon-and-somerset", slug="police-and-crime-plan-2016-21")
    publication = Publication.objects.select_related("version").get(version__plan=plan)
    documents = {}
    page_job = publication.documents.get(format=Format.PAGE)
    page_text = pdf_reading.pages(Path(page_job.output.path))[0]
    summary_path = Path(publication.documents.get(format=Format.SUMMARY).output.path)
    large_print_pages = pdf_reading.pages(Path(publication.documents.get(format=Format.LARGE_PRINT).output.path))
    with page_job.picture.open("rb") as handle:
        picture = handle.read()
    district_pages = {}
    for job in publication.documents.select_related("district"):
        with job.output.open("rb") as handle:
            documents[(job.format, job.district.slug if job.district else None)] = PdfReader(io.BytesIO(handle.read()))
        if job.district:
            district_pages[job.district.slug] = pdf_reading.pages(Path(job.output.path))
    content = PlanContent.from_json(publication.version.content)
    districts = list(District.objects.filter(area=plan.area).order_by("name"))
    measured = {
        d.slug: set(
            DistrictReading.objects.filter(district=d, measure__plan=plan).values_list("measure__name", flat=True)
        )
        for d in districts
    }
    own_measures = {
        d.slug: set(Measure.objects.filter(plan=plan, objective__district=d).values_list("name", flat=True))
        for d in districts
    }
    return {
        "documents": documents,
        "content": content,
        "districts": districts,
        "measured": measured,
        "own_measures": own_measures,
        "picture": picture,
        "page_text": page_text,
        "summary_path": summary_path,
        "large_print_pages": large_print_pages,
        "district_pages": district_pages,
        "picture_alt": page_job.picture_alt,
        "plan": plan,
        "brand": BrandKit.objects.get(area=plan.area),
    }


def _text(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _size(reader: PdfReader, index: int = 0) -> tuple[float, float]:
    box = reader.pages[index].mediabox
    return (round(float(box.width), 2), round(float(box.height), 2))


def _figures_with_alt(reader: PdfReader) -> list[str]:
    """The alternative text of every figure in the PDF's structure tree."""
    found: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                found.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                walk(kids)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def _the_plan_on_a_page_is_one_a4_landscape_page_and_its_poster_one_a3_page(demo: Any) -> None:
    page, poster = demo["documents"][(Format.PAGE, None)], demo["documents"][(Format.POSTER, None)]
    assert len(page.pages) == 1 and _size(page) == A4_LANDSCAPE
    assert len(poster.pages) == 1 and _size(poster) == A3_LANDSCAPE
    text = _text(page)
    content = demo["content"]
    assert content.vision[:60] in text
    for objective in content.force_wide_objectives:
        assert objective.title[:40] in text
    assert "How to get involved" in text
    assert "Number of crimes per 1000 population: to fall" in text
    # The page is used to its foot: the band on how to get involved ends within its last
    # tenth (the page's bottom margin is 9 mm of 210).
    words = demo["page_text"].words
    assert max(w[3] for w in words) > 0.9 * demo["page_text"].height
    assert [w[4] for w in words if w[3] > 0.8 * demo["page_text"].height][:4] == ["How", "to", "get", "involved"]


def _plan_on_a_page_is_a_picture_with_its_words_as_alternative_text(demo: Any, client: Any) -> None:
    from django.urls import reverse
    from PIL import Image

    with Image.open(io.BytesIO(demo["picture"])) as picture:
        assert picture.format == "PNG" and picture.size == (1754, 1241)  # A4 landscape at 150 dpi
    alt = demo["picture_alt"]
    assert alt.startswith("Police and Crime Plan 2016-21, 5 May 2016 to 31 March 2021: the plan on a page. Vision:")
    assert "Priority 1: Protect the most vulnerable from harm." in alt
    plan = demo["plan"]
    page = client.get(
        reverse("publishing:published_plan", kwargs={"area_slug": plan.area.slug, "plan_slug": plan.slug})
    ).content.decode()
    assert 'class="app-plan-on-a-page"' in page and "Priority 1: Protect the most vulnerable from harm." in page
    assert "Download the plan on a page as a picture (PNG)" in page


def _the_summary_folds_into_a_leaflet_without_the_full_plans_appendices(demo: Any) -> None:
    summary = demo["documents"][(Format.SUMMARY, None)]
    assert len(summary.pages) % 4 == 0
    text = _text(summary)
    appendices = [s.title for s in demo["content"].sections if s.title.lower().startswith("appendix")]
    assert appendices, "the demo's full plan has appendices"
    full = _text(demo["documents"][(Format.FULL, None)])
    for title in appendices:
        assert title in full
        assert title not in text
    # The back cover is the last page: the office and how to reach it, nothing cut away.
    back = summary.pages[-1].extract_text()
    assert "Office of the Police and Crime Commissioner" in back and "In an emergency, call 999" in back
    # It is a cover in the brand, as the front is: the brand's band names the plan.
    assert "Police and Crime Plan 2016-21, 5 May 2016 to 31 March 2021" in re.sub(r"\s+", " ", back)
    # Its logo is a background (an artifact): the front cover's logo and image are the only figures.
    brand = demo["brand"]
    assert _figures_with_alt(summary) == [brand.logo_alt, brand.cover_alt]
    # How to get in touch is said once, on the back cover, with the other formats and the
    # date of issue (it was also a page before the notes pages).
    assert text.count("How to get in touch") == 1 and "How to get in touch" in back
    assert text.count("Telephone: 01275 816377") == 1
    assert "also published in large print" in back and "Published 14 October 2016" in back
    # The leaflet reaches its 8 pages with the plan at a glance and one notes page, not two.
    glance = [re.sub(r"\s+", " ", p.extract_text()) for p in summary.pages if "At a glance" in p.extract_text()]
    assert len(glance) == 1 and "1.6 million people live in the police area" in glance[0], glance
    # A notes page is ruled down to its foot, its lines evenly spaced.
    notes = [i for i, page in enumerate(summary.pages) if page.extract_text().startswith("Notes\n")]
    assert len(notes) == 1, "the demo's summary has one notes page"
    for index in notes:
        rows = _ruled_lines(demo["summary_path"], index)
        assert len(rows) >= 14, rows
        gaps = {b - a for a, b in zip(rows, rows[1:], strict=False)}
        assert max(gaps) - min(gaps) <= 2, f"the lines of notes page {index + 1} are unevenly spaced: {rows}"


def _the_summarys_plan_on_a_page_holds_each_priority_on_one_page(demo: Any) -> None:
    """Its plan on a page is a designed page, not running text: every priority's title, its
    outcomes and which way its measures should go, in words, all on the one page."""
    summary = demo["documents"][(Format.SUMMARY, None)]
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in summary.pages]
    on_page = [text for text in pages if "The plan on a page" in text]
    assert len(on_page) == 1, "the plan on a page is one page of the leaflet"
    text = on_page[0]
    assert demo["content"].vision[:60] in text
    for objective in demo["content"].force_wide_objectives:
        assert objective.title in text, objective.title
        outcomes = set(
            Measure.objects.filter(plan=demo["plan"], objective__uid=objective.uid).values_list("outcome", flat=True)
        )
        assert outcomes, f"{objective.title} has measures in the demo"
        for outcome in outcomes:
            assert outcome in text, outcome
    # Each measure's way in words, not colour alone.
    assert "Number of crimes per 1000 population: to fall" in text
    assert "Number of special constables: to rise" in text


def _ruled_lines(path: Path, index: int) -> list[int]:
    """The pixel rows (at 144 dpi) of the page's ruled lines: rows drawn across most of it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    image = document[index].render(scale=2).to_pil().convert("L")
    width, height = image.size
    pixels = image.load()
    rows = [
        y for y in range(height) if sum(1 for x in range(0, width, 2) if 120 < pixels[x, y] < 230) > 0.3 * width / 2
    ]
    # A line drawn across two pixel rows is one line.
    return [y for y in rows if y - 1 not in rows]


def _every_district_plan_holds_its_own_priorities_and_the_measures_it_has_figures_for(demo: Any) -> None:
    content = demo["content"]
    for district in demo["districts"]:
        text = _text(demo["documents"][(Format.DISTRICT, district.slug)])
        own = [o for o in content.objectives if o.district is not None and o.district.slug == district.slug]
        assert own, f"{district.name} has priorities of its own in the demo"
        for objective in own:
            assert objective.title in text, f"{district.name}'s plan lacks its priority {objective.title}"
            for commitment in objective.commitments:
                assert commitment.text[:50] in text
        measures = demo["measured"][district.slug] | demo["own_measures"][district.slug]
        assert measures, f"{district.name} has figures in the demo"
        for name in measures:
            assert name in text, f"{district.name}'s plan lacks the measure {name}"
        assert f"{district.name} against the force" in text
        assert f"Contact us in {district.name}" in text and "police station" in text
        reader = demo["documents"][(Format.DISTRICT, district.slug)]
        assert district.picture_alt and district.picture_alt in _figures_with_alt(reader)
        # The picture is a band under the chapter's heading, not half the page: the vision
        # under it starts in the top half of the page.
        opening = next(p for p in demo["district_pages"][district.slug] if f"{district.name} in the plan" in p.text)
        vision = next(w for w in opening.words if w[4] == content.vision.split()[0])
        assert vision[1] < 0.5 * opening.height, f"{district.name}'s picture takes half its page"
    mendip = _text(demo["documents"][(Format.DISTRICT, "mendip")])
    assert "People killed or seriously injured on Mendip's roads" in mendip


def _the_large_print_summary_sets_every_word_at_16_point_or_more(demo: Any) -> None:
    large_print = demo["documents"][(Format.LARGE_PRINT, None)]
    sizes = pdf_reading.font_sizes(large_print)
    assert min(sizes) >= 16, sizes
    body = max(sizes, key=lambda size: sizes[size])
    assert body >= 16 and max(sizes) > body, "body text at 16 pt or more, headings larger"
    # Its cover is the brand's, as the full plan's and the summary's are.
    brand = demo["brand"]
    assert _figures_with_alt(large_print)[:2] == [brand.logo_alt, brand.cover_alt]
    assert "Summary in large print" in large_print.pages[0].extract_text()
    # Its parts flow: no page but the last is left less than half full.
    for page in demo["large_print_pages"][1:-1]:
        assert max(w[3] for w in page.body_words) > 0.5 * page.height, f"page {page.number} is half empty"


def _the_easy_read_version_has_a_picture_with_alternative_text_beside_each_priority(demo: Any) -> None:
    easy_read = demo["documents"][(Format.EASY_READ, None)]
    priorities = demo["content"].force_wide_objectives
    # The brand's cover (its logo and one clear picture), then a picture beside each priority.
    brand = demo["brand"]
    assert _figures_with_alt(easy_read) == [brand.logo_alt, brand.cover_alt, *(o.easy_read_alt for o in priorities)]
    text = _text(easy_read)
    for objective in priorities:
        assert objective.title in text and objective.easy_read_sentences[0] in text
    # Two priorities to a page: none left alone on one.
    per_page = [
        sum(f"{n}. {o.title[:30]}" in re.sub(r"\s+", " ", page.extract_text()) for n, o in enumerate(priorities, 1))
        for page in easy_read.pages
    ]
    assert [count for count in per_page if count] == [2] * (len(priorities) // 2) + [1] * (len(priorities) % 2)
    assert "Words to know Police and Crime Commissioner The person people in Avon and Somerset vote for" in text
    assert min(pdf_reading.font_sizes(easy_read)) >= 14


def test_the_demos_published_documents_in_every_format_read_as_the_issue_asks(
    transactional_db: Any, client: Any
) -> None:
    """One seed of the demo (its renders are the session's), every format checked on it."""
    demo = _demo()
    _plan_on_a_page_is_a_picture_with_its_words_as_alternative_text(demo, client)
    _the_plan_on_a_page_is_one_a4_landscape_page_and_its_poster_one_a3_page(demo)
    _the_summary_folds_into_a_leaflet_without_the_full_plans_appendices(demo)
    _the_summarys_plan_on_a_page_holds_each_priority_on_one_page(demo)
    _every_district_plan_holds_its_own_priorities_and_the_measures_it_has_figures_for(demo)
    _the_large_print_summary_sets_every_word_at_16_point_or_more(demo)
    _the_easy_read_version_has_a_picture_with_alternative_text_beside_each_priority(demo)


# ---------------------------------------------------------------- the plan on a page's type


def test_the_plan_on_a_page_sets_its_type_as_large_as_fits_in_a_few_layouts() -> None:
    laid_out: list[float] = []

    def page(taken_at: Any) -> Any:
        def room_at(scale: float) -> PageRoom:
            laid_out.append(scale)
            taken = taken_at(scale)
            return PageRoom(1, 700.0, 700.0 - taken) if taken <= 700 else PageRoom(2)

        return room_at

    # A short plan, 70% of the page at the design's size, its text rewrapping as it grows:
    # the type grows to fill the page.
    scale = fitted_type_scale(page(lambda s: 490 * s**2), lowest=0.6, highest=1.5)
    assert scale is not None and 1.15 <= scale <= (700 / 490) ** 0.5
    assert len(laid_out) <= 4
    # A long one, too long at the design's size: the type shrinks until it fits.
    laid_out.clear()
    scale = fitted_type_scale(page(lambda s: 900 * s), lowest=0.6, highest=1.5)
    assert scale is not None and 0.7 <= scale <= 700 / 900
    assert len(laid_out) <= 4
    # One that cannot fit even at the smallest type.
    assert fitted_type_scale(page(lambda s: 5000 * s), lowest=0.6, highest=1.5) is None


@pdf_reading.requires_poppler
def test_a_long_plans_plan_on_a_page_sets_its_type_smaller_to_stay_one_page(
    area: Any, role_users: dict[str, Any]
) -> None:
    from performance.demo import seed_measures
    from publishing.documents import build_document
    from publishing.pdf import render_pdf
    from publishing.tasks import render_document
    from publishing.tests.factories import RenderJobFactory
    from publishing.tests.large_plan import build_large_plan

    version = build_large_plan(area=area, author=role_users["staff"])
    seed_measures(version.plan, role_users["staff"])
    # Six priorities and their measures spill onto a second page at the design's size...
    assert render_pdf(build_document(version=version, format=Format.PAGE).html()).page_count == 2
    # ...so the render sets the type smaller, as the page and as the poster.
    for format, size in ((Format.PAGE, A4_LANDSCAPE), (Format.POSTER, A3_LANDSCAPE)):
        job: RenderJob = RenderJobFactory(version=version, format=format)
        assert render_document.apply(args=[job.pk], task_id=job.task_id).get() == RenderJob.Status.DONE
        job.refresh_from_db()
        reader = PdfReader(job.output.path)
        assert len(reader.pages) == 1 and _size(reader) == size
        sizes = pdf_reading.font_sizes(reader)
        body = max(sizes, key=lambda size: sizes[size])
        assert body < (10.5 if format == Format.PAGE else 14.85)
        assert "How to get involved" in _text(reader)
