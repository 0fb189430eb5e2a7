"""Factories for publishing: a version with District content, and render jobs."""

import hashlib
from typing import Any

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from plans.models import Commitment, District, Plan, PoliceArea, Version
from plans.services import version_cut
from plans.tests.factories import CommitmentFactory, ObjectiveFactory, SectionFactory, UserFactory, plan_with_content
from publishing.models import RenderJob

SECTION_TITLES = [
    "Foreword and introduction",
    "Roles, responsibilities and governance",
    "Resources",
    "Performance and outcomes",
]
FAKE_PDF = b"%PDF-1.7\n% a stand-in for a rendered document\n%%EOF\n"


def version_with_districts(*, area: PoliceArea, by: Any = None, **plan_kwargs: Any) -> Version:
    """A cut version of a plan in `area` (which must have the Districts bristol and mendip):
    sections covering every statutory element, three force-wide objectives with
    commitments by every actor, a grant, and District objectives and content for Bristol
    and Mendip, as the Business Plan 2015/16 gives them."""
    plan: Plan = plan_with_content(area=area, **plan_kwargs)
    # Titles of the Avon and Somerset structure, whatever the factories' sequences reached.
    for section, title in zip(plan.sections.order_by("order"), SECTION_TITLES, strict=False):
        section.title = title
        section.save(update_fields=["title"])
    bristol = District.objects.get(area=area, slug="bristol")
    mendip = District.objects.get(area=area, slug="mendip")
    for district, title, theme, text in (
        (
            bristol,
            "Tackling anti-social behaviour and reducing its impact on victims and communities",
            "Victims",
            "Work with Bristol City Council's Safer Bristol Partnership on problem locations.",
        ),
        (
            mendip,
            "Improving road safety for all road users",
            "Communities",
            "Target speeding and drink driving on the routes where collisions cluster.",
        ),
    ):
        objective = ObjectiveFactory(plan=plan, title=title, theme=theme, district=district, order=50)
        CommitmentFactory(objective=objective, actor=Commitment.Actor.PARTNERS, text=text)
        SectionFactory(
            plan=plan,
            title=f"Community safety in {district.name}",
            district=district,
            order=60,
            covers=[],
            body=f"<p>The {district.name} Community Safety Partnership and the Commissioner have agreed "
            "a joint local plan.</p>",
        )
    return version_cut(plan=plan, by=by or UserFactory())


class RenderJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RenderJob

    format = RenderJob.Format.FULL
    requested_at = factory.LazyFunction(timezone.now)
    task_id = factory.Sequence(lambda n: f"task-{n}")

    @classmethod
    def done(cls, *, file_name: str = "", **kwargs: Any) -> RenderJob:
        """A finished job with a (stand-in) PDF in the default storage. With `file_name`
        the file is shared by every run (written once), for tests whose storage is not
        a temporary folder."""
        job = cls(status=RenderJob.Status.RUNNING, attempts=1, **kwargs)
        job.status, job.progress, job.page_count = RenderJob.Status.DONE, 100, 3
        if file_name:
            if not default_storage.exists(file_name):
                default_storage.save(file_name, ContentFile(FAKE_PDF))
            job.output.name = file_name
        else:
            job.output.save(job.download_name, ContentFile(FAKE_PDF), save=False)
        job.sha256 = hashlib.sha256(FAKE_PDF).hexdigest()
        job.size_bytes = len(FAKE_PDF)
        job.finished_at = timezone.now()
        job.save()
        return job
