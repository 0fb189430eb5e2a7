"""The OPCC's pages: issuing a draft, the collated recommendations and their CSV, recording
responses, publishing; and the public record that results."""

import csv
import io
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from panel.models import PanelReport, PanelReview, PccResponse, ResponsePublication
from panel.tests.conftest import close
from panel.tests.factories import PccResponseFactory, RecommendationFactory
from pcplan.tests.pdfs import plain_pdf
from plans.models import Milestone, StatutoryStep
from plans.snapshot import PlanContent
from plans.tests.factories import PoliceAreaFactory, plan_with_content

PDF = plain_pdf()


def _url(name: str, **kwargs: Any) -> str:
    return reverse(f"panel:{name}", kwargs=kwargs)


def test_staff_issue_a_version_and_every_member_is_emailed(
    staff_client: Any, setup: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    page = staff_client.get(_url("review_issue", plan_id=setup.plan.pk)).content.decode()
    # V1 is already with the Panel; only V2 is offered.
    assert "V2, cut" in page and "V1, cut" not in page
    next_year = timezone.localdate().year + 1
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            _url("review_issue", plan_id=setup.plan.pk),
            {
                "version": setup.v2.pk,
                "deadline_date_0": "12",
                "deadline_date_1": "8",
                "deadline_date_2": str(next_year),
                "deadline_time": "17:00",
                "meeting_date_0": "20",
                "meeting_date_1": "9",
                "meeting_date_2": str(next_year),
                "note": "The Strategic Planning Working Group approved V2 for issue.",
            },
            follow=True,
        )
    review = PanelReview.objects.get(version=setup.v2)
    assert "V2 has been issued to the Avon and Somerset Police and Crime Panel" in response.content.decode()
    assert timezone.localtime(review.comments_deadline).strftime("%d/%m %H:%M") == "12/08 17:00"
    assert len(mail.outbox) == 2
    assert Milestone.objects.filter(plan=setup.plan, statutory_step=StatutoryStep.SEND_TO_PANEL).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"deadline_date_0": "31", "deadline_date_1": "2", "deadline_date_2": "2030"}, "must be a real date"),
        ({"deadline_date_0": "1", "deadline_date_1": "8", "deadline_date_2": "2016"}, "in the future"),
        ({"deadline_date_0": "", "deadline_date_1": "", "deadline_date_2": ""}, "Enter the date of the comments"),
        ({"deadline_time": "5pm"}, "24-hour clock"),
        ({"meeting_date_0": "1", "meeting_date_1": "1", "meeting_date_2": "2030"}, "on or after the comments deadline"),
    ],
    ids=["not-a-date", "past", "missing", "bad-time", "meeting-before-deadline"],
)
def test_issuing_with_bad_dates_explains_and_issues_nothing(
    staff_client: Any, setup: SimpleNamespace, data: dict[str, str], message: str
) -> None:
    form = {
        "version": setup.v2.pk,
        "deadline_date_0": "12",
        "deadline_date_1": "8",
        "deadline_date_2": "2030",
        "deadline_time": "17:00",
        **data,
    }
    response = staff_client.post(_url("review_issue", plan_id=setup.plan.pk), form)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "<title>Error:" in body
    assert not PanelReview.objects.filter(version=setup.v2).exists()
    assert mail.outbox == []


def test_staff_of_another_area_cannot_issue_or_read(client: Any, setup: SimpleNamespace, make_user: Any) -> None:
    from pcplan.roles import Role

    client.force_login(make_user("devon_staff", Role.STAFF, user_area=PoliceAreaFactory()))
    assert client.get(_url("review_issue", plan_id=setup.plan.pk)).status_code == 403
    assert client.get(_url("review_detail", review_id=setup.review.pk)).status_code == 403
    assert client.get(_url("collated_csv", review_id=setup.review.pk)).status_code == 403


