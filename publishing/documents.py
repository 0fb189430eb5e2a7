"""The documents of a plan version: which template, with what context, giving what HTML.

Nothing here renders a PDF (that is `publishing/pdf.py`), so the HTML of every document
is tested without WeasyPrint. The same body partials serve the PDF and the HTML page of
each document, so the two always carry the same content.

- Full plan (A4): for service providers; every section, objective, grant, the budget and
  the appendices.
- Public summary (A5 leaflet, 4 to 12 pages, a multiple of 4): vision, plan on a page,
  how to get involved, how to get in touch (on its back cover); none of the full plan's
  appendices. Pages short of a multiple of 4 are filled with the plan at a glance, then notes.
- District plan (A5 booklet, one per District): the District's own priorities in full,
  the force-wide ones in brief, its figures against the force's, its grants and budget,
  its contacts and picture.
- Plan on a page (A4 landscape, one page) and its A3 poster, the large-print summary and
  the Easy Read version: publishing/formats.py.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, UnidentifiedImageError

from pcplan.dates import long_date
from plans.budget import budget_of
from plans.models import District, Plan, StatutoryStep, Version
from plans.richtext import image_storage_name
from plans.snapshot import DistrictRef, ObjectiveContent, PlanContent, SectionContent

from .branding import document_brand
from .models import RenderJob
from .pdf import asset_base_url

Format = RenderJob.Format

# An A5 leaflet folds from sheets of A4 printed both sides, four pages a sheet; three
# sheets (12 pages, back cover included) is as thick as a saddle-stitched leaflet goes.
SUMMARY_MAX_PAGES = 12

_FOREWORD = re.compile(r"^\s*foreword\b", re.I)
_APPENDIX = re.compile(r"^\s*appendix\b", re.I)


class DocumentError(Exception):
    """The document cannot be built as asked (an unknown District, an image without alt text)."""


@dataclass(frozen=True)
class ContentsEntry:
    anchor: str
    title: str
    children: tuple["ContentsEntry", ...] = ()


@dataclass(frozen=True)
class GrantRow:
    recipient: str
    purpose: str
    amount: Decimal
    conditions: str
    objective_title: str


@dataclass(frozen=True)
class DistrictObjectiveInContext:
    """A force-wide objective as a District plan shows it, with the District's own
    objectives on the same theme beside it."""

    objective: ObjectiveContent
    local: tuple[ObjectiveContent, ...]


@dataclass(frozen=True)
class Issue:
    """What the cover says of the version: published (on a date) or a draft. A draft's
    every page carries a DRAFT mark."""

    is_draft: bool
    label: str  # "Published 14 October 2016" or "Draft V3, 1 September 2016"
    short: str  # "Draft V3" for the running mark; "" once issued


@dataclass(frozen=True)
class KeyFigure:
    value: str
    label: str


@dataclass(frozen=True)
class Priority:
    """A force-wide objective as the full plan opens it: its number, the outcomes its
    measures serve, and its commitments by who makes them."""

    number: int
    objective: ObjectiveContent
    outcomes: tuple[str, ...]
    commitments: tuple[tuple[str, tuple[str, ...]], ...]
    # (measure, baseline, direction expected) of each of its measures of performance.
    measures: tuple[tuple[str, str, str], ...] = ()


# How the full plan heads each actor's commitments (plans.models.Commitment.Actor).
ACTOR_HEADINGS = {
    "pcc": "What the Commissioner will do",
    "chief_constable": "What the Chief Constable is expected to do",
    "partners": "What the Commissioner and partners will do together",
}


# Ruled lines on a notes page of the A5 leaflet, 9 mm apart under its heading.
NOTES_LINES = 16


@dataclass(frozen=True)
class Document:
    """A document ready to render: its templates, context and print settings."""

    format: str
    title: str
    template_name: str
    body_template: str
    context: dict[str, Any] = field(repr=False)
    page_size: str = "A4"
    max_pages: int | None = None
    # A folded leaflet's page count is a multiple of 4: filler pages make it up.
    pages_multiple_of: int | None = None
    # The words of the document as a picture (the plan on a page's PNG).
    picture_alt: str = ""
    # The smallest and largest size of its type, as multiples of the design's, for a page
    # that fills itself: the render sets the type as large as fits (publishing.formats), so
    # a short plan's fills the page and a longer plan's shrinks rather than spill.
    type_scales: tuple[float, float] | None = None

    @property
    def issued_as(self) -> str:
        """What its cover says of its issue ("Published 14 October 2016")."""
        issue = self.context.get("issue")
        return issue.label if isinstance(issue, Issue) else ""

    def with_filler_pages(self, pages: int) -> "Document":
        """The same document `pages` pages longer, so a leaflet's page count reaches a
        multiple of 4: first the plan at a glance (its key figures, at most eight tiles, a
        page of their own before the plan on a page), then notes pages before the back
        cover."""
        glance = pages > 0 and bool(self.context.get("key_figures"))
        return dataclasses.replace(
            self,
            context={
                **self.context,
                "glance_page": glance,
                "notes_pages": range(pages - glance),
                "notes_lines": range(NOTES_LINES),
            },
        )

    def with_type_scale(self, scale: float, *, spare: float = 0.0) -> "Document":
        """The same document with its type (and everything sized by it) `scale` times the
        design's, and `spare` CSS pixels, left over at that size, shared among the rows
        of its priorities (the plan on a page)."""
        return dataclasses.replace(self, context={**self.context, "type_scale": scale, "spare": spare})

    def html(self) -> str:
        """The print HTML, as WeasyPrint gets it."""
        html = decorative_images_as_artifacts(render_to_string(self.template_name, self.context))
        missing = images_without_alt(html)
        if missing:
            raise DocumentError(f"Every image needs alternative text; these have none: {', '.join(missing)}")
        return html

    def web_html(self) -> str:
        """The document as its web page shows it, under the page's own heading."""
        return render_to_string("publishing/documents/web.html", {**self.context, "document": self})


