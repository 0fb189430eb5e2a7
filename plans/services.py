"""The writes that matter for plans. Views and tasks call these; nothing else writes."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from .models import STATUTORY_STEP_CITATIONS, Milestone, Plan, StatutoryStep, Version
from .snapshot import content_from_plan


class NothingChangedError(Exception):
    """Cutting a version when the working draft is the same as the latest version."""


@transaction.atomic
def version_cut(*, plan: Plan, by: AbstractBaseUser, note: str = "") -> Version:
    """Snapshot the working draft as the next version (V1, V2, ...).

    Locks the plan row so two people cutting at once get V2 and V3, not two V2s.
    Refuses when nothing changed since the latest version.
    """
    locked = Plan.objects.select_for_update().select_related("area").get(pk=plan.pk)
    content = content_from_plan(locked)
    latest = locked.versions.order_by("-number").first()
    if latest is not None and latest.content_hash == content.content_hash:
        raise NothingChangedError(f"Nothing has changed since {latest.label}, so there is nothing to cut.")
    version = Version(
        plan=locked,
        number=(latest.number + 1) if latest else 1,
        content=content.to_json(),
        content_hash=content.content_hash,
        note=note,
        cut_at=timezone.now(),
        cut_by=by,
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def milestone_record_step(
    *,
    plan: Plan,
    step: StatutoryStep,
    on: date,
    by: AbstractBaseUser | None,
    evidence_url: str = "",
    note: str = "",
    title: str = "",
) -> Milestone:
    """Record that a statutory step was taken: the earliest open milestone for the step is
    marked done (a plan without one gets a new milestone), with date, person and evidence."""
    milestone = (
        Milestone.objects.select_for_update()
        .filter(plan=plan, statutory_step=step)
        .exclude(status__in=[Milestone.Status.DONE, Milestone.Status.CANCELLED])
        .order_by("starts_on", "pk")
        .first()
    )
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
    milestone.full_clean()
    milestone.save()
    return milestone
