"""Every Panel page runs a fixed number of queries however many recommendations there are:
each page is counted with a handful of recommendations, then with sixty, and must run the
same queries (and no more than a pinned ceiling) both times."""

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from panel.models import PanelReport, ResponsePublication
from panel.services import chief_constable_comment_record
from panel.tests.factories import PanelMemberFactory, PanelReviewFactory, PccResponseFactory, RecommendationFactory
from plans.snapshot import PlanContent

# The most queries any Panel page may run (session, user, roles, area and the page's own).
CEILING = 12


def _grow(s: SimpleNamespace, count: int) -> None:
    """Add recommendations from six members until there are `count`, answering every other
    one, and every fourth with a change in V2."""
    content = PlanContent.from_json(s.v1.content)
    changed_section = content.sections[0]
    changed_objective = content.objectives[0]
    members = s.members
    existing = s.review.recommendations.count()
    for i in range(existing, count):
        section = content.sections[i % len(content.sections)]
        recommendation = RecommendationFactory(
            review=s.review,
            author=members[i % len(members)],
            target="section",
            target_uid=section.uid,
            target_title=section.title,
            withdrawn_at=timezone.now() if i % 10 == 9 else None,
        )
        if i % 2 == 0 and recommendation.withdrawn_at is None:
            change = {}
            if i % 4 == 0:
                part = changed_section if i % 8 == 0 else changed_objective
                kind = "section" if i % 8 == 0 else "objective"
                change = {
                    "changed_version": s.v2,
                    "changed_kind": kind,
                    "changed_uid": part.uid,
                    "changed_title": part.title,
                }
            PccResponseFactory(
                recommendation=recommendation,
                outcome="accepted" if change else "not_accepted",
                reasons="" if change else "Targets risk perverse incentives.",
                recorded_by=s.users["staff"],
                **change,
            )


@pytest.fixture
def big(setup: SimpleNamespace) -> SimpleNamespace:
    setup.members = [setup.chair, setup.member] + [PanelMemberFactory(panel=setup.panel) for _ in range(4)]
    now = timezone.now()
    type(setup.review).objects.filter(pk=setup.review.pk).update(
        issued_at=now - datetime.timedelta(days=30), comments_deadline=now - datetime.timedelta(days=20)
    )
    setup.review.refresh_from_db()
    setup.v2_review = PanelReviewFactory(panel=setup.panel, version=setup.v2, issued_by=setup.users["staff"])
    PanelReport.objects.create(
        review=setup.review,
        submitted_by=setup.chair,
        text="The Panel welcomes the draft.",
        submitted_at=now,
        updated_at=now,
    )
    chief_constable_comment_record(
        version=setup.v1, text="Supports the priorities.", recorded_on=timezone.localdate(), by=setup.users["force"]
    )
    return setup


def _pages(s: SimpleNamespace) -> list[tuple[str, str]]:
    review, rec = s.review, s.review.recommendations.order_by("number").first()
    mine = s.v2_review.recommendations.filter(author=s.chair).first()
    return [
        ("staff", reverse("panel:review_list")),
        ("staff", reverse("panel:review_detail", kwargs={"review_id": review.pk})),
        ("panel", reverse("panel:review_detail", kwargs={"review_id": review.pk})),
        ("panel", reverse("panel:review_version", kwargs={"review_id": review.pk})),
        ("panel", reverse("panel:review_compare", kwargs={"review_id": s.v2_review.pk})),
        ("staff", reverse("panel:collated", kwargs={"review_id": review.pk})),
        ("panel", reverse("panel:collated", kwargs={"review_id": review.pk})),
        ("staff", reverse("panel:collated_csv", kwargs={"review_id": review.pk})),
        ("staff", reverse("panel:response_record", kwargs={"recommendation_id": rec.pk})),
        ("publisher", reverse("panel:response_publish", kwargs={"review_id": review.pk})),
        ("panel", reverse("panel:recommendation_create", kwargs={"review_id": s.v2_review.pk})),
        ("panel", reverse("panel:recommendation_edit", kwargs={"recommendation_id": mine.pk})),
        ("panel", reverse("panel:report_submit", kwargs={"review_id": review.pk})),
        ("force", reverse("panel:cc_version_list")),
        ("staff", reverse("panel:cc_version_detail", kwargs={"version_id": s.v1.pk})),
    ]


def _public_pages(s: SimpleNamespace) -> list[tuple[str, str]]:
    return [
        ("anonymous", reverse("panel:published_list")),
        ("anonymous", reverse("panel:published_detail", kwargs={"review_id": s.review.pk})),
        ("panel", reverse("panel:collated", kwargs={"review_id": s.review.pk})),
    ]


def _count(client: Any, s: SimpleNamespace, pages: list[tuple[str, str]]) -> dict[str, int]:
    counts = {}
    for who, url in pages:
        client.logout()
        if who != "anonymous":
            client.force_login(s.users[who])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (who, url, response.status_code)
        counts[f"{who} {url}"] = len(queries)
    return counts


def test_panel_pages_run_a_fixed_number_of_queries(
    client: Any, big: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    RecommendationFactory(review=big.v2_review, author=big.chair)
    _grow(big, 6)
    few = _count(client, big, _pages(big))
    _grow(big, 60)
    assert big.review.recommendations.count() == 60
    many = _count(client, big, _pages(big))
    assert many == few
    for who, url in _pages(big):
        client.logout()
        client.force_login(big.users[who])
        with django_assert_max_num_queries(CEILING):
            client.get(url)


def test_published_pages_run_a_fixed_number_of_queries(
    client: Any, big: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    ResponsePublication.objects.create(
        review=big.review, published_at=timezone.now(), published_by=big.users["publisher"]
    )
    _grow(big, 6)
    few = _count(client, big, _public_pages(big))
    _grow(big, 60)
    many = _count(client, big, _public_pages(big))
    assert many == few
    for who, url in _public_pages(big):
        client.logout()
        if who != "anonymous":
            client.force_login(big.users[who])
        with django_assert_max_num_queries(CEILING):
            client.get(url)
