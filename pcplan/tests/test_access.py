"""Deny by default, and the pages a person sees when something is wrong."""

from typing import Any

import pytest
from django.urls import reverse

from pcplan.access import allow


@pytest.mark.urls("pcplan.tests.urls_for_tests")
def test_a_view_that_declares_no_roles_is_refused_to_everyone(client: Any, role_users: dict[str, Any]) -> None:
    assert client.get("/test/undeclared/").status_code == 403
    client.force_login(role_users["publisher"])
    response = client.get("/test/undeclared/")
    assert response.status_code == 403
    assert b"this view forgot" not in response.content


@pytest.mark.urls("pcplan.tests.urls_for_tests")
def test_a_server_error_shows_the_styled_page_without_a_traceback(client: Any, db: Any) -> None:
    client.raise_request_exception = False
    response = client.get("/test/broken/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert "a secret detail" not in body
    assert "Traceback" not in body


def test_an_unknown_url_gives_the_styled_404(client: Any, db: Any) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="govuk-header' in response.content.decode()


def test_a_role_refused_sees_the_styled_403(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["norole"])
    response = client.get(reverse("plans:plan_list"))
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_unknown_role_names_are_rejected_when_declared() -> None:
    with pytest.raises(ValueError, match="Unknown roles"):
        allow("OPCC staf")


def test_every_response_carries_a_content_security_policy_without_unsafe_inline(client: Any, db: Any) -> None:
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self' 'nonce-" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_forms_are_csrf_protected(db: Any, role_users: dict[str, Any]) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "staff1", "password": "pcplan-test-password"})
    assert response.status_code == 403