def build_document(*, version: Version, format: str, district: District | None = None) -> Document:
    """The document of this version in this format (a District plan needs its District)."""
    plan = version.plan
    content = PlanContent.from_json(version.content)
    if format == Format.DISTRICT:
        if district is None or district.area_id != plan.area_id:
            raise DocumentError("A District plan needs one of the plan's own Districts.")
        return _district_plan(plan, version, content, district)
    if district is not None:
        raise DocumentError("Only a District plan is built for one District.")
    if format == Format.FULL:
        return _full_plan(plan, version, content)
    if format == Format.SUMMARY:
        return _summary(plan, version, content)
    if format in (Format.PAGE, Format.POSTER):
        return _plan_on_a_page(plan, version, content, poster=format == Format.POSTER)
    if format == Format.LARGE_PRINT:
        return _large_print(plan, version, content)
    if format == Format.EASY_READ:
        return _easy_read(plan, version, content)
    raise DocumentError(f"Unknown document format {format!r}.")


# ---------------------------------------------------------------- shared


def document_issue(plan: Plan, version: Version) -> Issue:
    """Published, with the date of its publication; or, for the plan's latest version in
    the final phase, with the planned date of the "issue and publish the plan" milestone,
    or today if none is planned (the documents the Publisher will freeze are rendered
    before they are published, and the publish gate refuses them if they give another
    day); otherwise a draft, with the date it was cut. Never the cut date on an issued
    plan's cover."""
    from .models import Publication

    publication = Publication.objects.filter(version=version).only("published_at").first()
    if publication is not None:
        return Issue(False, f"Published {long_date(publication.published_at)}", "")
    latest = plan.versions.order_by("-number").values_list("number", flat=True).first()
    if plan.stage in (Plan.Stage.FINAL, Plan.Stage.PUBLISHED) and latest == version.number:
        planned = (
            plan.milestones.filter(statutory_step=StatutoryStep.PUBLISH_PLAN)
            .order_by("-ends_on")
            .values_list("ends_on", flat=True)
            .first()
        )
        return Issue(False, f"Published {long_date(planned or timezone.localdate())}", "")
    return Issue(True, f"Draft {version.label}, {long_date(version.cut_at)}", f"Draft {version.label}")


