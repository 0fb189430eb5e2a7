"""The outcome report ("you said, we did"): staff draft it and link themes and comments to
the changes they led to, the Publisher publishes it, the public read it with each change's
word diff, and those who asked are e-mailed once, in batches."""

import html
import smtplib
import subprocess
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultation import services
from consultation.models import ChangeLink, Consultation, OutcomeReport, Response, Theme
from consultation.statute import community_and_victims_consulted
from consultation.tests.factories import ConsultationFactory, ResponseFactory, closed, cut_later_version_with_change
from plans.changes import later_changes


@pytest.fixture
def closed_consultation(version: Any) -> Consultation:
    return ConsultationFactory(version=version, **closed())


def _url(name: str, consultation: Consultation, **kwargs: Any) -> str:
    return reverse(f"consultation:{name}", kwargs={"consultation_id": consultation.pk, **kwargs})


def _themed(consultation: Consultation, name: str, count: int, **response_kwargs: Any) -> Theme:
    theme = Theme.objects.create(consultation=consultation, name=name)
    for _ in range(count):
        ResponseFactory(consultation=consultation, **response_kwargs).themes.add(theme)
    return theme


def _draft_outcome(client: Any, consultation: Consultation, theme: Theme, change_key: str) -> None:
    client.post(
        _url("outcome_manage", consultation),
        {"summary": "<p>Thank you to everyone who told us what they think of the draft plan.</p>"},
    )
    theme_url = _url("theme_outcome", consultation, theme_id=theme.pk)
    client.post(
        theme_url,
        {
            "people_said": "<p>Many of you said the 101 service takes too long to answer.</p><script>x()</script>",
            "we_did": "<p>The plan now commits to publishing 101 answering times every quarter.</p>",
            "revision": theme.revision,
        },
    )
    client.post(theme_url, {"change": change_key})


def test_the_loop_from_theme_to_published_change(
    client: Any, staff_client: Any, closed_consultation: Consultation, role_users: dict[str, Any]
) -> None:
    consultation = closed_consultation
    theme = _themed(consultation, "101 non-emergency service", 3)
    _themed(consultation, "Rural crime", 1)
    ResponseFactory(consultation=consultation, state=Response.State.REJECTED).themes.add(theme)  # spam: not counted
    later, section_uid = cut_later_version_with_change(consultation.version, by=role_users["staff"])
    [change] = [c for c in later_changes(consultation.version) if c.uid == section_uid]
    _draft_outcome(staff_client, consultation, theme, change.key)

    theme.refresh_from_db()
    assert "<script>" not in theme.people_said  # sanitised on the server
    assert ChangeLink.objects.get(theme=theme).title == change.title
    # Staff cannot publish; the Publisher can.
    publish = reverse("publishing:outcome_publish", kwargs={"consultation_id": consultation.pk})
    assert staff_client.post(publish).status_code == 403
    assert client.get(_url("outcome", consultation)).status_code == 404
    client.force_login(role_users["publisher"])
    client.post(publish)
    report = OutcomeReport.objects.get(consultation=consultation)
    assert report.published_by == role_users["publisher"]

    client.logout()
    page = html.unescape(client.get(consultation.get_absolute_url()).content.decode())
    assert "You said, we did" in page
    assert "101 non-emergency service" in page
    assert "3 responses (75%)" in page
    assert "Many of you said the 101 service takes too long to answer." in page
    assert f"The change in {later.label}: section “{change.title}”" in page
    assert "[inserted: " in page and "publish the 101 call answering times every quarter" in page
    # Published and linked: the staff can no longer change it.
    staff_client.post(_url("outcome_manage", consultation), {"summary": "<p>Changed after publication</p>"})
    report.refresh_from_db()
    assert "Changed after publication" not in report.summary


def test_the_outcome_pdf_is_a_tagged_pdf_with_the_same_words(
    client: Any,
    staff_client: Any,
    closed_consultation: Consultation,
    role_users: dict[str, Any],
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    consultation = closed_consultation
    theme = _themed(consultation, "101 non-emergency service", 2)
    _later, section_uid = cut_later_version_with_change(consultation.version, by=role_users["staff"])
    change = next(c for c in later_changes(consultation.version) if c.uid == section_uid)
    _draft_outcome(staff_client, consultation, theme, change.key)
    client.force_login(role_users["publisher"])
    pdf_url = reverse("publishing:outcome_pdf", kwargs={"consultation_id": consultation.pk})
    assert client.get(pdf_url).status_code == 404  # nothing before publication
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("publishing:outcome_publish", kwargs={"consultation_id": consultation.pk}))
    client.logout()
    reply = client.get(reverse("publishing:outcome_pdf", kwargs={"consultation_id": consultation.pk}))
    assert reply["Content-Type"] == "application/pdf"
    pdf = tmp_path / "outcome.pdf"
    pdf.write_bytes(b"".join(reply.streaming_content))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert "Tagged:          yes" in info
    assert "You said, we did" in info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert "Many of you said the 101 service takes too long to answer." in text
    assert "publish the 101 call answering times" in text


