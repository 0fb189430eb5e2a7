"""Milestones of a plan's timeline, and the statutory steps they record."""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pcplan.revisions import lock_revision

from ..models import STATUTORY_STEP_CITATIONS, AreaMembership, Milestone, Plan, StatutoryStep
from ._history import save_attributed


def _check_owner(plan: Plan, owner: User | None) -> None:
    """An owner is a person of the plan's own police area, with an account in use."""
    if owner is None:
        return
    if not owner.is_active or not AreaMembership.objects.filter(user=owner, area_id=plan.area_id).exists():
        raise ValidationError({"owner": "Choose a person who works for this police area."})


@transaction.atomic
def milestone_record_step(
    *,
    plan: Plan,
    step: StatutoryStep,
    on: date,
    by: User | None,
    evidence_url: str = "",
    note: str = "",
    title: str = "",
) -> Milestone:
    """Record that a statutory step was taken: the open milestone for the step whose dates
    are nearest the day it was taken is marked done (a plan without one gets a new
    milestone), with date, person and evidence.

    Nearest, not earliest: a plan's timeline holds the same step more than once (the Chief
    Constable is consulted on the priorities in May and on the final draft in September),
    and comments given in September must close September's milestone.
    """
    candidates = list(
        Milestone.objects.select_for_update()
        .filter(plan=plan, statutory_step=step)
        .exclude(status__in=[Milestone.Status.DONE, Milestone.Status.CANCELLED])
        .order_by("starts_on", "pk")
    )
    milestone = min(candidates, key=lambda m: _days_outside(m, on), default=None)
    if milestone is None:
        milestone = Milestone(
            plan=plan,
            title=title or step.label,
            starts_on=on,
            ends_on=on,
            phase=Milestone.Phase.FINAL,
            statutory_step=step,
            citation=STATUTORY_STEP_CITATIONS[step],
        )
    milestone.status = Milestone.Status.DONE
    milestone.completed_on = on
    milestone.completed_by = by
    milestone.evidence_url = evidence_url
    if note:
        milestone.notes = f"{milestone.notes}\n{note}".strip()
    save_attributed(milestone, by)
    return milestone


def _days_outside(milestone: Milestone, on: date) -> int:
    """How many days `on` falls outside the milestone's window (0 inside it)."""
    if on < milestone.starts_on:
        return (milestone.starts_on - on).days
    if on > milestone.ends_on:
        return (on - milestone.ends_on).days
    return 0


def _apply_status(milestone: Milestone, status: str, by: User | None, completed_on: date | None = None) -> None:
    """Done carries a date and a person; moving away from done clears them."""
    if status == Milestone.Status.DONE:
        if completed_on is not None:
            milestone.completed_on = completed_on
            milestone.completed_by = by
        elif milestone.status != Milestone.Status.DONE or milestone.completed_on is None:
            milestone.completed_on = timezone.localdate()
            milestone.completed_by = by
    else:
        milestone.completed_on = None
        milestone.completed_by = None
    milestone.status = status


@transaction.atomic
def milestone_create(
    *,
    plan: Plan,
    by: User | None,
    title: str,
    starts_on: date,
    ends_on: date,
    phase: int,
    owner: User | None = None,
    owner_note: str = "",
    status: str = Milestone.Status.NOT_STARTED,
    statutory_step: str = "",
    citation: str = "",
    notes: str = "",
) -> Milestone:
    _check_owner(plan, owner)
    if statutory_step and not citation:
        citation = STATUTORY_STEP_CITATIONS.get(statutory_step, "")
    milestone = Milestone(
        plan=plan,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        phase=phase,
        owner=owner,
        owner_note=owner_note.strip(),
        statutory_step=statutory_step,
        citation=citation.strip(),
        notes=notes.strip(),
    )
    _apply_status(milestone, status, by)
    save_attributed(milestone, by)
    return milestone


@transaction.atomic
def milestone_update(
    *,
    milestone: Milestone,
    by: User | None,
    title: str,
    starts_on: date,
    ends_on: date,
    phase: int,
    owner: User | None,
    owner_note: str,
    status: str,
    statutory_step: str,
    citation: str,
    notes: str,
    completed_on: date | None = None,
    expected_revision: int | None = None,
) -> Milestone:
    """Change a milestone. Marking it done records today (or `completed_on`) and who."""
    locked = lock_revision(
        Milestone.objects.select_related("plan"), pk=milestone.pk, expected_revision=expected_revision
    )
    if owner is not None and owner.pk != locked.owner_id:
        _check_owner(locked.plan, owner)
    if statutory_step and not citation:
        citation = STATUTORY_STEP_CITATIONS.get(statutory_step, "")
    locked.title = title.strip()
    locked.starts_on = starts_on
    locked.ends_on = ends_on
    locked.phase = phase
    locked.owner = owner
    locked.owner_note = owner_note.strip()
    locked.statutory_step = statutory_step
    locked.citation = citation.strip()
    locked.notes = notes.strip()
    _apply_status(locked, status, by, completed_on)
    save_attributed(locked, by)
    return locked
