"""Your response, by reference: a right pair sends a signed link, a wrong pair shows the
same page and sends nothing, an expired or tampered link is refused, and deleting removes
the personal data while the analysis goes on counting the response."""

import html
import json
import re
import time
import uuid
from typing import Any

import pytest
from django.core import mail, signing
from django.urls import reverse

from consultation.analysis import analyse
from consultation.models import Agreement, ModerationAction, Response, SubjectRequest
from consultation.selectors import draft_of
from consultation.services import your_response_token
from consultation.tests.factories import ResponseFactory

LOOKUP = reverse("consultation:your_response_lookup")
TEXT = "Bring back the police counter at Weston. I am at 4 Beach Road if you want to talk."
REDACTED = "Bring back the police counter at Weston. [address removed]"


@pytest.fixture
def mine(consultation: Any) -> Response:
    response = ResponseFactory(
        consultation=consultation,
        text=TEXT,
        redacted_text=REDACTED,
        state=Response.State.REDACTED,
        name="Sam Hughes",
        email="Sam.Hughes@example.com",
        contact_consent=True,
        network_address="203.0.113.9",
    )
    priority = draft_of(consultation).agreement_priorities[0]
    Agreement.objects.create(response=response, objective_uid=uuid.UUID(priority.uid), level=5)
    return response


def _without_csrf(page: str) -> str:
    """The page less what differs on every request anyway (CSRF token, script nonce)."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r'nonce="[^"]+"', "", page)


def _link_in_mail() -> str:
    [message] = mail.outbox
    return re.search(r"http://\S+/your-response/\S+/", message.body).group(0)  # type: ignore[union-attr]


def test_a_right_pair_sends_a_link_to_the_response_as_stored(
    client: Any, mine: Response, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(LOOKUP, {"reference": mine.reference.lower(), "email": "sam.hughes@EXAMPLE.com"})
    assert "Check your e-mail" in sent.content.decode()
    assert mail.outbox[0].to == ["Sam.Hughes@example.com"]
    page = html.unescape(client.get(_link_in_mail()).content.decode())
    assert mine.reference in page
    assert REDACTED in page
    assert "4 Beach Road" not in page  # redactions shown as redacted
    assert "Strongly agree" in page
    token = your_response_token(mine)
    download = client.get(reverse("consultation:your_response_json", kwargs={"token": token}))
    stored = json.loads(download.content)
    assert stored["reference"] == mine.reference
    assert stored["comment"] == REDACTED and stored["redacted"] is True
    assert stored["email"] == "Sam.Hughes@example.com"


def test_a_wrong_pair_shows_the_same_page_and_sends_nothing(
    client: Any, mine: Response, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        right = client.post(LOOKUP, {"reference": mine.reference, "email": "sam@example.org"}).content.decode()
        wrong = client.post(LOOKUP, {"reference": "PCP-2222-22", "email": "sam@example.org"}).content.decode()
    assert _without_csrf(right) == _without_csrf(wrong)
    assert mail.outbox == []


def test_a_badly_typed_reference_is_explained(client: Any, mine: Response) -> None:
    page = html.unescape(client.post(LOOKUP, {"reference": "hello", "email": "sam"}).content.decode())
    assert "Enter your reference number as it was given to you" in page
    assert "Enter an e-mail address in the correct format" in page


def test_the_lookup_is_rate_limited(client: Any, mine: Response, settings: Any) -> None:
    settings.CONSULTATION_LOOKUP_RATE = "3/h"
    for _ in range(3):
        assert client.post(LOOKUP, {"reference": "PCP-2222-22", "email": "a@example.org"}).status_code == 200
    refused = client.post(LOOKUP, {"reference": mine.reference, "email": mine.email})
    assert refused.status_code == 429
    assert "Too many tries" in refused.content.decode()


def test_an_expired_or_tampered_link_is_refused(client: Any, mine: Response, monkeypatch: Any) -> None:
    with monkeypatch.context() as patch:
        day_and_an_hour_ago = time.time() - 25 * 3600
        patch.setattr(time, "time", lambda: day_and_an_hour_ago)
        old = signing.dumps(mine.pk, salt="consultation.your-response")
    token = your_response_token(mine)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (old, tampered, signing.dumps(mine.pk, salt="another-purpose")):
        for url in (
            reverse("consultation:your_response", kwargs={"token": bad}),
            reverse("consultation:your_response_json", kwargs={"token": bad}),
        ):
            reply = client.get(url)
            assert reply.status_code == 403
            assert mine.reference not in reply.content.decode()
    refused = client.post(reverse("consultation:your_response", kwargs={"token": old}), {"confirm": "yes"})
    assert refused.status_code == 403
    mine.refresh_from_db()
    assert not mine.is_erased


def test_deletion_removes_the_personal_data_and_the_count_stays(client: Any, mine: Response, consultation: Any) -> None:
    url = reverse("consultation:your_response", kwargs={"token": your_response_token(mine)})
    before = analyse(consultation=consultation, draft=draft_of(consultation), responses=consultation.responses.all())
    assert client.post(url, {}).status_code == 400  # the box must be ticked
    page = client.post(url, {"confirm": "yes"}).content.decode()
    assert "Your comment has been deleted" in page
    mine.refresh_from_db()
    assert (mine.name, mine.email, mine.network_address) == ("", "", None)
    assert "Weston" not in mine.text and "Weston" not in mine.redacted_text
    assert mine.is_erased
    assert not ModerationAction.objects.filter(response=mine, detail__contains="Weston").exists()
    record = SubjectRequest.objects.get()
    assert (record.kind, record.responses_count, record.handled_by) == ("erasure", 1, None)
    after = analyse(consultation=consultation, draft=draft_of(consultation), responses=consultation.responses.all())
    assert after.total == before.total
    assert after.agreement == before.agreement
    # The link now says the comment is gone, and its download is refused.
    assert "Your comment has been deleted" in client.get(url).content.decode()
    assert client.get(url + "download.json").status_code == 403
