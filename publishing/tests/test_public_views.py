"""The public site of published plans; nothing unpublished is ever public. And the Panel's
download of the issued draft as a PDF."""

import hashlib
import re
from html import unescape
from typing import Any

import pytest
from django.urls import reverse

from consultation.tests.factories import ConsultationFactory
from panel.models import PanelReview
from panel.tests.factories import PanelMemberFactory
from pcplan.roles import Role
from plans.models import Plan
from plans.services import version_cut
from publishing import services
from publishing.models import RenderJob
from publishing.tests.factories import FAKE_PDF, RenderJobFactory, statute_met

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def published(area: Any, role_users: dict[str, Any]) -> Any:
    version = statute_met(area=area, users=role_users)
    return services.plan_publish(version=version, by=role_users["publisher"], notify=False)


def _plan_url(plan: Any) -> str:
    return reverse("publishing:published_plan", kwargs={"area_slug": plan.area.slug, "plan_slug": plan.slug})


def _doc_url(version: Any, name: str, **kwargs: Any) -> str:
    plan = version.plan
    return reverse(
        f"publishing:{name}",
        kwargs={"area_slug": plan.area.slug, "plan_slug": plan.slug, "number": version.number, **kwargs},
    )


def test_the_public_plan_page_lists_every_document_with_pages_size_and_checksum(
    client: Any, published: Any, django_assert_max_num_queries: Any
) -> None:
    plan = published.version.plan
    with django_assert_max_num_queries(8):
        response = client.get(_plan_url(plan))
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert "Police and Crime Plan 2016-21" in text and "version 1" in text
    for job in published.documents.all():
        assert job.sha256 in html
        assert f'href="{_doc_url(published.version, "published_file", document=job.published_key)}"' in html
    assert text.count(" 3 ") >= 11  # each stand-in PDF has three pages
    assert f'href="{_doc_url(published.version, "published_document", format="full")}"' in html
    assert f'href="{_doc_url(published.version, "published_district", district="bristol")}"' in html
    review = PanelReview.objects.get(version=published.version)
    assert f'href="/panel/responses/{review.pk}/"' in html
    assert f'href="/performance/{plan.area.slug}/{plan.slug}/"' in html


def test_a_published_pdf_is_served_as_frozen_with_its_checksum(client: Any, published: Any) -> None:
    response = client.get(_doc_url(published.version, "published_file", document="full-plan"))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == FAKE_PDF
    assert response["ETag"] == f'"{hashlib.sha256(FAKE_PDF).hexdigest()}"'
    assert response["Content-Type"] == "application/pdf"
    assert "police-and-crime-plan-2016-21" in response["Content-Disposition"]
    assert client.get(_doc_url(published.version, "published_file", document="district-nowhere")).status_code == 404


def test_the_full_plan_is_a_web_page_with_the_same_content_as_its_pdf(
    client: Any, published: Any, django_assert_max_num_queries: Any
) -> None:
    # The frozen page and its PDF's facts, and the area's brand for the band above it.
    with django_assert_max_num_queries(9):
        response = client.get(_doc_url(published.version, "published_document", format="full"))
    text = _text(response.content.decode())
    for objective in published.version.plan.objectives.all():
        assert objective.title in text
    assert "Download this document as a PDF (3 pages" in text
    bristol = client.get(_doc_url(published.version, "published_district", district="bristol"))
    assert "Objectives for Bristol" in _text(bristol.content.decode())
    assert client.get(_doc_url(published.version, "published_document", format="district")).status_code == 404


