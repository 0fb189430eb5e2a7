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

from .models import BudgetLine, Commitment, Objective, Plan, financial_year_label

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
    # The Easy Read version: plain-language text and a picture with its alternative text.
    easy_read_text: str = ""
    easy_read_picture: str = ""
    easy_read_alt: str = ""

    @property
    def anchor(self) -> str:
        return f"objective-{self.uid}"

    @property
    def has_easy_read(self) -> bool:
        return bool(self.easy_read_text.strip() and self.easy_read_picture and self.easy_read_alt.strip())

    @property
    def easy_read_sentences(self) -> list[str]:
        """The Easy Read text, one idea a line as staff wrote it."""
        return [line.strip() for line in self.easy_read_text.splitlines() if line.strip()]

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
    # The District the grant is made in; None across the police area.
    district: DistrictRef | None = None

    @property
    def amount_decimal(self) -> Decimal:
        return Decimal(self.amount)


@dataclass(frozen=True)
class BudgetLineContent:
    uid: str
    year: int
    kind: str
    label: str
    amount: str
    district: DistrictRef | None
    order: int

    @property
    def amount_decimal(self) -> Decimal:
        return Decimal(self.amount)

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    @property
    def kind_label(self) -> str:
        return BudgetLine.Kind(self.kind).label


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
    budget: tuple[BudgetLineContent, ...] = field(default_factory=tuple)
    # The area's key figures (versions cut before they existed have none).
    population: int | None = None
    police_officers: int | None = None
    annual_budget: str = ""
    police_staff: int | None = None
    area_km2: int | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["schema"] = SCHEMA
        # Parts added since the first schema are left out while empty, so content cut
        # before they existed keeps its hash, and "nothing changed" still holds for it.
        if not data["budget"]:
            del data["budget"]
        for name in ("police_staff", "area_km2"):
            if data[name] is None:
                del data[name]
        for grant in data["grants"]:
            if grant["district"] is None:
                del grant["district"]
        for objective in data["objectives"]:
            for name in ("easy_read_text", "easy_read_picture", "easy_read_alt"):
                if not objective[name]:
                    del objective[name]
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
            grants=tuple(GrantContent(**{**g, "district": district(g.get("district"))}) for g in data["grants"]),
            budget=tuple(
                BudgetLineContent(**{**b, "district": district(b["district"])}) for b in data.get("budget", [])
            ),
            population=data.get("population"),
            police_officers=data.get("police_officers"),
            annual_budget=data.get("annual_budget", ""),
            police_staff=data.get("police_staff"),
            area_km2=data.get("area_km2"),
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

    def budget_for(self, district_slug: str | None) -> list[BudgetLineContent]:
        """The whole area's budget lines (None), or one District's own."""
        if district_slug is None:
            return list(self.budget)
        return [b for b in self.budget if b.district is not None and b.district.slug == district_slug]

    def covered_elements(self) -> set[str]:
        """The statutory elements covered by at least one non-empty section."""
        return {element for s in self.sections if not s.is_empty for element in s.covers}


def content_from_plan(plan: Plan) -> PlanContent:
    """Read the working draft in five queries, whatever its size."""

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
    grants = plan.grants.select_related("district").order_by("recipient", "pk")
    budget = plan.budget_lines.select_related("district").order_by("year", "order", "pk")
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
        police_staff=plan.police_staff,
        area_km2=plan.area_km2,
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
                easy_read_text=o.easy_read_text,
                easy_read_picture=o.easy_read_picture,
                easy_read_alt=o.easy_read_alt,
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
                district=district(g),
            )
            for g in grants
        ),
        budget=tuple(budget_line_content(b) for b in budget),
    )


def budget_line_content(line: BudgetLine) -> BudgetLineContent:
    """A line of the working draft's budget as a version keeps it (district selected)."""
    return BudgetLineContent(
        uid=str(line.uid),
        year=line.year,
        kind=line.kind,
        label=line.label,
        amount=str(line.amount),
        district=DistrictRef(slug=line.district.slug, name=line.district.name) if line.district else None,
        order=line.order,
    )
