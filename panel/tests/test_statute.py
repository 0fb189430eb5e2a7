"""The Panel's evidence for the publish gate: each requirement, unmet and then met, with the
record behind it."""

import datetime
from types import SimpleNamespace
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from panel import services, statute
from panel.models import PanelReview
from panel.tests.conftest import close
from panel.tests.factories import PanelReviewFactory, PccResponseFactory, RecommendationFactory
from plans.tests.factories import plan_with_content


def test_nothing_is_met_for_a_plan_never_sent_to_the_panel(area: Any) -> None:
    plan = plan_with_content(area=area)
    for check in (
        statute.chief_constable_consulted,
        statute.draft_sent_to_panel,
        statute.panel_recommendations_answered,
        statute.panel_response_published,
    ):
        evidence = check(plan)
        assert not evidence.met
        assert evidence.missing, check.__name__


def test_the_chief_constable_consulted_names_the_version_date_and_person(setup: SimpleNamespace) -> None:
    services.chief_constable_comment_record(
        version=setup.v1,
        text="Supports the priorities.",
        recorded_on=datetime.date(2016, 7, 29),
        by=setup.users["force"],
    )
    evidence = statute.chief_constable_consulted(setup.plan)
    assert evidence.met
    assert evidence.on == datetime.date(2016, 7, 29)
    assert evidence.by == setup.users["force"].get_full_name()
    assert evidence.url == f"/panel/chief-constable/versions/{setup.v1.pk}/"
    assert "V1" in evidence.summary


def test_the_draft_sent_to_the_panel(setup: SimpleNamespace) -> None:
    evidence = statute.draft_sent_to_panel(setup.plan)
    assert evidence.met
    assert evidence.url == f"/panel/reviews/{setup.review.pk}/"
    assert evidence.on == timezone.localdate(setup.review.issued_at)
    assert evidence.by == setup.users["staff"].get_full_name()


def test_recommendations_answered_lists_each_unanswered_one_by_member(setup: SimpleNamespace) -> None:
    first = RecommendationFactory(review=setup.review, author=setup.chair, text="Publish scrutiny findings quarterly.")
    RecommendationFactory(review=setup.review, author=setup.member, text="Protect rural neighbourhood policing.")
    RecommendationFactory(
        review=setup.review, author=setup.member, text="A withdrawn one.", withdrawn_at=timezone.now()
    )
    close(setup.review)
    PccResponseFactory(recommendation=first, recorded_by=setup.users["staff"])
    evidence = statute.panel_recommendations_answered(setup.plan)
    assert not evidence.met
    assert len(evidence.missing) == 1
    assert setup.member.display_name in evidence.missing[0]
    assert "Protect rural neighbourhood policing." in evidence.missing[0]
    assert "recommendation 2" in evidence.missing[0]


def test_recommendations_answered_when_each_has_a_response(setup: SimpleNamespace) -> None:
    recommendation = RecommendationFactory(review=setup.review, author=setup.chair)
    close(setup.review)
    response = PccResponseFactory(recommendation=recommendation, recorded_by=setup.users["publisher"])
    evidence = statute.panel_recommendations_answered(setup.plan)
    assert evidence.met
    assert evidence.on == timezone.localdate(response.recorded_at)
    assert evidence.by == setup.users["publisher"].get_full_name()


def test_no_recommendations_count_only_once_the_deadline_has_passed(setup: SimpleNamespace) -> None:
    evidence = statute.panel_recommendations_answered(setup.plan)
    assert not evidence.met
    assert "until" in evidence.missing[0]
    close(setup.review)
    evidence = statute.panel_recommendations_answered(setup.plan)
    assert evidence.met
    assert "made no recommendations" in evidence.summary


def test_every_review_counts_not_only_the_latest(setup: SimpleNamespace) -> None:
    RecommendationFactory(review=setup.review, author=setup.chair, text="On V1, never answered.")
    close(setup.review)
    v2_review = PanelReviewFactory(
        panel=setup.panel,
        version=setup.v2,
        issued_by=setup.users["staff"],
        issued_at=timezone.now() - datetime.timedelta(days=5),
        comments_deadline=timezone.now() - datetime.timedelta(days=1),
    )
    answered = RecommendationFactory(review=v2_review, author=setup.chair)
    PccResponseFactory(recommendation=answered)
    evidence = statute.panel_recommendations_answered(setup.plan)
    assert not evidence.met
    assert evidence.missing[0].startswith("V1, recommendation 1")


def test_the_response_published(setup: SimpleNamespace) -> None:
    recommendation = RecommendationFactory(review=setup.review, author=setup.chair)
    close(setup.review)
    evidence = statute.panel_response_published(setup.plan)
    assert not evidence.met
    assert "Publish the response to the Panel's review of V1." in evidence.missing
    services.response_record(recommendation=recommendation, outcome="accepted", by=setup.users["staff"])
    publication = services.response_publish(review=setup.review, by=setup.users["publisher"])
    evidence = statute.panel_response_published(setup.plan)
    assert evidence.met
    assert evidence.url == f"/panel/responses/{setup.review.pk}/"
    assert evidence.on == timezone.localdate(publication.published_at)
    assert evidence.by == setup.users["publisher"].get_full_name()
    assert PanelReview.objects.get(pk=setup.review.pk).publication == publication


def test_the_statute_checks_take_a_fixed_number_of_queries(
    setup: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    for _ in range(40):
        RecommendationFactory(review=setup.review, author=setup.member)
    close(setup.review)
    with django_assert_max_num_queries(4):
        statute.panel_recommendations_answered(setup.plan)
    with django_assert_max_num_queries(4):
        statute.panel_response_published(setup.plan)


def test_an_open_review_is_not_answered_even_when_each_recommendation_is(setup: SimpleNamespace) -> None:
    """The Panel can still add recommendations until its deadline (the services refuse a
    response before then; this guards the gate whatever the records say)."""
    recommendation = RecommendationFactory(review=setup.review, author=setup.chair)
    PccResponseFactory(recommendation=recommendation, recorded_by=setup.users["staff"])
    evidence = statute.panel_recommendations_answered(setup.plan)
    assert not evidence.met
    deadline = date_format(timezone.localtime(setup.review.comments_deadline), "j F Y")
    assert evidence.missing == (f"The Panel can make recommendations on V1 until {deadline}.",)
