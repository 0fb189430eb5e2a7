"""The writes of the Panel's review: issuing, recommendations, the report, responses,
publication and the Chief Constable's comments."""

import datetime
import smtplib
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from panel import services
from panel.models import ChiefConstableComment, PanelReport, PanelReview, PccResponse, Recommendation
from panel.tests.conftest import close
from panel.tests.factories import PanelMemberFactory, RecommendationFactory
from pcplan.tests import pdfs
from pcplan.tests.pdfs import plain_pdf
from plans.models import Milestone, StatutoryStep
from plans.snapshot import PlanContent

PDF = plain_pdf()


def _step(plan: Any, step: StatutoryStep) -> Milestone | None:
    return Milestone.objects.filter(plan=plan, statutory_step=step, status=Milestone.Status.DONE).first()


def _issue(s: SimpleNamespace, **kwargs: Any) -> PanelReview:
    return services.review_issue(
        version=s.v2,
        panel=s.panel,
        by=s.users["staff"],
        comments_deadline=timezone.now() + datetime.timedelta(days=11),
        meeting_date=timezone.localdate() + datetime.timedelta(days=30),
        **kwargs,
    )


# ---------------------------------------------------------------- issuing


def test_issuing_records_the_step_and_emails_every_serving_member_a_link(
    setup: SimpleNamespace, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.PCPLAN_BASE_URL = "https://pcplan.avonandsomerset-pcc.example.org.uk"
    former = PanelMemberFactory(panel=setup.panel, term_ends_on=datetime.date(2016, 12, 31))
    with django_capture_on_commit_callbacks(execute=True):
        review = _issue(setup)
    link = f"https://pcplan.avonandsomerset-pcc.example.org.uk/panel/reviews/{review.pk}/"
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([setup.chair.user.email, setup.member.user.email])
    assert former.user.email not in recipients
    for message in mail.outbox:
        assert len(message.to) == 1, "members must not see each other's addresses"
        assert link in message.body
        assert "V2" in message.subject
    step = _step(setup.plan, StatutoryStep.SEND_TO_PANEL)
    assert step.completed_by == setup.users["staff"]
    assert step.evidence_url == f"/panel/reviews/{review.pk}/"
    review.refresh_from_db()
    assert review.members_notified_at is not None


def test_a_mail_server_failing_partway_tells_each_member_once_when_retried(
    setup: SimpleNamespace, server_drops_at: Any
) -> None:
    third = PanelMemberFactory(panel=setup.panel)
    review = _issue(setup)  # the notice waits for the commit, which a test does not make
    server_drops_at(2)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.review_notify_members(review_id=review.pk)
    assert len(mail.outbox) == 1
    assert PanelReview.objects.get(pk=review.pk).members_notified_at is None  # so the task retries
    assert services.review_notify_members(review_id=review.pk) == 2
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([setup.chair.user.email, setup.member.user.email, third.user.email])
    assert PanelReview.objects.get(pk=review.pk).members_notified_at is not None
    assert services.review_notify_members(review_id=review.pk) == 0


def test_nothing_is_sent_when_the_issuing_transaction_rolls_back(
    setup: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    class Abandoned(Exception):
        pass

    with (  # noqa: PT012 - the exception is what rolls the transaction back
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Abandoned),
        transaction.atomic(),
    ):
        _issue(setup)
        raise Abandoned
    assert callbacks == []
    assert mail.outbox == []
    assert not PanelReview.objects.filter(version=setup.v2).exists()
    assert _step(setup.plan, StatutoryStep.SEND_TO_PANEL) is None


def test_a_retried_notification_does_not_email_twice(
    setup: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        review = _issue(setup)
    assert len(mail.outbox) == 2
    assert services.review_notify_members(review_id=review.pk) == 0
    assert len(mail.outbox) == 2


def test_a_version_is_issued_once_and_the_deadline_must_be_ahead(setup: SimpleNamespace) -> None:
    with pytest.raises(ValidationError, match="already been issued"):
        services.review_issue(
            version=setup.v1,
            panel=setup.panel,
            by=setup.users["staff"],
            comments_deadline=timezone.now() + datetime.timedelta(days=3),
        )
    with pytest.raises(ValidationError, match="in the future"):
        services.review_issue(
            version=setup.v2,
            panel=setup.panel,
            by=setup.users["staff"],
            comments_deadline=timezone.now() - datetime.timedelta(hours=1),
        )
    assert PanelReview.objects.count() == 1


# ---------------------------------------------------------------- recommendations


def _section_uid(version: Any, index: int = 0) -> str:
    return PlanContent.from_json(version.content).sections[index].uid


def test_recommendations_are_numbered_and_keep_the_part_they_are_about(setup: SimpleNamespace) -> None:
    uid = _section_uid(setup.v1)
    first = services.recommendation_submit(
        review=setup.review,
        member=setup.chair,
        text="Say how the consultation shaped the plan.",
        target="section",
        target_uid=uid,
    )
    second = services.recommendation_submit(review=setup.review, member=setup.member, text="  Publish quarterly.  ")
    assert (first.number, second.number) == (1, 2)
    assert first.target_title == PlanContent.from_json(setup.v1.content).section(uid).title
    assert first.target_label.startswith("Section: ")
    assert second.text == "Publish quarterly."
    assert second.target_label == "The whole plan"


def test_a_recommendation_after_the_deadline_is_refused_and_nothing_is_stored(setup: SimpleNamespace) -> None:
    close(setup.review)
    with pytest.raises(services.ReviewClosedError, match="closed on"):
        services.recommendation_submit(review=setup.review, member=setup.chair, text="Too late.")
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_recommendation_is_refused(setup: SimpleNamespace, text: str) -> None:
    with pytest.raises(ValidationError, match="Enter your recommendation"):
        services.recommendation_submit(review=setup.review, member=setup.chair, text=text)
    assert not Recommendation.objects.exists()


def test_a_recommendation_must_be_about_a_part_of_the_issued_version(setup: SimpleNamespace) -> None:
    with pytest.raises(ValidationError, match="Choose a part of V1"):
        services.recommendation_submit(
            review=setup.review, member=setup.chair, text="Fine.", target="section", target_uid="not-a-uid"
        )


def test_a_member_cannot_change_or_withdraw_another_members_recommendation(setup: SimpleNamespace) -> None:
    mine = services.recommendation_submit(review=setup.review, member=setup.chair, text="The chair's own.")
    with pytest.raises(services.NotYoursError):
        services.recommendation_update(recommendation=mine, member=setup.member, text="Rewritten by another")
    with pytest.raises(services.NotYoursError):
        services.recommendation_withdraw(recommendation=mine, member=setup.member)
    mine.refresh_from_db()
    assert mine.text == "The chair's own." and not mine.is_withdrawn


def test_a_member_edits_and_withdraws_their_own_until_the_deadline(setup: SimpleNamespace) -> None:
    mine = services.recommendation_submit(review=setup.review, member=setup.member, text="First draft.")
    services.recommendation_update(recommendation=mine, member=setup.member, text="Second draft.")
    mine.refresh_from_db()
    assert mine.text == "Second draft."
    assert mine.history.count() == 2
    services.recommendation_withdraw(recommendation=mine, member=setup.member)
    mine.refresh_from_db()
    assert mine.is_withdrawn
    with pytest.raises(ValidationError, match="withdrawn"):
        services.recommendation_update(recommendation=mine, member=setup.member, text="Third draft.")
    close(setup.review)
    other = RecommendationFactory(review=setup.review, author=setup.member)
    with pytest.raises(services.ReviewClosedError):
        services.recommendation_update(recommendation=other, member=setup.member, text="After the deadline")


def test_a_member_whose_term_has_ended_cannot_recommend(setup: SimpleNamespace) -> None:
    former = PanelMemberFactory(panel=setup.panel, term_ends_on=datetime.date(2017, 5, 1))
    with pytest.raises(services.NotYoursError):
        services.recommendation_submit(review=setup.review, member=former, text="From a former member.")


# ---------------------------------------------------------------- the report


def test_the_chair_submits_the_report_with_a_pdf_and_the_step_is_recorded(setup: SimpleNamespace) -> None:
    pdf = SimpleUploadedFile("../../Panel report: 19 Aug.pdf", PDF, content_type="application/pdf")
    report = services.report_submit(
        review=setup.review, member=setup.chair, text="The Panel welcomes the plan.", attachment=pdf
    )
    assert report.attachment.read() == PDF
    assert report.attachment.name.endswith(".pdf") and ".." not in report.attachment.name
    assert report.attachment_name == "Panel report_ 19 Aug.pdf"
    assert _step(setup.plan, StatutoryStep.PANEL_REPORT).completed_by == setup.chair.user


def test_only_the_chair_submits_the_report(setup: SimpleNamespace) -> None:
    with pytest.raises(services.NotYoursError):
        services.report_submit(review=setup.review, member=setup.member, text="A member's own report.")
    assert not PanelReport.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "must be a PDF"),
        (b"%PDF-" + b"0" * (10 * 1024 * 1024), "10.0 MB or smaller"),
        (b"", "empty"),
        (pdfs.html_polyglot(), "also contains a web page"),
        (pdfs.pdf_with_html_appended(), "also contains a web page"),
        (pdfs.pdf_with_javascript(), "contains JavaScript"),
        (pdfs.pdf_with_launch_action(), "contains a launch action"),
        (pdfs.pdf_with_embedded_file(), "contains an embedded file"),
        (b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "cannot be opened as a PDF"),
    ],
    ids=[
        "html-named-pdf",
        "too-large",
        "empty",
        "html-polyglot",
        "pdf-then-html",
        "javascript",
        "launch-action",
        "embedded-file",
        "only-the-first-bytes",
    ],
)
def test_an_attachment_that_is_not_a_small_pdf_is_refused_and_nothing_saved(
    setup: SimpleNamespace, media_root: Any, content: bytes, message: str
) -> None:
    upload = SimpleUploadedFile("report.pdf", content, content_type="application/pdf")
    with pytest.raises(ValidationError, match=message):
        services.report_submit(review=setup.review, member=setup.chair, text="The Panel's report.", attachment=upload)
    assert not PanelReport.objects.exists()
    assert not media_root.exists() or not list(media_root.rglob("*.pdf"))
    assert _step(setup.plan, StatutoryStep.PANEL_REPORT) is None


