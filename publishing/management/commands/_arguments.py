"""Finding a plan and a version from a command's arguments (render_plan, verify_publication)."""

import re

from django.core.management.base import CommandError

from plans.models import Plan, Version

_VERSION = re.compile(r"^[Vv]?(\d+)$")


def plan_by_key(key: str) -> Plan:
    """A plan by its id or its slug (refused when several areas' plans share the slug)."""
    plans = Plan.objects.select_related("area")
    found = list(plans.filter(pk=int(key))) if key.isdigit() else list(plans.filter(slug=key))
    if not found:
        raise CommandError(f"No plan with the slug or id {key!r}.")
    if len(found) > 1:
        areas = ", ".join(f"{p.area.name} (id {p.pk})" for p in found)
        raise CommandError(f"Several plans have the slug {key!r}: {areas}. Give the plan's id instead.")
    return found[0]


def version_by_key(plan: Plan, key: str) -> Version:
    """A version of the plan by its label (V2) or number (2)."""
    match = _VERSION.match(key.strip())
    if not match:
        raise CommandError(f"Give the version as V2 or 2, not {key!r}.")
    version = Version.objects.filter(plan=plan, number=int(match.group(1))).first()
    if version is None:
        labels = ", ".join(v.label for v in plan.versions.order_by("number")) or "none yet"
        raise CommandError(f"{plan.title} has no version V{match.group(1)} (its versions: {labels}).")
    version.plan = plan
    return version
