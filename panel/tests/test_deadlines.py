"""The Panel's timetable as it moves in practice: staff extend a review's deadline or close
it early (recorded, every member e-mailed); the Commissioner's responses are recorded as
soon as the chair's report is in; members are e-mailed when the response is published."""

import datetime
from types import SimpleNamespace
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from panel import services
from panel.models import PanelReport, PccResponse, ReviewDeadlineChange
from panel.tests.conftest import close
from panel.tests.factories import RecommendationFactory


def _url(name: str, **kwargs: Any) -> str:
    return reverse(f"panel:{name}", kwargs=kwargs)


def _as(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def test_staff_extend_the_deadline_and_every_member_is_told(
    staff_client: Any, setup: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    review = setup.review
    old = review.comments_deadline
    new_day = timezone.localdate(old) + datetime.timedelta(days=7)
    data = {
        "deadline_date_0": new_day.day,
        "deadline_date_1": new_day.month,
        "deadline_date_2": new_day.year,
        "deadline_time": "17:00",
        "reason": "The Panel's meeting has moved to the following week.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_url("review_extend", review_id=review.pk), data)
    assert response.status_code == 302
    review.refresh_from_db()
    local = timezone.localtime(review.comments_deadline)
    assert (local.date(), local.hour, local.minute) == (new_day, 17, 0)
    change = ReviewDeadlineChange.objects.get(review=review)
    assert change.kind == ReviewDeadlineChange.Kind.EXTENDED
    assert change.old_deadline == old and change.new_deadline == review.comments_deadline
    assert change.changed_by == setup.users["staff"] and change.members_notified_at is not None
    assert review.history.first().history_change_reason == "Deadline extended"
    # One e-mail to each serving member, with the new deadline and the reason.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([setup.chair.user.email, setup.member.user.email])
    message = mail.outbox[0]
    assert "More time to comment on V1" in message.subject
    assert f"{new_day:%-d %B %Y} at 17:00" in message.body
    assert "The Panel's meeting has moved" in message.body
    # The review says what changed, to staff and to members.
    for client in (staff_client, _as(Client(), setup.chair.user)):
        page = client.get(review.get_absolute_url()).content.decode()
        assert "Changes to the deadline" in page and f"to {new_day:%-d %B %Y}, 17:00" in page
    # The task running again (a retry) sends nothing more.
    assert services.review_deadline_change_notify(change_id=change.pk) == 0


def test_a_deadline_before_the_current_one_is_refused_with_a_reason(staff_client: Any, setup: SimpleNamespace) -> None:
    review = setup.review
    earlier = timezone.localdate(review.comments_deadline) - datetime.timedelta(days=1)
    response = staff_client.post(
        _url("review_extend", review_id=review.pk),
        {
            "deadline_date_0": earlier.day,
            "deadline_date_1": earlier.month,
            "deadline_date_2": earlier.year,
            "deadline_time": "09:00",
        },
    )
    assert response.status_code == 200
    assert "Enter a deadline after the current one" in response.content.decode()
    assert not ReviewDeadlineChange.objects.exists()


def test_staff_close_a_review_early_and_members_can_no_longer_recommend(
    staff_client: Any, setup: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    review = setup.review
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            _url("review_close", review_id=review.pk),
            {"reason": "The Panel agreed its report at its meeting on 20 September."},
        )
    assert response.status_code == 302
    review.refresh_from_db()
    assert not review.is_open()
    change = ReviewDeadlineChange.objects.get(review=review)
    assert change.kind == ReviewDeadlineChange.Kind.CLOSED_EARLY
    assert len(mail.outbox) == 2
    assert "has closed" in mail.outbox[0].subject and "can no longer be made" in mail.outbox[0].body
    # A member's recommendation is now refused, and nothing is saved.
    member = _as(Client(), setup.member.user)
    refused = member.post(
        _url("recommendation_create", review_id=review.pk), {"target": "plan", "text": "Publish the findings."}
    )
    assert refused.status_code == 403 and "Recommendations have closed" in refused.content.decode()
    assert not review.recommendations.exists()
    # Closing twice changes nothing more, and says why.
    again = staff_client.post(_url("review_close", review_id=review.pk), {"reason": ""}, follow=True)
    assert "closed on" in again.content.decode() and ReviewDeadlineChange.objects.count() == 1


def test_responses_are_recorded_once_the_chairs_report_is_in_before_the_deadline(
    staff_client: Any, setup: SimpleNamespace
) -> None:
    review = setup.review
    recommendation = RecommendationFactory(review=review, author=setup.member)
    url = _url("response_record", recommendation_id=recommendation.pk)
    data = {"outcome": "accepted", "reasons": "", "change": "none", "revision": 0}  # no response yet
    # The review is open and the chair has not reported: not yet.
    waiting = staff_client.post(url, data)
    assert waiting.status_code == 403 and "once the chair has submitted" in waiting.content.decode()
    chair = _as(Client(), setup.chair.user)
    report = chair.post(
        _url("report_submit", review_id=review.pk),
        {"text": "The Panel recommends that the plan says how the consultation shaped it."},
    )
    assert report.status_code == 302 and PanelReport.objects.filter(review=review).exists()
    assert review.comments_deadline > timezone.now(), "the deadline has not passed"
    saved = staff_client.post(url, data)
    assert saved.status_code == 302
    assert PccResponse.objects.get(recommendation=recommendation).outcome == PccResponse.Outcome.ACCEPTED
    # The member can no longer change a recommendation the Commissioner has answered.
    member = _as(Client(), setup.member.user)
    edit = member.post(
        _url("recommendation_edit", recommendation_id=recommendation.pk), {"target": "plan", "text": "Changed."}
    )
    assert edit.status_code == 403
    recommendation.refresh_from_db()
    assert recommendation.text != "Changed."


def test_members_are_emailed_when_the_response_is_published(
    publisher_client: Any, setup: SimpleNamespace, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.PCPLAN_BASE_URL = "https://pcplan.avonandsomerset-pcc.example.org.uk"
    review = setup.review
    recommendation = RecommendationFactory(review=review, author=setup.member)
    close(review)
    services.response_record(recommendation=recommendation, outcome="accepted", by=setup.users["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = publisher_client.post(_url("response_publish", review_id=review.pk))
    assert response.status_code == 302
    link = f"https://pcplan.avonandsomerset-pcc.example.org.uk/panel/responses/{review.pk}/"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([setup.chair.user.email, setup.member.user.email])
    for message in mail.outbox:
        assert link in message.body
        assert "The Commissioner's response to the Panel on V1" in message.subject
    publication = review.publication
    publication.refresh_from_db()
    assert publication.members_notified_at is not None
    assert services.response_publication_notify_members(publication_id=publication.pk) == 0
    assert len(mail.outbox) == 2


def test_a_member_downloads_the_issued_draft_as_a_word_document(setup: SimpleNamespace) -> None:
    import io

    import docx

    member = _as(Client(), setup.member.user)
    page = member.get(setup.review.get_absolute_url()).content.decode()
    assert "Download V1 as a Word document (.docx)" in page
    response = member.get(_url("review_word", review_id=setup.review.pk))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    content = setup.v1.content
    assert {s["title"] for s in content["sections"]} <= headings
    assert {o["title"] for o in content["objectives"]} <= headings
