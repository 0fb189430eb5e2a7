"""The plan's documents beyond the full plan, summary and District plans: the plan on a
page (A4 landscape, one page) and its A3 poster, the large-print summary and the Easy
Read version. Each is a `Document` like the others (publishing/documents.py), rendered,
frozen and published with them.

- Plan on a page: the vision, each priority with its outcomes and which way its measures
  should go, and how to get involved. Exactly one page: a longer one fails to render.
- Large print: the summary's content in one column, body text 16 pt or more.
- Easy Read: each priority's plain-language sentences beside its picture; made only when
  every force-wide priority has them.
"""

from dataclasses import dataclass
from typing import Any

from plans.models import Version
from plans.snapshot import ObjectiveContent, PlanContent

from .models import RenderJob

Format = RenderJob.Format

# Which way a measure should go, in words (an arrow would need a glyph the bundled
# typeface may lack).
_DIRECTION_WORDS = {
    ("maintain", "higher"): "hold steady",
    ("maintain", "lower"): "hold steady",
    ("improve", "higher"): "rise",
    ("improve", "lower"): "fall",
    ("transform", "higher"): "rise sharply",
    ("transform", "lower"): "fall sharply",
}


@dataclass(frozen=True)
class MeasureDirection:
    name: str
    direction: str


@dataclass(frozen=True)
class PagePriority:
    number: int
    objective: ObjectiveContent
    outcomes: tuple[str, ...]
    measures: tuple[MeasureDirection, ...]


def version_formats(easy_read: bool) -> list[str]:
    """The documents of a version other than its District plans, in reading order."""
    formats: list[str] = [Format.FULL, Format.SUMMARY, Format.PAGE, Format.POSTER, Format.LARGE_PRINT]
    return [*formats, Format.EASY_READ] if easy_read else formats


def easy_read_ready(content: PlanContent) -> bool:
    """Every force-wide priority has its Easy Read text and picture (and there is one)."""
    objectives = content.force_wide_objectives
    return bool(objectives) and all(o.has_easy_read for o in objectives)


def page_priorities(content: PlanContent, measure_groups: list[Any]) -> list[PagePriority]:
    """Each force-wide priority with the outcomes its measures serve and which way each
    measure should go, from the measures of the version's document."""
    by_uid = {group.uid: group for group in measure_groups if group.uid}
    priorities = []
    for number, objective in enumerate(content.force_wide_objectives, start=1):
        group = by_uid.get(objective.uid)
        summaries = list(group.measures) if group is not None else []
        outcomes = tuple(dict.fromkeys(s.measure.outcome for s in summaries if s.measure.outcome))
        measures = tuple(
            MeasureDirection(
                name=s.measure.name,
                direction=_DIRECTION_WORDS.get((s.measure.direction, s.measure.polarity), s.direction_label.lower()),
            )
            for s in summaries
        )
        priorities.append(PagePriority(number, objective, outcomes, measures))
    return priorities


def page_alt_text(context: dict[str, Any]) -> str:
    """The plan on a page in words, for its PNG on the web and social media."""
    content: PlanContent = context["content"]
    parts = [f"{content.title}, {context['period']}: the plan on a page."]
    if content.vision:
        parts.append(f"Vision: {content.vision}")
    for priority in context["priorities"]:
        text = f"Priority {priority.number}: {priority.objective.title}."
        if priority.outcomes:
            text += " Outcomes: " + "; ".join(priority.outcomes) + "."
        if priority.measures:
            text += " Measures: " + "; ".join(f"{m.name} to {m.direction}" for m in priority.measures) + "."
        parts.append(text)
    parts.append("How to get involved: " + context["get_involved"])
    return " ".join(parts)


def _columns(count: int) -> int:
    if count <= 4:
        return max(count, 1)
    return 3 if count <= 6 else 4


def plan_on_a_page(base: dict[str, Any], *, poster: bool) -> dict[str, Any]:
    """The context of the plan on a page (or its poster), over the documents' base context."""
    content: PlanContent = base["content"]
    priorities = page_priorities(content, base["measures"])
    contact = base["contact"]
    ways = ["Have your say when the Commissioner consults on the plan"]
    if contact.get("website"):
        ways[0] += f" at {contact['website']}"
    ways.append("come to a public meeting in your District")
    reach = ", ".join(
        value
        for value in (
            f"call {contact['phone']}" if contact.get("phone") else "",
            f"email {contact['email']}" if contact.get("email") else "",
        )
        if value
    )
    if reach:
        ways.append(f"or {reach}")
    context = {
        **base,
        "priorities": priorities,
        "priority_rows": [
            priorities[i : i + _columns(len(priorities))] for i in range(0, len(priorities), _columns(len(priorities)))
        ],
        "get_involved": ", ".join(ways) + ".",
        "poster": poster,
    }
    context["page_alt"] = page_alt_text(context)
    return context


def large_print(base: dict[str, Any]) -> dict[str, Any]:
    return {**base, "large_print": True}


def easy_read(base: dict[str, Any]) -> dict[str, Any]:
    content: PlanContent = base["content"]
    return {**base, "priorities": [o for o in content.force_wide_objectives if o.has_easy_read]}


def version_has_easy_read(version: Version) -> bool:
    return easy_read_ready(PlanContent.from_json(version.content))
