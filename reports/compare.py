"""Comparing two versions of an annual report part by part, word by word, with the plans
app's comparison of texts."""

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from plans.diff import diff_text_html
from plans.richtext import html_to_text

from .drafting import status_shown

SECTIONS = (
    ("foreword", "The Commissioner's foreword"),
    ("functions", "The exercise of functions"),
    ("finances", "Finances"),
)


@dataclass(frozen=True)
class PartChange:
    title: str
    changed: bool
    diff_html: SafeString


def _objective_text(objective: dict[str, Any]) -> str:
    lines = [objective["title"]]
    for m in objective["measures"]:
        readings = ", ".join(f"{r['quarter']} {r['display']}" for r in m["readings"]) or "no readings"
        lines.append(f"{m['name']}: {readings}; year end: {status_shown(m['year_end_status']).label}")
    for key, items in objective["deliverables"].items():
        lines.extend(f"{key}: {d['deliverable']}" for d in items)
    lines.extend(f"{n['month']}: {n['text']}" for n in objective["review_notes"])
    return "\n".join(lines)


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[PartChange]:
    parts = []
    for key, title in SECTIONS:
        a, b = html_to_text(old.get(key, "")), html_to_text(new.get(key, ""))
        parts.append(PartChange(title, a != b, diff_text_html(a, b)))
    olds = {o["uid"]: o for o in old["objectives"]}
    for objective in new["objectives"]:
        a = _objective_text(olds[objective["uid"]]) if objective["uid"] in olds else ""
        b = _objective_text(objective)
        parts.append(PartChange(objective["title"], a != b, diff_text_html(a, b)))
    grants = ["\n".join(f"{g['recipient']}: £{g['amount']}" for g in c["grants"]) for c in (old, new)]
    parts.append(PartChange("Grants made", grants[0] != grants[1], diff_text_html(*grants)))
    return parts
