"""Demo data for the plans app: Avon and Somerset, its nine districts, one user per role.

Names of places and documents come from the OPCC documents in docs/sources.md; people
are invented. Idempotent: every row is found by a natural key before it is created.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from pcplan.roles import Role

from .models import AreaMembership, District, PoliceArea

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


def seed(*, stdout: Any, style: Any) -> None:
    area = seed_area()
    seed_users(area)
    stdout.write(style.SUCCESS(f"Demo log-ins (password '{DEMO_PASSWORD}' for each):"))
    for username, first, last, role in DEMO_USERS:
        stdout.write(f"  {role.value:<14} user name: {username:<10} ({first} {last})")
