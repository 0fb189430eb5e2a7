"""Open data: the published plan, the Panel's recommendations with the Commissioner's
responses, and each consultation's outcome in figures, as JSON and CSV.

Only what is already public goes in: a published version of a plan, a published response
to the Panel, a published outcome report (aggregates, never a comment or a name). Every
JSON document names its JSON Schema (publishing/schemas/, committed and tested) and its
licence, the Open Government Licence v3.0.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import timezone

from consultation.models import Consultation, OutcomeReport
from consultation.outcome import outcome_of
from panel.models import PanelReview
from panel.selectors import live_recommendations
from plans.budget import budget_of
from plans.models import Plan, StatutoryElement
from plans.richtext import html_to_text
from plans.snapshot import PlanContent

from .models import Publication

LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
SCHEMAS = {
    "plan": "The published plan",
    "recommendations": "The Panel's recommendations and the Commissioner's responses",
    "outcome": "A consultation's outcome in figures",
    "performance": "A plan's measures of performance and their readings",
}


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def _schema_url(base: str, name: str) -> str:
    return base + reverse("publishing:open_data_schema", kwargs={"name": name})


def _day(value: Any) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


# ---------------------------------------------------------------- the plan


def plan_document(publication: Publication, *, base: str) -> dict[str, Any]:
    """The published version of a plan: its sections, priorities with their commitments,
    grants, budget lines (as the budget's own files have them, plans.budget), resources,
    milestones and measures."""
    from performance.public_data import performance_json
    from performance.selectors import performance_overview

    version = publication.version
    plan: Plan = version.plan
    content = PlanContent.from_json(version.content)
    titles = {o.uid: o.title for o in content.objectives}
    page = base + publication.get_absolute_url()
    sections = [s for s in content.sections if not s.is_empty]
    document: dict[str, Any] = {
        "$schema": _schema_url(base, "plan"),
        "licence": LICENCE,
        "police_area": plan.area.name,
        "plan": {
            "title": content.title,
            "kind": plan.get_kind_display(),
            "period_start": content.starts_on,
            "period_end": content.ends_on,
            "commissioner": content.pcc_name,
            "vision": content.vision,
            "version": version.label,
            "published_at": _day(publication.published_at),
            "page": page,
        },
        "sections": [
            {
                "uid": s.uid,
                "title": s.title,
                "order": s.order,
                "statutory_elements": list(s.covers),
                "district": s.district.name if s.district else None,
                "text": html_to_text(s.body),
            }
            for s in sections
        ],
        "objectives": [
            {
                "uid": o.uid,
                "title": o.title,
                "aim": o.aim,
                "theme": o.theme,
                "order": o.order,
                "district": o.district.name if o.district else None,
                "commitments": [{"actor": c.actor, "text": c.text} for c in o.commitments],
            }
            for o in content.objectives
        ],
        "grants": [
            {
                "recipient": g.recipient,
                "purpose": g.purpose,
                "amount": float(Decimal(g.amount)) if g.amount else None,
                "conditions": g.conditions,
                "objective": titles.get(g.objective_uid or ""),
            }
            for g in content.grants
        ],
        "budget": [
            {
                "financial_year": line.year_label,
                "part": line.kind,
                "line": line.label,
                "district": line.district.name if line.district else None,
                "amount_gbp": float(line.amount_decimal),
            }
            for year in budget_of(list(content.budget)).years
            for line in year.lines
        ],
        "milestones": [
            {
                "title": m.title,
                "starts_on": m.starts_on.isoformat(),
                "ends_on": m.ends_on.isoformat(),
                "phase": m.get_phase_display(),
                "status": m.status,
                "statutory_step": m.statutory_step or None,
                "citation": m.citation or None,
            }
            for m in plan.milestones.order_by("starts_on", "pk")
        ],
        "measures": performance_json(plan, performance_overview(plan), page_url=page)["measures"],
    }
    resources = [s for s in sections if StatutoryElement.RESOURCES in s.covers]
    if resources:
        document["resources"] = [{"title": s.title, "text": html_to_text(s.body)} for s in resources]
    return document


OBJECTIVE_COLUMNS = ["Priority", "Aim", "Theme", "District", "Actor", "Commitment"]
GRANT_COLUMNS = ["Recipient", "Purpose", "Amount (£)", "Conditions", "Priority served"]


def plan_objectives_rows(publication: Publication) -> Iterator[list[Any]]:
    """One row per commitment, with its priority."""
    content = PlanContent.from_json(publication.version.content)
    yield OBJECTIVE_COLUMNS
    for o in content.objectives:
        district = o.district.name if o.district else ""
        for c in o.commitments or ():
            yield [o.title, o.aim, o.theme, district, c.actor, c.text]
        if not o.commitments:
            yield [o.title, o.aim, o.theme, district, "", ""]


def plan_grants_rows(publication: Publication) -> Iterator[list[Any]]:
    content = PlanContent.from_json(publication.version.content)
    titles = {o.uid: o.title for o in content.objectives}
    yield GRANT_COLUMNS
    for g in content.grants:
        yield [g.recipient, g.purpose, g.amount, g.conditions, titles.get(g.objective_uid or "", "")]


# ---------------------------------------------------------------- the Panel


def recommendations_document(review: PanelReview, *, base: str) -> dict[str, Any]:
    recommendations = []
    for r in live_recommendations(review):
        answer = getattr(r, "response", None)
        recommendations.append(
            {
                "number": r.number,
                "member": r.author.display_name,
                "member_role": r.author.get_role_display(),
                "about": r.target_label,
                "text": r.text,
                "submitted_at": _day(r.submitted_at),
                "response": None
                if answer is None
                else {
                    "outcome": answer.outcome,
                    "reasons": answer.reasons,
                    "changed_in": answer.changed_version.label if answer.changed_version else None,
                    "change": answer.changed_title or None,
                },
            }
        )
    return {
        "$schema": _schema_url(base, "recommendations"),
        "licence": LICENCE,
        "police_area": review.version.plan.area.name,
        "plan": review.version.plan.title,
        "version": review.version.label,
        "panel": review.panel.name,
        "response_published_at": _day(review.publication.published_at),
        "page": base + reverse("panel:published_detail", kwargs={"review_id": review.pk}),
        "recommendations": recommendations,
    }


RECOMMENDATION_COLUMNS = [
    "Number",
    "Member",
    "Role on the Panel",
    "About",
    "Recommendation",
    "Submitted",
    "Response",
    "Reasons",
    "Changed in",
    "Change",
]


def recommendations_rows(document: dict[str, Any]) -> Iterator[list[Any]]:
    yield RECOMMENDATION_COLUMNS
    for r in document["recommendations"]:
        answer = r["response"] or {}
        yield [
            r["number"],
            r["member"],
            r["member_role"],
            r["about"],
            r["text"],
            r["submitted_at"],
            answer.get("outcome", ""),
            answer.get("reasons", ""),
            answer.get("changed_in") or "",
            answer.get("change") or "",
        ]


# ---------------------------------------------------------------- consultation outcomes


def outcome_document(consultation: Consultation, report: OutcomeReport, *, base: str) -> dict[str, Any]:
    """A consultation's outcome in figures: counts only, no comment and no name."""
    outcome = outcome_of(consultation, charts=False)
    breakdowns = {b.key: b for b in outcome.analysis.breakdowns}

    def rows(key: str) -> list[dict[str, Any]]:
        return [{"label": row.label, "responses": row.count} for row in breakdowns[key].rows]

    return {
        "$schema": _schema_url(base, "outcome"),
        "licence": LICENCE,
        "consultation": consultation.title,
        "plan": consultation.version.plan.title,
        "version": consultation.version.label,
        "opened_at": _day(consultation.opens_at),
        "closed_at": _day(consultation.closes_at),
        "published_at": _day(report.published_at),
        "page": base + reverse("consultation:outcome", kwargs={"consultation_id": consultation.pk}),
        "responses_counted": outcome.counted,
        "victims_of_crime": outcome.analysis.victims_count,
        "by_theme": [
            {
                "theme": t.name,
                "responses": t.count,
                "changes": [{"version": c.version_label, "part": c.kind_label, "title": c.title} for c in t.changes],
            }
            for t in outcome.themes
        ],
        "by_respondent_type": rows("respondent_type"),
        "by_district": rows("district"),
        "agreement": [
            {
                "priority": row.priority,
                "answered": row.answered,
                "strongly_agree": row.counts[0],
                "agree": row.counts[1],
                "neither": row.counts[2],
                "disagree": row.counts[3],
                "strongly_disagree": row.counts[4],
            }
            for row in outcome.analysis.agreement
        ],
    }


def outcome_rows(document: dict[str, Any]) -> Iterator[list[Any]]:
    """The counts as one long table: what is counted, the label, the responses."""
    yield ["Breakdown", "Label", "Responses"]
    yield ["All responses counted", "", document["responses_counted"]]
    for row in document["by_theme"]:
        yield ["Theme", row["theme"], row["responses"]]
    for row in document["by_respondent_type"]:
        yield ["Respondent type", row["label"], row["responses"]]
    for row in document["by_district"]:
        yield ["District", row["label"], row["responses"]]
    for row in document["agreement"]:
        for level in ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree"):
            yield [f"Agreement: {row['priority']}", level.replace("_", " "), row[level]]


# ---------------------------------------------------------------- the Data page


@dataclass(frozen=True)
class DataFile:
    title: str
    url: str
    format: str  # "JSON" or "CSV"
    schema: str = ""  # the schema's name, for JSON


def data_files() -> list[tuple[str, list[DataFile]]]:
    """Every open data file, grouped by what it is about."""
    from panel.selectors import published_reviews

    from .selectors import published_plans

    groups: list[tuple[str, list[DataFile]]] = []
    for item in published_plans():
        plan = item.plan
        kwargs = {"area_slug": plan.area.slug, "plan_slug": plan.slug}
        files = [
            DataFile(f"{plan.title}: the plan", reverse("publishing:open_plan_json", kwargs=kwargs), "JSON", "plan"),
            DataFile(
                f"{plan.title}: priorities and commitments",
                reverse("publishing:open_plan_objectives", kwargs=kwargs),
                "CSV",
            ),
            DataFile(f"{plan.title}: grants", reverse("publishing:open_plan_grants", kwargs=kwargs), "CSV"),
            DataFile(f"{plan.title}: measures and readings", reverse("performance:public_json", kwargs=kwargs), "JSON"),
            DataFile(f"{plan.title}: measures and readings", reverse("performance:public_csv", kwargs=kwargs), "CSV"),
        ]
        for review in published_reviews().filter(version__plan=plan):
            title = f"{plan.title}: the Panel's recommendations on {review.version.label} and the responses"
            rk = {"review_id": review.pk}
            files.append(
                DataFile(title, reverse("publishing:open_recommendations_json", kwargs=rk), "JSON", "recommendations")
            )
            files.append(DataFile(title, reverse("publishing:open_recommendations_csv", kwargs=rk), "CSV"))
        for report in OutcomeReport.objects.filter(
            consultation__version__plan=plan, published_at__isnull=False
        ).select_related("consultation"):
            title = f"The outcome of “{report.consultation.title}” in figures"
            ck = {"consultation_id": report.consultation_id}
            files.append(DataFile(title, reverse("publishing:open_outcome_json", kwargs=ck), "JSON", "outcome"))
            files.append(DataFile(title, reverse("publishing:open_outcome_csv", kwargs=ck), "CSV"))
        groups.append((plan.title, files))
    return groups
