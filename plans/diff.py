"""Word-level comparison of two states of a plan (two versions, or a version and the draft).

`compare_contents(old, new)` lists every part of the plan (the plan's own fields, each
section, each objective with its commitments, the grants) with its status and, for a
changed part, the text with insertions and deletions marked. The marks are `<ins>` and
`<del>` with visually hidden words ("inserted", "deleted") so a screen reader says what
changed and the page does not rely on colour. The Panel's pages use `section_diff_html`
to show a recommendation's change in place.
"""

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .richtext import html_to_text
from .snapshot import BudgetLineContent, GrantContent, ObjectiveContent, PlanContent, SectionContent

_TOKEN = re.compile(r"\n|[^\S\n]+|\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)


class ChangeStatus(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


STATUS_LABELS = {
    ChangeStatus.ADDED: "Added",
    ChangeStatus.REMOVED: "Removed",
    ChangeStatus.CHANGED: "Changed",
    ChangeStatus.UNCHANGED: "Unchanged",
}


@dataclass(frozen=True)
class PartChange:
    kind: str  # "plan", "section", "objective", "grants" or "budget"
    uid: str
    title: str
    status: ChangeStatus
    diff_html: SafeString

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.uid}" if self.uid else self.kind

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def changed(self) -> bool:
        return self.status is not ChangeStatus.UNCHANGED


@dataclass(frozen=True)
class Comparison:
    parts: tuple[PartChange, ...]

    @property
    def changed_parts(self) -> list[PartChange]:
        return [part for part in self.parts if part.changed]

    @property
    def has_changes(self) -> bool:
        return any(part.changed for part in self.parts)

    def part(self, kind: str, uid: str) -> PartChange | None:
        return next((p for p in self.parts if p.kind == kind and p.uid == uid), None)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _paragraphs(marked: str) -> SafeString:
    """Turn marked-up text with newlines into paragraphs; marks never span a newline."""
    lines = [line for line in marked.split("\n") if line.strip()]
    return mark_safe("".join(f'<p class="govuk-body">{line}</p>' for line in lines))  # noqa: S308 - escaped below


def _wrap(tag: str, label: str, text: str) -> str:
    # Split at newlines so a mark never crosses a paragraph boundary.
    pieces = []
    for i, chunk in enumerate(text.split("\n")):
        if i:
            pieces.append("\n")
        if chunk.strip():
            pieces.append(
                f'<{tag}><span class="govuk-visually-hidden">[{label}: </span>{escape(chunk)}'
                f'<span class="govuk-visually-hidden">]</span></{tag}>'
            )
        else:
            pieces.append(escape(chunk))
    return "".join(pieces)


def _coalesce(a: list[str], opcodes: Sequence[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Join changes separated only by a space into one, so a rewritten phrase reads as
    "[deleted: through scrutiny][inserted: in public]", not word by word alternately."""
    out: list[tuple[str, int, int, int, int]] = []
    index = 0
    while index < len(opcodes):
        op = opcodes[index]
        nxt = opcodes[index + 1] if index + 1 < len(opcodes) else None
        gap = "".join(a[op[1] : op[2]])
        if (
            op[0] == "equal"
            and out
            and out[-1][0] != "equal"
            and nxt is not None
            and nxt[0] != "equal"
            and gap.isspace()
            and "\n" not in gap
        ):
            prev = out[-1]
            out[-1] = ("replace", prev[1], nxt[2], prev[3], nxt[4])
            index += 2
            continue
        out.append(op)
        index += 1
    return out


def diff_text_html(old: str, new: str) -> SafeString:
    """Mark the words inserted and deleted between two plain texts (one paragraph a line)."""
    if old == new:
        return _paragraphs(escape(new))
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[str] = []
    for op, i1, i2, j1, j2 in _coalesce(a, matcher.get_opcodes()):
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(_wrap("del", "deleted", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(_wrap("ins", "inserted", "".join(b[j1:j2])))
    return _paragraphs("".join(out))


def _section_text(section: SectionContent | None) -> str:
    return html_to_text(section.body) if section else ""


def _titled_section_text(section: SectionContent) -> str:
    # The title is compared too, so a renamed section shows as changed; labelled so the
    # reader sees it is the title and not a line of the text.
    return f"Title: {section.title}\n{_section_text(section)}"


def _objective_text(objective: ObjectiveContent | None) -> str:
    if objective is None:
        return ""
    lines = [objective.title]
    if objective.district:
        lines.append(f"District: {objective.district.name}")
    if objective.theme:
        lines.append(f"Theme: {objective.theme}")
    if objective.aim:
        lines.append(objective.aim)
    for actor_label, commitments in objective.commitments_by_actor():
        lines.extend(f"{actor_label}: {c.text}" for c in commitments)
    return "\n".join(lines)


def _grants_text(grants: tuple[GrantContent, ...]) -> str:
    return "\n".join(
        f"{g.recipient}: £{g.amount_decimal:,.2f} for {g.purpose}. Conditions: {g.conditions or 'none'}"
        + (f" District: {g.district.name}." if g.district else "")
        for g in grants
    )


def _budget_text(lines: tuple[BudgetLineContent, ...]) -> str:
    return "\n".join(
        f"{b.year_label}, {b.kind_label}: {b.label}{f' ({b.district.name})' if b.district else ''}: "
        f"£{b.amount_decimal:,.2f}"
        for b in lines
    )


def _plan_text(content: PlanContent) -> str:
    return "\n".join(
        [
            f"Title: {content.title}",
            f"Period: {content.starts_on} to {content.ends_on}",
            f"Police and Crime Commissioner: {content.pcc_name}",
            f"Vision: {content.vision}",
        ]
    )


def _change(kind: str, uid: str, title: str, old: str | None, new: str | None) -> PartChange:
    if old is None:
        status = ChangeStatus.ADDED
    elif new is None:
        status = ChangeStatus.REMOVED
    elif old == new:
        status = ChangeStatus.UNCHANGED
    else:
        status = ChangeStatus.CHANGED
    return PartChange(kind=kind, uid=uid, title=title, status=status, diff_html=diff_text_html(old or "", new or ""))


def section_diff_html(old: SectionContent | None, new: SectionContent | None) -> SafeString:
    """One section's change, title and text, for showing a change in place."""
    old_text = _titled_section_text(old) if old else ""
    new_text = _titled_section_text(new) if new else ""
    return diff_text_html(old_text, new_text)


def compare_contents(old: PlanContent, new: PlanContent) -> Comparison:
    """Every part of the plan, in the newer order (removed parts after), with its change."""
    parts = [_change("plan", "", "Title, period and vision", _plan_text(old), _plan_text(new))]

    old_sections = {s.uid: s for s in old.sections}
    for section in new.sections:
        before = old_sections.pop(section.uid, None)
        old_text = _titled_section_text(before) if before else None
        parts.append(_change("section", section.uid, section.title, old_text, _titled_section_text(section)))
    for section in old_sections.values():
        parts.append(_change("section", section.uid, section.title, _titled_section_text(section), None))

    old_objectives = {o.uid: o for o in old.objectives}
    for objective in new.objectives:
        objective_before = old_objectives.pop(objective.uid, None)
        parts.append(
            _change(
                "objective",
                objective.uid,
                objective.title,
                _objective_text(objective_before) if objective_before else None,
                _objective_text(objective),
            )
        )
    for objective in old_objectives.values():
        parts.append(_change("objective", objective.uid, objective.title, _objective_text(objective), None))

    if old.grants or new.grants:
        parts.append(
            _change(
                "grants", "", "Crime and disorder reduction grants", _grants_text(old.grants), _grants_text(new.grants)
            )
        )
    if old.budget or new.budget:
        parts.append(_change("budget", "", "Budget", _budget_text(old.budget), _budget_text(new.budget)))
    return Comparison(parts=tuple(parts))
