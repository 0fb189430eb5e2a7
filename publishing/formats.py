"""The plan's documents beyond the full plan, summary and District plans: the plan on a
page (A4 landscape, one page) and its A3 poster, the large-print summary and the Easy
Read version. Each is a `Document` like the others (publishing/documents.py), rendered,
frozen and published with them.

- Plan on a page: the vision, each priority with its outcomes and which way its measures
  should go, and how to get involved. Exactly one page, filled: its type is set as large
  as fits (a longer plan's smaller); one that does not fit at the smallest fails to render.
- Large print: the summary's content in one column, body text 16 pt or more.
- Easy Read: each priority's plain-language sentences beside its picture; made only when
  every force-wide priority has them.
"""

import math
from collections.abc import Callable
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


# The plan on a page's type, as a multiple of its design's (10.5 pt body on A4, 14.85 pt
# on the A3 poster): set as large as fits the page, between these.
PAGE_TYPE_SCALES = (0.6, 1.5)
# Where its layout is read (page.html, page_body.html): the top of its column, the space
# left between the priorities and the foot band, and the column's end.
PAGE_ANCHORS = ("pop", "pop-room", "pop-foot", "pop-end")
# Full enough: less than this share of the page's height is left over.
_FULL_ENOUGH = 0.03
_MOST_LAYOUTS = 4


@dataclass(frozen=True)
class PageRoom:
    """A laid-out plan on a page: its pages, and (on one page) the height of its column and
    how much of it is left over (CSS pixels)."""

    pages: int
    height: float = 0.0
    free: float = 0.0

    @classmethod
    def from_anchors(cls, pages: int, positions: dict[str, tuple[int, float]]) -> "PageRoom":
        if pages != 1:
            return cls(pages)
        top, room, foot, end = (positions[name][1] for name in PAGE_ANCHORS)
        return cls(pages, height=end - top, free=foot - room)


def fitted_type_scale(room_at: Callable[[float], PageRoom], *, lowest: float, highest: float) -> float | None:
    """The largest type scale (to 0.01) with which the plan on a page fits one page and
    leaves little over, found in a few layouts: the height taken grows with the type's
    size to a power between 1 (lines no longer) and 2 (as many more lines), learnt from
    two layouts that fit. None if it does not fit even at `lowest`."""
    fits: tuple[float, float] | None = None  # (scale, height taken) of the largest that fits
    over: float | None = None  # the smallest scale that spilled
    power = 2.0  # before two layouts tell: a cautious guess when growing
    scale = 1.0
    for _ in range(_MOST_LAYOUTS):
        room = room_at(scale)
        if room.pages == 1:
            taken = room.height - room.free
            if fits is not None and scale != fits[0] and taken != fits[1]:
                power = min(2.5, max(1.0, math.log(taken / fits[1]) / math.log(scale / fits[0])))
            if fits is None or scale > fits[0]:
                fits = (scale, taken)
            if room.free <= _FULL_ENOUGH * room.height:
                break
            guess = scale * (room.height / taken) ** (1 / power) * 0.995
        else:
            over = scale if over is None else min(over, scale)
            # Shrinking, a power of 1 is the cautious guess.
            guess = scale * 0.85 ** (room.pages - 1)
        if over is not None and guess >= over:
            guess = ((fits[0] if fits else lowest) + over) / 2
        guess = max(lowest, min(highest, math.floor(guess * 100) / 100))
        if guess == scale or (fits is not None and guess <= fits[0]) or (over is not None and guess >= over):
            break
        scale = guess
    return fits[0] if fits else None


def plan_on_a_page(base: dict[str, Any], *, poster: bool) -> dict[str, Any]:
    """The context of the plan on a page (or its poster), over the documents' base context."""
    content: PlanContent = base["content"]
    priorities = page_priorities(content, base["measures"])
    contact = base["contact"]
    say = "when the Commissioner consults on the plan"
    if contact.get("website"):
        say += f", at {contact['website']}"
    # Each heading and its words read as one sentence.
    involved = [("Have your say", say + "."), ("Come to a public meeting", "in your District.")]
    reach = " or ".join(
        value
        for value in (
            # A telephone number is not broken across lines.
            "call " + contact["phone"].replace(" ", "\u00a0") if contact.get("phone") else "",
            f"email {contact['email']}" if contact.get("email") else "",
        )
        if value
    )
    if reach:
        involved.append(("Tell us what you think:", reach + "."))
    involved.append(("In an emergency,", "call 999; to report a crime, call 101."))
    columns = _columns(len(priorities))
    context = {
        **base,
        "priorities": priorities,
        "priority_rows": [priorities[i : i + columns] for i in range(0, len(priorities), columns)],
        "involved": involved,
        "get_involved": " ".join(f"{heading} {words}" for heading, words in involved),
        "poster": poster,
        "type_scale": 1.0,
        "spare": 0.0,
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
