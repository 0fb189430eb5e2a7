"""A Panel member's pages: the drafts issued to them, their own recommendations, the report."""

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from panel.models import PanelMember, PanelReport, Recommendation
from panel.tests.conftest import close
from panel.tests.factories import PanelMemberFactory, PanelReviewFactory, RecommendationFactory
from pcplan.roles import Role
from pcplan.tests.pdfs import plain_pdf
from plans.snapshot import PlanContent
from plans.tests.factories import PoliceAreaFactory, plan_with_content

PDF = plain_pdf()


def _url(name: str, **kwargs: Any) -> str:
    return reverse(f"panel:{name}", kwargs=kwargs)


@pytest.fixture
def chair_client(client: Any, setup: SimpleNamespace) -> Any:
    client.force_login(setup.chair.user)
    return client


def test_a_member_sees_the_reviews_issued_to_their_panel_in_the_menu(chair_client: Any, setup: SimpleNamespace) -> None:
    body = chair_client.get(_url("review_list")).content.decode()
    assert 'class="govuk-service-navigation__link" href="/panel/reviews/"' in body
    assert _url("review_detail", review_id=setup.review.pk) in body
    assert "Open for recommendations" in body


def test_a_member_reads_the_issued_version_in_full(chair_client: Any, setup: SimpleNamespace) -> None:
    content = PlanContent.from_json(setup.v1.content)
    body = chair_client.get(_url("review_version", review_id=setup.review.pk)).content.decode()
    for section in content.sections:
        assert f'id="{section.anchor}"' in body
    for objective in content.objectives:
        assert objective.title in body
    assert "Bristol Community Safety Partnership" in body
    assert body.count("<h1") == 1


def test_the_comparison_shows_what_changed_since_the_previous_issued_version(
    chair_client: Any, setup: SimpleNamespace
) -> None:
    first = chair_client.get(_url("review_compare", review_id=setup.review.pk)).content.decode()
    assert "first draft of this plan issued to the Panel" in first
    v2_review = PanelReviewFactory(panel=setup.panel, version=setup.v2, issued_by=setup.users["staff"])
    body = chair_client.get(_url("review_compare", review_id=v2_review.pk)).content.decode()
    assert "What changed between V1 and V2" in body
    assert "<ins>" in body and "Police and Crime Board" in body
    assert "Improve signposting and referral" in body


def test_a_member_of_another_areas_panel_cannot_read_the_review(client: Any, setup: SimpleNamespace) -> None:
    other_area = PoliceAreaFactory()
    outsider = PanelMemberFactory(panel__area=other_area)
    client.force_login(outsider.user)
    assert client.get(_url("review_detail", review_id=setup.review.pk)).status_code == 403
    assert client.get(_url("review_version", review_id=setup.review.pk)).status_code == 403
    assert setup.review.version.plan.title not in client.get(_url("review_list")).content.decode()
    # A plan of the other area, issued to its own Panel, is theirs to read.
    plan = plan_with_content(area=other_area)
    from plans.services import version_cut

    review = PanelReviewFactory(panel=outsider.panel, version=version_cut(plan=plan, by=outsider.user))
    assert client.get(_url("review_detail", review_id=review.pk)).status_code == 200


def test_a_panel_role_without_membership_is_refused(client: Any, setup: SimpleNamespace, make_user: Any) -> None:
    client.force_login(make_user("not_a_member", Role.PANEL))
    assert client.get(_url("review_detail", review_id=setup.review.pk)).status_code == 403


def test_a_member_starts_a_recommendation_from_the_part_they_are_reading(
    chair_client: Any, setup: SimpleNamespace
) -> None:
    objective = PlanContent.from_json(setup.v1.content).objectives[0]
    about = f"objective:{objective.uid}"
    page = chair_client.get(_url("review_version", review_id=setup.review.pk)).content.decode()
    assert f"?about={about}" in page
    form = chair_client.get(_url("recommendation_create", review_id=setup.review.pk) + f"?about={about}")
    assert f'value="{about}" selected' in form.content.decode()
    close(setup.review)
    assert "?about=" not in chair_client.get(_url("review_version", review_id=setup.review.pk)).content.decode()


