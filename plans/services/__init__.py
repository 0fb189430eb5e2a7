"""The writes that matter for plans. Views, tasks and other apps call these; nothing else
writes plan content. Each service takes keyword arguments, validates with full_clean(),
runs in a transaction and records the acting person in the history."""

from .areas import (
    area_create,
    area_membership_set,
    area_update,
    district_create,
    district_remove,
    district_update,
    districts_create,
)
from .milestones import milestone_create, milestone_record_step, milestone_update
from .objectives import (
    commitment_create,
    commitment_delete,
    commitment_move,
    commitment_update,
    grant_create,
    grant_delete,
    grant_update,
    objective_create,
    objective_delete,
    objective_update,
)
from .plans import (
    plan_create_from_template,
    plan_create_successor,
    plan_mark_published,
    plan_reset_calendar_token,
    plan_update,
)
from .sections import SectionConflictError, section_create, section_delete, section_restore, section_update
from .versions import NothingChangedError, version_cut

__all__ = [
    "area_create",
    "area_membership_set",
    "area_update",
    "district_create",
    "district_remove",
    "district_update",
    "districts_create",
    "NothingChangedError",
    "SectionConflictError",
    "commitment_create",
    "commitment_delete",
    "commitment_move",
    "commitment_update",
    "grant_create",
    "grant_delete",
    "grant_update",
    "milestone_create",
    "milestone_record_step",
    "milestone_update",
    "objective_create",
    "objective_delete",
    "objective_update",
    "plan_create_from_template",
    "plan_create_successor",
    "plan_mark_published",
    "plan_reset_calendar_token",
    "plan_update",
    "section_create",
    "section_delete",
    "section_restore",
    "section_update",
    "version_cut",
]
