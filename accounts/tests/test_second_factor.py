"""Two-factor sign-in: required for OPCC staff and the Publisher, optional for the Panel
and the Force liaison; codes once each, recovery codes, and wrong codes locked out."""

from typing import Any

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.tests.helpers import code_for, give_authenticator
from publishing.models import Publication
from publishing.tests.factories import statute_met

pytestmark = pytest.mark.django_db

PASSWORD = "pcplan-test-password"  # conftest's users


def _sign_in(client: Any, username: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def _publish_url(version: Any) -> str:
    return reverse("publishing:publish", kwargs={"plan_id": version.plan_id, "number": version.number})


def test_a_publisher_without_a_second_factor_cannot_publish(client: Any, area: Any, role_users: dict[str, Any]) -> None:
    version = statute_met(area=area, users=role_users)
    _sign_in(client, "publisher1")
    # The password alone: every page, the publish button's included, asks for the app first.
    response = client.post(_publish_url(version))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor"))
    assert (
        client.get(response["Location"], follow=True)
        .redirect_chain[-1][0]
        .startswith(reverse("accounts:authenticator_setup"))
    )
    assert not Publication.objects.exists()
    # With an authenticator set up but no code given this session: still refused.
    device = give_authenticator(role_users["publisher"])
    assert client.post(_publish_url(version))["Location"].startswith(reverse("accounts:second_factor"))
    assert not Publication.objects.exists()
    # With the code, the same button publishes.
    client.post(reverse("accounts:second_factor"), {"code": code_for(device)})
    response = client.post(_publish_url(version))
    assert response.status_code == 302
    assert Publication.objects.filter(version=version).exists()


def test_staff_sign_in_with_a_password_then_the_code_their_app_shows(client: Any, role_users: dict[str, Any]) -> None:
    device = give_authenticator(role_users["staff"])
    response = _sign_in(client, "staff1")
    assert response["Location"] == reverse("home")
    response = client.get(reverse("plans:plan_list"))
    assert response["Location"] == f"{reverse('accounts:second_factor')}?next=%2Fplans%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Enter the code from your authenticator app" in page
    wrong = client.post(response["Location"], {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "The code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp's growing wait after a wrong code: not today's subject
    device.save()
    right = client.post(response["Location"], {"code": code_for(device)})
    assert right["Location"] == "/plans/"
    assert client.get("/plans/").status_code == 200
    # A code is accepted once: signing in again within the same 30 seconds needs the next one.
    client.logout()
    _sign_in(client, "staff1")
    again = client.post(reverse("accounts:second_factor"), {"code": code_for(device)})
    assert again.status_code == 200 and "The code is not right" in again.content.decode()


def test_panel_members_and_the_force_liaison_choose_whether_to_use_a_second_factor(
    client: Any, role_users: dict[str, Any]
) -> None:
    _sign_in(client, "force1")
    assert client.get(reverse("plans:plan_list")).status_code == 200
    client.logout()
    device = give_authenticator(role_users["panel"])
    _sign_in(client, "panel1")
    assert client.get(reverse("accounts:account"))["Location"].startswith(reverse("accounts:second_factor"))
    client.post(reverse("accounts:second_factor"), {"code": code_for(device)})
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Stop using an authenticator app" in page
    client.post(reverse("accounts:second_factor_remove"))
    assert not TOTPDevice.objects.filter(user=role_users["panel"]).exists()
    # Staff cannot turn theirs off.
    client.force_login(role_users["staff"])
    client.post(reverse("accounts:second_factor_remove"))
    assert TOTPDevice.objects.filter(user=role_users["staff"], confirmed=True).exists()


def test_setting_up_the_app_gives_recovery_codes_that_each_work_once(client: Any, role_users: dict[str, Any]) -> None:
    _sign_in(client, "staff1")
    page = client.get(reverse("accounts:authenticator_setup")).content.decode()
    assert "Set up an authenticator app" in page and 'alt="QR code' in page
    device = TOTPDevice.objects.get(user=role_users["staff"], confirmed=False)
    assert "".join(device.config_url.split("secret=")[1].split("&")[0]) in page.replace(" ", "")
    response = client.post(reverse("accounts:authenticator_setup"), {"code": code_for(device)})
    assert response["Location"].startswith(reverse("accounts:recovery_codes"))
    page = client.get(response["Location"]).content.decode()
    codes = [t.token for t in StaticToken.objects.filter(device__user=role_users["staff"])]
    assert len(codes) == 10 and all(code in page for code in codes)
    # Shown once.
    assert codes[0] not in client.get(reverse("accounts:recovery_codes")).content.decode()

    client.logout()
    _sign_in(client, "staff1")
    response = client.post(reverse("accounts:second_factor"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get(reverse("plans:plan_list")).status_code == 200
    client.logout()
    _sign_in(client, "staff1")
    used = client.post(reverse("accounts:second_factor"), {"code": codes[0]})
    assert "That recovery code is not right, or has been used" in used.content.decode()


def test_a_password_alone_cannot_replace_the_authenticator_app(client: Any, role_users: dict[str, Any]) -> None:
    device = give_authenticator(role_users["staff"])
    _sign_in(client, "staff1")
    response = client.get(reverse("accounts:authenticator_setup"))
    assert response["Location"].startswith(reverse("accounts:second_factor"))
    client.post(reverse("accounts:authenticator_setup"), {"code": "123456"})
    assert list(TOTPDevice.objects.filter(user=role_users["staff"])) == [device]


def test_wrong_codes_lock_the_account_as_wrong_passwords_do(client: Any, role_users: dict[str, Any]) -> None:
    device = give_authenticator(role_users["staff"])
    right = code_for(device)
    wrong = [code for code in ("000000", "111111", "222222", "333333", "444444", "555555") if code != right]
    _sign_in(client, "staff1")
    response = None
    for code in wrong[:5]:
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
        response = client.post(reverse("accounts:second_factor"), {"code": code})
    assert response is not None and response.status_code == 429
    page = response.content.decode()
    assert "Signing in is paused" in page
    assert "wrong passwords or security codes in a row" in page
    # Signed out, and the right password no longer gets in while the lock lasts.
    assert "_auth_user_id" not in client.session
    assert _sign_in(client, "staff1").status_code == 429


def test_a_publisher_resets_a_lost_phone_and_the_person_sets_up_the_app_again(
    client: Any, role_users: dict[str, Any]
) -> None:
    staff = role_users["staff"]
    give_authenticator(staff)
    client.force_login(role_users["publisher"])
    client.post(reverse("accounts:user_second_factor_reset", kwargs={"user_id": staff.pk}))
    assert not services.has_authenticator(staff)
    page = client.get(reverse("accounts:user_detail", kwargs={"user_id": staff.pk})).content.decode()
    assert "Authenticator app reset" in page
