"""Who may open each accounts page: the steps of signing in and a person's own account
are anyone's (with an account, or none for the links e-mailed to them); the Users and
set-up pages are the Publisher's."""

from types import SimpleNamespace
from typing import Any

from accounts import links
from accounts.services import setup_link_create, user_invite
from pcplan.roles import Role
from pcplan.tests.walk import ANY_ACCOUNT, EVERYONE, PUBLISHER_ONLY, FormCase, Route


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

# Every POST form of the account pages, for the form walk (pcplan/tests/test_form_walk.py).
SIGNING_IN = "a step of signing in or of a person's own password or second factor"
FORMS = [
    FormCase("accounts:user_invite", "create", role="publisher", data=lambda w: {"role": Role.STAFF.value}),
    FormCase("accounts:setup_panel_member", "create", role="publisher"),
    FormCase(
        "accounts:setup_districts", "create", role="publisher", data=lambda w: {"names": "Frome Town\nWells City"}
    ),
    FormCase("accounts:setup_area", "other", role="publisher", reason="shown only before the area exists"),
    FormCase(
        "accounts:user_role", "edit", role="publisher", change="role", values=(Role.FORCE.value, Role.PANEL.value)
    ),
    FormCase("accounts:user_deactivate", "other", role="publisher", reason="deactivated once; again changes nothing"),
    FormCase("accounts:user_reactivate", "other", role="publisher", reason="reactivated once; again changes nothing"),
    FormCase("accounts:user_invitation_resend", "other", role="publisher", reason="sends the invitation again"),
    FormCase("accounts:user_second_factor_reset", "other", role="publisher", reason="resets once"),
    FormCase("accounts:setup_panel", "other", role="publisher", reason="a step of setting up, leading on"),
    FormCase("accounts:setup_start", "other", role="anonymous", reason="a one-time setup link, used once"),
    FormCase("accounts:invitation", "other", role="anonymous", reason="a one-time invitation, used once"),
    FormCase("accounts:second_factor", "other", reason=SIGNING_IN),
    FormCase("accounts:authenticator_setup", "other", reason=SIGNING_IN),
    FormCase("accounts:recovery_codes", "other", reason=SIGNING_IN),
    FormCase("accounts:second_factor_remove", "other", reason=SIGNING_IN),
    FormCase("accounts:password_change", "other", reason=SIGNING_IN),
    FormCase("accounts:password_reset", "other", role="anonymous", reason=SIGNING_IN),
    FormCase("accounts:password_reset_confirm", "other", role="anonymous", reason=SIGNING_IN),
]