# ---------------------------------------------------------------- responses and publication


@pytest.fixture
def closed(setup: SimpleNamespace) -> SimpleNamespace:
    setup.first = RecommendationFactory(review=setup.review, author=setup.chair)
    setup.second = RecommendationFactory(review=setup.review, author=setup.member)
    close(setup.review)
    return setup


def test_a_response_before_the_deadline_is_refused(setup: SimpleNamespace) -> None:
    recommendation = RecommendationFactory(review=setup.review, author=setup.chair)
    with pytest.raises(services.ReviewStillOpenError):
        services.response_record(recommendation=recommendation, outcome="accepted", by=setup.users["staff"])
    assert not PccResponse.objects.exists()


@pytest.mark.parametrize("outcome", ["accepted_in_part", "not_accepted"])
def test_a_response_not_fully_accepting_needs_reasons(closed: SimpleNamespace, outcome: str) -> None:
    with pytest.raises(ValidationError, match="Give the reasons"):
        services.response_record(recommendation=closed.first, outcome=outcome, reasons=" ", by=closed.users["staff"])
    assert not PccResponse.objects.exists()


def test_a_response_links_to_the_part_that_changed_in_a_later_version(closed: SimpleNamespace) -> None:
    choices = services.change_choices(closed.review)
    titles = {(version.label, kind, title) for version, kind, _, title in choices}
    first_section = PlanContent.from_json(closed.v2.content).sections[0]
    first_objective = PlanContent.from_json(closed.v2.content).objectives[0]
    assert titles == {("V2", "section", first_section.title), ("V2", "objective", first_objective.title)}
    response = services.response_record(
        recommendation=closed.first,
        outcome="accepted",
        changed_version=closed.v2,
        changed_kind="section",
        changed_uid=first_section.uid,
        by=closed.users["staff"],
    )
    assert response.changed_title == first_section.title
    unchanged = PlanContent.from_json(closed.v2.content).sections[1].uid
    with pytest.raises(ValidationError, match="changed in a later version"):
        services.response_record(
            recommendation=closed.second,
            outcome="accepted",
            changed_version=closed.v2,
            changed_kind="section",
            changed_uid=unchanged,
            by=closed.users["staff"],
        )
    with pytest.raises(ValidationError, match="changed in a later version"):
        services.response_record(
            recommendation=closed.second,
            outcome="accepted",
            changed_version=closed.v1,
            changed_kind="section",
            changed_uid=first_section.uid,
            by=closed.users["staff"],
        )