def _base_context(plan: Plan, version: Version, content: PlanContent, title: str, format: str) -> dict[str, Any]:
    area = plan.area
    return {
        "issue": document_issue(plan, version),
        # Images as media URLs under the print HTML's base: WeasyPrint's fetcher serves them.
        "brand": document_brand(area, asset_base=asset_base_url()),
        "document_title": title,
        "document_format": format,
        "format_label": Format(format).label,
        "plan": plan,
        "area": area,
        "version": version,
        "content": content,
        "period": f"{long_date(content.starts_on)} to {long_date(content.ends_on)}",
        # Not "opcc_name": the HTML page of a document keeps the site's own header.
        "office": area.opcc_name or settings.PCPLAN_OPCC_NAME,
        "cut_on": long_date(version.cut_at.date()),
        # WeasyPrint writes these into the PDF's metadata.
        "created_iso": version.cut_at.isoformat(),
        **_measures(plan, version, content),
    }


def _measures(plan: Plan, version: Version, content: PlanContent) -> dict[str, Any]:
    """The measures of performance with their trend charts, from the performance app.

    Readings are those of the quarters ended before the version was cut, so every render of
    a version, and its HTML page, shows the same figures whenever it is made: a published
    PDF never disagrees with its web page. (The latest figures are on the performance page.)
    Priorities follow the version's own order; a priority added to the working draft after
    the cut is not part of this version's document."""
    from performance.selectors import measures_for_document

    as_of = timezone.localdate(version.cut_at)
    order = {o.uid: i for i, o in enumerate(content.objectives)}
    groups = [
        g for g in measures_for_document(plan, as_of=as_of) if g.measures and (g.objective is None or g.uid in order)
    ]
    groups.sort(key=lambda g: order.get(g.uid, len(order)))
    for group in groups:
        in_version = content.objective(group.uid) if group.uid else None
        if in_version is not None:
            group.title_in_version = in_version.title
    if not groups:
        return {"measures": [], "measures_template": "", "measures_as_of": as_of}
    return {
        "measures": groups,
        "measures_template": "performance/includes/measures_for_document.html",
        "measures_as_of": as_of,
    }


def _non_empty(sections: list[SectionContent]) -> list[SectionContent]:
    return [s for s in sections if not s.is_empty]


def _contact(plan: Plan) -> dict[str, str]:
    area = plan.area
    return {
        "name": area.opcc_name,
        "address": area.contact_address,
        "phone": area.contact_phone,
        "email": area.contact_email,
        "website": area.website,
    }


# ---------------------------------------------------------------- full plan


def _key_figures(content: PlanContent, districts: int) -> list[KeyFigure]:
    """The plan at a glance (the full plan's page, and the leaflet's when it has a page to fill)."""
    objectives = len(content.force_wide_objectives)
    grants_total = sum((g.amount_decimal for g in content.grants), Decimal(0))
    figures = []
    if content.population:
        people = content.population
        value = f"{people / 1_000_000:.1f} million".replace(".0 ", " ") if people >= 1_000_000 else f"{people:,}"
        figures.append(KeyFigure(value, "people live in the police area"))
    if content.police_officers:
        figures.append(KeyFigure(f"{content.police_officers:,}", "police officers (full-time equivalent)"))
    if content.police_staff:
        figures.append(KeyFigure(f"{content.police_staff:,}", "police staff (full-time equivalent)"))
    if content.area_km2:
        miles = round(content.area_km2 / 2.589988)
        figures.append(
            KeyFigure(f"{content.area_km2:,} km\u00b2", f"the size of the police area ({miles:,} square miles)")
        )
    if content.annual_budget:
        budget = Decimal(content.annual_budget)
        value = f"£{budget / 1_000_000:,.1f} million" if budget >= 1_000_000 else f"£{budget:,.0f}"
        figures.append(KeyFigure(value, "the Chief Constable's revenue budget for the first year"))
    figures.append(KeyFigure(str(objectives), f"priorit{'y' if objectives == 1 else 'ies'} in this plan"))
    if districts:
        figures.append(
            KeyFigure(str(districts), f"local authority area{'s' if districts != 1 else ''}, each with its own plan")
        )
    if grants_total:
        figures.append(KeyFigure(f"£{grants_total:,.0f}", "in crime and disorder reduction grants"))
    return figures


