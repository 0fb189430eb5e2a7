"""Objectives (priorities) with their commitments by actor, and the grants that serve them."""

from decimal import Decimal
from typing import Literal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from pcplan.revisions import lock_revision

from ..images import ImageRefusedError, store_upload
from ..models import Commitment, District, Grant, Objective, Plan
from ._history import delete_attributed, save_attributed


def _check_district(plan: Plan, district: District | None) -> None:
    if district is not None and district.area_id != plan.area_id:
        raise ValidationError({"district": "Choose a District of this plan's police area."})


@transaction.atomic
def objective_create(
    *,
    plan: Plan,
    by: User | None,
    title: str,
    aim: str = "",
    theme: str = "",
    district: District | None = None,
) -> Objective:
    _check_district(plan, district)
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    last = plan.objectives.aggregate(last=Max("order"))["last"]
    objective = Objective(
        plan=plan,
        title=title.strip(),
        aim=aim.strip(),
        theme=theme.strip(),
        district=district,
        order=0 if last is None else last + 1,
    )
    save_attributed(objective, by)
    return objective


@transaction.atomic
def objective_update(
    *,
    objective: Objective,
    by: User | None,
    title: str,
    aim: str,
    theme: str,
    district: District | None,
    expected_revision: int | None = None,
) -> Objective:
    locked = lock_revision(
        Objective.objects.select_related("plan"), pk=objective.pk, expected_revision=expected_revision
    )
    _check_district(locked.plan, district)
    locked.title = title.strip()
    locked.aim = aim.strip()
    locked.theme = theme.strip()
    locked.district = district
    save_attributed(locked, by)
    return locked


def objective_easy_read_set(
    *,
    objective: Objective,
    by: User | None,
    text: str,
    alt: str,
    picture: bytes | None = None,
    expected_revision: int | None = None,
) -> Objective:
    """The Easy Read version of a priority: its plain-language text, and its picture
    (uploaded now, or the one it has) with the picture's alternative text. It is part of
    the objective, so it moves the objective's revision on: a form of either drawn before
    is refused."""
    errors = {}
    if not text.strip():
        errors["text"] = "Enter the Easy Read text: short sentences, one idea a sentence"
    if not alt.strip():
        errors["alt"] = "Enter what the picture shows"
    if picture is None and not objective.easy_read_picture:
        errors["picture"] = "Choose a picture for this priority"
    stored_src = ""
    if picture is not None and not errors:
        try:
            stored_src = store_upload(picture).src
        except ImageRefusedError as error:
            errors["picture"] = str(error)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = lock_revision(Objective.objects.all(), pk=objective.pk, expected_revision=expected_revision)
        locked.easy_read_text = "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())
        locked.easy_read_alt = " ".join(alt.split())
        if stored_src:
            locked.easy_read_picture = stored_src
        save_attributed(locked, by, "Easy Read version")
    return locked


@transaction.atomic
def objective_delete(*, objective: Objective, by: User | None) -> None:
    """Remove an objective and its commitments from the working draft; grants that served
    it stay, no longer linked to an objective."""
    locked = Objective.objects.select_for_update().get(pk=objective.pk)
    for commitment in locked.commitments.all():
        delete_attributed(commitment, by, f"Removed with the objective {locked.title}")
    for grant in locked.grants.all():
        grant.objective = None
        save_attributed(grant, by, f"The objective {locked.title} was removed")
    delete_attributed(locked, by, "Removed from the plan")


@transaction.atomic
def commitment_create(*, objective: Objective, by: User | None, actor: str, text: str) -> Commitment:
    Objective.objects.select_for_update().filter(pk=objective.pk).first()
    last = objective.commitments.aggregate(last=Max("order"))["last"]
    commitment = Commitment(objective=objective, actor=actor, text=text.strip(), order=0 if last is None else last + 1)
    save_attributed(commitment, by)
    return commitment


@transaction.atomic
def commitment_update(
    *, commitment: Commitment, by: User | None, actor: str, text: str, expected_revision: int | None = None
) -> Commitment:
    locked = lock_revision(Commitment.objects.all(), pk=commitment.pk, expected_revision=expected_revision)
    locked.actor = actor
    locked.text = text.strip()
    save_attributed(locked, by)
    return locked


@transaction.atomic
def commitment_move(*, commitment: Commitment, by: User | None, direction: Literal["up", "down"]) -> Commitment:
    """Swap a commitment with its neighbour among the objective's commitments. Orders are
    renumbered 0, 1, 2... first, so gaps and ties from earlier edits cannot stall a move."""
    siblings = list(
        Commitment.objects.select_for_update().filter(objective_id=commitment.objective_id).order_by("order", "pk")
    )
    index = next(i for i, c in enumerate(siblings) if c.pk == commitment.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(siblings):
        return siblings[index]
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for order, sibling in enumerate(siblings):
        if sibling.order != order:
            sibling.order = order
            save_attributed(sibling, by, "Reordered")
    return next(c for c in siblings if c.pk == commitment.pk)


@transaction.atomic
def commitment_delete(*, commitment: Commitment, by: User | None) -> None:
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    delete_attributed(locked, by, "Removed from the plan")


def _check_objective(plan: Plan, objective: Objective | None) -> None:
    if objective is not None and objective.plan_id != plan.pk:
        raise ValidationError({"objective": "Choose an objective of this plan."})


@transaction.atomic
def grant_create(
    *,
    plan: Plan,
    by: User | None,
    recipient: str,
    purpose: str,
    amount: Decimal,
    conditions: str = "",
    objective: Objective | None = None,
    district: District | None = None,
) -> Grant:
    _check_objective(plan, objective)
    _check_district(plan, district)
    grant = Grant(
        plan=plan,
        recipient=recipient.strip(),
        purpose=purpose.strip(),
        amount=amount,
        conditions=conditions.strip(),
        objective=objective,
        district=district,
    )
    save_attributed(grant, by)
    return grant


@transaction.atomic
def grant_update(
    *,
    grant: Grant,
    by: User | None,
    recipient: str,
    purpose: str,
    amount: Decimal,
    conditions: str,
    objective: Objective | None,
    district: District | None = None,
    expected_revision: int | None = None,
) -> Grant:
    locked = lock_revision(Grant.objects.select_related("plan"), pk=grant.pk, expected_revision=expected_revision)
    _check_objective(locked.plan, objective)
    _check_district(locked.plan, district)
    locked.district = district
    locked.recipient = recipient.strip()
    locked.purpose = purpose.strip()
    locked.amount = amount
    locked.conditions = conditions.strip()
    locked.objective = objective
    save_attributed(locked, by)
    return locked


@transaction.atomic
def grant_delete(*, grant: Grant, by: User | None) -> None:
    locked = Grant.objects.select_for_update().get(pk=grant.pk)
    delete_attributed(locked, by, "Removed from the plan")
