"""Reads the publishing pages share, with their access rules on top of the plans app's."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse

from pcplan.roles import EDITORS, roles_of
from plans.models import District, Plan, Version
from plans.selectors import plan_for_editing, plans_visible_to

from .models import RenderJob


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
        return f"the {self.label.lower()}"

    @property
    def state_token(self) -> str:
        """Changes whenever the row would look different; the page's script compares it."""
        job = self.job
        return f"{job.pk}:{job.status}:{job.progress}" if job else "none"


def plans_for_documents(user: object) -> QuerySet[Plan]:
    """The plans whose documents this user may render: an editor's own area's plans."""
    if not roles_of(user) & EDITORS:  # type: ignore[arg-type]
        return Plan.objects.none()
    return plans_visible_to(user).prefetch_related(
        Prefetch("versions", queryset=Version.objects.order_by("-number").only("id", "plan_id", "number", "cut_at"))
    )


def version_for_editing(user: object, plan_id: int, number: int, *, with_content: bool = True) -> Version:
    """The version, if this user may edit its plan. Pages that only list documents leave
    the snapshot (the whole plan's content) unread."""
    plan = plan_for_editing(user, plan_id)
    versions = Version.objects.filter(plan=plan, number=number)
    version = (versions if with_content else versions.defer("content")).first()
    if version is None:
        raise Http404("No such version")
    version.plan = plan
    return version


def job_for_editing(user: object, job_id: int) -> RenderJob:
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
    jobs = RenderJob.objects.filter(version=version).select_related("district").order_by("-requested_at", "-pk")
    latest: dict[tuple[str, int | None], RenderJob] = {}
    for job in jobs:
        job.version = version
        latest.setdefault(job.document_key, job)

    def preview(format: str, district: District | None = None) -> str:
        kwargs = {"plan_id": plan.pk, "number": version.number}
        if district is not None:
            return reverse("publishing:district_preview", kwargs={**kwargs, "district": district.slug})
        return reverse("publishing:document_preview", kwargs={**kwargs, "format": format})

    full, summary = RenderJob.Format.FULL, RenderJob.Format.SUMMARY
    rows = [
        DocumentRow("full", full.label, full, None, latest.get((full, None)), preview(full)),
        DocumentRow("summary", summary.label, summary, None, latest.get((summary, None)), preview(summary)),
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