def _outcomes(measure_groups: list[Any]) -> dict[str, tuple[str, ...]]:
    """The outcomes each priority's measures serve, in the measures' order, once each."""
    found: dict[str, tuple[str, ...]] = {}
    for group in measure_groups:
        outcomes = [m.measure.outcome for m in group.measures if m.measure.outcome]
        if group.uid:
            found[group.uid] = tuple(dict.fromkeys(outcomes))
    return found


def _measures_in_brief(measure_groups: list[Any]) -> dict[str, tuple[tuple[str, str, str], ...]]:
    return {
        group.uid: tuple((m.measure.name, m.baseline_display, m.direction_label) for m in group.measures)
        for group in measure_groups
        if group.uid
    }


def _priorities(objectives: list[ObjectiveContent], measure_groups: list[Any]) -> list[Priority]:
    outcomes = _outcomes(measure_groups)
    measures = _measures_in_brief(measure_groups)
    return [
        Priority(
            number=number,
            objective=objective,
            outcomes=outcomes.get(objective.uid, ()),
            measures=measures.get(objective.uid, ()),
            commitments=tuple(
                (heading, tuple(c.text for c in objective.commitments if c.actor == actor))
                for actor, heading in ACTOR_HEADINGS.items()
                if any(c.actor == actor for c in objective.commitments)
            ),
        )
        for number, objective in enumerate(objectives, start=1)
    ]


