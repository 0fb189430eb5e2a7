"""The staff pages: documents of a version with their progress (JSON for the script, a
self-refresh without it), render all, retry, download, and the HTML of each document."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils.timezone import now

from plans.models import District
from plans.snapshot import PlanContent
from plans.tests.factories import PoliceAreaFactory
from publishing.models import RenderJob
from publishing.services import documents_of
from publishing.tests.factories import FAKE_PDF, RenderJobFactory, version_with_districts

pytestmark = pytest.mark.django_db

Status = RenderJob.Status


def _url(name: str, version: Any, **kwargs: Any) -> str:
    return reverse(f"publishing:{name}", kwargs={"plan_id": version.plan_id, "number": version.number, **kwargs})


REFRESH = '<noscript><meta http-equiv="refresh" content="5"></noscript>'


def _elsewhere_version(by: Any) -> Any:
    elsewhere = PoliceAreaFactory()
    District.objects.create(area=elsewhere, name="Bristol", slug="bristol")
    District.objects.create(area=elsewhere, name="Mendip", slug="mendip")
    return version_with_districts(area=elsewhere, by=by)


def test_the_index_lists_the_versions_of_the_editors_own_plans(staff_client: Any, version: Any) -> None:
    theirs = _elsewhere_version(version.cut_by)
    response = staff_client.get(reverse("publishing:document_index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert _url("version_documents", version) in page
    assert _url("version_documents", theirs) not in page


def test_the_documents_page_lists_every_document_with_its_status_in_words(
    staff_client: Any, version: Any, django_assert_max_num_queries: Any
) -> None:
    RenderJobFactory.done(version=version)
    RenderJobFactory(
        version=version, format=RenderJob.Format.SUMMARY, status=Status.FAILED, error="The render failed: boom"
    )
    bristol = District.objects.get(area=version.plan.area, slug="bristol")
    RenderJobFactory(
        version=version,
        format=RenderJob.Format.DISTRICT,
        district=bristol,
        status=Status.RUNNING,
        progress=45,
        heartbeat_at=now(),
    )
    # Many earlier renders of every document must not cost a query each.
    for document in documents_of(version):
        for _ in range(3):
            RenderJobFactory(
                version=version,
                format=document.format,
                district=document.district,
                status=Status.FAILED,
                requested_at=version.cut_at,
            )
    # One more than the rows need: whether the version is published.
    # +1 since two-factor sign-in: the device that verified the session, read once a request.
    # +1: whether every priority has its Easy Read version (the version's content).
    with django_assert_max_num_queries(12):
        response = staff_client.get(_url("version_documents", version))
    page = response.content.decode()
    assert response.status_code == 200
    for label in ("Full plan", "Public summary", "District plan: Bristol", "District plan: West Somerset"):
        assert label in page
    assert ">Done</strong>" in page and ">Failed</strong>" in page and ">Rendering</strong>" in page
    assert ">Not rendered</strong>" not in page  # every document has a job
    assert "The render failed: boom" in page
    assert 'value="45"' in page and "45%" in page
    assert "1 of 14 documents rendered, 1 rendering or queued, 12 failed." in page
    # While a render runs, the page reloads itself for people without JavaScript...
    assert REFRESH in page
    assert "publishing/documents.js" in page
    assert "<script>" not in page.replace('<script nonce="', "")


def test_the_page_stops_refreshing_itself_when_nothing_is_rendering(staff_client: Any, version: Any) -> None:
    RenderJobFactory.done(version=version)
    page = staff_client.get(_url("version_documents", version)).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert ">Not rendered</strong>" in page


def test_the_status_endpoint_gives_each_row_its_state_and_html(
    staff_client: Any, version: Any, django_assert_max_num_queries: Any
) -> None:
    job = RenderJobFactory(version=version, status=Status.RUNNING, progress=60, heartbeat_at=now())
    # +1 since two-factor sign-in: the device that verified the session, read once a request.
    # +1: whether every priority has its Easy Read version (the version's content).
    with django_assert_max_num_queries(11):
        response = staff_client.get(_url("version_documents_status", version))
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["active"] is True
    assert data["summary"] == "0 of 14 documents rendered, 1 rendering or queued."
    rows = {row["key"]: row for row in data["documents"]}
    assert len(rows) == 14 and {"district-bristol", "page", "poster", "large"} <= rows.keys()
    assert "easyread" not in rows, "no Easy Read until every priority has its text and picture"
    full = rows["full"]
    assert full["state"] == f"{job.pk}:running:60"
    assert (full["status"], full["progress"]) == ("running", 60)
    assert 'data-document="full"' in full["row_html"] and "60%" in full["row_html"]
    assert rows["summary"]["status"] is None and ">Not rendered</strong>" in rows["summary"]["row_html"]

    RenderJob.objects.filter(pk=job.pk).update(status=Status.FAILED, error="Stopped")
    data = staff_client.get(_url("version_documents_status", version)).json()
    assert data["active"] is False
    failed = next(row for row in data["documents"] if row["key"] == "full")
    # The retry form comes with the row, with its CSRF token.
    assert reverse("publishing:job_retry", kwargs={"job_id": job.pk}) in failed["row_html"]
    assert "csrfmiddlewaretoken" in failed["row_html"]


def test_render_all_queues_every_document_and_says_so(
    staff_client: Any, version: Any, fake_renderer: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_url("render_all", version))
    assert response.url == _url("version_documents", version)
    page = staff_client.get(response.url).content.decode()
    assert f"14 documents of {version.label} queued to render." in page
    assert page.count(">Done</strong>") == 14
    # The summary's 3 (stand-in) pages are made up to a leaflet's 4: it is laid out twice.
    assert len(fake_renderer) == 14 + 1
    assert staff_client.get(_url("render_all", version)).status_code == 405


def test_render_all_while_rendering_queues_nothing_more(staff_client: Any, version: Any) -> None:
    for document in documents_of(version):
        RenderJobFactory(version=version, format=document.format, district=document.district)
    response = staff_client.post(_url("render_all", version), follow=True)
    assert "is already queued or rendering" in response.content.decode()
    assert RenderJob.objects.count() == 14


def test_another_areas_plan_is_refused_and_an_unknown_version_is_not_found(
    staff_client: Any, version: Any, role_users: dict[str, Any]
) -> None:
    theirs = _elsewhere_version(role_users["staff"])
    their_job = RenderJobFactory.done(version=theirs)
    for response in (
        staff_client.get(_url("version_documents", theirs)),
        staff_client.get(_url("version_documents_status", theirs)),
        staff_client.post(_url("render_all", theirs)),
        staff_client.get(_url("document_preview", theirs, format="full")),
        staff_client.get(reverse("publishing:job_download", kwargs={"job_id": their_job.pk})),
        staff_client.post(reverse("publishing:job_retry", kwargs={"job_id": their_job.pk})),
    ):
        assert response.status_code == 403
    assert not RenderJob.objects.filter(version=theirs).exclude(pk=their_job.pk).exists()
    assert (
        staff_client.get(
            reverse("publishing:version_documents", kwargs={"plan_id": version.plan_id, "number": 99})
        ).status_code
        == 404
    )
    assert staff_client.get(reverse("publishing:job_download", kwargs={"job_id": 999999})).status_code == 404


def test_retry_queues_a_failed_render_and_refuses_anything_else(
    staff_client: Any, version: Any, fake_renderer: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    failed = RenderJobFactory(version=version, format=RenderJob.Format.SUMMARY, status=Status.FAILED, error="Stopped")
    url = reverse("publishing:job_retry", kwargs={"job_id": failed.pk})
    assert staff_client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)
    assert "Public summary queued to render again." in staff_client.get(response.url).content.decode()
    failed.refresh_from_db()
    assert failed.status == Status.DONE
    response = staff_client.post(url, follow=True)
    assert "Only a failed or interrupted render can be retried; this one is done." in response.content.decode()


def test_a_finished_pdf_downloads_as_an_attachment(staff_client: Any, version: Any) -> None:
    job = RenderJobFactory.done(version=version)
    response = staff_client.get(reverse("publishing:job_download", kwargs={"job_id": job.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{version.plan.slug}-v1-full-plan.pdf"'
    assert b"".join(response.streaming_content) == FAKE_PDF


def test_an_unfinished_or_lost_file_is_not_found(staff_client: Any, version: Any) -> None:
    queued = RenderJobFactory(version=version)
    assert staff_client.get(reverse("publishing:job_download", kwargs={"job_id": queued.pk})).status_code == 404
    done = RenderJobFactory.done(version=version)
    done.output.storage.delete(done.output.name)
    assert staff_client.get(reverse("publishing:job_download", kwargs={"job_id": done.pk})).status_code == 404


def test_each_document_reads_as_a_web_page_with_the_same_content(staff_client: Any, version: Any) -> None:
    content = PlanContent.from_json(version.content)
    full = staff_client.get(_url("document_preview", version, format="full")).content.decode()
    assert '<h1 class="govuk-heading-xl">Police and Crime Plan 2016-21</h1>' in full
    for objective in content.objectives:
        assert objective.title in full
    assert "Crime and disorder reduction grants" in full
    summary = staff_client.get(_url("document_preview", version, format="summary")).content.decode()
    assert "The plan on a page" in summary
    bristol = staff_client.get(_url("district_preview", version, district="bristol")).content.decode()
    assert "Safer Bristol Partnership" in bristol and "Improving road safety" not in bristol
    assert staff_client.get(_url("document_preview", version, format="district")).status_code == 404
    assert staff_client.get(_url("document_preview", version, format="leaflet")).status_code == 404
    assert staff_client.get(_url("document_preview", version, format="easyread")).status_code == 404
    page = staff_client.get(_url("document_preview", version, format="page")).content.decode()
    assert "How to get involved" in page
    assert staff_client.get(_url("district_preview", version, district="plymouth")).status_code == 404


def test_a_render_whose_worker_died_shows_interrupted_with_a_retry_button_and_retries(
    staff_client: Any, version: Any, fake_renderer: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    from django.utils import timezone

    from publishing.models import HEARTBEAT_STALE_AFTER

    lost = RenderJobFactory(
        version=version,
        format=RenderJob.Format.SUMMARY,
        status=Status.RUNNING,
        progress=12,
        attempts=1,
        heartbeat_at=timezone.now() - HEARTBEAT_STALE_AFTER - timezone.timedelta(seconds=1),
    )
    page = staff_client.get(_url("version_documents", version)).content.decode()
    row = page[page.index('id="document-summary"') :]
    row = row[: row.index("</tr>")]
    assert "Interrupted" in row and "Rendering" not in row
    assert "its worker was lost" in row
    retry = reverse("publishing:job_retry", kwargs={"job_id": lost.pk})
    assert retry in row
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(retry)
    lost.refresh_from_db()
    assert lost.status == Status.DONE and lost.attempts == 1  # started again from its first attempt


def test_a_render_still_beating_is_not_interrupted(staff_client: Any, version: Any) -> None:
    RenderJobFactory(
        version=version,
        format=RenderJob.Format.SUMMARY,
        status=Status.RUNNING,
        progress=40,
        heartbeat_at=now(),
    )
    page = staff_client.get(_url("version_documents", version)).content.decode()
    row = page[page.index('id="document-summary"') :]
    row = row[: row.index("</tr>")]
    assert "Rendering" in row and "Interrupted" not in row and "Retry" not in row