@pytest.fixture
def answered(setup: SimpleNamespace) -> SimpleNamespace:
    """Three recommendations on V1, closed; the first answered with a change in V2."""
    content = PlanContent.from_json(setup.v1.content)
    setup.section = content.sections[0]
    setup.first = RecommendationFactory(
        review=setup.review,
        author=setup.chair,
        target="section",
        target_uid=setup.section.uid,
        target_title=setup.section.title,
        text="Say how the Commissioner will hold the Chief Constable to account.",
    )
    setup.second = RecommendationFactory(
        review=setup.review, author=setup.member, text='=HYPERLINK("http://example.com") Set a 101 target.'
    )
    setup.third = RecommendationFactory(review=setup.review, author=setup.member, text="Protect rural policing.")
    close(setup.review)
    PccResponseFactory(
        recommendation=setup.first,
        outcome=PccResponse.Outcome.ACCEPTED,
        changed_version=setup.v2,
        changed_kind="section",
        changed_uid=setup.section.uid,
        changed_title=setup.section.title,
        recorded_by=setup.users["staff"],
    )
    return setup


def test_the_collated_page_groups_recommendations_and_shows_changes_in_place(
    staff_client: Any, answered: SimpleNamespace
) -> None:
    body = staff_client.get(_url("collated", review_id=answered.review.pk)).content.decode()
    assert "3 recommendations" in body and "1 with the Commissioner" in body
    assert f"Section: {answered.section.title}" in body
    assert body.index("The whole plan") < body.index("Protect rural policing.")
    assert "<ins>" in body and "Police and Crime Board" in body
    assert f"/plans/{answered.plan.pk}/versions/compare/?from=1&amp;to=2#section-{answered.section.uid}" in body
    assert _url("response_record", recommendation_id=answered.second.pk) in body
    assert _url("collated_csv", review_id=answered.review.pk) in body
    assert "Print this page" in body


def test_the_csv_export_has_every_recommendation_and_defuses_formulas(
    staff_client: Any, answered: SimpleNamespace
) -> None:
    response = staff_client.get(_url("collated_csv", review_id=answered.review.pk))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Number", "Member", "Role on the Panel", "About"]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3"]
    assert rows[1][7] == "Accepted" and rows[1][9] == f"V2: {answered.section.title}"
    assert rows[2][4].startswith("'=HYPERLINK")
    assert rows[3][7] == "No response yet"


def test_a_response_not_accepting_needs_reasons_and_saves_nothing_without(
    staff_client: Any, answered: SimpleNamespace
) -> None:
    url = _url("response_record", recommendation_id=answered.second.pk)
    # revision 0: no response recorded yet when the page was opened.
    response = staff_client.post(url, {"outcome": "not_accepted", "reasons": "", "change": "none", "revision": 0})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Give the reasons, as the recommendation was not fully accepted" in body
    assert "<title>Error:" in body
    assert not PccResponse.objects.filter(recommendation=answered.second).exists()
    staff_client.post(
        url,
        {"outcome": "not_accepted", "reasons": "Targets risk perverse incentives.", "change": "none", "revision": 0},
    )
    assert PccResponse.objects.get(recommendation=answered.second).reasons == "Targets risk perverse incentives."


def test_a_response_is_linked_to_a_change_in_v2(staff_client: Any, answered: SimpleNamespace) -> None:
    url = _url("response_record", recommendation_id=answered.third.pk)
    objective = PlanContent.from_json(answered.v2.content).objectives[0]
    choice = f"{answered.v2.pk}:objective:{objective.uid}"
    page = staff_client.get(url).content.decode()
    assert f'value="{choice}"' in page
    assert f"V2: Priority: {objective.title}" in page
    response = staff_client.post(
        url,
        {
            "outcome": "accepted_in_part",
            "reasons": "Added a commitment with partners.",
            "change": choice,
            "revision": 0,
        },
        follow=True,
    )
    assert "The response to recommendation 3 has been saved" in response.content.decode()
    saved = PccResponse.objects.get(recommendation=answered.third)
    assert (saved.changed_version, saved.changed_kind, saved.changed_uid) == (answered.v2, "objective", objective.uid)
    tampered = staff_client.post(
        url, {"outcome": "accepted", "change": f"{answered.v1.pk}:section:nope", "revision": saved.revision}
    )
    assert "Choose a part of the plan that changed" in tampered.content.decode()


def test_responses_wait_for_the_deadline(staff_client: Any, setup: SimpleNamespace) -> None:
    recommendation = RecommendationFactory(review=setup.review, author=setup.chair)
    url = _url("response_record", recommendation_id=recommendation.pk)
    assert "The Panel&#x27;s review is still open" in staff_client.get(url).content.decode()
    assert staff_client.post(url, {"outcome": "accepted", "change": "none"}).status_code == 403
    assert not PccResponse.objects.exists()