def _full_plan(plan: Plan, version: Version, content: PlanContent) -> Document:
    """The chapters of the full plan, each starting a new page: the foreword, the plan at a
    glance, the opening sections (flowing one after another), each priority, the measures
    (with the section on performance), resources and grants, the Districts, the appendices."""
    from . import formats

    force_wide = _non_empty([s for s in content.sections if s.district is None])
    foreword = next((s for s in force_wide if _FOREWORD.match(s.title)), None)
    appendices = [s for s in force_wide if _APPENDIX.match(s.title)]
    body = [s for s in force_wide if s is not foreword and s not in appendices]
    resources_sections = [s for s in body if {"resources", "grants"} & set(s.covers)]
    performance_sections = [s for s in body if "performance" in s.covers and s not in resources_sections]
    chapters = [s for s in body if s not in resources_sections and s not in performance_sections]

    objectives = list(content.force_wide_objectives)
    district_objectives = _group_by_district([o for o in content.objectives if o.district is not None])
    district_sections = _group_by_district(_non_empty([s for s in content.sections if s.district is not None]))
    objective_titles = {o.uid: o.title for o in content.objectives}
    grants = [
        GrantRow(
            recipient=g.recipient,
            purpose=g.purpose,
            amount=g.amount_decimal,
            conditions=g.conditions,
            objective_title=objective_titles.get(g.objective_uid or "", ""),
        )
        for g in content.grants
    ]

    title = content.title
    context = _base_context(plan, version, content, title, Format.FULL)
    grants_total = sum((g.amount for g in grants), Decimal(0))
    priorities = _priorities(objectives, context["measures"])
    contents = [ContentsEntry("at-a-glance", "At a glance")]
    contents.extend(ContentsEntry(s.anchor, s.title) for s in chapters)
    contents.append(
        ContentsEntry(
            "objectives",
            "Police and crime objectives",
            tuple(ContentsEntry(p.objective.anchor, f"{p.number}. {p.objective.title}") for p in priorities),
        )
    )
    if context["measures_template"] or performance_sections:
        contents.append(ContentsEntry("measures", "Measures of performance"))
    # The whole area's lines make the budget; District lines break parts of it down, so
    # they are listed apart and never added to its totals.
    budget = budget_of([b for b in content.budget if b.district is None])
    budget_by_district = _group_by_district([b for b in content.budget if b.district is not None])
    if resources_sections or grants or budget:
        contents.append(
            ContentsEntry(
                "resources",
                "Resources and grants",
                tuple(ContentsEntry(s.anchor, s.title) for s in resources_sections)
                + ((ContentsEntry("budget", "The budget"),) if budget else ())
                + ((ContentsEntry("grants", "Crime and disorder reduction grants"),) if grants else ()),
            )
        )
    if district_objectives or district_sections:
        names = sorted({d.name: d for d, _ in [*district_objectives, *district_sections]}.items())
        contents.append(
            ContentsEntry(
                "district-content",
                "In each District",
                tuple(ContentsEntry(f"district-{d.slug}", name) for name, d in names),
            )
        )
    contents.extend(ContentsEntry(s.anchor, s.title) for s in appendices)
    district_names = list(plan.area.districts.order_by("name").values_list("name", flat=True))
    districts: dict[str, dict[str, Any]] = {}
    for district, items in district_objectives:
        districts.setdefault(district.slug, {"district": district, "objectives": [], "sections": []})["objectives"] = (
            items
        )
    for district, items in district_sections:
        districts.setdefault(district.slug, {"district": district, "objectives": [], "sections": []})["sections"] = (
            items
        )
    context.update(
        {
            "foreword": foreword,
            "contents": contents,
            "chapters": chapters,
            "performance_sections": performance_sections,
            "resources_sections": resources_sections,
            "key_figures": _key_figures(content, len(district_names)),
            # For its back cover: how to reach the Office and the other formats of the plan.
            "contact": _contact(plan),
            "district_names": district_names,
            "has_easy_read": formats.easy_read_ready(content),
            "priorities": priorities,
            "districts": sorted(districts.values(), key=lambda d: d["district"].name),
            "objectives": objectives,
            "district_objectives": district_objectives,
            "district_sections": district_sections,
            "budget": budget,
            "budget_by_district": budget_by_district,
            "grants": grants,
            "grants_total": grants_total,
            "appendices": appendices,
        }
    )
    return Document(
        format=Format.FULL,
        title=title,
        template_name="publishing/documents/full.html",
        body_template="publishing/documents/full_body.html",
        context=context,
        page_size="A4",
    )


def _group_by_district(items: list[Any]) -> list[tuple[DistrictRef, list[Any]]]:
    groups: dict[str, tuple[DistrictRef, list[Any]]] = {}
    for item in items:
        groups.setdefault(item.district.slug, (item.district, []))[1].append(item)
    return sorted(groups.values(), key=lambda group: group[0].name)


# ---------------------------------------------------------------- public summary