def test_the_outcome_cannot_be_written_while_the_consultation_is_open(staff_client: Any, consultation: Any) -> None:
    reply = staff_client.post(_url("outcome_manage", consultation), {"summary": "<p>Too early</p>"}, follow=True)
    assert "still open" in reply.content.decode()
    assert not OutcomeReport.objects.exists()


def test_a_comment_is_linked_to_its_change_with_the_diff_on_its_page(
    staff_client: Any, closed_consultation: Consultation, role_users: dict[str, Any]
) -> None:
    response = ResponseFactory(consultation=closed_consultation, text="Tell us how long 101 takes to answer.")
    _later, section_uid = cut_later_version_with_change(closed_consultation.version, by=role_users["staff"])
    change = next(c for c in later_changes(closed_consultation.version) if c.uid == section_uid)
    staff_client.post(
        reverse("consultation:response_link", kwargs={"response_id": response.pk}), {"change": change.key}
    )
    page = html.unescape(staff_client.get(response.get_absolute_url()).content.decode())
    assert "[inserted: " in page
    assert "Linked to a change" in page  # in the moderation history
    refused = staff_client.post(
        reverse("consultation:response_link", kwargs={"response_id": response.pk}), {"change": "1:section:nope"}
    )
    assert refused.status_code == 302
    assert ChangeLink.objects.count() == 1


