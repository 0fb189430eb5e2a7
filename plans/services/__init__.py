"""The writes that matter for plans. Views, tasks and other apps call these; nothing else
writes plan content. Each service takes keyword arguments, validates with full_clean(),
runs in a transaction and records the acting person in the history."""

from .areas import (
    area_create,
    area_membership_set,
    area_update,
    district_create,
    district_picture_set,
    district_remove,
    district_update,
    districts_create,
)
from .budget import budget_line_create, budget_line_delete, budget_line_update
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
    objective_easy_read_set,
    objective_update,
)
from .plans import (
    plan_create_from_template,
    plan_create_successor,
    plan_mark_published,
    plan_reset_calendar_token,
    plan_update,
)
from .reminders import milestone_reminder_send, milestone_reminders_queue, milestones_due
from .sections import (
    SectionConflictError,
    section_create,
    section_delete,
    section_image_add,
    section_restore,
    section_update,
)
from .versions import NothingChangedError, version_cut
from .word_imports import PartMapping, word_import_apply, word_import_prepare, word_import_targets

__all__ = [
    "area_create",
    "area_membership_set",
    "area_update",
    "district_create",
    "district_picture_set",
    "district_remove",
    "district_update",
    "districts_create",
    "NothingChangedError",
    "budget_line_create",
    "budget_line_delete",
    "budget_line_update",
    "PartMapping",
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
    "milestone_reminder_send",
    "milestone_reminders_queue",
    "milestone_update",
    "milestones_due",
    "objective_create",
    "objective_delete",
    "objective_easy_read_set",
    "objective_update",
    "plan_create_from_template",
    "plan_create_successor",
    "plan_mark_published",
    "plan_reset_calendar_token",
    "plan_update",
    "section_create",
    "section_delete",
    "section_image_add",
    "section_restore",
    "section_update",
    "version_cut",
    "word_import_apply",
    "word_import_prepare",
    "word_import_targets",
]