def _summary(plan: Plan, version: Version, content: PlanContent) -> Document:
    from . import formats

    # The appendices belong to the full plan, even when marked for the summary.
    in_summary = _non_empty(
        [s for s in content.sections if s.district is None and s.in_public_summary and not _APPENDIX.match(s.title)]
    )
    foreword = next((s for s in in_summary if _FOREWORD.match(s.title)), None)
    objectives = content.force_wide_objectives
    title = f"{content.title}: summary"
    context = _base_context(plan, version, content, title, Format.SUMMARY)
    context.update(
        {
            # The plan at a glance, a page of the leaflet when it has a page to fill.
            "key_figures": _key_figures(content, plan.area.districts.count()),
            "foreword": foreword,
            "objectives": objectives,
            # Its plan on a page: each priority with its outcomes and which way its measures
            # should go, as the plan on a page has them, two to a row on the leaflet's page.
            "priority_pairs": _pairs(formats.page_priorities(content, context["measures"])),
            "summary_sections": [s for s in in_summary if s is not foreword],
            "contact": _contact(plan),
            "has_easy_read": formats.easy_read_ready(content),
        }
    )
    return Document(
        format=Format.SUMMARY,
        title=title,
        template_name="publishing/documents/summary.html",
        body_template="publishing/documents/summary_body.html",
        context=context,
        page_size="A5",
        max_pages=SUMMARY_MAX_PAGES,
        pages_multiple_of=4,
    )


def _pairs(items: list[Any]) -> list[list[Any]]:
    return [items[i : i + 2] for i in range(0, len(items), 2)]


# ---------------------------------------------------------------- the other formats


def _plan_on_a_page(plan: Plan, version: Version, content: PlanContent, *, poster: bool) -> Document:
    from . import formats

    title = f"{content.title}: plan on a page"
    format = Format.POSTER if poster else Format.PAGE
    context = formats.plan_on_a_page(
        {**_base_context(plan, version, content, title, format), "contact": _contact(plan)}, poster=poster
    )
    return Document(
        format=format,
        title=title,
        template_name="publishing/documents/page.html",
        body_template="publishing/documents/page_body.html",
        context=context,
        page_size="A3 landscape" if poster else "A4 landscape",
        max_pages=1,
        picture_alt=context["page_alt"],
        type_scales=formats.PAGE_TYPE_SCALES,
    )


def _large_print(plan: Plan, version: Version, content: PlanContent) -> Document:
    from . import formats

    summary = _summary(plan, version, content)
    title = f"{content.title}: summary in large print"
    context = formats.large_print(
        {
            **summary.context,
            "document_title": title,
            "document_format": Format.LARGE_PRINT,
            "format_label": Format.LARGE_PRINT.label,
        }
    )
    return Document(
        format=Format.LARGE_PRINT,
        title=title,
        template_name="publishing/documents/large_print.html",
        body_template="publishing/documents/summary_body.html",
        context=context,
        page_size="A4",
    )


def _easy_read(plan: Plan, version: Version, content: PlanContent) -> Document:
    from . import formats

    if not formats.easy_read_ready(content):
        raise DocumentError("The Easy Read version needs the Easy Read text and picture of every force-wide priority.")
    title = f"{content.title}: Easy Read"
    context = formats.easy_read(
        {**_base_context(plan, version, content, title, Format.EASY_READ), "contact": _contact(plan)}
    )
    return Document(
        format=Format.EASY_READ,
        title=title,
        template_name="publishing/documents/easy_read.html",
        body_template="publishing/documents/easy_read_body.html",
        context=context,
        page_size="A4",
    )


# ---------------------------------------------------------------- District plan


def _district_measures(
    plan: Plan, version: Version, district: District, own: list[ObjectiveContent], groups: list[Any]
) -> dict[str, Any]:
    """The measures of the District's own objectives (the force's figures), and the
    measures with readings for the District, its line against the force's on each chart;
    readings of the quarters ended before the version was cut, as in the full plan."""
    from performance.selectors import district_measures

    own_uids = {o.uid for o in own}
    return {
        "own": [summary for group in groups if group.uid in own_uids for summary in group.measures],
        "compared": district_measures(plan, district, as_of=timezone.localdate(version.cut_at), charts=True),
    }


def _public_meetings(plan: Plan, district: District) -> list[Any]:
    """The public meetings and workshops held in the District while the plan was prepared."""
    from consultation.models import EngagementEvent

    return list(
        EngagementEvent.objects.filter(
            plan=plan,
            district=district,
            kind__in=[EngagementEvent.Kind.PUBLIC_MEETING, EngagementEvent.Kind.WORKSHOP],
        ).order_by("held_on", "pk")
    )


