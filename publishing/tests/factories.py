"""Factories for publishing: a version with District content, and render jobs."""

import datetime
import hashlib
from collections.abc import Callable
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


def version_with_districts(
    *, area: PoliceArea, by: Any = None, before_cut: Callable[[Plan], Any] | None = None, **plan_kwargs: Any
) -> Version:
    """A cut version of a plan in `area` (which must have the Districts bristol and mendip):
    sections covering every statutory element, three force-wide objectives with
    commitments by every actor, a grant, and District objectives and content for Bristol
    and Mendip, as the Business Plan 2015/16 gives them. `before_cut(plan)` adds to the
    working draft before the version is cut."""
    plan: Plan = plan_with_content(area=area, **plan_kwargs)
    # Titles of the Avon and Somerset structure, whatever the factories' sequences reached.
    for section, title in zip(plan.sections.order_by("order"), SECTION_TITLES, strict=False):
        section.title = title
        # Governance sets out the plan's regard to the Strategic Policing Requirement, as
        # the Avon and Somerset plan's collaboration chapter does.
        section.addresses_spr = title == "Roles, responsibilities and governance"
        section.save(update_fields=["title", "addresses_spr"])
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
    if before_cut is not None:
        before_cut(plan)
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


def statute_met(
    *,
    area: PoliceArea,
    users: dict[str, Any],
    chief_constable: bool = True,
    render: bool = True,
    before_cut: Callable[[Plan], Any] | None = None,
    **plan_kwargs: Any,
) -> Version:
    """A version (V1) of a new plan of `area` that meets every statutory requirement,
    through the apps' own records: the draft cut, the Chief Constable's comments (unless
    `chief_constable` is False), the draft issued to the Panel and closed, its one
    recommendation answered and the response published, a public consultation closed,
    a measure with a baseline for every force-wide priority
    with responses, and the PCC elected today, the plan running from today (so the
    deadline is ahead). With
    `render`, every document has a finished (stand-in) render."""
    from consultation.tests.factories import ConsultationFactory, ResponseFactory
    from panel import services as panel_services
    from panel.models import PanelMember
    from panel.tests.factories import PanelFactory, PanelReviewFactory, RecommendationFactory

    today = timezone.localdate()
    plan_kwargs.setdefault("pcc_elected_on", today)
    plan_kwargs.setdefault("starts_on", today)
    plan_kwargs.setdefault("ends_on", datetime.date(today.year + 4, 3, 31))
    version = version_with_districts(area=area, by=users["staff"], before_cut=before_cut, **plan_kwargs)
    plan = version.plan
    # How performance will be measured (s7(1)(e)): a measure with a baseline per priority.
    from performance.tests.factories import MeasureFactory

    for objective in plan.objectives.filter(district__isnull=True):
        MeasureFactory(plan=plan, objective=objective)
    # Each step some weeks ago, so a test can publish a month back and still follow them.
    now = timezone.now()
    if chief_constable:
        panel_services.chief_constable_comment_record(
            version=version,
            text="The Chief Constable supports the four priorities and can meet them within the resources set out.",
            recorded_on=today - datetime.timedelta(days=45),
            by=users["force"],
        )
    panel = PanelFactory(area=area)
    chair, _ = PanelMember.objects.get_or_create(
        panel=panel,
        user=users["panel"],
        term_starts_on=datetime.date(2016, 6, 1),
        defaults={"role": PanelMember.Role.CHAIR},
    )
    review = PanelReviewFactory(
        panel=panel,
        version=version,
        issued_by=users["staff"],
        issued_at=now - datetime.timedelta(days=60),
        comments_deadline=now - datetime.timedelta(days=50),
    )
    recommendation = RecommendationFactory(review=review, author=chair)
    panel_services.response_record(recommendation=recommendation, outcome="accepted", by=users["staff"])
    panel_services.response_publish(review=review, by=users["publisher"])
    closes_at = now - datetime.timedelta(days=40)
    consultation = ConsultationFactory(
        version=version, opens_at=closes_at - datetime.timedelta(days=42), closes_at=closes_at
    )
    ResponseFactory.create_batch(3, consultation=consultation, received_at=closes_at - datetime.timedelta(days=1))
    if render:
        render_all_done(version)
    plan.refresh_from_db()
    version.plan = plan
    return version


def render_all_done(version: Version) -> list[RenderJob]:
    """A finished (stand-in) render of every document of the version."""
    from publishing.services import documents_of

    return [
        RenderJobFactory.done(version=version, format=document.format, district=document.district)
        for document in documents_of(version)
    ]
