"""Demo data for the plans app: Avon and Somerset, its nine districts, one user per role.

Names of places and documents come from the OPCC documents in docs/sources.md; people
are invented. Idempotent: every row is found by a natural key before it is created.
"""

import zoneinfo
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from pcplan.roles import Role

from . import demo_content as content
from .models import AreaMembership, District, Milestone, Plan, PoliceArea, Section
from .plan_template import template_sections
from .services import (
    budget_line_create,
    commitment_create,
    district_picture_set,
    district_update,
    grant_create,
    milestone_update,
    objective_create,
    objective_easy_read_set,
    plan_create_from_template,
    plan_update,
    section_update,
    version_cut,
)

EASY_READ_PICTURES = Path(__file__).resolve().parent / "data" / "easy_read"
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
    # Found, not updated, when it is there: each save would add to the area's history.
    area, _ = PoliceArea.objects.get_or_create(
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


DEMO_PLAN_SLUG = content.PLAN["slug"]
# Non-statutory milestones finished by the time V2 was approved (Appendix 1). Statutory
# steps stay open: the consultation, Panel and publishing apps record those as they happen.
DONE_BEFORE = date(2016, 9, 2)


def seed_plan(area: PoliceArea, author: Any) -> Plan:
    """The Avon and Somerset Police and Crime Plan 2016-21 with V1 and V2 cut, built
    through the same services staff use, so the demo shows what the pages make."""
    existing = Plan.objects.filter(area=area, slug=DEMO_PLAN_SLUG).first()
    if existing is not None:
        return existing
    plan = plan_create_from_template(
        area=area,
        title=content.PLAN["title"],
        starts_on=date.fromisoformat(content.PLAN["starts_on"]),
        ends_on=date.fromisoformat(content.PLAN["ends_on"]),
        pcc_name=content.PLAN["pcc_name"],
        pcc_elected_on=date.fromisoformat(content.PLAN["pcc_elected_on"]),
        vision=content.PLAN["vision"],
        by=author,
    )
    assert plan.slug == DEMO_PLAN_SLUG  # noqa: S101 - other apps find the demo plan by this slug
    plan = plan_update(
        plan=plan,
        by=author,
        title=plan.title,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        stage=plan.stage,
        pcc_name=plan.pcc_name,
        pcc_elected_on=plan.pcc_elected_on,
        vision=plan.vision,
        population=content.POPULATION,
        police_officers=content.POLICE_OFFICERS,
        police_staff=content.POLICE_STAFF,
        area_km2=content.AREA_KM2,
        annual_budget=Decimal(content.ANNUAL_BUDGET),
    )
    keys = [item.key for item in template_sections()]
    sections = dict(zip(keys, plan.sections.order_by("order", "pk"), strict=True))
    for key, title, body in content.SECTIONS:
        sections[key] = _write_section(sections[key], author, title=title, body=body)

    objectives = []
    for title, theme, aim, commitments in content.OBJECTIVES:
        objective = objective_create(plan=plan, by=author, title=title, theme=theme, aim=aim)
        objectives.append(objective)
        for actor, text in commitments:
            commitment_create(objective=objective, by=author, actor=actor, text=text)
    districts = {d.name: d for d in area.districts.all()}
    for district, title, theme, aim, commitments in content.DISTRICT_OBJECTIVES:
        objective = objective_create(
            plan=plan, by=author, title=title, theme=theme, aim=aim, district=districts[district]
        )
        for actor, text in commitments:
            commitment_create(objective=objective, by=author, actor=actor, text=text)
    for recipient, purpose, amount, conditions, objective_index, grant_district in content.GRANTS:
        grant_create(
            plan=plan,
            by=author,
            recipient=recipient,
            purpose=purpose,
            amount=Decimal(amount),
            conditions=conditions,
            objective=objectives[objective_index],
            district=districts[grant_district] if grant_district else None,
        )
    for year, kind, label, amount, line_district in content.BUDGET:
        budget_line_create(
            plan=plan,
            by=author,
            year=year,
            kind=kind,
            label=label,
            amount=Decimal(amount),
            district=districts[line_district] if line_district else None,
        )
    _district_pictures(area, author)
    for objective, (text, picture, alt) in zip(objectives, content.EASY_READ, strict=True):
        objective_easy_read_set(
            objective=objective, by=author, text=text, alt=alt, picture=(EASY_READ_PICTURES / picture).read_bytes()
        )
    for milestone in plan.milestones.filter(statutory_step="", ends_on__lt=DONE_BEFORE):
        _mark_done(milestone, author)

    # Cut on the days Appendix 1 gives ("Draft V1 developed" ends 18 July 2016, "V2 drafted"
    # 1 September 2016), so the Panel's 2016 review reads against drafts of that summer.
    version_cut(
        plan=plan,
        by=author,
        note="Draft V1, circulated to the Strategic Planning Working Group and the Panel",
        cut_at=_london(2016, 7, 18, 16, 30),
    )
    for key, body in content.V2_CHANGES.items():
        sections[key] = _write_section(sections[key], author, body=body)
    index, actor, text = content.V2_NEW_COMMITMENT
    commitment_create(objective=objectives[index], by=author, actor=actor, text=text)
    version_cut(
        plan=plan,
        by=author,
        note="Draft V2, after consultation and the Panel's recommendations",
        cut_at=_london(2016, 9, 1, 12, 0),
    )
    plan = plan_update(
        plan=plan,
        by=author,
        title=plan.title,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        stage=Plan.Stage.FINAL,
        pcc_name=plan.pcc_name,
        pcc_elected_on=plan.pcc_elected_on,
        vision=plan.vision,
        population=plan.population,
        police_officers=plan.police_officers,
        police_staff=plan.police_staff,
        area_km2=plan.area_km2,
        annual_budget=plan.annual_budget,
    )
    return plan


def _district_pictures(area: PoliceArea, author: Any) -> None:
    """Each District's picture for its plan: landscapes drawn for the demo
    (plans/data/districts/draw_pictures.py), and its neighbourhood policing stations."""
    from .data.districts.draw_pictures import PICTURES

    folder = Path(__file__).resolve().parent / "data" / "districts"
    for district in area.districts.all():
        if district.slug in PICTURES and not district.picture:
            district_picture_set(
                district=district,
                by=author,
                picture=(folder / f"{district.slug}.png").read_bytes(),
                alt=PICTURES[district.slug][1],
            )
        stations = content.DISTRICT_STATIONS.get(district.name)
        if stations and "based at" not in district.contact:
            district_update(
                district=district,
                by=author,
                name=district.name,
                contact=f"Your neighbourhood policing team for {district.name}, based at {stations}: call 101, "
                "or 999 in an emergency. Find your team, its officers and its surgeries at "
                "www.avonandsomerset.police.uk/your-area.",
            )


def _write_section(section: Section, author: Any, *, body: str, title: str | None = None) -> Section:
    return section_update(
        section=section,
        by=author,
        expected_revision=section.revision,
        title=title or section.title,
        body=body,
        covers=section.covers,
        addresses_spr=section.addresses_spr,
        in_public_summary=section.in_public_summary,
        district=None,
    )


def _mark_done(milestone: Milestone, author: Any) -> None:
    milestone_update(
        milestone=milestone,
        by=author,
        title=milestone.title,
        starts_on=milestone.starts_on,
        ends_on=milestone.ends_on,
        phase=milestone.phase,
        owner=milestone.owner,
        owner_note=milestone.owner_note,
        status=Milestone.Status.DONE,
        statutory_step=milestone.statutory_step,
        citation=milestone.citation,
        notes=milestone.notes,
        completed_on=milestone.ends_on,
    )


def _london(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


def seed(*, stdout: Any, style: Any) -> None:
    area = seed_area()
    users = seed_users(area)
    plan = seed_plan(area, users["staff"])
    stdout.write(f"  {plan.title}: {plan.versions.count()} versions, {plan.sections.count()} sections")
    stdout.write(style.SUCCESS(f"Demo log-ins (password '{DEMO_PASSWORD}' for each):"))
    for username, first, last, role in DEMO_USERS:
        stdout.write(f"  {role.value:<14} user name: {username:<10} ({first} {last})")