def test_nothing_unpublished_is_ever_public(client: Any, published: Any, area: Any, role_users: dict[str, Any]) -> None:
    plan = published.version.plan
    # A later version, cut and rendered but not published, is not on the public site.
    section = plan.sections.order_by("order").first()
    section.body = "<p>A sentence of the unpublished draft V2.</p>"
    section.save()
    v2 = version_cut(plan=plan, by=role_users["staff"])
    RenderJobFactory.done(version=v2, format=RenderJob.Format.FULL)
    for name, kwargs in (
        ("published_document", {"format": "full"}),
        ("published_district", {"district": "bristol"}),
        ("published_file", {"document": "full-plan"}),
    ):
        assert client.get(_doc_url(v2, name, **kwargs)).status_code == 404
    assert "A sentence of the unpublished draft V2" not in client.get(_plan_url(plan)).content.decode()

    # A plan with no published version is nowhere: not even one marked "Published" by hand.
    draft = statute_met(area=area, users=role_users, title="Police and Crime Plan 2021-25")
    Plan.objects.filter(pk=draft.plan_id).update(stage=Plan.Stage.PUBLISHED)
    assert client.get(_plan_url(draft.plan)).status_code == 404
    assert client.get(_doc_url(draft, "published_document", format="full")).status_code == 404
    assert client.get(_doc_url(draft, "published_file", document="full-plan")).status_code == 404
    listing = _text(client.get(reverse("publishing:published_list")).content.decode())
    assert "Police and Crime Plan 2016-21" in listing and "Police and Crime Plan 2021-25" not in listing


def test_the_home_page_lists_published_plans_and_open_consultations(
    client: Any, published: Any, django_assert_max_num_queries: Any
) -> None:
    ConsultationFactory(version=published.version, title="Have your say on the revised draft plan (V2)")
    with django_assert_max_num_queries(8):
        html = client.get(reverse("home")).content.decode()
    text = _text(html)
    assert f'href="{_plan_url(published.version.plan)}"' in html
    assert "Avon and Somerset: Police and Crime Plan 2016-21" in text
    assert "Have your say on the revised draft plan (V2) : open until" in text
    assert 'href="/published/"' in html  # "Published plans" in everyone's menu


def test_panel_members_download_the_issued_drafts_full_plan_once_rendered(
    client: Any, area: Any, role_users: dict[str, Any], make_user: Any
) -> None:
    version = statute_met(area=area, users=role_users, render=False)
    review = PanelReview.objects.get(version=version)
    url = reverse("publishing:review_full_plan", kwargs={"review_id": review.pk})
    client.force_login(role_users["panel"])
    page = client.get(review.get_absolute_url()).content.decode()
    assert url not in page
    assert client.get(url).status_code == 404

    job = RenderJobFactory.done(version=version, format=RenderJob.Format.FULL)
    page = client.get(review.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page and "Download V1 as a PDF" in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == FAKE_PDF
    assert response["Cache-Control"] == "private, no-store"
    assert job.download_name in response["Content-Disposition"]

    # A member of another area's Panel may not.
    from panel.tests.factories import PanelFactory
    from plans.tests.factories import PoliceAreaFactory

    outsider = make_user("cllr_elsewhere", Role.PANEL, user_area=PoliceAreaFactory())
    PanelMemberFactory(panel=PanelFactory(area=outsider.area_membership.area), user=outsider)
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_a_changed_plan_lists_its_earlier_versions_files_too(
    client: Any, published: Any, role_users: dict[str, Any]
) -> None:
    from django.utils import timezone

    from publishing.models import Publication
    from publishing.tests.factories import render_all_done

    plan = published.version.plan
    section = plan.sections.order_by("order").first()
    section.body = "<p>The Commissioner will publish her scrutiny panels' findings every quarter.</p>"
    section.save()
    v2 = version_cut(plan=plan, by=role_users["staff"])
    jobs = render_all_done(v2)
    RenderJob.objects.filter(pk__in=[j.pk for j in jobs]).update(frozen=True, frozen_at=timezone.now())
    Publication.objects.create(
        version=v2, published_at=timezone.now(), published_by=role_users["publisher"]
    ).documents.set(jobs)
    html = client.get(_plan_url(plan)).content.decode()
    text = _text(html)
    assert "(version 2), replacing the version published on" in text
    assert "Earlier versions" in text and "Version 1, published" in text and "Version 2, published" in text
    for version in (published.version, v2):
        assert f'href="{_doc_url(version, "published_file", document="full-plan")}"' in html
    assert client.get(_doc_url(published.version, "published_file", document="summary")).status_code == 200
