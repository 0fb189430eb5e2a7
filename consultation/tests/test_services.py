"""The writes: submitting, moderating, tagging, completing the analysis, personal data."""

import datetime
import html
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from consultation import services
from consultation.models import Agreement, Consultation, RespondentType, Response, SubjectRequest, VictimAnswer
from consultation.references import is_reference
from consultation.selectors import draft_of
from consultation.services import (
    AnalysisNotReadyError,
    ConsultationNotOpenError,
    ResponseInput,
    consultation_complete_analysis,
    response_redact,
    response_submit,
    responses_anonymise,
    responses_erase,
    responses_moderate,
    responses_tag,
    theme_create,
)
from consultation.tests.factories import ConsultationFactory, ResponseFactory, closed, cut_version, not_yet_open
from plans.models import Milestone, PoliceArea, StatutoryStep


def _answer(**kwargs: Any) -> ResponseInput:
    return ResponseInput(
        respondent_type=kwargs.pop("respondent_type", RespondentType.PUBLIC),
        text=kwargs.pop("text", "Please keep the police station counter in Clevedon open."),
        **kwargs,
    )


def test_a_consultation_is_open_by_the_clock_not_by_a_flag(version: Any) -> None:
    london = ZoneInfo("Europe/London")
    opens = datetime.datetime(2016, 6, 24, 9, 0, tzinfo=london)
    closes = datetime.datetime(2016, 8, 12, 23, 59, tzinfo=london)
    consultation = ConsultationFactory(version=version, opens_at=opens, closes_at=closes)
    assert not consultation.is_open(opens - datetime.timedelta(seconds=1))
    assert consultation.is_open(opens)
    assert consultation.is_open(closes - datetime.timedelta(seconds=1))
    assert not consultation.is_open(closes)
    assert consultation.status(opens - datetime.timedelta(days=1)) == Consultation.Status.NOT_OPEN
    assert consultation.status(closes) == Consultation.Status.CLOSED


def test_the_database_refuses_a_window_that_closes_before_it_opens(version: Any) -> None:
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationFactory(version=version, opens_at=now, closes_at=now - datetime.timedelta(days=1))


def test_a_comment_is_stored_with_its_agreement_answers_and_a_readable_reference(consultation: Any) -> None:
    draft = draft_of(consultation)
    section, priority = draft.sections[1], draft.agreement_priorities[0]
    response = response_submit(
        consultation=consultation,
        answer=_answer(
            section_uid=uuid.UUID(section.uid),
            victim=VictimAnswer.YES,
            agreements={uuid.UUID(priority.uid): Agreement.Level.STRONGLY_AGREE},
        ),
        now=timezone.now(),
        network_address="203.0.113.9",
    )
    response.refresh_from_db()
    assert is_reference(response.reference)
    assert response.state == Response.State.NEW
    assert str(response.section_uid) == section.uid
    assert response.network_address == "203.0.113.9"
    assert [(str(a.objective_uid), a.level) for a in response.agreements.all()] == [(priority.uid, 5)]


@pytest.mark.parametrize("window", [closed, not_yet_open], ids=["after closing", "before opening"])
def test_a_comment_outside_the_window_is_refused_and_nothing_is_stored(version: Any, window: Any) -> None:
    consultation = ConsultationFactory(version=version, **window())
    with pytest.raises(ConsultationNotOpenError):
        response_submit(consultation=consultation, answer=_answer(), now=timezone.now(), network_address=None)
    assert not Response.objects.exists()


