import re
from typing import Any

from django.urls import reverse


def test_signing_in_takes_a_person_home_and_shows_who_they_are(client: Any, role_users: dict[str, Any]) -> None:
    response = client.post(reverse("login"), {"username": "force1", "password": "pcplan-test-password"}, follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Signed in as" in body
    assert "Force1" in body
    assert "Force liaison" in body


def test_staff_give_the_code_from_their_authenticator_app_after_their_password(
    client: Any, role_users: dict[str, Any]
) -> None:
    from accounts.tests.helpers import code_for, give_authenticator

    device = give_authenticator(role_users["staff"])
    response = client.post(reverse("login"), {"username": "staff1", "password": "pcplan-test-password"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('accounts:second_factor')}?next=%2F"
    assert "Enter the code from your authenticator app" in response.content.decode()
    response = client.post(response.redirect_chain[-1][0], {"code": code_for(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Signed in as" in response.content.decode() and "OPCC staff" in response.content.decode()


def test_a_wrong_password_shows_the_error_on_the_page(client: Any, role_users: dict[str, Any]) -> None:
    response = client.post(reverse("login"), {"username": "staff1", "password": "wrong"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter a correct user name and password" in body
    assert "<title>Error: Sign in" in body


def _sign_in(client: Any, username: str, password: str, address: str = "192.0.2.10") -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_repeated_failures_pause_that_user_name_from_that_address_and_say_until_when(
    client: Any, role_users: dict[str, Any]
) -> None:
    for _ in range(5):
        _sign_in(client, "staff1", "wrong")
    response = _sign_in(client, "staff1", "pcplan-test-password")
    body = response.content.decode()
    assert response.status_code == 429
    assert "Signing in is paused" in body
    # The real wait: the first pause is two minutes from the last failure.
    assert re.search(r"Try again after \d{1,2}:\d\d[ap]m on \d{1,2} \w+ \d{4} \(in 2 minutes\)", body), body
    # Still paused: the right password does not get in while it lasts.
    assert "_auth_user_id" not in client.session


def test_failures_for_one_user_do_not_stop_another_signing_in_from_the_same_address(
    client: Any, role_users: dict[str, Any], settings: Any
) -> None:
    """An Office's whole staff share one network address: two failures for user A from it
    (the limit, here) pause A there, and nobody else."""
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        _sign_in(client, "staff1", "wrong", address="198.51.100.7")
    assert _sign_in(client, "staff1", "pcplan-test-password", address="198.51.100.7").status_code == 429
    response = _sign_in(client, "publisher1", "pcplan-test-password", address="198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(role_users["publisher"].pk)


def test_failures_from_one_address_do_not_lock_the_account_everywhere(client: Any, role_users: dict[str, Any]) -> None:
    """Anyone could otherwise lock the Publisher out by typing wrong passwords."""
    for _ in range(5):
        _sign_in(client, "publisher1", "wrong", address="203.0.113.66")
    assert _sign_in(client, "publisher1", "pcplan-test-password", address="203.0.113.66").status_code == 429
    response = _sign_in(client, "publisher1", "pcplan-test-password", address="192.0.2.44")
    assert response.status_code == 302


def test_the_pause_grows_with_the_user_names_failures_from_every_address(
    client: Any, role_users: dict[str, Any]
) -> None:
    for _ in range(5):
        _sign_in(client, "staff1", "wrong", address="203.0.113.1")
    for _ in range(5):
        _sign_in(client, "staff1", "wrong", address="203.0.113.2")
    body = _sign_in(client, "staff1", "wrong", address="203.0.113.2").content.decode()
    assert "(in 4 minutes)" in body
    for address in ("203.0.113.3", "203.0.113.4"):
        for _ in range(5):
            _sign_in(client, "staff1", "wrong", address=address)
    body = _sign_in(client, "staff1", "wrong", address="203.0.113.4").content.decode()
    assert "(in 16 minutes)" in body


def test_signing_out_needs_a_post_and_ends_the_session(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["staff"])
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("plans:plan_list")).status_code == 302


def test_navigation_shows_each_role_what_it_can_do(client: Any, role_users: dict[str, Any]) -> None:
    plans_link = f'href="{reverse("plans:plan_list")}"'
    assert plans_link not in client.get(reverse("home")).content.decode()
    client.force_login(role_users["staff"])
    assert plans_link in client.get(reverse("home")).content.decode()
    client.force_login(role_users["norole"])
    body = client.get(reverse("home")).content.decode()
    assert plans_link not in body
    assert "Your account has no role in pcplan yet" in body


def test_a_user_name_too_long_for_any_account_is_refused_before_it_is_tried(client: Any, db: Any) -> None:
    """Django's sign-in form shows the user name's length limit but does not check it, and
    the failed attempt was recorded with the name in a column of 255 characters: on
    PostgreSQL, a server error."""
    from axes.models import AccessAttempt

    response = client.post(reverse("login"), {"username": "x" * 10_000, "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a user name of 150 characters or fewer" in response.content.decode()
    assert not AccessAttempt.objects.exists()
