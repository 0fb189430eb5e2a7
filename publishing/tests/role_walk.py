"""The publishing app's routes in the role walk (pcplan/tests/test_role_walk.py). The
service's own pages (home, accessibility, privacy) are walked from pcplan/tests/role_walk.py."""

from types import SimpleNamespace

from pcplan.tests.walk import EDITING, Route
from publishing.models import RenderJob
from publishing.services import documents_of
from publishing.tests.factories import RenderJobFactory, version_with_districts


def _version(world: SimpleNamespace) -> dict[str, int]:
    return {"plan_id": world.publishing_version.plan_id, "number": world.publishing_version.number}


ROUTES = [
    Route("publishing:document_index", EDITING),
    Route("publishing:version_documents", EDITING, kwargs=_version),
    Route("publishing:version_documents_status", EDITING, kwargs=_version),
    # Every document already has a queued job, so "Render all" queues nothing more.
    Route("publishing:render_all", EDITING, kwargs=_version, method="post"),
    Route("publishing:document_preview", EDITING, kwargs=lambda w: {**_version(w), "format": "summary"}),
    Route("publishing:district_preview", EDITING, kwargs=lambda w: {**_version(w), "district": "bristol"}),
    Route("publishing:job_download", EDITING, kwargs=lambda w: {"job_id": w.publishing_done_job.pk}),
    Route("publishing:job_retry", EDITING, kwargs=lambda w: {"job_id": w.publishing_failed_job.pk}, method="post"),
]


def build(world: SimpleNamespace) -> None:
    version = version_with_districts(area=world.area, by=world.users["staff"])
    world.publishing_version = version
    for document in documents_of(version):
        RenderJobFactory(version=version, format=document.format, district=document.district)
    world.publishing_done_job = RenderJobFactory.done(
        version=version, format=RenderJob.Format.FULL, file_name="renders/role-walk/full-plan.pdf"
    )
    world.publishing_failed_job = RenderJobFactory(
        version=version, format=RenderJob.Format.SUMMARY, status=RenderJob.Status.FAILED, error="Stopped"
    )
