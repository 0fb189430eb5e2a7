"""The plans app's answers for its part of the statute (see plans/evidence.py): what the
plan sets out (s7(1)), its regard to the Strategic Policing Requirement, a draft prepared
(s5(6)), and statutory steps recorded on the plan's milestones.

Each function takes the plan (and, where it matters, the version about to be published)
and returns Evidence the compliance page and the publish gate can show.
"""

import re

from django.urls import reverse
from django.utils import timezone

from .evidence import Evidence
from .models import STATUTORY_ELEMENT_CITATIONS, Milestone, Plan, StatutoryElement, StatutoryStep, Version
from .snapshot import PlanContent


def _content(plan: Plan, version: Version | None) -> tuple[PlanContent, str]:
    if version is not None:
        return PlanContent.from_json(version.content), version.get_absolute_url()
    from .snapshot import content_from_plan

    return content_from_plan(plan), reverse("plans:plan_detail", kwargs={"plan_id": plan.pk})


def statutory_contents(plan: Plan, version: Version | None = None) -> Evidence:
    """s7(1): each of the seven elements is set out by at least one section with text."""
    content, url = _content(plan, version)
    covered = content.covered_elements()
    missing = tuple(
        f"No section with text sets out {element.label[0].lower()}{element.label[1:]} "
        f"({STATUTORY_ELEMENT_CITATIONS[element]})"
        for element in StatutoryElement
        if element.value not in covered
    )
    where = version.label if version is not None else "The working draft"
    if missing:
        return Evidence(
            met=False,
            summary=f"{where} covers {len(covered)} of the 7 elements of s7(1).",
            url=url,
            missing=missing,
        )
    return Evidence(met=True, summary=f"{where} sets out all 7 elements of s7(1).", url=url)


def statutory_element(plan: Plan, element: StatutoryElement, version: Version | None = None) -> Evidence:
    """s7(1), one element at a time: at least one section with text says it sets this out.
    The compliance page shows each of the seven on its own line, with the sections."""
    content, url = _content(plan, version)
    sections = [s for s in content.sections if element.value in s.covers and not s.is_empty]
    where = version.label if version is not None else "The working draft"
    described = f"{element.label[0].lower()}{element.label[1:]}"
    if not sections:
        return Evidence(
            met=False,
            summary=f"{where} has no section with text that sets out {described}.",
            url=url,
            missing=(
                f"Write the section that sets out {described}, and mark it as covering it "
                f"({STATUTORY_ELEMENT_CITATIONS[element]})",
            ),
        )
    titles = ", ".join(s.title for s in sections)
    return Evidence(met=True, summary=f"{where} sets this out in {titles}.", url=f"{url}#{sections[0].anchor}")


def objectives_set(plan: Plan, version: Version | None = None) -> Evidence:
    """s7(1)(a) from the data: the plan holds its police and crime objectives (priorities),
    not only a section about them."""
    content, url = _content(plan, version)
    where = version.label if version is not None else "The working draft"
    objectives = content.force_wide_objectives
    if not objectives:
        return Evidence(
            met=False,
            summary=f"{where} has no force-wide priorities (police and crime objectives).",
            url=url,
            missing=("Add the plan's police and crime objectives as its priorities",),
        )
    return Evidence(met=True, summary=f"{where} has {len(objectives)} force-wide priorities.", url=url)


# A grants section that says the Commissioner makes none: "No crime and disorder reduction
# grants are made", "The Commissioner does not make any grants".
_NO_GRANTS = re.compile(
    r"\b(no|not make any|does not make|none of)\b[^.]{0,80}\bgrants?\b|\bgrants?\b[^.]{0,40}\bnone\b"
)


def grants_set(plan: Plan, version: Version | None = None) -> Evidence:
    """s7(1)(g) from the data: the grants the Commissioner makes, with their conditions, or
    a grants section stating that none are made."""
    from .richtext import html_to_text

    content, url = _content(plan, version)
    where = version.label if version is not None else "The working draft"
    if content.grants:
        return Evidence(met=True, summary=f"{where} lists {len(content.grants)} grants.", url=url)
    statement = next(
        (
            s
            for s in content.sections
            if StatutoryElement.GRANTS.value in s.covers and _NO_GRANTS.search(html_to_text(s.body).lower())
        ),
        None,
    )
    if statement is not None:
        return Evidence(met=True, summary=f"{where} states in {statement.title} that no grants are made.", url=url)
    return Evidence(
        met=False,
        summary=f"{where} lists no grants and does not say that none are made.",
        url=url,
        missing=(
            "Add the grants the Commissioner makes and their conditions, or state in the grants section that "
            "no grants are made",
        ),
    )


def strategic_policing_requirement(plan: Plan, version: Version | None = None) -> Evidence:
    """The plan shows its regard to the Strategic Policing Requirement (which the Home
    Secretary issues under s37A of the Police Act 1996): a section with text marked so."""
    content, url = _content(plan, version)
    sections = [s for s in content.sections if s.addresses_spr and not s.is_empty]
    if not sections:
        return Evidence(
            met=False,
            summary="No section with text sets out the plan's regard to the Strategic Policing Requirement.",
            url=url,
            missing=("Mark the section that sets out the regard to the Strategic Policing Requirement, and write it",),
        )
    return Evidence(met=True, summary=f"Set out in {', '.join(s.title for s in sections)}.", url=url)


def draft_prepared(plan: Plan) -> Evidence:
    """s5(6): a draft was prepared, shown by the first version cut from the working draft."""
    first = plan.versions.select_related("cut_by").defer("content").order_by("number").first()
    if first is None:
        return Evidence(
            met=False,
            summary="No draft has been circulated yet.",
            url=reverse("plans:version_list", kwargs={"plan_id": plan.pk}),
            missing=("Cut V1 of the plan when the draft is ready to circulate",),
        )
    by = (first.cut_by.get_full_name() or first.cut_by.get_username()) if first.cut_by else ""
    return Evidence(
        met=True,
        summary=f"Draft {first.label} was cut on {timezone.localtime(first.cut_at):%d %B %Y}.",
        url=first.get_absolute_url(),
        on=timezone.localtime(first.cut_at).date(),
        by=by,
    )


def step_taken(plan: Plan, step: StatutoryStep) -> Evidence:
    """A statutory step recorded as done on one of the plan's milestones (the latest one,
    when the step recurs, as consulting the Chief Constable does)."""
    done = (
        plan.milestones.filter(statutory_step=step, status=Milestone.Status.DONE)
        .select_related("completed_by")
        .order_by("-completed_on", "-pk")
        .first()
    )
    milestones_url = reverse("plans:milestone_list", kwargs={"plan_id": plan.pk})
    if done is None:
        return Evidence(
            met=False,
            summary=f"Not recorded yet: {step.label.lower()}.",
            url=milestones_url,
            missing=(f"{step.label} and record it on the plan's milestones",),
        )
    by = (done.completed_by.get_full_name() or done.completed_by.get_username()) if done.completed_by else ""
    when = f" on {done.completed_on:%d %B %Y}" if done.completed_on else ""
    return Evidence(
        met=True,
        summary=f"{step.label}: done{when} ({done.title}).",
        url=done.evidence_url or f"{milestones_url}#milestone-{done.pk}",
        on=done.completed_on,
        by=by,
    )
