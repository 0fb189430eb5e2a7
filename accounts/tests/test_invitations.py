"""Invitations and password resets: e-mailed links that work once and expire."""

import re
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import AccountChange, Invitation
from pcplan.roles import Role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Portishead-Valley-Road-2016"  # noqa: S105 - a test person's password


def _link_in(message: Any) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert found, message.body
    return found.group(1)


def _invite(client: Any, area: Any, role: Role = Role.STAFF) -> Any:
    return client.post(
        reverse("accounts:user_invite"),
        {
            "first_name": "Joanna",
            "last_name": "Pryce",
            "email": "joanna.pryce@avonandsomerset.example.org.uk",
            "role": role.value,
            "area": area.pk,
        },
    )


def test_a_publisher_invites_a_person_who_sets_a_password_from_the_e_mailed_link(
    client: Any, area: Any, role_users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(role_users["publisher"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, area)
    invitee = User.objects.get(email="joanna.pryce@avonandsomerset.example.org.uk")
    assert response["Location"] == reverse("accounts:user_detail", kwargs={"user_id": invitee.pk})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["joanna.pryce@avonandsomerset.example.org.uk"]
    assert "as OPCC staff" in message.body and "authenticator app" in message.body
    listing = client.get(reverse("accounts:user_list")).content.decode()
    assert "Joanna Pryce" in listing and "Invited" in listing
    change = AccountChange.objects.get(user=invitee)
    assert change.changed_by == role_users["publisher"] and change.after == f"OPCC staff, {area.name}"

    client.logout()
    link = _link_in(message)
    page = client.get(link).content.decode()
    assert "Set your password" in page and "joanna.pryce@avonandsomerset.example.org.uk" in page
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("home")
    # Signed in, and (OPCC staff) sent to set up the authenticator app before anything else.
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:second_factor"))
    invitee.refresh_from_db()
    assert invitee.check_password(NEW_PASSWORD)
    # The link works once.
    client.logout()
    used = client.get(link)
    assert used.status_code == 410
    assert "This invitation has already been used" in used.content.decode()


def test_an_expired_invitation_link_is_refused(client: Any, area: Any, role_users: dict[str, Any]) -> None:
    sent = timezone.now() - timedelta(days=8)
    invitation = services.user_invite(
        by=role_users["publisher"],
        email="guy.pearson@avonandsomerset.example.org.uk",
        first_name="Guy",
        last_name="Pearson",
        role=Role.FORCE,
        area=area,
        now=sent,
    )
    from accounts import links

    link = reverse("accounts:invitation", kwargs={"token": links.token_for("invitation", invitation.pk)})
    page = client.get(link)
    assert page.status_code == 410
    assert "This invitation has expired" in page.content.decode()
    refused = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert refused.status_code == 410
    invitation.user.refresh_from_db()
    assert not invitation.user.has_usable_password()
    # The Publisher sees it has expired, and sends a new one; the old link stays refused.
    client.force_login(role_users["publisher"])
    assert "Invitation expired" in client.get(reverse("accounts:user_list")).content.decode()
    client.post(reverse("accounts:user_invitation_resend", kwargs={"user_id": invitation.user.pk}))
    assert Invitation.objects.filter(user=invitation.user).count() == 2
    client.logout()
    assert "has been replaced or withdrawn" in client.get(link).content.decode()


def test_a_link_that_was_never_issued_is_refused(client: Any, db: Any) -> None:
    response = client.get(reverse("accounts:invitation", kwargs={"token": "MQ:forged"}))
    assert response.status_code == 410
    assert "This invitation link is not right" in response.content.decode()


def test_a_forgotten_password_is_reset_from_the_e_mailed_link(client: Any, role_users: dict[str, Any]) -> None:
    page = client.get(reverse("login")).content.decode()
    assert reverse("accounts:password_reset") in page
    response = client.post(reverse("accounts:password_reset"), {"email": "force1@pcplan.example.org.uk"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    link = _link_in(mail.outbox[0])
    landing = client.get(link, follow=True)
    assert "Choose a new password" in landing.content.decode()
    done = client.post(landing.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == reverse("accounts:password_reset_complete")
    role_users["force"].refresh_from_db()
    assert role_users["force"].check_password(NEW_PASSWORD)
    # The link works once.
    assert "This link does not work" in client.get(link, follow=True).content.decode()


def test_a_password_reset_ends_the_pause_that_wrong_passwords_put_on_sign_in(
    client: Any, role_users: dict[str, Any]
) -> None:
    def sign_in(password: str) -> Any:
        return client.post(reverse("login"), {"username": "force1", "password": password}, REMOTE_ADDR="192.0.2.10")

    for _ in range(5):
        sign_in("what-was-it-again")
    assert sign_in("pcplan-test-password").status_code == 429  # paused
    client.post(reverse("accounts:password_reset"), {"email": "force1@pcplan.example.org.uk"})
    landing = client.get(_link_in(mail.outbox[-1]), follow=True)
    client.post(landing.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = sign_in(NEW_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(role_users["force"].pk)


def test_an_expired_password_reset_link_is_refused(client: Any, role_users: dict[str, Any], settings: Any) -> None:
    settings.PASSWORD_RESET_TIMEOUT = 60 * 60
    two_hours_ago = timezone.now().replace(tzinfo=None) - timedelta(hours=2)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=two_hours_ago):
        client.post(reverse("accounts:password_reset"), {"email": "force1@pcplan.example.org.uk"})
    link = _link_in(mail.outbox[0])
    page = client.get(link, follow=True).content.decode()
    assert "This link does not work" in page and "has expired or has already been used" in page
    assert "new_password1" not in page
    role_users["force"].refresh_from_db()
    assert role_users["force"].check_password("pcplan-test-password")


def test_an_invited_person_cannot_use_a_password_reset_instead(
    client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    services.user_invite(
        by=role_users["publisher"],
        email="guy.pearson@avonandsomerset.example.org.uk",
        first_name="Guy",
        last_name="Pearson",
        role=Role.STAFF,
        area=area,
    )
    mail.outbox.clear()
    client.post(reverse("accounts:password_reset"), {"email": "guy.pearson@avonandsomerset.example.org.uk"})
    assert mail.outbox == []
