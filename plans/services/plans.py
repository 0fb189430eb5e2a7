"""Creating a plan: a new one from the template, or a refresh or variation of an earlier one."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from pcplan.revisions import lock_revision

from ..models import (
    BudgetLine,
    Commitment,
    Grant,
    Milestone,
    Objective,
    Plan,
    PoliceArea,
    Section,
    new_calendar_token,
    plan_financial_years,
)
from ..plan_template import template_milestones, template_sections
from ._history import save_attributed


def _unique_slug(area: PoliceArea, title: str) -> str:
    base = slugify(title)[:180] or "plan"
    taken = set(Plan.objects.filter(area=area, slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _add_template_milestones(plan: Plan, by: User | None) -> None:
    milestones = [
        Milestone(
            plan=plan,
            title=item.title,
            starts_on=item.starts_on,
            ends_on=item.ends_on,
            phase=item.phase,
            statutory_step=item.statutory_step,
            citation=item.citation,
            owner_note="OPCC",
        )
        for item in template_milestones(plan.starts_on)
    ]
    for milestone in milestones:
        milestone.full_clean(exclude=["plan"])
    bulk_create_with_history(milestones, Milestone, default_user=by, default_change_reason="From the template")


def _new_plan(
    *,
    area: PoliceArea,
    kind: str,
    title: str,
    starts_on: date,
    ends_on: date,
    by: User | None,
    predecessor: Plan | None,
    pcc_name: str,
    pcc_elected_on: date | None,
    vision: str,
    key_figures_from: Plan | None = None,
) -> Plan:
    plan = Plan(
        area=area,
        kind=kind,
        title=title.strip(),
        slug=_unique_slug(area, title),
        starts_on=starts_on,
        ends_on=ends_on,
        predecessor=predecessor,
        pcc_name=pcc_name.strip(),
        pcc_elected_on=pcc_elected_on,
        vision=vision.strip(),
        stage=Plan.Stage.PRIORITIES,
        created_by=by,
    )
    if key_figures_from is not None:
        plan.population = key_figures_from.population
        plan.police_officers = key_figures_from.police_officers
        plan.police_staff = key_figures_from.police_staff
        plan.area_km2 = key_figures_from.area_km2
        plan.annual_budget = key_figures_from.annual_budget
    save_attributed(plan, by)
    return plan


@transaction.atomic
def plan_create_from_template(
    *,
    area: PoliceArea,
    title: str,
    starts_on: date,
    ends_on: date,
    by: User | None,
    pcc_name: str = "",
    pcc_elected_on: date | None = None,
    vision: str = "",
) -> Plan:
    """A new plan with the sections of Appendix 2 (empty, each with its guidance and the
    statutory elements it covers) and the timeline of Appendix 1 moved to its dates."""
    plan = _new_plan(
        area=area,
        kind=Plan.Kind.NEW,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        by=by,
        predecessor=None,
        pcc_name=pcc_name,
        pcc_elected_on=pcc_elected_on,
        vision=vision,
    )
    sections = [
        Section(
            plan=plan,
            title=item.title,
            guidance=item.guidance,
            order=order,
            covers=list(item.covers),
            in_public_summary=item.in_public_summary,
            addresses_spr=item.addresses_spr,
            updated_by=by,
        )
        for order, item in enumerate(template_sections())
    ]
    for section in sections:
        section.full_clean(exclude=["plan"])
    bulk_create_with_history(sections, Section, default_user=by, default_change_reason="From the template")
    _add_template_milestones(plan, by)
    return plan


@transaction.atomic
def plan_create_successor(
    *,
    predecessor: Plan,
    kind: str,
    title: str,
    starts_on: date,
    ends_on: date,
    by: User | None,
    pcc_name: str | None = None,
    pcc_elected_on: date | None = None,
    vision: str | None = None,
) -> Plan:
    """An annual refresh or a variation: a copy of the predecessor's working draft
    (sections, objectives with their commitments, grants), linked to it, with a fresh
    timeline, since a variation goes through the statutory steps again (s5(6), s28)."""
    if kind not in (Plan.Kind.REFRESH, Plan.Kind.VARIATION):
        raise ValidationError({"kind": "Choose annual refresh or variation for a plan that follows another."})
    source = Plan.objects.select_for_update().select_related("area").get(pk=predecessor.pk)
    if kind == Plan.Kind.VARIATION and source.stage != Plan.Stage.PUBLISHED:
        raise ValidationError({"predecessor": "A variation changes a published plan; this plan is not published."})
    reason = f"Copied from {source.title}"
    plan = _new_plan(
        area=source.area,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        by=by,
        predecessor=source,
        pcc_name=source.pcc_name if pcc_name is None else pcc_name,
        pcc_elected_on=source.pcc_elected_on if pcc_elected_on is None else pcc_elected_on,
        vision=source.vision if vision is None else vision,
        key_figures_from=source,
    )

    sections = [
        Section(
            plan=plan,
            title=s.title,
            guidance=s.guidance,
            order=s.order,
            body=s.body,
            covers=list(s.covers or []),
            addresses_spr=s.addresses_spr,
            in_public_summary=s.in_public_summary,
            district_id=s.district_id,
            updated_by=by,
        )
        for s in source.sections.order_by("order", "pk")
    ]
    bulk_create_with_history(sections, Section, default_user=by, default_change_reason=reason)

    old_objectives = list(source.objectives.order_by("order", "pk").prefetch_related("commitments"))
    new_objectives = [
        Objective(
            plan=plan,
            title=o.title,
            aim=o.aim,
            theme=o.theme,
            order=o.order,
            district_id=o.district_id,
            easy_read_text=o.easy_read_text,
            easy_read_picture=o.easy_read_picture,
            easy_read_alt=o.easy_read_alt,
        )
        for o in old_objectives
    ]
    # One at a time: bulk_create gives no primary keys back on every database.
    objective_for: dict[int, Objective] = {}
    for old, new in zip(old_objectives, new_objectives, strict=True):
        save_attributed(new, by, reason)
        objective_for[old.pk] = new
    commitments = [
        Commitment(objective=objective_for[o.pk], actor=c.actor, text=c.text, order=c.order)
        for o in old_objectives
        for c in sorted(o.commitments.all(), key=lambda c: (c.order, c.pk))
    ]
    bulk_create_with_history(commitments, Commitment, default_user=by, default_change_reason=reason)
    grants = [
        Grant(
            plan=plan,
            recipient=g.recipient,
            purpose=g.purpose,
            amount=g.amount,
            conditions=g.conditions,
            objective=objective_for.get(g.objective_id) if g.objective_id else None,
            district_id=g.district_id,
        )
        for g in source.grants.order_by("recipient", "pk")
    ]
    bulk_create_with_history(grants, Grant, default_user=by, default_change_reason=reason)
    budget = [
        BudgetLine(
            plan=plan,
            year=b.year,
            kind=b.kind,
            label=b.label,
            amount=b.amount,
            district_id=b.district_id,
            order=b.order,
        )
        for b in source.budget_lines.order_by("year", "order", "pk")
        if b.year <= plan_financial_years(plan)[1]
    ]
    bulk_create_with_history(budget, BudgetLine, default_user=by, default_change_reason=reason)
    _add_template_milestones(plan, by)
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    by: User | None,
    title: str,
    starts_on: date,
    ends_on: date,
    stage: str,
    pcc_name: str,
    pcc_elected_on: date | None,
    vision: str,
    population: int | None,
    police_officers: int | None,
    police_staff: int | None,
    area_km2: int | None,
    annual_budget: Decimal | None,
    expected_revision: int | None = None,
) -> Plan:
    locked = lock_revision(Plan.objects.all(), pk=plan.pk, expected_revision=expected_revision)
    # Only publication (publishing.services.plan_publish, behind the statutory gate) makes
    # a plan "Published", and a published plan stays so: its public pages hang on it.
    if stage != locked.stage and Plan.Stage.PUBLISHED in (stage, locked.stage):
        if locked.stage == Plan.Stage.PUBLISHED:
            message = "A published plan stays published. To change it, cut a new version and publish that."
        else:
            message = "A plan is published by the Publisher from its documents page, once it meets the statute."
        raise ValidationError({"stage": message})
    locked.title = title.strip()
    locked.starts_on = starts_on
    locked.ends_on = ends_on
    locked.stage = stage
    locked.pcc_name = pcc_name.strip()
    locked.pcc_elected_on = pcc_elected_on
    locked.vision = vision.strip()
    locked.population = population
    locked.police_officers = police_officers
    locked.police_staff = police_staff
    locked.area_km2 = area_km2
    locked.annual_budget = annual_budget
    save_attributed(locked, by)
    return locked


@transaction.atomic
def plan_reset_calendar_token(*, plan: Plan, by: User | None) -> Plan:
    """A new secret for the calendar feed: every calendar subscribed to the old link stops
    updating (use it when a link has been shared too widely)."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    Plan.objects.filter(pk=locked.pk).update(calendar_token=new_calendar_token())
    locked.refresh_from_db(fields=["calendar_token"])
    return locked


@transaction.atomic
def plan_mark_published(*, plan: Plan, by: User | None) -> Plan:
    """Move the plan to "Published". Called by publishing when a version is published,
    never from a form: that is the only way a plan becomes public."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.stage != Plan.Stage.PUBLISHED:
        locked.stage = Plan.Stage.PUBLISHED
        save_attributed(locked, by, "Published")
    return locked
