"""The performance app's part of the statute, for publishing's publish gate and compliance
page: the plan must set out how the Chief Constable's performance will be measured
(PRSR Act 2011 s7(1)(e))."""

from django.urls import reverse

from plans.evidence import Evidence
from plans.models import Plan

from .models import Measure


def performance_measures_set(plan: Plan) -> Evidence:
    """Met when every force-wide priority of the working draft has at least one measure
    with a baseline; `missing` names each priority without one."""
    objectives = list(plan.objectives.filter(district__isnull=True).order_by("order", "pk"))
    url = reverse("performance:dashboard", kwargs={"plan_id": plan.pk})
    if not objectives:
        return Evidence(
            met=False,
            summary="The plan has no force-wide priorities yet, so none has a performance measure.",
            url=url,
            missing=("Add the plan's priorities, then a measure with a baseline for each.",),
        )
    measured_ids = list(
        Measure.objects.filter(plan=plan, objective__in=objectives, baseline_value__isnull=False).values_list(
            "objective_id", flat=True
        )
    )
    measured = set(measured_ids)
    missing = tuple(
        f"Add a measure with a baseline to the priority “{o.title}”." for o in objectives if o.pk not in measured
    )
    if missing:
        return Evidence(
            met=False,
            summary=f"{len(missing)} of {len(objectives)} force-wide priorities have no measure with a baseline.",
            url=url,
            missing=missing,
        )
    count = len(measured_ids)
    return Evidence(
        met=True,
        summary=f"Every force-wide priority has a measure with a baseline ({count} measures in all).",
        url=url,
    )
