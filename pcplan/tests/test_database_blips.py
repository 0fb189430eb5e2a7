"""A dropped database connection, as a restart or a failover gives: a GET is run again
once and the person sees their page; a POST is answered with a page that says nothing
was saved and keeps what was typed; never a bare 500.

On PostgreSQL the connection is really terminated by the server (pg_terminate_backend,
from a second connection) in the middle of the request; on SQLite the query fails with
the same OperationalError."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from consultation.models import RespondentType, Response


@pytest.fixture
def client(client: Any) -> Any:
    # Django's test client raises an error a view raised even when the response was made
    # by something else; here the page the person gets is the point.
    client.raise_request_exception = False
    return client


def _terminate_this_connection() -> None:
    import psycopg2

    settings = connection.settings_dict
    pid = connection.connection.info.backend_pid
    killer = psycopg2.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
    )
    killer.autocommit = True
    with killer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    killer.close()


@contextmanager
def connection_dropped(*, times: int = 1, when: Callable[[str], bool] = lambda sql: True) -> Iterator[list[str]]:
    """The next `times` queries that match `when` lose their connection."""
    dropped: list[str] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if len(dropped) < times and when(sql):
            dropped.append(sql)
            if connection.vendor == "postgresql":
                _terminate_this_connection()
            else:
                raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield dropped


def test_a_get_that_loses_its_connection_is_run_again_once(
    transactional_db: Any, client: Any, role_users: dict[str, Any]
) -> None:
    client.force_login(role_users["staff"])
    with connection_dropped(times=1) as dropped:
        response = client.get(reverse("plans:plan_list"))
    assert dropped  # the connection really went
    assert response.status_code == 200
    assert "Signed in as" in response.content.decode()


def test_a_get_whose_database_stays_away_gets_a_page_saying_so_not_a_500(
    transactional_db: Any, client: Any, role_users: dict[str, Any]
) -> None:
    client.force_login(role_users["staff"])
    with connection_dropped(times=1_000) as dropped:  # every query, for the whole request
        response = client.get(reverse("plans:plan_list"))
    assert len(dropped) >= 2  # the first try and the second
    assert response.status_code == 503
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert "Try again in a few seconds" in body


def test_a_post_that_loses_its_connection_saves_nothing_and_keeps_what_was_typed(
    transactional_db: Any, client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    from consultation.tests.factories import ConsultationFactory, cut_version

    consultation = ConsultationFactory(version=cut_version(area=area, by=role_users["staff"]))
    url = reverse("consultation:respond", kwargs={"consultation_id": consultation.pk})
    typed = {
        "text": "The 101 line kept me waiting forty minutes.\nPlease answer it faster.",
        "respondent_type": RespondentType.PUBLIC,
        "email": "jo.bennett@example.com",
        "contact_consent": "on",
        # The form's one-time key: sent again with the rest, so the second try is the same form.
        "form_key": "0b0f1e7c-3f7e-4a53-9d47-5f0b3b8e2c11",
    }
    with connection_dropped(when=lambda sql: sql.lstrip().upper().startswith("INSERT")) as dropped:
        response = client.post(url, typed)
    assert dropped
    assert response.status_code == 503
    body = response.content.decode()
    assert "Nothing you sent has been saved" in body
    assert "The 101 line kept me waiting forty minutes.<br>Please answer it faster." in body
    assert "jo.bennett@example.com" in body
    assert not Response.objects.exists()
    # "Send again" posts what was typed, as it was typed.
    resent = {name: value for name, value in _hidden_fields(body).items() if name != "csrfmiddlewaretoken"}
    assert resent == typed
    again = client.post(url, resent)
    assert again.status_code == 302
    assert Response.objects.get().text == typed["text"]


def _hidden_fields(body: str) -> dict[str, str]:
    import html
    import re

    return {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body)
    }
