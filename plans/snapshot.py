"""The shape of a plan's content, for the working draft and for every cut version alike.

`content_from_plan` reads the live rows; `PlanContent.from_json` reads a Version's
snapshot. Consultation, the Panel and publishing render versions through these classes,
never through the raw JSON, so the shape can grow in one place (bump SCHEMA).
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from .models import Commitment, Objective, Plan

SCHEMA = 1


@dataclass(frozen=True)
class DistrictRef:
    slug: str
    name: str


@dataclass(frozen=True)
class SectionContent:
    uid: str
    title: str
    order: int
    body: str
    covers: tuple[str, ...]
    in_public_summary: bool
    addresses_spr: bool
    district: DistrictRef | None

    @property
    def anchor(self) -> str:
        return f"section-{self.uid}"

    @property
    def is_empty(self) -> bool:
        from .richtext import html_to_text

        return not html_to_text(self.body).strip()


@dataclass(frozen=True)
class CommitmentContent:
    uid: str
    actor: str
    text: str
    order: int

    @property
    def actor_label(self) -> str:
        return Commitment.Actor(self.actor).label


@dataclass(frozen=True)
class ObjectiveContent:
    uid: str
    title: str
    aim: str
    theme: str
    order: int
    district: DistrictRef | None
    commitments: tuple[CommitmentContent, ...]

    @property
    def anchor(self) -> str:
        return f"objective-{self.uid}"

    def commitments_by_actor(self) -> list[tuple[str, list[CommitmentContent]]]:
        """Commitments grouped under "I will", "I expect the Chief Constable to", ..."""
        groups = []
        for actor in Commitment.Actor:
            items = [c for c in self.commitments if c.actor == actor.value]
            if items:
                groups.append((actor.label, items))
        return groups


@dataclass(frozen=True)
class GrantContent:
    uid: str
    recipient: str
    purpose: str
    amount: str
    conditions: str
    objective_uid: str | None

    @property
    def amount_decimal(self) -> Decimal:
        return Decimal(self.amount)


@dataclass(frozen=True)
class PlanContent:
    title: str
    area: str
    starts_on: str
    ends_on: str
    kind: str
    vision: str
    pcc_name: str
    sections: tuple[SectionContent, ...] = field(default_factory=tuple)
    objectives: tuple[ObjectiveContent, ...] = field(default_factory=tuple)
    grants: tuple[GrantContent, ...] = field(default_factory=tuple)
    # The area's key figures (versions cut before they existed have none).
    population: int | None = None
    police_officers: int | None = None
    annual_budget: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["schema"] = SCHEMA
        return data

    @property
    def content_hash(self) -> str:
        """Identical content gives the same hash, so 'nothing changed' is a comparison."""
        canonical = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "PlanContent":
        def district(d: dict[str, str] | None) -> DistrictRef | None:
            return DistrictRef(**d) if d else None

        return cls(
            title=data["title"],
            area=data["area"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            kind=data["kind"],
            vision=data["vision"],
            pcc_name=data.get("pcc_name", ""),
            sections=tuple(
                SectionContent(**{**s, "covers": tuple(s["covers"]), "district": district(s["district"])})
                for s in data["sections"]
            ),
            objectives=tuple(
                ObjectiveContent(
                    **{
                        **o,
                        "district": district(o["district"]),
                        "commitments": tuple(CommitmentContent(**c) for c in o["commitments"]),
                    }
                )
                for o in data["objectives"]
            ),
            grants=tuple(GrantContent(**g) for g in data["grants"]),
            population=data.get("population"),
            police_officers=data.get("police_officers"),
            annual_budget=data.get("annual_budget", ""),
        )

    def section(self, uid: str) -> SectionContent | None:
        return next((s for s in self.sections if s.uid == str(uid)), None)

    def objective(self, uid: str) -> ObjectiveContent | None:
        return next((o for o in self.objectives if o.uid == str(uid)), None)

    def sections_for(self, district_slug: str | None) -> list[SectionContent]:
        """Force-wide sections, plus the given District's own ones."""
        return [s for s in self.sections if s.district is None or (district_slug and s.district.slug == district_slug)]

    def objectives_for(self, district_slug: str | None) -> list[ObjectiveContent]:
        return [
            o for o in self.objectives if o.district is None or (district_slug and o.district.slug == district_slug)
        ]

    @property
    def force_wide_objectives(self) -> list[ObjectiveContent]:
        return [o for o in self.objectives if o.district is None]

    def covered_elements(self) -> set[str]:
        """The statutory elements covered by at least one non-empty section."""
        return {element for s in self.sections if not s.is_empty for element in s.covers}


def content_from_plan(plan: Plan) -> PlanContent:
    """Read the working draft in four queries, whatever its size."""

    def district(obj: Any) -> DistrictRef | None:
        return DistrictRef(slug=obj.district.slug, name=obj.district.name) if obj.district_id else None

    sections = plan.sections.select_related("district").order_by("order", "pk")
    objectives = (
        plan.objectives.select_related("district")
        .prefetch_related(Prefetch("commitments", queryset=Commitment.objects.order_by("order", "pk")))
        .order_by("order", "pk")
    )
    objective_uids = {}
    objective_list: list[Objective] = list(objectives)
    for objective in objective_list:
        objective_uids[objective.pk] = str(objective.uid)
    grants = plan.grants.order_by("recipient", "pk")
    return PlanContent(
        title=plan.title,
        area=plan.area.name,
        starts_on=plan.starts_on.isoformat(),
        ends_on=plan.ends_on.isoformat(),
        kind=plan.kind,
        vision=plan.vision,
        pcc_name=plan.pcc_name,
        population=plan.population,
        police_officers=plan.police_officers,
        annual_budget="" if plan.annual_budget is None else str(plan.annual_budget),
        sections=tuple(
            SectionContent(
                uid=str(s.uid),
                title=s.title,
                order=s.order,
                body=s.body,
                covers=tuple(s.covers or ()),
                in_public_summary=s.in_public_summary,
                addresses_spr=s.addresses_spr,
                district=district(s),
            )
            for s in sections
        ),
        objectives=tuple(
            ObjectiveContent(
                uid=str(o.uid),
                title=o.title,
                aim=o.aim,
                theme=o.theme,
                order=o.order,
                district=district(o),
                commitments=tuple(
                    CommitmentContent(uid=str(c.uid), actor=c.actor, text=c.text, order=c.order)
                    for c in o.commitments.all()
                ),
            )
            for o in objective_list
        ),
        grants=tuple(
            GrantContent(
                uid=str(g.uid),
                recipient=g.recipient,
                purpose=g.purpose,
                amount=str(g.amount),
                conditions=g.conditions,
                objective_uid=objective_uids.get(g.objective_id) if g.objective_id else None,
            )
            for g in grants
        ),
    )
