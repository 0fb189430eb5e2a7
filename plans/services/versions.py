"""Cutting a version: the immutable snapshot staff circulate as V1, V2, ..."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ..models import Plan, StatutoryStep, Version
from ..snapshot import content_from_plan
from .milestones import milestone_record_step


class NothingChangedError(Exception):
    """Cutting a version when the working draft is the same as the latest version."""


@transaction.atomic
def version_cut(*, plan: Plan, by: User, note: str = "", cut_at: datetime | None = None) -> Version:
    """Snapshot the working draft as the next version (V1, V2, ...).

    Locks the plan row so two people cutting at once get V2 and V3, not two V2s.
    Refuses when nothing changed since the latest version. `cut_at` is for replaying a
    past timeline (the demo's 2016 drafts); pages never pass it.

    Cutting V1 is the statutory step "prepare a draft" (s5(6)): it is recorded on the
    plan's milestones, with the version as its evidence.
    """
    locked = Plan.objects.select_for_update().select_related("area").get(pk=plan.pk)
    content = content_from_plan(locked)
    latest = locked.versions.order_by("-number").defer("content").first()
    if latest is not None and latest.content_hash == content.content_hash:
        raise NothingChangedError(f"Nothing has changed since {latest.label}, so there is nothing to cut.")
    version = Version(
        plan=locked,
        number=(latest.number + 1) if latest else 1,
        content=content.to_json(),
        content_hash=content.content_hash,
        note=note,
        cut_at=cut_at or timezone.now(),
        cut_by=by,
    )
    version.full_clean()
    version.save()
    if version.number == 1:
        milestone_record_step(
            plan=locked,
            step=StatutoryStep.PREPARE_DRAFT,
            on=timezone.localdate(version.cut_at),
            by=by,
            evidence_url=version.get_absolute_url(),
            note=f"Draft {version.label} cut{': ' + note if note else ''}.",
        )
    return version
