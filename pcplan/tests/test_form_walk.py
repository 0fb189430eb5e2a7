"""Walk every POST form of every app, found on the pages of the role walk, so a new form
cannot escape:

- every form carries a one-time key, and each is named in an app's tests/role_walk.py
  FORMS as a create form, an edit form or neither;
- a create form sent twice with one key stores once and answers the second time as the
  first (pcplan.once);
- an edit form opened in two sessions and saved in both refuses the second save, shows
  what the first saved, keeps what the second typed, and the first's change stays
  (pcplan.revisions)."""

import re
from html import unescape
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.tests.helpers import Client
from pcplan.tests.html_forms import Form, post_forms
from pcplan.tests.walk import FormCase, Route, build_world, walk_forms, walk_routes

ROUTES: dict[str, Route] = {route.name: route for route in walk_routes()}
FORMS: dict[str, FormCase] = {case.name: case for case in walk_forms()}
# Who looks at each page to find its forms: everyone it admits (but an account without a
# role, who sees only their own account's pages, as everyone does).
LOOKERS = ("publisher", "staff", "panel", "force", "anonymous")


@pytest.fixture
def world(role_users: dict[str, Any], area: Any, settings: Any) -> SimpleNamespace:
    settings.RATELIMIT_CACHE_PREFIX = f"rl:test:{id(role_users)}:"
    return build_world(role_users, area)


def _client(world: SimpleNamespace, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _url(name: str, world: SimpleNamespace) -> str:
    route = ROUTES[name]
    return reverse(name, kwargs=route.kwargs(world)) + route.query


def _form_on(client: Client, page_url: str, name: str, field: str = "") -> tuple[Form, str]:
    """The form posting to `name` on the page (the one with `field`, where a page has
    several)."""
    response = client.get(page_url)
    assert response.status_code == 200, f"{page_url} answered {response.status_code}"
    html = response.content.decode()
    for form in post_forms(html, page_url):
        if form.url_name() == name and (not field or form.has(field)):
            return form, html
    raise AssertionError(f"No form posting to {name} on {page_url}")


def _errors(html: str) -> str:
    found = re.findall(r'<a href="#[^"]*">([^<]+)</a></li>', html)
    return "; ".join(found) or html[:1500]


def _fill(form: Form) -> dict[str, Any]:
    """The form's own values, with every empty field filled as a person might."""
    values = form.values()
    radios: dict[str, list[str]] = {}
    for control in form.controls:
        if control.kind == "radio":
            radios.setdefault(control.name, []).append(control.value)
    next_year = timezone.localdate().year + 1
    for control in form.controls:
        name, kind = control.name, control.kind
        if kind in ("hidden", "checkbox", "submit", "button", "file") or values.get(name) not in (None, ""):
            continue
        if kind == "radio":
            values[name] = radios[name][0]
        elif kind == "select":
            values[name] = next((option for option in control.options if option), "")
        elif re.search(r"_[012]$", name) and kind in ("text", "number"):
            values[name] = {"0": "1", "1": "4", "2": str(next_year)}[name[-1]]
        elif "time" in name:
            values[name] = "09:00"
        elif kind == "email" or "email" in name:
            values[name] = "walk.tester@example.org.uk"
        elif kind == "url" or "website" in name:
            values[name] = "https://www.example.org.uk/"
        elif kind == "number" or name in ("amount", "value", "phase", "retention_days"):
            values[name] = "3"
        else:
            values[name] = f"Checked by the form walk: {name.replace('_', ' ')}"
    return values


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.label not in ("sessions.Session",)
    }


# ---------------------------------------------------------------- every form is known


def test_every_post_form_carries_a_key_and_is_named_in_the_walk(world: SimpleNamespace) -> None:
    problems: list[str] = []
    clients = {role: _client(world, role) for role in LOOKERS}
    pages = [(route, role) for route in ROUTES.values() for role in LOOKERS if role in route.allowed]
    for route, role in pages:
        response = clients[role].get(_url(route.name, world))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for form in post_forms(response.content.decode(), _url(route.name, world)):
            name = form.url_name() or form.action
            if not form.has("form_key"):
                problems.append(f"{route.name}: the form posting to {name} carries no form_key")
            case = FORMS.get(name)
            if case is None:
                problems.append(f"{route.name}: a form posts to {name}, which no tests/role_walk.py FORMS names")
            elif case.kind == "edit" and form.hidden("revision") is None:
                problems.append(f"{route.name}: the edit form {name} carries no revision")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- a POST is done once

CREATES = [case for case in FORMS.values() if case.kind == "create"]


@pytest.mark.parametrize("case", CREATES, ids=str)
def test_a_create_form_sent_twice_with_one_key_stores_once(case: FormCase, world: SimpleNamespace) -> None:
    client = _client(world, case.role)
    page = _url(case.page or case.name, world)
    form, _ = _form_on(client, page, case.name)
    data = {**_fill(form), **ROUTES[case.name].data(world), **case.data(world)}
    first = client.post(form.action, data)
    assert first.status_code in (302, 303), f"{case.name}: {_errors(first.content.decode())}"
    after_first = _row_counts()
    again = client.post(form.action, data)
    assert again.status_code == first.status_code
    assert again["Location"] == first["Location"]
    assert _row_counts() == after_first, f"{case.name}: the second post stored something"


# ---------------------------------------------------------------- a stale save is refused

EDITS = [case for case in FORMS.values() if case.kind == "edit"]


@pytest.mark.parametrize("case", EDITS, ids=str)
def test_an_edit_form_refuses_a_stale_save(case: FormCase, world: SimpleNamespace) -> None:
    first_person, second_person = _client(world, case.role), _client(world, case.role)
    page = _url(case.page or case.name, world)
    first_form, _ = _form_on(first_person, page, case.name, case.change)
    second_form, _ = _form_on(second_person, page, case.name, case.change)
    ours, theirs = case.values
    saved = first_person.post(first_form.action, {**first_form.values(), **case.data(world), case.change: ours})
    assert saved.status_code in (302, 303), f"{case.name}: {_errors(saved.content.decode())}"
    refused = second_person.post(second_form.action, {**second_form.values(), **case.data(world), case.change: theirs})
    raw = refused.content.decode()
    html = unescape(raw)
    assert refused.status_code == 200, f"{case.name}: the stale save answered {refused.status_code}"
    assert "after you opened it" in html or "Someone else saved this section" in html, case.name
    assert ours in html, f"{case.name}: what was saved meanwhile is not shown"
    assert any(theirs in str(value) for value in _form_values_of(raw, case.name, first_form.action, case.change)), (
        f"{case.name}: what the refused person typed is not kept in the form"
    )
    now, _ = _form_on(_client(world, case.role), page, case.name, case.change)
    assert ours in str(now.values().get(case.change)), f"{case.name}: the first person's change is gone"


def _form_values_of(html: str, name: str, action: str, field: str) -> list[Any]:
    for form in post_forms(html, action):
        if form.url_name() == name and form.has(field):
            return list(form.values().values())
    return []
