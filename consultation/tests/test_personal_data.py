"""Subject access and erasure requests, and anonymising after the retention period."""

import csv
import datetime
import html
import io
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consultation.models import Response, SubjectRequest
from consultation.tasks import anonymise_responses
from consultation.tests.factories import ConsultationFactory, ResponseFactory, cut_version
from plans.models import PoliceArea

FIND = reverse("consultation:personal_data")


def _three_responses(consultation: Any, staff: Any) -> dict[str, Any]:
    wiltshire = PoliceArea.objects.create(name="Wiltshire", slug="wiltshire", force_name="Wiltshire Police")
    other_area = ConsultationFactory(version=cut_version(area=wiltshire, by=staff))
    return {
        "mine": ResponseFactory(
            consultation=consultation,
            name="Sam Hughes",
            email="Sam.Hughes@Example.com",
            contact_consent=True,
            network_address="203.0.113.9",
            text="Fix 101 first.",
        ),
        "someone_else": ResponseFactory(consultation=consultation, email="jo@example.com", contact_consent=True),
        "other_area": ResponseFactory(consultation=other_area, email="sam.hughes@example.com", contact_consent=True),
    }


def test_staff_find_every_response_given_with_an_address_whatever_its_capitals(
    staff_client: Any, consultation: Any, role_users: dict[str, Any]
) -> None:
    made = _three_responses(consultation, role_users["staff"])
    page = staff_client.post(FIND, {"email": "sam.hughes@example.com"}).content.decode()
    assert made["mine"].reference in page
    assert made["someone_else"].reference not in page
    assert made["other_area"].reference not in page  # another area's data is not ours to give
    assert "1 response given with sam.hughes@example.com" in page


def test_the_lookup_says_when_nothing_was_found_and_checks_the_address(staff_client: Any, consultation: Any) -> None:
    assert "No responses to your area" in staff_client.post(FIND, {"email": "nobody@example.com"}).content.decode()
    assert (
        "Enter an e-mail address in the correct format" in staff_client.post(FIND, {"email": "nobody"}).content.decode()
    )


def test_a_subject_access_export_has_everything_held_and_is_recorded(
    staff_client: Any, consultation: Any, role_users: dict[str, Any]
) -> None:
    made = _three_responses(consultation, role_users["staff"])
    reply = staff_client.post(reverse("consultation:personal_data_export"), {"email": "sam.hughes@example.com"})
    rows = list(csv.DictReader(io.StringIO(b"".join(reply.streaming_content).decode())))
    assert [row["Reference"] for row in rows] == [made["mine"].reference]
    assert rows[0]["Name"] == "Sam Hughes"
    assert rows[0]["Network address"] == "203.0.113.9"
    assert rows[0]["Comment"] == "Fix 101 first."
    record = SubjectRequest.objects.get()
    assert (record.kind, record.responses_count, record.handled_by) == ("access", 1, role_users["staff"])


def test_erasure_needs_the_identity_check_then_removes_the_responses(
    staff_client: Any, consultation: Any, role_users: dict[str, Any]
) -> None:
    made = _three_responses(consultation, role_users["staff"])
    erase = reverse("consultation:personal_data_erase")
    page = html.unescape(staff_client.post(erase, {"email": "sam.hughes@example.com"}).content.decode())
    assert "Confirm you have checked the person's identity before erasing" in page
    assert Response.objects.filter(pk=made["mine"].pk).exists()
    reply = staff_client.post(erase, {"email": "sam.hughes@example.com", "confirm": "on"}, follow=True)
    assert "Erased 1 response." in reply.content.decode()
    mine = Response.objects.get(pk=made["mine"].pk)
    assert (mine.name, mine.email, mine.network_address, mine.is_erased) == ("", "", None, True)
    assert "Fix 101 first." not in mine.text
    assert Response.objects.filter(pk__in=[made["someone_else"].pk, made["other_area"].pk]).count() == 2


def _old_and_new(consultation: Any) -> tuple[Any, Any]:
    now = timezone.now()
    old = ResponseFactory(
        consultation=consultation,
        name="Sam Hughes",
        email="sam@example.com",
        network_address="203.0.113.9",
        received_at=now - datetime.timedelta(days=400),
    )
    new = ResponseFactory(consultation=consultation, email="jo@example.com", received_at=now)
    return old, new


def test_the_command_anonymises_responses_past_their_retention(consultation: Any) -> None:
    old, new = _old_and_new(consultation)
    out = StringIO()
    call_command("anonymise_responses", stdout=out)
    assert "Anonymised 1 responses." in out.getvalue()
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.name, old.email, old.network_address) == ("", "", None)
    assert new.email == "jo@example.com"


def test_the_daily_task_anonymises_too_and_is_scheduled(consultation: Any, settings: Any) -> None:
    old, _new = _old_and_new(consultation)
    assert anonymise_responses.delay().get() == 1
    old.refresh_from_db()
    assert old.email == ""
    entry = settings.CELERY_BEAT_SCHEDULE["consultation-anonymise-responses"]
    assert entry["task"] == anonymise_responses.name
