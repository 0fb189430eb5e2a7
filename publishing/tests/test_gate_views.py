"""The compliance page and the Publisher's publish page."""

import re
from html import unescape
from typing import Any

import pytest
from django.urls import reverse

from panel.tests.factories import RecommendationFactory
from plans.models import Plan
from plans.tests.factories import PoliceAreaFactory, plan_with_content
from publishing.models import Publication
from publishing.tests.factories import statute_met

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _compliance(plan: Any, query: str = "") -> str:
    return reverse("publishing:compliance", kwargs={"plan_id": plan.pk}) + query


def _publish_url(version: Any) -> str:
    return reverse("publishing:publish", kwargs={"plan_id": version.plan_id, "number": version.number})


def test_the_compliance_page_shows_every_requirement_in_words_with_its_evidence(
    staff_client: Any, area: Any, role_users: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    version = statute_met(area=area, users=role_users, chief_constable=False)
    review = version.panel_reviews.get()
    for _ in range(20):  # many recommendations, each read with its author and response
        RecommendationFactory(review=review, author=review.recommendations.first().author)
    # +1 since two-factor sign-in: the device that verified the session, read once a request;
    # +2 for the priorities and their measures behind s7(1)(e); +1 for the consultation's
    # outcome report behind s14; +1 for whether every priority has its Easy Read version
    # (which documents the version has).
    with django_assert_max_num_queries(27):
        response = staff_client.get(_compliance(version.plan))
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "Checked for V1" in text
    assert "2 of the 15 requirements that apply are not met." in text
    assert text.count(" Met ") == 13 and text.count(" Not met ") == 2
    assert "10. The Chief Constable was consulted on the draft" in text
    assert "Ask the Force liaison to record the Chief Constable's comments on a draft version." in text
    # Evidence: a link to the record, its date and the person.
    html = response.content.decode()
    assert f'href="/panel/reviews/{version.panel_reviews.get().pk}/"' in html
    assert role_users["staff"].get_full_name() in text
    assert "Documents of V1: all 14 rendered." in text
    assert "Only the Publisher can publish a version." in text


def test_the_compliance_page_of_a_plan_with_no_version_reads_the_working_draft(
    client: Any, role_users: dict[str, Any], area: Any
) -> None:
    plan = plan_with_content(area=area)
    client.force_login(role_users["publisher"])
    text = _text(client.get(_compliance(plan)).content.decode())
    assert "No version has been cut yet, so what the plan sets out is read from the working draft." in text
    assert "Cut V1 of the plan when the draft is ready to circulate" in text
    assert "Publish V" not in text
    assert client.get(_compliance(plan, "?version=7")).status_code == 404
    assert client.get(_compliance(plan, "?version=x")).status_code == 404


def test_another_areas_plan_is_refused(staff_client: Any) -> None:
    other_area_plan = plan_with_content(area=PoliceAreaFactory())
    assert staff_client.get(_compliance(other_area_plan)).status_code == 403


def test_the_publish_page_lists_what_is_missing_and_a_refused_post_changes_nothing(
    publisher_client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    version = statute_met(area=area, users=role_users, chief_constable=False)
    page = publisher_client.get(_publish_url(version)).content.decode()
    text = _text(page)
    assert "V1 cannot be published yet" in text
    assert "The Chief Constable was consulted on the draft (PRSR Act 2011 s5(6)(a), s5(8))" in text
    assert 'type="submit"' not in page.split('id="main-content"')[1]

    response = publisher_client.post(_publish_url(version))
    assert response.status_code == 409
    text = _text(response.content.decode())
    assert "<title>Error: Publish V1" in response.content.decode()
    assert "V1 was not published" in text and "Ask the Force liaison" in text
    assert not Publication.objects.exists()


def test_the_publisher_publishes_from_the_page_and_lands_on_the_public_page(
    publisher_client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    version = statute_met(area=area, users=role_users)
    page = publisher_client.get(_publish_url(version)).content.decode()
    assert "Every statutory requirement is met" in page and "Publish V1</button>" in page
    response = publisher_client.post(_publish_url(version), follow=True)
    plan = version.plan
    assert response.redirect_chain[-1][0] == f"/published/{plan.area.slug}/{plan.slug}/"
    assert "V1 of the Police and Crime Plan 2016-21 is published." in _text(response.content.decode())
    assert Publication.objects.get().version == version
    # Asking again is harmless: the page says when it was published.
    again = publisher_client.get(_publish_url(version))
    assert again.status_code == 302 and again["Location"] == f"/published/{plan.area.slug}/{plan.slug}/"


def test_a_late_plan_needs_the_publishers_acknowledgement(
    publisher_client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    version = statute_met(area=area, users=role_users)
    Plan.objects.filter(pk=version.plan_id).update(pcc_elected_on="2016-05-05")
    page = publisher_client.get(_publish_url(version)).content.decode()
    assert "This new plan is late: it was due by 31 March 2017." in page
    response = publisher_client.post(_publish_url(version))
    assert response.status_code == 200
    assert "Confirm that you understand the plan is issued after its deadline of 31 March 2017" in _text(
        response.content.decode()
    )
    assert not Publication.objects.exists()
    publisher_client.post(_publish_url(version), {"acknowledge_late": "on"})
    assert Publication.objects.get().issued_late


def test_staff_cannot_publish(staff_client: Any, area: Any, role_users: dict[str, Any]) -> None:
    version = statute_met(area=area, users=role_users)
    assert staff_client.post(_publish_url(version)).status_code == 403
    assert not Publication.objects.exists()


def test_the_plans_pages_link_to_compliance_and_to_each_versions_documents(
    staff_client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    version = statute_met(area=area, users=role_users)
    plan_page = staff_client.get(reverse("plans:plan_detail", kwargs={"plan_id": version.plan_id})).content.decode()
    assert f'href="{_compliance(version.plan)}"' in plan_page
    documents = reverse("publishing:version_documents", kwargs={"plan_id": version.plan_id, "number": 1})
    assert f'href="{documents}"' in plan_page
    version_page = staff_client.get(version.get_absolute_url()).content.decode()
    assert f'href="{documents}"' in version_page


def test_a_plan_is_published_only_by_publishing_a_version(
    staff_client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    plan = plan_with_content(area=area)
    edit = reverse("plans:plan_edit", kwargs={"plan_id": plan.pk})
    page = staff_client.get(edit).content.decode()
    assert 'value="published"' not in page
    response = staff_client.post(
        edit,
        {
            "title": plan.title,
            "starts_on_0": "5",
            "starts_on_1": "5",
            "starts_on_2": "2016",
            "ends_on_0": "31",
            "ends_on_1": "3",
            "ends_on_2": "2021",
            "stage": "published",
            "pcc_name": plan.pcc_name,
            "vision": plan.vision,
        },
    )
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.stage != Plan.Stage.PUBLISHED


def test_a_published_versions_documents_page_renders_nothing_more(
    publisher_client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    from publishing import services

    version = statute_met(area=area, users=role_users)
    services.plan_publish(version=version, by=role_users["publisher"], notify=False)
    kwargs = {"plan_id": version.plan_id, "number": version.number}
    page = _text(publisher_client.get(reverse("publishing:version_documents", kwargs=kwargs)).content.decode())
    assert "V1 is published: its documents are frozen" in page and "Render all documents" not in page
    response = publisher_client.post(reverse("publishing:render_all", kwargs=kwargs), follow=True)
    assert "V1 is published: its documents are frozen and are not rendered again." in _text(response.content.decode())
