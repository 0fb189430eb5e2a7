"""Demo data for the plans app: Avon and Somerset, its nine districts, one user per role.

Names of places and documents come from the OPCC documents in docs/sources.md; people
are invented. Idempotent: every row is found by a natural key before it is created.
"""

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from pcplan.roles import Role

from . import demo_content as content
from .models import AreaMembership, Commitment, District, Grant, Milestone, Objective, Plan, PoliceArea, Section
from .services import version_cut

DEMO_PASSWORD = "pcplan-demo"  # noqa: S105 - development demo accounts, printed by seed_demo

DISTRICTS = [
    "Bristol",
    "Bath and North East Somerset",
    "North Somerset",
    "South Gloucestershire",
    "Mendip",
    "Sedgemoor",
    "South Somerset",
    "Taunton Deane",
    "West Somerset",
]

# (username, first name, last name, role)
DEMO_USERS = [
    ("staff", "Priya", "Shah", Role.STAFF),
    ("publisher", "Tom", "Ellery", Role.PUBLISHER),
    ("panel", "Margaret", "Hollis", Role.PANEL),
    ("force", "Daniel", "Okafor", Role.FORCE),
]


def seed_area() -> PoliceArea:
    area, _ = PoliceArea.objects.update_or_create(
        slug="avon-and-somerset",
        defaults={
            "name": "Avon and Somerset",
            "force_name": "Avon and Somerset Constabulary",
            "opcc_name": "Office of the Police and Crime Commissioner for Avon and Somerset",
            "contact_email": "pcc@avonandsomerset.pnn.police.uk",
            "contact_phone": "01275 816377",
            "contact_address": "Valley Road, Portishead, Bristol BS20 8JJ",
            "website": "https://www.avonandsomerset-pcc.gov.uk/",
        },
    )
    from django.utils.text import slugify

    for name in DISTRICTS:
        District.objects.get_or_create(
            area=area,
            slug=slugify(name),
            defaults={
                "name": name,
                "contact": f"Your neighbourhood policing team for {name}: call 101, or 999 in an emergency.",
            },
        )
    return area


def seed_users(area: PoliceArea) -> dict[str, Any]:
    user_model = get_user_model()
    users = {}
    for username, first, last, role in DEMO_USERS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@pcplan.example.org.uk"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=role.value))
        AreaMembership.objects.get_or_create(user=user, defaults={"area": area})
        users[username] = user
    return users


DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_PLAN_SLUG = content.PLAN["slug"]
MILESTONE_STEPS = {
    "Consultation with Chief Constable on high-level priorities": "consult_chief_constable",
    "Consultation with stakeholders, public and workforce": "obtain_views",
    "Draft V1 developed": "prepare_draft",
    "Draft V1 e-mailed to Police and Crime Panel": "send_to_panel",
    "Panel has the opportunity to present recommendations": "panel_report",
    "Paper deadline, Police and Crime Panel: review of draft plan": "send_to_panel",
    "Police and Crime Panel reviews draft plan": "panel_review",
    "Consultation with Chief Constable on any variation": "consult_chief_constable",
    "Preparation of response to Police and Crime Panel": "respond_to_panel",
    "Finalise and publish web copy of the plan": "publish_plan",
}


def seed_plan(area: PoliceArea, author: Any) -> Plan:
    """The Avon and Somerset Police and Crime Plan 2016-21 with V1 and V2 cut."""
    existing = Plan.objects.filter(area=area, slug=DEMO_PLAN_SLUG).first()
    if existing is not None:
        return existing
    structure = {s["key"]: s for s in json.loads((DATA_DIR / "plan_structure.json").read_text())["sections"]}
    plan = Plan.objects.create(
        area=area,
        kind=Plan.Kind.NEW,
        stage=Plan.Stage.FINAL,
        created_by=author,
        **content.PLAN,
    )
    sections = {}
    for order, (key, title, body) in enumerate(content.SECTIONS):
        sections[key] = Section.objects.create(
            plan=plan,
            title=title,
            order=order,
            body=body,
            covers=structure[key]["covers"],
            in_public_summary=structure[key]["in_public_summary"],
            addresses_spr=(key == "F"),
            updated_by=author,
        )
    objectives = []
    for order, (title, theme, aim, commitments) in enumerate(content.OBJECTIVES):
        objective = Objective.objects.create(plan=plan, title=title, theme=theme, aim=aim, order=order)
        objectives.append(objective)
        for c_order, (actor, text) in enumerate(commitments):
            Commitment.objects.create(objective=objective, actor=actor, text=text, order=c_order)
    districts = {d.name: d for d in area.districts.all()}
    for order, (district, title, theme, aim, commitments) in enumerate(content.DISTRICT_OBJECTIVES, start=10):
        objective = Objective.objects.create(
            plan=plan, title=title, theme=theme, aim=aim, order=order, district=districts[district]
        )
        for c_order, (actor, text) in enumerate(commitments):
            Commitment.objects.create(objective=objective, actor=actor, text=text, order=c_order)
    for recipient, purpose, amount, conditions, objective_index in content.GRANTS:
        Grant.objects.create(
            plan=plan,
            recipient=recipient,
            purpose=purpose,
            amount=amount,
            conditions=conditions,
            objective=objectives[objective_index],
        )
    _seed_milestones(plan)
    version_cut(plan=plan, by=author, note="Draft V1, circulated to the Strategic Planning Working Group and the Panel")
    for key, body in content.V2_CHANGES.items():
        section = sections[key]
        section.body = body
        section.revision += 1
        section.save()
    index, actor, text = content.V2_NEW_COMMITMENT
    Commitment.objects.create(objective=objectives[index], actor=actor, text=text, order=99)
    version_cut(plan=plan, by=author, note="Draft V2, after consultation and the Panel's recommendations")
    return plan


def _seed_milestones(plan: Plan) -> None:
    from .models import STATUTORY_STEP_CITATIONS

    for item in json.loads((DATA_DIR / "milestones_2016_21.json").read_text())["milestones"]:
        step = next((code for prefix, code in MILESTONE_STEPS.items() if item["title"].startswith(prefix)), "")
        phase = Milestone.Phase.REVIEW if item["phase"] == "review" else int(item["phase"])
        Milestone.objects.create(
            plan=plan,
            title=item["title"],
            starts_on=item["start"],
            ends_on=item["end"],
            phase=phase,
            statutory_step=step,
            citation=item["statutory"] or (STATUTORY_STEP_CITATIONS.get(step, "") if step else ""),
            owner="OPCC",
        )


def seed(*, stdout: Any, style: Any) -> None:
    area = seed_area()
    users = seed_users(area)
    plan = seed_plan(area, users["staff"])
    stdout.write(f"  {plan.title}: {plan.versions.count()} versions, {plan.sections.count()} sections")
    stdout.write(style.SUCCESS(f"Demo log-ins (password '{DEMO_PASSWORD}' for each):"))
    for username, first, last, role in DEMO_USERS:
        stdout.write(f"  {role.value:<14} user name: {username:<10} ({first} {last})")
