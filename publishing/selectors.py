"""Reads the publishing pages share, with their access rules on top of the plans app's."""

import logging
import zipfile
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from pcplan.roles import EDITORS, roles_of
from pcplan.types import AnyUser
from plans.models import District, Plan, Version
from plans.selectors import plan_for_editing, plans_visible_to

from .formats import version_formats, version_has_easy_read
from .models import FORMAT_PHRASES, Publication, RenderJob
from .snapshot import FrozenPage, read_frozen_page

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentRow:
    """One document of a version on the staff page: its latest render job, if any."""

    key: str
    label: str
    format: str
    district: District | None
    job: RenderJob | None
    preview_url: str

    @property
    def phrase(self) -> str:
        """The document in a sentence: "the full plan", "the District plan for Bristol"."""
        if self.district is not None:
            return f"the District plan for {self.district.name}"
        return FORMAT_PHRASES[self.format]

    @property
    def state_token(self) -> str:
        """Changes whenever the row would look different; the page's script compares it."""
        job = self.job
        if job is None:
            return "none"
        return f"{job.pk}:{'interrupted' if job.is_interrupted else job.status}:{job.progress}"


def plans_for_documents(user: AnyUser) -> QuerySet[Plan]:
    """The plans whose documents this user may render: an editor's own area's plans."""
    if not roles_of(user) & EDITORS:
        return Plan.objects.none()
    return plans_visible_to(user).prefetch_related(
        Prefetch("versions", queryset=Version.objects.order_by("-number").only("id", "plan_id", "number", "cut_at"))
    )


def version_for_editing(user: AnyUser, plan_id: int, number: int, *, with_content: bool = True) -> Version:
    """The version, if this user may edit its plan. Pages that only list documents leave
    the snapshot (the whole plan's content) unread."""
    plan = plan_for_editing(user, plan_id)
    versions = Version.objects.filter(plan=plan, number=number)
    version = (versions if with_content else versions.defer("content")).first()
    if version is None:
        raise Http404("No such version")
    version.plan = plan
    return version


def job_for_editing(user: AnyUser, job_id: int) -> RenderJob:
    job = RenderJob.objects.select_related("version", "district").filter(pk=job_id).first()
    if job is None:
        raise Http404("No such render")
    job.version.plan = plan_for_editing(user, job.version.plan_id)
    return job


def document_rows(version: Version) -> list[DocumentRow]:
    """The full plan, the summary and each District plan, with the latest job of each.
    Three queries, however many renders the version has had."""
    plan = version.plan
    districts = list(District.objects.filter(area_id=plan.area_id).order_by("name"))
    jobs = (
        RenderJob.objects.filter(version=version).exclude(format=RenderJob.Format.OUTCOME).select_related("district")
    ).order_by("-requested_at", "-pk")
    latest: dict[tuple[str, int | None], RenderJob] = {}
    for job in jobs:
        job.version = version
        latest.setdefault(job.document_key, job)

    def preview(format: str, district: District | None = None) -> str:
        kwargs = {"plan_id": plan.pk, "number": version.number}
        if district is not None:
            return reverse("publishing:district_preview", kwargs={**kwargs, "district": district.slug})
        return reverse("publishing:document_preview", kwargs={**kwargs, "format": format})

    rows = [
        DocumentRow(format, RenderJob.Format(format).label, format, None, latest.get((format, None)), preview(format))
        for format in version_formats(version_has_easy_read(version))
    ]
    for district in districts:
        rows.append(
            DocumentRow(
                f"district-{district.slug}",
                f"District plan: {district.name}",
                RenderJob.Format.DISTRICT,
                district,
                latest.get((RenderJob.Format.DISTRICT, district.pk)),
                preview(RenderJob.Format.DISTRICT, district),
            )
        )
    return rows


# ---------------------------------------------------------------- publication


def plan_for_compliance(user: AnyUser, plan_id: int) -> Plan:
    """The plan, if this user may see its compliance: an editor of its own area."""
    return plan_for_editing(user, plan_id)


def version_for_compliance(plan: Plan, number: str | int | None) -> Version | None:
    """The version asked for (`?version=2`), else the latest; None when none is cut yet."""
    versions = Version.objects.filter(plan=plan)
    if number not in (None, ""):
        try:
            wanted = int(str(number).strip().lstrip("Vv"))
        except ValueError:
            raise Http404("No such version") from None
        version = versions.filter(number=wanted).first()
        if version is None:
            raise Http404("No such version")
    else:
        version = versions.order_by("-number").first()
    if version is not None:
        version.plan = plan
    return version