def test_a_member_submits_a_recommendation_on_a_section(chair_client: Any, setup: SimpleNamespace) -> None:
    section = PlanContent.from_json(setup.v1.content).sections[1]
    form = chair_client.get(_url("recommendation_create", review_id=setup.review.pk)).content.decode()
    assert f'value="section:{section.uid}"' in form
    assert 'label="Priorities"' in form
    response = chair_client.post(
        _url("recommendation_create", review_id=setup.review.pk),
        {"target": f"section:{section.uid}", "text": "Publish the scrutiny panels' findings every quarter."},
        follow=True,
    )
    body = response.content.decode()
    assert "Recommendation 1 saved" in body
    assert f"Section: {section.title}" in body
    recommendation = Recommendation.objects.get()
    assert (recommendation.author, recommendation.target_uid) == (setup.chair, section.uid)


def test_an_empty_recommendation_shows_the_error_and_keeps_the_choice(
    chair_client: Any, setup: SimpleNamespace
) -> None:
    section = PlanContent.from_json(setup.v1.content).sections[0]
    response = chair_client.post(
        _url("recommendation_create", review_id=setup.review.pk), {"target": f"section:{section.uid}", "text": "   "}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Make a recommendation" in body
    assert "There is a problem" in body and "Enter your recommendation" in body
    assert f'value="section:{section.uid}" selected' in body
    assert not Recommendation.objects.exists()


def test_after_the_deadline_the_form_says_it_has_closed_and_refuses_posts(
    chair_client: Any, setup: SimpleNamespace
) -> None:
    close(setup.review)
    page = chair_client.get(_url("recommendation_create", review_id=setup.review.pk))
    assert page.status_code == 200
    assert "Recommendations have closed" in page.content.decode()
    assert "<textarea" not in page.content.decode()
    response = chair_client.post(
        _url("recommendation_create", review_id=setup.review.pk), {"target": "plan", "text": "Sent too late."}
    )
    assert response.status_code == 403
    assert "Recommendations have closed" in response.content.decode()
    assert not Recommendation.objects.exists()


def test_a_member_edits_and_withdraws_their_own(client: Any, setup: SimpleNamespace) -> None:
    mine = RecommendationFactory(review=setup.review, author=setup.member, text="First thoughts.")
    client.force_login(setup.member.user)
    edit = client.get(_url("recommendation_edit", recommendation_id=mine.pk)).content.decode()
    assert "First thoughts." in edit
    client.post(
        _url("recommendation_edit", recommendation_id=mine.pk),
        {"target": "plan", "text": "Second thoughts.", "revision": mine.revision},
    )
    mine.refresh_from_db()
    assert mine.text == "Second thoughts."
    confirm = client.get(_url("recommendation_withdraw", recommendation_id=mine.pk)).content.decode()
    assert "Withdraw recommendation 1?" in confirm
    response = client.post(_url("recommendation_withdraw", recommendation_id=mine.pk), follow=True)
    assert "Recommendation 1 withdrawn" in response.content.decode()
    assert "(withdrawn)" in response.content.decode()
    mine.refresh_from_db()
    assert mine.is_withdrawn


def test_another_member_cannot_touch_a_recommendation(client: Any, setup: SimpleNamespace) -> None:
    mine = RecommendationFactory(review=setup.review, author=setup.chair, text="Recommendation from the chair.")
    client.force_login(setup.member.user)
    assert client.get(_url("recommendation_edit", recommendation_id=mine.pk)).status_code == 403
    post = client.post(_url("recommendation_edit", recommendation_id=mine.pk), {"target": "plan", "text": "Hijacked"})
    assert post.status_code == 403
    assert client.post(_url("recommendation_withdraw", recommendation_id=mine.pk)).status_code == 403
    assert client.get(_url("recommendation_edit", recommendation_id=mine.pk + 999)).status_code == 404
    mine.refresh_from_db()
    assert mine.text == "Recommendation from the chair." and not mine.is_withdrawn
    # They see it in the collated list, without a way to change it.
    collated = client.get(_url("collated", review_id=setup.review.pk)).content.decode()
    assert "Recommendation from the chair." in collated
    assert _url("recommendation_edit", recommendation_id=mine.pk) not in collated


def test_members_see_responses_only_once_published(client: Any, setup: SimpleNamespace) -> None:
    from panel.models import ResponsePublication
    from panel.tests.factories import PccResponseFactory

    recommendation = RecommendationFactory(review=setup.review, author=setup.chair)
    close(setup.review)
    PccResponseFactory(
        recommendation=recommendation, outcome="not_accepted", reasons="Targets risk perverse incentives."
    )
    client.force_login(setup.member.user)
    assert (
        "Targets risk perverse incentives."
        not in client.get(_url("collated", review_id=setup.review.pk)).content.decode()
    )
    ResponsePublication.objects.create(
        review=setup.review, published_at=setup.review.comments_deadline, published_by=setup.users["publisher"]
    )
    body = client.get(_url("collated", review_id=setup.review.pk)).content.decode()
    assert "Targets risk perverse incentives." in body and "Not accepted" in body


# ---------------------------------------------------------------- the report


def test_the_chair_submits_the_report_with_a_pdf_that_downloads_as_an_attachment(
    chair_client: Any, setup: SimpleNamespace, client: Any
) -> None:
    response = chair_client.post(
        _url("report_submit", review_id=setup.review.pk),
        {"text": "The Panel welcomes the draft.", "attachment": SimpleUploadedFile("Panel report.pdf", PDF)},
        follow=True,
    )
    assert "The Panel&#x27;s report has been submitted" in response.content.decode()
    download = chair_client.get(_url("report_attachment", review_id=setup.review.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert 'filename="Panel report.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF
    # Not public until the response is published.
    chair_client.logout()
    assert chair_client.get(_url("public_report_attachment", review_id=setup.review.pk)).status_code == 404


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<!doctype html><h1>Not a report</h1>", "The file must be a PDF"),
        (b"%PDF-" + b"0" * (10 * 1024 * 1024), "choose a PDF of 10.0 MB or smaller"),
    ],
    ids=["html-named-pdf", "too-large"],
)
def test_a_bad_attachment_is_refused_with_a_message_and_nothing_saved(
    chair_client: Any, setup: SimpleNamespace, content: bytes, message: str
) -> None:
    response = chair_client.post(
        _url("report_submit", review_id=setup.review.pk),
        {"text": "The Panel's report, kept.", "attachment": SimpleUploadedFile("report.pdf", content)},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "<title>Error:" in body
    assert "The Panel&#x27;s report, kept." in body
    assert not PanelReport.objects.exists()


def test_only_the_chair_can_submit_the_report(client: Any, setup: SimpleNamespace) -> None:
    client.force_login(setup.member.user)
    assert client.get(_url("report_submit", review_id=setup.review.pk)).status_code == 403
    assert client.post(_url("report_submit", review_id=setup.review.pk), {"text": "Mine"}).status_code == 403
    assert not PanelReport.objects.exists()


def test_a_vice_chair_is_not_the_chair(client: Any, setup: SimpleNamespace) -> None:
    vice = PanelMemberFactory(panel=setup.panel, role=PanelMember.Role.VICE_CHAIR)
    client.force_login(vice.user)
    assert client.get(_url("report_submit", review_id=setup.review.pk)).status_code == 403


def test_a_former_member_reads_reviews_from_their_term_but_cannot_recommend(
    client: Any, setup: SimpleNamespace
) -> None:
    issued = setup.review.issued_at.date()
    former = PanelMemberFactory(panel=setup.panel, term_ends_on=issued)
    client.force_login(former.user)
    assert client.get(_url("review_detail", review_id=setup.review.pk)).status_code == 200
    assert client.get(_url("recommendation_create", review_id=setup.review.pk)).status_code == 403
    earlier = PanelMemberFactory(panel=setup.panel, term_ends_on=issued - datetime.timedelta(days=1))
    client.force_login(earlier.user)
    assert client.get(_url("review_detail", review_id=setup.review.pk)).status_code == 403
    assert setup.plan.title not in client.get(_url("review_list")).content.decode()