def test_publishing_records_the_steps_and_freezes_the_responses(closed: SimpleNamespace) -> None:
    staff, publisher = closed.users["staff"], closed.users["publisher"]
    services.response_record(recommendation=closed.first, outcome="accepted", by=staff)
    publication = services.response_publish(review=closed.review, by=publisher)
    published_step = _step(closed.plan, StatutoryStep.PUBLISH_RESPONSE)
    assert published_step.evidence_url == f"/panel/responses/{closed.review.pk}/"
    assert published_step.completed_by == publisher
    # One recommendation still has no response: the Panel has not had a response to each.
    assert _step(closed.plan, StatutoryStep.RESPOND_TO_PANEL) is None
    with pytest.raises(services.AlreadyPublishedError):
        services.response_record(recommendation=closed.first, outcome="not_accepted", reasons="Changed mind", by=staff)
    services.response_record(recommendation=closed.second, outcome="not_accepted", reasons="Targets mislead.", by=staff)
    responded = _step(closed.plan, StatutoryStep.RESPOND_TO_PANEL)
    assert responded is not None and responded.evidence_url == publication.get_absolute_url()
    with pytest.raises(services.AlreadyPublishedError):
        services.response_publish(review=closed.review, by=publisher)


def test_publishing_when_every_recommendation_is_answered_records_both_steps(closed: SimpleNamespace) -> None:
    withdrawn = RecommendationFactory(review=closed.review, author=closed.member, withdrawn_at=timezone.now())
    for recommendation in (closed.first, closed.second):
        services.response_record(recommendation=recommendation, outcome="accepted", by=closed.users["staff"])
    with pytest.raises(ValidationError, match="withdrawn"):
        services.response_record(recommendation=withdrawn, outcome="accepted", by=closed.users["staff"])
    services.response_publish(review=closed.review, by=closed.users["publisher"])
    assert _step(closed.plan, StatutoryStep.PUBLISH_RESPONSE) is not None
    assert _step(closed.plan, StatutoryStep.RESPOND_TO_PANEL) is not None


