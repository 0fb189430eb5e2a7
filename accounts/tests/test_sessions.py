"""Sessions: they end with the browser, after the idle time-out, and all at once when the
account is deactivated."""

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts.models import SignedInSession
from accounts.sessions import LAST_SEEN_KEY
from accounts.tests.helpers import Client

pytestmark = pytest.mark.django_db


def test_a_session_left_idle_for_the_time_out_ends(client: Any, role_users: dict[str, Any], settings: Any) -> None:
    settings.PCPLAN_IDLE_TIMEOUT = 30 * 60
    client.force_login(role_users["staff"])
    assert client.get(reverse("plans:plan_list")).status_code == 200
    session = client.session
    # 29 minutes without a request: still signed in, and the clock starts again.
    session[LAST_SEEN_KEY] -= 29 * 60
    session.save()
    assert client.get(reverse("plans:plan_list")).status_code == 200
    # 30 minutes without one: signed out, told why, and sent to sign in again.
    session = client.session
    session[LAST_SEEN_KEY] -= 30 * 60
    session.save()
    response = client.get(reverse("plans:plan_list"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/plans/"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not used pcplan for 30 minutes" in page
    assert client.get(reverse("plans:plan_list")).status_code == 302
    assert not SignedInSession.objects.filter(user=role_users["staff"]).exists()


def test_sessions_end_when_the_browser_closes(client: Any, role_users: dict[str, Any]) -> None:
    response = client.post(reverse("login"), {"username": "panel1", "password": "pcplan-test-password"})
    cookie = response.cookies["sessionid"]
    assert cookie.value
    # No expiry date: the browser forgets the cookie when it closes.
    assert not cookie["expires"] and not cookie["max-age"]


def test_deactivating_a_user_ends_every_session_they_are_signed_in_with(
    client: Any, role_users: dict[str, Any]
) -> None:
    staff = role_users["staff"]
    laptop, phone = Client(), Client()
    laptop.force_login(staff)
    phone.force_login(staff)
    for browser in (laptop, phone):
        assert browser.get(reverse("plans:plan_list")).status_code == 200
    keys = list(SignedInSession.objects.filter(user=staff).values_list("session_key", flat=True))
    assert len(keys) == 2 and Session.objects.filter(session_key__in=keys).count() == 2

    client.force_login(role_users["publisher"])
    page = client.get(reverse("accounts:user_deactivate", kwargs={"user_id": staff.pk})).content.decode()
    assert "They are signed out at once, everywhere" in page
    response = client.post(reverse("accounts:user_deactivate", kwargs={"user_id": staff.pk}), follow=True)
    assert "Account deactivated. 2 signed-in sessions ended." in response.content.decode()
    assert not Session.objects.filter(session_key__in=keys).exists()
    for browser in (laptop, phone):
        assert browser.get(reverse("plans:plan_list"))["Location"].startswith(reverse("login"))
    # Nor can they sign in again.
    again = Client()
    refused = again.post(reverse("login"), {"username": "staff1", "password": "pcplan-test-password"})
    assert "Enter a correct user name and password" in refused.content.decode()
    assert "_auth_user_id" not in again.session
    staff.refresh_from_db()
    assert not staff.is_active
    assert (
        "Account deactivated"
        in client.get(reverse("accounts:user_detail", kwargs={"user_id": staff.pk})).content.decode()
    )


def test_signing_out_forgets_the_session(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["force"])
    assert SignedInSession.objects.filter(user=role_users["force"]).count() == 1
    client.post(reverse("logout"))
    assert not SignedInSession.objects.filter(user=role_users["force"]).exists()
