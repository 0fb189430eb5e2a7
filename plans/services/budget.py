"""The budget the plan sets out, line by line (statutory element 3, the resources)."""

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from pcplan.revisions import lock_revision

from ..models import BudgetLine, District, Plan
from ._history import delete_attributed, save_attributed


@transaction.atomic
def budget_line_create(
    *,
    plan: Plan,
    by: User | None,
    year: int,
    kind: str,
    label: str,
    amount: Decimal,
    district: District | None = None,
) -> BudgetLine:
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    last = plan.budget_lines.filter(year=year).aggregate(last=Max("order"))["last"]
    line = BudgetLine(
        plan=plan,
        year=year,
        kind=kind,
        label=label.strip(),
        amount=amount,
        district=district,
        order=0 if last is None else last + 1,
    )
    save_attributed(line, by)
    return line


@transaction.atomic
def budget_line_update(
    *,
    line: BudgetLine,
    by: User | None,
    year: int,
    kind: str,
    label: str,
    amount: Decimal,
    district: District | None = None,
    expected_revision: int | None = None,
) -> BudgetLine:
    locked = lock_revision(BudgetLine.objects.select_related("plan"), pk=line.pk, expected_revision=expected_revision)
    locked.year = year
    locked.kind = kind
    locked.label = label.strip()
    locked.amount = amount
    locked.district = district
    save_attributed(locked, by)
    return locked


@transaction.atomic
def budget_line_delete(*, line: BudgetLine, by: User | None) -> None:
    locked = BudgetLine.objects.select_for_update().get(pk=line.pk)
    delete_attributed(locked, by, "Removed from the plan")