def _district_plan(plan: Plan, version: Version, content: PlanContent, district: District) -> Document:
    own_objectives = [o for o in content.objectives if o.district is not None and o.district.slug == district.slug]
    own_sections = _non_empty(
        [s for s in content.sections if s.district is not None and s.district.slug == district.slug]
    )
    in_context = [
        DistrictObjectiveInContext(
            objective=o,
            local=tuple(local for local in own_objectives if o.theme and local.theme == o.theme),
        )
        for o in content.force_wide_objectives
    ]
    title = f"{content.title}: {district.name}"
    context = _base_context(plan, version, content, title, Format.DISTRICT)
    context.update(
        {
            "district": district,
            "district_measures": _district_measures(plan, version, district, own_objectives, context["measures"]),
            "public_meetings": _public_meetings(plan, district),
            "objectives_in_context": in_context,
            "own_objectives": own_objectives,
            "own_sections": own_sections,
            "contact": _contact(plan),
            "grants": [g for g in content.grants if g.district is not None and g.district.slug == district.slug],
            "budget": budget_of(
                content.budget_for(district.slug), district=DistrictRef(slug=district.slug, name=district.name)
            ),
            "budget_title": f"{district.name}'s budget lines",
        }
    )
    return Document(
        format=Format.DISTRICT,
        title=title,
        template_name="publishing/documents/district.html",
        body_template="publishing/documents/district_body.html",
        context=context,
        page_size="A5",
    )


# ---------------------------------------------------------------- checks


class _ImageAltChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.missing: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img":
            return
        values = dict(attrs)
        alt = values.get("alt")
        # alt="" marks a decorative image; a chart or photograph needs words.
        if alt is None or (not alt.strip() and values.get("role") != "presentation"):
            src = values.get("src") or "(no src)"
            self.missing.append(src if len(src) < 80 else src[:77] + "...")


# An <img> start tag, its quoted attribute values read whole (an alt text may hold ">").
_IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)


def images_without_alt(html: str) -> list[str]:
    """The images in this HTML that have no alternative text (PDF/UA and WCAG need it).
    Only the <img> tags are parsed: parsing the whole of a long plan took a tenth of a
    second of every render."""
    checker = _ImageAltChecker()
    for tag in _IMG_TAG.findall(html):
        checker.feed(tag)
    checker.close()
    return checker.missing


# ---------------------------------------------------------------- decorative images

# An image of the plan's text, as the sanitiser writes it (plans.richtext): its attributes
# in double quotes.
_IMG = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def decorative_images_as_artifacts(html: str) -> str:
    """The print HTML with each decorative image of the plan's text (`alt=""`) drawn as a
    background, at the image's own size and never wider than the page.

    WeasyPrint puts every `<img>` in the PDF's structure tree as a Figure, which PDF/UA
    requires to have alternative text; a background it marks as an artifact, which screen
    readers skip, as the web page's `alt=""` asks them to. The web page keeps the `<img>`."""
    if 'alt=""' not in html:
        return html
    return _IMG.sub(_decorative_as_background, html)


def _decorative_as_background(match: re.Match[str]) -> str:
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    src = attributes.get("src", "")
    name = image_storage_name(src)
    if attributes.get("alt") != "" or name is None:
        return match.group(0)
    try:
        with default_storage.open(name, "rb") as stored, Image.open(stored) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError):
        # A decorative image that is gone adds nothing: leave it out rather than fail.
        return ""
    ratio = 100 * height / max(width, 1)
    return (
        f'<span class="pcplan-decorative-image" style="display: block; width: {width}px; max-width: 100%">'
        f'<span style="display: block; padding-bottom: {ratio:.3f}%; '
        f"background: url('{escape(src)}') center / contain no-repeat\"></span></span>"
    )
