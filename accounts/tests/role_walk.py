"""Who may open each accounts page: the steps of signing in and a person's own account
are anyone's (with an account, or none for the links e-mailed to them); the Users and
set-up pages are the Publisher's."""

from types import SimpleNamespace
from typing import Any

from accounts import links
from accounts.services import setup_link_create, user_invite
from pcplan.roles import Role
from pcplan.tests.walk import ANY_ACCOUNT, EVERYONE, PUBLISHER_ONLY, Route


def build(world: SimpleNamespace) -> None:
    """An invited colleague of world.area, and an unused set-up link."""
    invitation = user_invite(
        by=world.users["publisher"],
        email="joanna.pryce@avonandsomerset.example.org.uk",
        first_name="Joanna",
        last_name="Pryce",
        role=Role.STAFF,
        area=world.area,
    )
    world.accounts = SimpleNamespace(
        invitation=invitation,
        invitee=invitation.user,
        setup_link=setup_link_create(),
    )


def _person(w: SimpleNamespace) -> dict[str, Any]:
    return {"user_id": w.accounts.invitee.pk}


def _invitation(w: SimpleNamespace) -> dict[str, Any]:
    return {"token": links.token_for("invitation", w.accounts.invitation.pk)}


def _setup(w: SimpleNamespace) -> dict[str, Any]:
    return {"token": links.token_for("setup", w.accounts.setup_link.pk)}


ROUTES = [
    Route("accounts:second_factor", ANY_ACCOUNT),
    Route("accounts:authenticator_setup", ANY_ACCOUNT),
    Route("accounts:recovery_codes", ANY_ACCOUNT),
    Route("accounts:account", ANY_ACCOUNT),
    Route("accounts:second_factor_remove", ANY_ACCOUNT),
    Route("accounts:password_change", ANY_ACCOUNT),
    Route("accounts:password_reset", EVERYONE),
    Route("accounts:password_reset_done", EVERYONE),
    Route("accounts:password_reset_confirm", EVERYONE, kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}),
    Route("accounts:password_reset_complete", EVERYONE),
    Route("accounts:invitation", EVERYONE, kwargs=_invitation),
    Route("accounts:user_list", PUBLISHER_ONLY),
    Route("accounts:user_invite", PUBLISHER_ONLY),
    Route("accounts:user_detail", PUBLISHER_ONLY, kwargs=_person),
    Route("accounts:user_role", PUBLISHER_ONLY, kwargs=_person),
    Route("accounts:user_deactivate", PUBLISHER_ONLY, kwargs=_person),
    Route("accounts:user_reactivate", PUBLISHER_ONLY, kwargs=_person),
    Route("accounts:user_invitation_resend", PUBLISHER_ONLY, kwargs=_person),
    Route("accounts:user_second_factor_reset", PUBLISHER_ONLY, kwargs=_person),
    Route("accounts:setup", PUBLISHER_ONLY),
    Route("accounts:setup_area", PUBLISHER_ONLY),
    Route("accounts:setup_districts", PUBLISHER_ONLY),
    Route("accounts:setup_panel", PUBLISHER_ONLY),
    Route("accounts:setup_panel_member", PUBLISHER_ONLY),
    Route("accounts:setup_start", EVERYONE, kwargs=_setup),
]
