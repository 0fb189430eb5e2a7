"""Every edit form refuses a stale save (docs/decisions/0049-stale-saves.md).

Each record people edit through a form carries a `revision`, a number that goes up by one
with every save. Its form carries the revision it was drawn from as a hidden field
(`pcplan.forms.add_revision_field`); its service locks the row and compares, in the
transaction of the save (`lock_revision`). Someone who saved in between moved the
revision on, so the later save is refused with `StaleSaveError`, which carries the record
as it now is; the page then shows what was saved meanwhile beside the person's own input
(`pcplan.form_views.refuse_stale_save`)."""

from typing import Any, TypeVar

from django.db import connection, models
from django.db.models import QuerySet

RecordT = TypeVar("RecordT", bound=models.Model)


class Revised(models.Model):
    """A record people edit through a form: the revision its forms are checked against."""

    revision = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one with every save; a form drawn from an older one is refused"
    )

    class Meta:
        abstract = True


class StaleSaveError(Exception):
    """Someone saved the record after this person's form was drawn. `current` is the
    record as it now is."""

    def __init__(self, current: Any) -> None:
        self.current = current
        super().__init__(
            f"{type(current).__name__} {current.pk} was saved by someone else (now revision {current.revision})."
        )


def lock_revision(queryset: QuerySet[RecordT], *, pk: Any, expected_revision: int | None) -> RecordT:
    """The record, locked for this transaction and moved on to its next revision (saved
    with it), or StaleSaveError if its revision is no longer `expected_revision`.

    Of two saves at the same moment, the row lock makes one wait for the other's commit;
    it then sees the new revision and is refused. `expected_revision=None` is a save that
    no form drew (a task, the demo): never refused, but it still moves the revision on, so
    a form open meanwhile is refused."""
    if not connection.in_atomic_block:
        raise RuntimeError("lock_revision needs the service's transaction (transaction.atomic).")
    locked = queryset.select_for_update(of=("self",)).get(pk=pk)
    check_revision(locked, expected_revision)
    return locked


def check_revision(locked: Any, expected_revision: int | None) -> None:
    """For a service that has locked the record itself (select_for_update): refuse a
    stale save, or move the record on to its next revision (saved with it)."""
    if expected_revision is not None and locked.revision != expected_revision:
        raise StaleSaveError(locked)
    locked.revision += 1