def test_the_acknowledgement_is_sent_only_once_the_comment_is_committed(
    consultation: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = response_submit(
            consultation=consultation,
            answer=_answer(name="Sam Hughes", email="sam.hughes@example.com", contact_consent=True),
            now=timezone.now(),
            network_address=None,
        )
    # Nothing is sent while the transaction is open...
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    # ...and once it commits, the respondent gets their reference.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam.hughes@example.com"]
    assert response.reference in mail.outbox[0].subject
    assert response.reference in mail.outbox[0].body


def test_a_rolled_back_comment_sends_no_acknowledgement(
    consultation: Any, django_capture_on_commit_callbacks: Any
) -> None:
    def submit_then_fail() -> None:
        with transaction.atomic():
            response_submit(
                consultation=consultation,
                answer=_answer(email="sam.hughes@example.com", contact_consent=True),
                now=timezone.now(),
                network_address=None,
            )
            raise RuntimeError("the request failed after the insert")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        submit_then_fail()
    assert mail.outbox == []
    assert not Response.objects.exists()


def test_no_acknowledgement_without_an_address(consultation: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response_submit(consultation=consultation, answer=_answer(), now=timezone.now(), network_address=None)
    assert mail.outbox == []


def test_a_reference_drawn_twice_is_drawn_again(consultation: Any, monkeypatch: Any) -> None:
    ResponseFactory(consultation=consultation, reference="PCP-7K3Q-9D")
    drawn = iter(["PCP-7K3Q-9D", "PCP-8M4R-2F"])
    monkeypatch.setattr(services, "new_reference", lambda: next(drawn))
    response = response_submit(consultation=consultation, answer=_answer(), now=timezone.now(), network_address=None)
    assert response.reference == "PCP-8M4R-2F"
    assert consultation.responses.count() == 2


def test_redaction_keeps_the_original_for_audit(consultation: Any, role_users: dict[str, Any]) -> None:
    response = ResponseFactory(consultation=consultation, text="My neighbour John Smith at 4 Hill Road deals drugs.")
    response_redact(
        response=response,
        by=role_users["staff"],
        redacted_text="My neighbour [name removed] at [address removed] deals drugs.",
        now=timezone.now(),
    )
    response.refresh_from_db()
    assert response.state == Response.State.REDACTED
    assert response.public_text == "My neighbour [name removed] at [address removed] deals drugs."
    assert response.text == "My neighbour John Smith at 4 Hill Road deals drugs."
    assert response.moderated_by == role_users["staff"]


def test_publishing_in_bulk_does_not_undo_a_redaction(consultation: Any, role_users: dict[str, Any]) -> None:
    redacted = ResponseFactory(consultation=consultation)
    response_redact(response=redacted, by=role_users["staff"], redacted_text="[removed]", now=timezone.now())
    fresh = ResponseFactory(consultation=consultation)
    count = responses_moderate(
        consultation=consultation,
        response_ids=[redacted.pk, fresh.pk],
        by=role_users["staff"],
        state=Response.State.PUBLISHED,
        now=timezone.now(),
    )
    assert count == 1
    redacted.refresh_from_db()
    fresh.refresh_from_db()
    assert (redacted.state, fresh.state) == (Response.State.REDACTED, Response.State.PUBLISHED)


def test_tagging_in_bulk_skips_responses_already_tagged_and_other_consultations(
    consultation: Any, version: Any
) -> None:
    theme = theme_create(consultation=consultation, name="101 service")
    assert theme_create(consultation=consultation, name="  101  SERVICE ") == theme
    tagged, untagged = ResponseFactory(consultation=consultation), ResponseFactory(consultation=consultation)
    tagged.themes.add(theme)
    elsewhere = ResponseFactory(consultation=ConsultationFactory(version=version))
    count = responses_tag(consultation=consultation, response_ids=[tagged.pk, untagged.pk, elsewhere.pk], theme=theme)
    assert count == 1
    assert set(theme.responses.all()) == {tagged, untagged}


def test_completing_the_analysis_records_the_statutory_step(version: Any, role_users: dict[str, Any]) -> None:
    consultation = ConsultationFactory(version=version, **closed())
    now = timezone.now()
    consultation_complete_analysis(consultation=consultation, by=role_users["staff"], now=now)
    milestone = Milestone.objects.get(plan=version.plan, statutory_step=StatutoryStep.OBTAIN_VIEWS)
    assert milestone.status == Milestone.Status.DONE
    assert milestone.completed_on == timezone.localdate(consultation.closes_at)
    assert milestone.completed_by == role_users["staff"]
    assert milestone.evidence_url == f"/consultations/manage/{consultation.pk}/analysis/"


def test_the_analysis_cannot_be_completed_while_the_consultation_is_open(
    consultation: Any, role_users: dict[str, Any]
) -> None:
    with pytest.raises(AnalysisNotReadyError):
        consultation_complete_analysis(consultation=consultation, by=role_users["staff"], now=timezone.now())
    assert not Milestone.objects.filter(statutory_step=StatutoryStep.OBTAIN_VIEWS, status="done").exists()


def test_anonymising_removes_personal_data_after_the_retention_period_only(consultation: Any) -> None:
    now = timezone.now()
    old = ResponseFactory(
        consultation=consultation,
        name="Sam Hughes",
        email="sam@example.com",
        contact_consent=True,
        network_address="203.0.113.9",
        received_at=now - datetime.timedelta(days=366),
    )
    recent = ResponseFactory(
        consultation=consultation,
        name="Jo Price",
        email="jo@example.com",
        contact_consent=True,
        network_address="203.0.113.10",
        received_at=now - datetime.timedelta(days=364),
    )
    assert responses_anonymise(now=now) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email, old.network_address, old.anonymised_at) == ("", "", None, now)
    assert old.text  # the comment itself is kept
    assert (recent.name, recent.email, recent.network_address) == ("Jo Price", "jo@example.com", "203.0.113.10")
    assert responses_anonymise(now=now) == 0


def test_erasure_removes_every_response_with_the_address_in_the_area_only(
    consultation: Any, role_users: dict[str, Any]
) -> None:
    mine = ResponseFactory(consultation=consultation, email="Sam.Hughes@Example.com", contact_consent=True)
    Agreement.objects.create(response=mine, objective_uid=uuid.uuid4(), level=4)
    other = ResponseFactory(consultation=consultation, email="jo@example.com", contact_consent=True)
    elsewhere_area = PoliceArea.objects.create(name="Wiltshire", slug="wiltshire", force_name="Wiltshire Police")
    elsewhere = ResponseFactory(
        consultation=ConsultationFactory(version=cut_version(area=elsewhere_area, by=role_users["staff"])),
        email="sam.hughes@example.com",
        contact_consent=True,
    )
    count = responses_erase(area=consultation.version.plan.area, by=role_users["staff"], email="sam.hughes@example.com")
    assert count == 1
    assert set(Response.objects.filter(erased_at__isnull=True)) == {other, elsewhere}
    mine.refresh_from_db()
    assert (mine.email, mine.name, mine.network_address) == ("", "", None)
    # Counted still, as an anonymous response: its answers stay.
    assert Agreement.objects.filter(response=mine).count() == 1
    record = SubjectRequest.objects.get()
    assert (record.kind, record.responses_count) == (SubjectRequest.Kind.ERASURE, 1)
    assert "sam" not in str(vars(record)).lower()


def test_a_bar_chart_of_thousands_reads_its_axis_and_every_bars_count_in_full() -> None:
    """The demo outcome's respondent chart: 2,915 members of the public beside 18 of an
    advisory group. Its value axis once read "10… 12… 14…", and a short bar's count was
    white on white."""
    import base64
    import re

    from consultation.analysis import Row, bar_chart

    counts = {"Member of the public": 2915, "Police officer or police staff": 294, "Independent advisory group": 18}
    uri = bar_chart("respondent type", [Row(label, count, 0.0) for label, count in counts.items()])
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert not [t for t in texts if t.endswith("…")], texts
    ticks = [t for t in texts if t.isdigit() and int(t) % 100 == 0 and t != "0"]
    assert 2 <= len(ticks) <= 7, ticks
    for count in counts.values():
        assert str(count) in texts
    assert re.search(r"\.text-overlay \.color-0 text\{fill:#0b0c0c\}", svg)  # counts in black, beside the bar
