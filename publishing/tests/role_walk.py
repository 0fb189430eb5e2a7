"""The publishing app's routes in the role walk (pcplan/tests/test_role_walk.py). The
service's own pages (home, accessibility, privacy) are walked from pcplan/tests/role_walk.py."""

import datetime
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from panel.models import PanelMember
from panel.tests.factories import PanelFactory, PanelReviewFactory
from pcplan.tests.walk import EDITING, EVERYONE, PUBLISHER_ONLY, FormCase, Route
from publishing.brand_images import checked_image
from publishing.branding import brand_kit_update
from publishing.models import Publication, RenderJob
from publishing.services import documents_of
from publishing.tests.factories import RenderJobFactory, version_with_districts


def _version(world: SimpleNamespace) -> dict[str, int]:
    return {"plan_id": world.publishing_version.plan_id, "number": world.publishing_version.number}


def _published(world: SimpleNamespace) -> dict[str, str | int]:
    plan = world.publishing_published.version.plan
    return {"area_slug": plan.area.slug, "plan_slug": plan.slug, "number": world.publishing_published.version.number}


def _published_plan(world: SimpleNamespace) -> dict[str, str]:
    kwargs = _published(world)
    return {"area_slug": kwargs["area_slug"], "plan_slug": kwargs["plan_slug"]}  # type: ignore[dict-item]


ROUTES = [
    # Already published: the Publisher is told so; nothing is published twice.
    Route(
        "publishing:outcome_publish",
        PUBLISHER_ONLY,
        kwargs=lambda w: {"consultation_id": w.closed_consultation.pk},
        method="post",
    ),
    # Published, its PDF not made yet: a page that says so, to everyone.
    Route("publishing:outcome_pdf", EVERYONE, kwargs=lambda w: {"consultation_id": w.closed_consultation.pk}),
    Route("publishing:open_data", EVERYONE),
    Route("publishing:open_data_schema", EVERYONE, kwargs=lambda w: {"name": "plan"}),
    Route("publishing:open_plan_json", EVERYONE, kwargs=_published_plan),
    Route("publishing:open_plan_objectives", EVERYONE, kwargs=_published_plan),
    Route("publishing:open_plan_grants", EVERYONE, kwargs=_published_plan),
    Route("publishing:open_outcome_json", EVERYONE, kwargs=lambda w: {"consultation_id": w.closed_consultation.pk}),
    Route("publishing:open_outcome_csv", EVERYONE, kwargs=lambda w: {"consultation_id": w.closed_consultation.pk}),
    Route("publishing:open_recommendations_json", EVERYONE, kwargs=lambda w: {"review_id": w.published_review.pk}),
    Route("publishing:open_recommendations_csv", EVERYONE, kwargs=lambda w: {"review_id": w.published_review.pk}),
    Route("publishing:document_index", EDITING),
    Route("publishing:version_documents", EDITING, kwargs=_version),
    Route("publishing:version_documents_status", EDITING, kwargs=_version),
    # Every document already has a queued job, so "Render all" queues nothing more.
    Route("publishing:render_all", EDITING, kwargs=_version, method="post"),
    Route("publishing:document_preview", EDITING, kwargs=lambda w: {**_version(w), "format": "summary"}),
    Route("publishing:district_preview", EDITING, kwargs=lambda w: {**_version(w), "district": "bristol"}),
    Route("publishing:job_download", EDITING, kwargs=lambda w: {"job_id": w.publishing_done_job.pk}),
    Route("publishing:job_retry", EDITING, kwargs=lambda w: {"job_id": w.publishing_failed_job.pk}, method="post"),
    # Editors only: the evidence links lead to staff pages.
    Route("publishing:compliance", EDITING, kwargs=lambda w: {"plan_id": w.publishing_version.plan_id}),
    # The statute is not met for this version, so the Publisher's post is refused with the list.
    Route("publishing:publish", PUBLISHER_ONLY, kwargs=_version, method="post"),
    Route(
        "publishing:review_full_plan",
        EDITING | {"panel"},
        kwargs=lambda w: {"review_id": w.publishing_review.pk},
    ),
    Route("publishing:brand_kit", PUBLISHER_ONLY),
    Route("publishing:brand_css", EVERYONE, kwargs=lambda w: {"area_slug": w.area.slug}),
    Route("publishing:brand_image", EVERYONE, kwargs=lambda w: {"area_slug": w.area.slug, "name": w.publishing_logo}),
    Route("publishing:published_list", EVERYONE),
    Route("publishing:published_plan", EVERYONE, kwargs=_published_plan),
    Route("publishing:published_budget_csv", EVERYONE, kwargs=_published_plan),
    Route("publishing:published_picture", EVERYONE, kwargs=_published),
    Route("publishing:published_budget_json", EVERYONE, kwargs=_published_plan),
    Route("publishing:published_document", EVERYONE, kwargs=lambda w: {**_published(w), "format": "summary"}),
    Route("publishing:published_district", EVERYONE, kwargs=lambda w: {**_published(w), "district": "bristol"}),
    Route("publishing:published_file", EVERYONE, kwargs=lambda w: {**_published(w), "document": "full-plan"}),
]