def test_publishing_while_the_panel_can_still_recommend_is_refused(setup: SimpleNamespace) -> None:
    with pytest.raises(services.ReviewStillOpenError):
        services.response_publish(review=setup.review, by=setup.users["publisher"])
    assert not hasattr(PanelReview.objects.get(pk=setup.review.pk), "publication")


# ---------------------------------------------------------------- the Chief Constable


def test_the_chief_constables_comments_record_the_consultation_once_per_version(setup: SimpleNamespace) -> None:
    force = setup.users["force"]
    services.chief_constable_comment_record(
        version=setup.v1, text="Supports the priorities.", recorded_on=timezone.localdate(), by=force
    )
    services.chief_constable_comment_record(
        version=setup.v1, text="A further point on resources.", recorded_on=timezone.localdate(), by=force
    )
    steps = Milestone.objects.filter(plan=setup.plan, statutory_step=StatutoryStep.CONSULT_CHIEF_CONSTABLE)
    assert steps.count() == 1
    assert steps.get().completed_by == force
    assert ChiefConstableComment.objects.filter(version=setup.v1).count() == 2


def test_comments_dated_in_the_future_or_empty_are_refused(setup: SimpleNamespace) -> None:
    force = setup.users["force"]
    with pytest.raises(ValidationError, match="today or in the past"):
        services.chief_constable_comment_record(
            version=setup.v1, text="Supports.", recorded_on=timezone.localdate() + datetime.timedelta(days=1), by=force
        )
    with pytest.raises(ValidationError, match="Enter the Chief Constable's comments"):
        services.chief_constable_comment_record(version=setup.v1, text="", recorded_on=timezone.localdate(), by=force)
    assert not ChiefConstableComment.objects.exists()