def test_tell_me_what_happened_emails_once_each_in_batches(
    closed_consultation: Consultation, role_users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    consultation = closed_consultation
    asked = [
        ResponseFactory(
            consultation=consultation, email=f"resident{i}@example.com", contact_consent=True, wants_outcome=True
        )
        for i in range(5)
    ]
    ResponseFactory(consultation=consultation, email="quiet@example.com", contact_consent=True)  # did not tick
    ResponseFactory(consultation=consultation, email="", wants_outcome=True, anonymised_at=timezone.now())  # anonymised
    OutcomeReport.objects.create(consultation=consultation, summary="<p>What happened.</p>")
    mail.outbox.clear()
    with pytest.MonkeyPatch.context() as patch, django_capture_on_commit_callbacks(execute=True) as callbacks:
        patch.setattr(services.outcome_send_batch, "__kwdefaults__", {"batch_size": 2})
        services.outcome_mark_published(consultation=consultation, by=role_users["publisher"], now=timezone.now())
        assert mail.outbox == []  # nothing goes before the publication commits
    assert len(callbacks) >= 3  # five e-mails, two to a batch: three batches
    sent_to = sorted(message.to[0] for message in mail.outbox)
    assert sent_to == sorted(r.email for r in asked)
    report = OutcomeReport.objects.get(consultation=consultation)
    assert (report.emails_total, report.emails_sent) == (5, 5)
    assert report.emails_finished_at is not None
    body = mail.outbox[0].body
    assert reverse("consultation:outcome", kwargs={"consultation_id": consultation.pk}) in body
    assert "/consultations/outcome/stop/" in body
    # Sending again sends nothing: each was e-mailed once.
    assert services.outcome_send_batch(consultation_id=consultation.pk) == 0


def test_a_mail_server_failing_mid_batch_sends_nobody_the_email_twice(
    closed_consultation: Consultation, role_users: dict[str, Any], server_drops_at: Any
) -> None:
    consultation = closed_consultation
    asked = [
        ResponseFactory(consultation=consultation, email=f"resident{i}@example.com", wants_outcome=True)
        for i in range(5)
    ]
    OutcomeReport.objects.create(consultation=consultation, summary="<p>What happened.</p>")
    services.outcome_mark_published(consultation=consultation, by=role_users["publisher"], now=timezone.now())
    server_drops_at(3)
    mail.outbox.clear()
    with pytest.raises(smtplib.SMTPServerDisconnected):  # an OSError: the task retries
        services.outcome_send_batch(consultation_id=consultation.pk)
    assert len(mail.outbox) == 2
    assert OutcomeReport.objects.get(consultation=consultation).emails_sent == 2
    assert services.outcome_send_batch(consultation_id=consultation.pk) == 3  # the retry
    sent_to = [message.to[0] for message in mail.outbox]
    assert sorted(sent_to) == sorted(r.email for r in asked)  # each once
    report = OutcomeReport.objects.get(consultation=consultation)
    assert (report.emails_sent, report.emails_finished_at is not None) == (5, True)


def test_the_unsubscribe_link_stops_the_email(client: Any, closed_consultation: Consultation) -> None:
    response = ResponseFactory(
        consultation=closed_consultation, email="sam@example.com", contact_consent=True, wants_outcome=True
    )
    url = reverse("consultation:outcome_unsubscribe", kwargs={"token": services.outcome_unsubscribe_token(response)})
    assert "Stop the e-mail" in client.get(url).content.decode()
    response.refresh_from_db()
    assert response.wants_outcome  # a GET (a mail scanner) changes nothing
    assert "You will not get the e-mail" in client.post(url).content.decode()
    response.refresh_from_db()
    assert not response.wants_outcome
    assert client.post(url[:-3] + "xx/").status_code == 400


def test_the_comment_form_offers_tell_me_and_needs_an_address(client: Any, consultation: Any) -> None:
    respond = _url("respond", consultation)
    page = html.unescape(
        client.post(
            respond, {"text": "More PCSOs", "respondent_type": "public", "wants_outcome": "on"}
        ).content.decode()
    )
    assert "Enter your e-mail address so we can tell you what happened" in page
    client.post(
        respond,
        {
            "text": "More PCSOs in Frome",
            "respondent_type": "public",
            "email": "sam@example.com",
            "contact_consent": "on",
            "wants_outcome": "on",
        },
    )
    assert Response.objects.get(text="More PCSOs in Frome").wants_outcome


def test_the_public_outcome_page_runs_a_fixed_number_of_queries(
    client: Any, closed_consultation: Consultation, role_users: dict[str, Any]
) -> None:
    consultation = closed_consultation
    theme = _themed(consultation, "101 non-emergency service", 2)
    _later, section_uid = cut_later_version_with_change(consultation.version, by=role_users["staff"])
    change = next(c for c in later_changes(consultation.version) if c.uid == section_uid)
    now = timezone.now()
    services.change_link_add(
        consultation=consultation, by=role_users["staff"], change_key=change.key, theme=theme, now=now
    )
    reports = OutcomeReport.objects.filter(consultation=consultation)
    reports.update(summary="<p>Thanks</p>")

    def queries() -> int:
        reports.update(published_at=now)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("outcome", consultation)).status_code == 200
        reports.update(published_at=None)
        return len(captured)

    queries()  # the first read parses the version once per process (selectors.draft_of)
    few = queries()
    assert few <= 15
    for i in range(40):
        response = ResponseFactory(consultation=consultation)
        response.themes.add(theme)
        if i % 10 == 0:
            services.change_link_add(
                consultation=consultation, by=role_users["staff"], change_key=change.key, response=response, now=now
            )
    _themed(consultation, "Rural crime", 3)
    assert queries() == few


def test_the_s14_evidence_links_to_the_published_outcome(
    closed_consultation: Consultation, role_users: dict[str, Any]
) -> None:
    ResponseFactory(consultation=closed_consultation)
    plan = closed_consultation.version.plan
    assert "/outcome/" not in community_and_victims_consulted(plan).url
    OutcomeReport.objects.create(consultation=closed_consultation, summary="<p>Thanks</p>", published_at=timezone.now())
    evidence = community_and_victims_consulted(plan)
    assert evidence.url == _url("outcome", closed_consultation)
    assert "What people said and what was done about it was published" in evidence.summary


def test_two_people_saving_one_theme_the_second_is_refused_and_the_first_kept(
    closed_consultation: Consultation, staff_client: Any
) -> None:
    theme = _themed(closed_consultation, "The 101 service", 2)
    url = _url("theme_outcome", closed_consultation, theme_id=theme.pk)
    first = {"people_said": "<p>Many waited too long on 101.</p>", "we_did": "", "revision": theme.revision}
    assert staff_client.post(url, first).status_code == 302
    second = {"people_said": "<p>Answer 101 faster.</p>", "we_did": "", "revision": theme.revision}
    refused = staff_client.post(url, second)
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 200
    assert "after you opened it" in page and "Many waited too long on 101." in page
    assert "Answer 101 faster." in page
    theme.refresh_from_db()
    assert "Many waited too long" in theme.people_said