def publications_of(plan: Plan) -> list[Publication]:
    """The plan's publications, latest first, each with its documents in reading order."""
    publications = list(
        Publication.objects.filter(version__plan=plan)
        .select_related("version", "published_by")
        .defer("version__content")
        .prefetch_related(Prefetch("documents", queryset=RenderJob.objects.select_related("district")))
        .order_by("-published_at", "-pk")
    )
    for publication in publications:
        publication.version.plan = plan
        # Attributes for the page only; Publication does not declare them, hence the ignores.
        publication.ordered_documents = ordered_documents(publication)  # type: ignore[attr-defined]
        published_on = date_format(timezone.localtime(publication.published_at), "j F Y")
        publication.files_caption = (  # type: ignore[attr-defined]
            f"Version {publication.version.number}, published {published_on}: its documents as PDFs"
        )
    return publications


def ordered_documents(publication: Publication) -> list[RenderJob]:
    """The full plan, the summary, the plan on a page, its poster, the large-print and
    Easy Read versions, then the District plans by name."""
    rank: dict[str, int] = {format: i for i, format in enumerate([*version_formats(True), RenderJob.Format.DISTRICT])}
    jobs = list(publication.documents.all())
    for job in jobs:
        job.version = publication.version
    return sorted(jobs, key=lambda j: (rank.get(j.format, len(rank)), j.district.name if j.district else ""))


@dataclass(frozen=True)
class PublishedPlan:
    plan: Plan
    latest: Publication


def published_plans() -> list[PublishedPlan]:
    """Every plan with a published version, with its latest publication: the public list."""
    latest: dict[int, Publication] = {}
    for publication in (
        Publication.objects.select_related("version__plan__area")
        .defer("version__content")
        .order_by("-published_at", "-pk")
    ):
        latest.setdefault(publication.version.plan_id, publication)
    items = [PublishedPlan(plan=p.version.plan, latest=p) for p in latest.values()]
    return sorted(items, key=lambda item: (item.plan.area.name, -item.plan.starts_on.toordinal(), item.plan.title))


def published_plan(*, area_slug: str, plan_slug: str) -> tuple[Plan, list[Publication]]:
    """A plan by its public address, with its publications (latest first). A plan with no
    published version is a 404: nothing unpublished is ever public."""
    plan = Plan.objects.select_related("area").filter(area__slug=area_slug, slug=plan_slug).first()
    if plan is None:
        raise Http404("No published plan at this address")
    publications = publications_of(plan)
    if not publications:
        raise Http404("No published plan at this address")
    return plan, publications


def published_version(*, area_slug: str, plan_slug: str, number: int) -> Publication:
    """One published version, with its content, by its public address; 404 unless published."""
    publication = (
        Publication.objects.select_related("version__plan__area", "published_by")
        .prefetch_related(Prefetch("documents", queryset=RenderJob.objects.select_related("district")))
        .filter(
            version__plan__area__slug=area_slug,
            version__plan__slug=plan_slug,
            version__number=number,
        )
        .first()
    )
    if publication is None:
        raise Http404("This version of the plan is not published")
    return publication


def published_job(publication: Publication, document: str) -> RenderJob:
    """A published document's render job by its key (full-plan, summary, district-<slug>)."""
    for job in publication.documents.all():
        if job.published_key == document:
            job.version = publication.version
            return job
    raise Http404("No such published document")


def latest_full_plan(version: Version) -> RenderJob | None:
    """The version's latest finished full plan PDF, if it has rendered."""
    job = (
        RenderJob.objects.filter(version=version, format=RenderJob.Format.FULL, status=RenderJob.Status.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )
    if job is not None:
        job.version = version
    return job


def frozen_page(job: RenderJob | None) -> FrozenPage | None:
    """The web page frozen with a published document, or None for a document rendered
    before its source was kept (or whose source file is missing)."""
    if job is None or not job.source:
        return None
    try:
        with job.source.open("rb") as file:
            return read_frozen_page(file)
    except (FileNotFoundError, KeyError, ValueError, zipfile.BadZipFile):
        logger.exception("The frozen source of render job %s cannot be read", job.pk)
        return None
