"""The roles of pcplan and what each may do (DESIGN.md, "Who uses it").

A role is a Django group. Views declare the roles they admit with `pcplan.access`;
the group permissions below serve the admin site and give each role's model rights.
"""

from collections.abc import Iterable
from enum import StrEnum

from .types import AnyUser


class Role(StrEnum):
    """The value is the group name, as OPCC staff see it in the admin."""

    STAFF = "OPCC staff"
    PUBLISHER = "Publisher"
    PANEL = "Panel member"
    FORCE = "Force liaison"


# Anyone, with or without an account.
PUBLIC = "public"
# Anyone signed in, whatever their role, even none yet: their own account's pages.
ANY_ACCOUNT = "any account"

# The roles that write the plan: a Publisher can do everything an editor can.
EDITORS = frozenset({Role.STAFF, Role.PUBLISHER})
# Every role with an account; for pages any signed-in user of pcplan may see.
SIGNED_IN = frozenset(Role)
# Those who read respondents' personal data and publish statutory documents sign in with a
# second factor (a code from an authenticator app); the others may choose to.
SECOND_FACTOR_REQUIRED = EDITORS

ROLE_DESCRIPTIONS = {
    Role.STAFF: "Officers in the Office of the PCC: write the plan, cut versions, run "
    "consultations, record the PCC's response to the Panel, request renders.",
    Role.PUBLISHER: "An OPCC administrator: everything OPCC staff can do, and publish a final "
    "version and its documents.",
    Role.PANEL: "Members of the Police and Crime Panel: read drafts issued to the Panel and "
    "make recommendations while a review is open.",
    Role.FORCE: "The Chief Constable's office: read drafts and record the Chief Constable's formal comments.",
}

# Model permissions per role, as "app_label.action_model" or "app_label.*" for every model
# of the app with the listed actions. Kept in step with the groups by a post_migrate hook.
ROLE_PERMISSIONS: dict[Role, dict[str, tuple[str, ...]]] = {
    Role.STAFF: {
        "plans.*": ("view", "add", "change"),
        "consultation.*": ("view", "add", "change"),
        "panel.*": ("view", "add", "change"),
        "performance.*": ("view", "add", "change"),
        "publishing.*": ("view", "add"),
    },
    Role.PUBLISHER: {
        "plans.*": ("view", "add", "change", "delete"),
        "consultation.*": ("view", "add", "change", "delete"),
        "panel.*": ("view", "add", "change", "delete"),
        "performance.*": ("view", "add", "change", "delete"),
        "publishing.*": ("view", "add", "change"),
    },
    Role.PANEL: {
        "plans.*": ("view",),
        "panel.*": ("view",),
    },
    Role.FORCE: {
        "plans.*": ("view",),
        "panel.*": ("view",),
    },
}


def roles_of(user: AnyUser) -> frozenset[Role]:
    """The roles a user holds, read once per request and cached on the user."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached: frozenset[Role] | None = getattr(user, "_pcplan_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._pcplan_roles = cached  # type: ignore[attr-defined]  # a per-request cache the model does not declare
    return cached


def has_role(user: AnyUser, roles: Iterable[Role]) -> bool:
    return bool(roles_of(user) & frozenset(roles))


def is_editor(user: AnyUser) -> bool:
    return has_role(user, EDITORS)


def second_factor_required(user: AnyUser) -> bool:
    """Whether this person must give a second factor: an editor, or anyone who can reach
    the admin site."""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.is_staff or has_role(user, SECOND_FACTOR_REQUIRED))