def build(world: SimpleNamespace) -> None:
    staff, publisher = world.users["staff"], world.users["publisher"]
    version = version_with_districts(area=world.area, by=staff)
    world.publishing_version = version
    for document in documents_of(version):
        RenderJobFactory(version=version, format=document.format, district=document.district)
    world.publishing_done_job = RenderJobFactory.done(
        version=version, format=RenderJob.Format.FULL, file_name="renders/role-walk/full-plan.pdf"
    )
    world.publishing_failed_job = RenderJobFactory(
        version=version, format=RenderJob.Format.SUMMARY, status=RenderJob.Status.FAILED, error="Stopped"
    )

    # The version issued to the walk's Panel member, whose full plan has rendered.
    panel = PanelFactory(area=world.area)
    PanelMember.objects.get_or_create(panel=panel, user=world.users["panel"], term_starts_on=datetime.date(2016, 6, 1))
    world.publishing_review = PanelReviewFactory(panel=panel, version=version, issued_by=staff)

    # Another plan, published with its documents' files frozen.
    published = version_with_districts(area=world.area, by=staff)
    jobs = [
        RenderJobFactory.done(
            version=published,
            format=document.format,
            district=document.district,
            file_name=f"renders/role-walk/published-{document.format}-{getattr(document.district, 'slug', '')}.pdf",
        )
        for document in documents_of(published)
    ]
    page = next(job for job in jobs if job.format == RenderJob.Format.PAGE)
    if not default_storage.exists("renders/role-walk/plan-on-a-page.png"):
        default_storage.save("renders/role-walk/plan-on-a-page.png", ContentFile(b"\x89PNG\r\n\x1a\n"))
    RenderJob.objects.filter(pk=page.pk).update(
        picture="renders/role-walk/plan-on-a-page.png", picture_alt="The plan on a page"
    )
    RenderJob.objects.filter(pk__in=[job.pk for job in jobs]).update(frozen=True, frozen_at=timezone.now())
    publication = Publication.objects.create(version=published, published_at=timezone.now(), published_by=publisher)
    publication.documents.set(jobs)
    world.publishing_published = publication

    # The area's brand, with a logo.
    logo = checked_image(
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>',
        what="logo",
        allow_svg=True,
    )
    brand_kit_update(
        area=world.area,
        by=publisher,
        primary_colour="#14325c",
        secondary_colour="#006f62",
        logo=logo,
        logo_alt="A square",
        remove_logo=False,
        cover_image=None,
        cover_alt="",
        cover_credit="",
        remove_cover=True,  # a world built on the demo drops its cover, which has its own alt text
    )
    world.publishing_logo = logo.name


# Every POST form of the publishing pages, for the form walk (pcplan/tests/test_form_walk.py).
FORMS = [
    FormCase("publishing:render_all", "other", reason="queues the renders not already running: again queues none"),
    FormCase("publishing:job_retry", "other", reason="retries a failed render once: a running one is left alone"),
    FormCase("publishing:publish", "other", role="publisher", reason="publishes once; again is refused"),
    FormCase(
        "publishing:brand_kit",
        "edit",
        role="publisher",
        change="primary_colour",
        values=("#1d3a5f", "#00494f"),
    ),
]
