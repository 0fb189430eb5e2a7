"""A POST is done once: the same form key sent twice stores one row and gets the first
answer; a form refused for a mistake keeps its key, so the corrected one goes through."""

import re
import uuid
from typing import Any

import pytest
from django.urls import reverse

from consultation.models import RespondentType, Response
from consultation.tests.factories import ConsultationFactory, cut_version
from pcplan.once.models import FormSubmission
from plans.models import Grant


@pytest.fixture
def consultation(area: Any, role_users: dict[str, Any], settings: Any) -> Any:
    # Counters of the comment rate limit of this test's own (the cache may be shared).
    settings.RATELIMIT_CACHE_PREFIX = f"rl:test:{uuid.uuid4().hex}:"
    return ConsultationFactory(version=cut_version(area=area, by=role_users["staff"]))


def _comment(key: str, **extra: Any) -> dict[str, Any]:
    return {
        "text": "Please bring back officers on foot in Weston-super-Mare town centre on Friday nights.",
        "respondent_type": RespondentType.PUBLIC,
        "form_key": key,
        **extra,
    }


def _key_on(page: str) -> str:
    match = re.search(r'name="form_key" value="([0-9a-f-]{36})"', page)
    assert match, "the form carries no one-time key"
    return match.group(1)


def test_a_comment_sent_twice_with_one_key_is_stored_once_with_one_reference(client: Any, consultation: Any) -> None:
    url = reverse("consultation:respond", kwargs={"consultation_id": consultation.pk})
    key = _key_on(client.get(url).content.decode())
    first = client.post(url, _comment(key))
    again = client.post(url, _comment(key))
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    stored = Response.objects.get()
    assert stored.reference in first["Location"]


def test_another_key_is_another_comment(client: Any, consultation: Any) -> None:
    url = reverse("consultation:respond", kwargs={"consultation_id": consultation.pk})
    client.post(url, _comment(str(uuid.uuid4())))
    client.post(url, _comment(str(uuid.uuid4())))
    assert Response.objects.count() == 2


def test_a_refused_form_keeps_its_key_and_the_corrected_one_is_stored(client: Any, consultation: Any) -> None:
    url = reverse("consultation:respond", kwargs={"consultation_id": consultation.pk})
    key = str(uuid.uuid4())
    refused = client.post(url, _comment(key, text=""))
    assert refused.status_code == 200
    assert _key_on(refused.content.decode()) == key
    assert not FormSubmission.objects.exists()
    corrected = client.post(url, _comment(key))
    assert corrected.status_code == 302
    assert Response.objects.count() == 1


def test_a_page_drawn_after_a_kept_key_has_a_fresh_one(client: Any, consultation: Any) -> None:
    url = reverse("consultation:respond", kwargs={"consultation_id": consultation.pk})
    assert _key_on(client.get(url).content.decode()) != _key_on(client.get(url).content.decode())


def test_a_grant_sent_twice_is_one_grant(staff_client: Any, area: Any) -> None:
    from plans.tests.factories import PlanFactory

    plan = PlanFactory(area=area)
    url = reverse("plans:grant_create", kwargs={"plan_id": plan.pk})
    key = _key_on(staff_client.get(url).content.decode())
    data = {
        "recipient": "Avon and Somerset Violence Reduction Unit",
        "purpose": "Early intervention for young people at risk of exploitation",
        "amount": "98000",
        "form_key": key,
    }
    first = staff_client.post(url, data)
    again = staff_client.post(url, data)
    assert first.status_code == again.status_code == 302, first.content.decode()[:3000]
    assert again["Location"] == first["Location"]
    assert Grant.objects.filter(plan=plan).count() == 1


def test_someone_else_sending_a_used_key_is_refused_and_nothing_stored(
    client: Any, consultation: Any, role_users: dict[str, Any]
) -> None:
    url = reverse("consultation:respond", kwargs={"consultation_id": consultation.pk})
    key = str(uuid.uuid4())
    client.post(url, _comment(key))
    client.force_login(role_users["staff"])
    again = client.post(url, _comment(key))
    assert again.status_code == 409
    assert "sent already" in again.content.decode()
    assert Response.objects.count() == 1


def test_a_key_that_is_not_a_key_is_ignored(client: Any, consultation: Any) -> None:
    url = reverse("consultation:respond", kwargs={"consultation_id": consultation.pk})
    response = client.post(url, _comment("'; drop table x; --" * 10))
    assert response.status_code == 302
    assert Response.objects.count() == 1


def test_keys_older_than_a_day_are_forgotten_and_newer_ones_kept(db: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from pcplan.once.services import form_keys_forget

    now = timezone.now()
    FormSubmission.objects.create(key=uuid.uuid4(), path="/a/", created_at=now - timedelta(days=2))
    kept = FormSubmission.objects.create(key=uuid.uuid4(), path="/b/", created_at=now - timedelta(hours=2))
    assert form_keys_forget(now=now) == 1
    assert list(FormSubmission.objects.all()) == [kept]


def test_a_double_click_whose_two_posts_run_at_once_stores_one_grant(
    transactional_db: Any, area: Any, role_users: dict[str, Any], monkeypatch: Any
) -> None:
    """Both requests pass the check for a kept key before either commits: the second's key
    waits for the first's commit on the unique index, fails, and all it wrote is undone."""
    import threading

    from django.db import connection

    from accounts.tests.helpers import Client
    from pcplan.tests.processes import require
    from plans import views
    from plans.tests.factories import PlanFactory

    # Two requests at once need a database that runs them side by side (CI fails without).
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    plan = PlanFactory(area=area)
    both_running = threading.Barrier(2, timeout=20)
    save = views.GrantCreateView.save

    def save_once_both_run(self: Any, form: Any) -> Any:
        both_running.wait()
        return save(self, form)

    monkeypatch.setattr(views.GrantCreateView, "save", save_once_both_run)
    url = reverse("plans:grant_create", kwargs={"plan_id": plan.pk})
    data = {
        "recipient": "Avon and Somerset Violence Reduction Unit",
        "purpose": "Early intervention for young people at risk of exploitation",
        "amount": "98000",
        "form_key": str(uuid.uuid4()),
    }
    answers: list[Any] = []

    def click() -> None:
        client = Client()
        client.force_login(role_users["staff"])
        try:
            answers.append(client.post(url, data))
        finally:
            connection.close()

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join(30)
    assert [answer.status_code for answer in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert Grant.objects.filter(plan=plan).count() == 1
    assert FormSubmission.objects.count() == 1