def test_only_the_publisher_publishes_and_the_public_page_shows_the_response(
    client: Any, answered: SimpleNamespace
) -> None:
    client.force_login(answered.users["staff"])
    assert client.post(_url("response_publish", review_id=answered.review.pk)).status_code == 403
    PanelReport.objects.create(
        review=answered.review,
        submitted_by=answered.chair,
        text="The Panel welcomes the draft plan.",
        attachment=SimpleUploadedFile("report.pdf", PDF),
        attachment_name="Panel report.pdf",
        attachment_size=len(PDF),
        submitted_at=timezone.now(),
        updated_at=timezone.now(),
    )
    client.force_login(answered.users["publisher"])
    confirm = client.get(_url("response_publish", review_id=answered.review.pk)).content.decode()
    assert "2 recommendations have no response yet" in confirm
    response = client.post(_url("response_publish", review_id=answered.review.pk), follow=True)
    assert response.redirect_chain[-1][0] == _url("published_detail", review_id=answered.review.pk)
    assert ResponsePublication.objects.filter(review=answered.review).exists()
    client.logout()
    listing = client.get(_url("published_list")).content.decode()
    assert _url("published_detail", review_id=answered.review.pk) in listing
    body = client.get(_url("published_detail", review_id=answered.review.pk)).content.decode()
    assert "Say how the Commissioner will hold the Chief Constable to account." in body
    assert "Accepted" in body and "awaiting a response" in body
    assert "<ins>" in body and "Police and Crime Board" in body
    assert "/compare/" not in body, "the staff comparison page is not linked from the public page"
    assert "The Panel welcomes the draft plan." in body
    download = client.get(_url("public_report_attachment", review_id=answered.review.pk))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")


def test_an_unpublished_response_is_not_public(client: Any, answered: SimpleNamespace) -> None:
    assert client.get(_url("published_detail", review_id=answered.review.pk)).status_code == 404
    assert (
        _url("published_detail", review_id=answered.review.pk)
        not in client.get(_url("published_list")).content.decode()
    )


def test_staff_see_the_chief_constables_comments_beside_the_version(staff_client: Any, setup: SimpleNamespace) -> None:
    from panel.services import chief_constable_comment_record

    chief_constable_comment_record(
        version=setup.v1,
        text="The Chief Constable supports the four priorities.",
        recorded_on=timezone.localdate(),
        by=setup.users["force"],
    )
    for url in (_url("cc_version_list"), _url("review_detail", review_id=setup.review.pk)):
        assert "The Chief Constable supports the four priorities." in staff_client.get(url).content.decode()


def test_a_plan_without_a_panel_says_so(staff_client: Any, area: Any) -> None:
    plan = plan_with_content(area=area)
    body = staff_client.get(_url("review_issue", plan_id=plan.pk)).content.decode()
    assert "No Police and Crime Panel has been set up" in body


def test_a_broker_that_is_down_does_not_lose_the_issue(
    staff_client: Any, setup: SimpleNamespace, broker_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    from pcplan.outbox.models import OutboxTask
    from pcplan.outbox.services import relay_due, relay_eagerly

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            _url("review_issue", plan_id=setup.plan.pk),
            {
                "version": setup.v2.pk,
                "deadline_date_0": "12",
                "deadline_date_1": "8",
                "deadline_date_2": str(timezone.localdate().year + 1),
                "deadline_time": "17:00",
            },
            follow=True,
        )
    assert response.status_code == 200
    review = PanelReview.objects.get(version=setup.v2)
    assert "Not sent yet" in response.content.decode()
    assert mail.outbox == []
    # The e-mail waits in the outbox while the broker is down...
    assert relay_due().broker_down
    waiting = OutboxTask.objects.get(task_name="panel.send_review_issued")
    assert waiting.args == [review.pk] and waiting.sent_at is None
    # ...and goes once it answers (here: in-process).
    from pcplan.celery import app

    app.conf.task_always_eager = True
    relay_eagerly()
    assert len(mail.outbox) == 2
