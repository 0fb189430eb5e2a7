"""Reading the change history django-simple-history keeps: who changed what, and when.

Every editable model of a plan keeps its history. These reads turn the historical rows
into what a person wants to see: the fields that changed between two consecutive states,
and for a section the word-level difference of its text.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Model
from django.utils.safestring import SafeString

from pcplan.history import person

from .diff import section_diff_html
from .models import Commitment, District, Grant, Milestone, Objective, Plan, Section, StatutoryElement
from .richtext import html_to_text
from .snapshot import DistrictRef, SectionContent

HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Removed"}
# Bookkeeping that changes with every save and says nothing to a reader.
IGNORED_FIELDS = {"updated_at", "updated_by", "revision", "created_at", "created_by", "completed_by", "order"}
SECTION_LIMIT = 50
PLAN_CHANGES_LIMIT = 100


def _tracked_fields(model: type[Model], exclude: frozenset[str]) -> list[Any]:
    skip = IGNORED_FIELDS | exclude | {"id", "uid", "guidance", "plan"}
    return [f for f in model._meta.fields if f.name not in skip]


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _display(field: Any, value: Any, names: dict[str, dict[int, str]]) -> str:
    if field.name == "covers":
        labels = dict(StatutoryElement.choices)
        return ", ".join(labels.get(v, v) for v in value or []) or "none"
    if field.name == "district":
        return names["district"].get(value, "a District since removed") if value else "Force-wide"
    if field.name == "objective":
        return names["objective"].get(value, "an objective since removed") if value else "none"
    if field.name == "body":
        return _shorten(html_to_text(value or "").replace("\n", " ")) or "empty"
    if field.choices:
        return str(dict(field.choices).get(value, value or "none"))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _shorten(str(value)) if value not in (None, "") else "none"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


def field_changes(
    model: type[Model], old: Any, new: Any, names: dict[str, dict[int, str]], exclude: frozenset[str] = frozenset()
) -> list[FieldChange]:
    """What differs between two historical states of one object, in words."""
    changes = []
    for field in _tracked_fields(model, exclude):
        attname = field.attname
        before, after = getattr(old, attname, None), getattr(new, attname, None)
        if before != after:
            changes.append(
                FieldChange(
                    label=str(field.verbose_name).capitalize(),
                    before=_display(field, before, names),
                    after=_display(field, after, names),
                )
            )
    return changes


# ---------------------------------------------------------------- one section


@dataclass(frozen=True)
class SectionHistoryEntry:
    history_id: int
    when: datetime
    who: str
    kind: str
    reason: str
    revision: int
    changes: list[FieldChange]
    diff_html: SafeString
    text_changed: bool
    is_current: bool


def _as_content(record: Any, districts: dict[int, str]) -> SectionContent:
    district = DistrictRef(slug="", name=districts[record.district_id]) if record.district_id in districts else None
    return SectionContent(
        uid=str(record.uid),
        title=record.title,
        order=record.order,
        body=record.body,
        covers=tuple(record.covers or ()),
        in_public_summary=record.in_public_summary,
        addresses_spr=record.addresses_spr,
        district=district,
    )


def section_history(section: Section, before: int | None = None) -> tuple[list[SectionHistoryEntry], bool]:
    """The section's states, newest first, each with what changed since the one before;
    with `before`, the states older than that history record (the next page). Returns the
    entries and whether older ones were left off. Two queries."""
    districts = dict(District.objects.filter(area_id=section.plan.area_id).values_list("pk", "name"))
    names = {"district": districts, "objective": {}}
    history = section.history.select_related("history_user")
    if before is not None:
        history = history.filter(history_id__lt=before)
    records = list(history.order_by("-history_date", "-history_id")[: SECTION_LIMIT + 1])
    more = len(records) > SECTION_LIMIT
    entries = []
    for index, record in enumerate(records[:SECTION_LIMIT]):
        previous = records[index + 1] if index + 1 < len(records) else None
        new = _as_content(record, districts)
        old = _as_content(previous, districts) if previous is not None else None
        text_changed = old is None or (old.title, old.body) != (new.title, new.body)
        entries.append(
            SectionHistoryEntry(
                history_id=record.history_id,
                when=record.history_date,
                who=person(record.history_user),
                kind=HISTORY_TYPES.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                revision=record.revision,
                # Title and text show as the word-level difference instead.
                changes=field_changes(Section, previous, record, names, exclude=frozenset({"title", "body"}))
                if previous is not None
                else [],
                diff_html=section_diff_html(old, new),
                text_changed=text_changed,
                is_current=index == 0 and before is None,
            )
        )
    return entries, more


# ---------------------------------------------------------------- the whole plan


@dataclass(frozen=True)
class PlanChange:
    when: datetime
    who: str
    kind: str
    part: str
    name: str
    reason: str
    changes: list[FieldChange]


PART_NAMES = {
    Plan: "Plan details",
    Section: "Section",
    Objective: "Objective",
    Commitment: "Commitment",
    Grant: "Grant",
    Milestone: "Milestone",
}


def _name(model: type[Model], record: Any) -> str:
    if model is Plan or model is Section or model is Objective or model is Milestone:
        return str(record.title)
    if model is Grant:
        return str(record.recipient)
    text = str(record.text)
    return text if len(text) <= 90 else text[:87] + "..."


def plan_changes(plan: Plan) -> list[PlanChange]:
    """The latest changes to every part of the plan, newest first: eight queries."""
    names = {
        "district": dict(District.objects.filter(area_id=plan.area_id).values_list("pk", "name")),
        "objective": dict(
            Objective.history.filter(plan_id=plan.pk).order_by("history_date").values_list("id", "title")
        ),
    }
    objective_ids = Objective.history.filter(plan_id=plan.pk).values("id")
    sources: list[tuple[type[Model], Any]] = [
        (Plan, Plan.history.filter(id=plan.pk)),
        (Section, Section.history.filter(plan_id=plan.pk)),
        (Objective, Objective.history.filter(plan_id=plan.pk)),
        (Commitment, Commitment.history.filter(objective_id__in=objective_ids)),
        (Grant, Grant.history.filter(plan_id=plan.pk)),
        (Milestone, Milestone.history.filter(plan_id=plan.pk)),
    ]
    changes: list[PlanChange] = []
    for model, queryset in sources:
        records = list(
            queryset.select_related("history_user").order_by("-history_date", "-history_id")[:PLAN_CHANGES_LIMIT]
        )
        # Oldest first per object, so each record meets the state just before it.
        previous_of: dict[Any, Any] = {}
        for record in reversed(records):
            before = previous_of.get(record.id)
            previous_of[record.id] = record
            changes.append(
                PlanChange(
                    when=record.history_date,
                    who=person(record.history_user),
                    kind=HISTORY_TYPES.get(record.history_type, record.history_type),
                    part=PART_NAMES[model],
                    name=_name(model, record),
                    reason=record.history_change_reason or "",
                    changes=field_changes(model, before, record, names)
                    if before is not None and record.history_type == "~"
                    else [],
                )
            )
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:PLAN_CHANGES_LIMIT]
