"""Demo data for publishing: the Avon and Somerset Police and Crime Plan 2016-21 published
from V2, with its documents rendered, on 14 October 2016 (Appendix 1 of the draft project
plan v0.4: "Finalise and publish web copy of the plan", week of 10 October 2016), so a
newcomer finds the public plan page at once; and a second plan, the 2017/18 refresh of it,
still in draft, which the statute does not yet allow to be published, so the compliance
page has something to show.

Everything goes through the services staff use: documents are rendered synchronously by
the same render service as the Celery task, and the publication passes the same gate.
Runs after the other apps' seeds (INSTALLED_APPS order). Idempotent.
"""

import os
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from consultation.demo import V1_TITLE, seed_open_consultation
from consultation.models import OutcomeReport
from consultation.services import outcome_mark_published
from plans.demo import DEMO_PLAN_SLUG
from plans.models import Milestone, Plan, StatutoryStep, Version
from plans.services import milestone_record_step, milestone_update, plan_create_successor, plan_update, version_cut

from . import branding, services
from .brand_images import checked_image
from .models import BrandKit, Publication, RenderJob

LONDON = ZoneInfo("Europe/London")
PUBLISHED_AT = datetime(2016, 10, 14, 12, 0, tzinfo=LONDON)
COPY_SENT_AT = datetime(2016, 10, 14, 12, 30, tzinfo=LONDON)
REFRESH_TITLE = "Police and Crime Plan 2016-21: 2017/18 refresh"

# Stands in for WeasyPrint in the demo's renders when set (the test suite seeds the demo a
# dozen times and sets one that makes each document's PDF once per session); None renders.
renderer: Callable[..., Any] | None = None


def _finish_timeline(plan: Plan, author: Any) -> None:
    """The timeline up to publication, where the records support it: the Chief Constable's
    consultation on the high-level priorities (16 to 18 May 2016, which no version records:
    the priorities came before V1), and the milestones of the project plan itself that
    ended by the day of publication. Steps the data does not show (the print run, after
    publication) are left as they are."""
    may = (
        plan.milestones.filter(statutory_step=StatutoryStep.CONSULT_CHIEF_CONSTABLE, ends_on__lt=date(2016, 6, 1))
        .exclude(status=Milestone.Status.DONE)
        .first()
    )
    if may is not None:
        milestone_record_step(
            plan=plan,
            step=StatutoryStep.CONSULT_CHIEF_CONSTABLE,
            on=may.ends_on,
            by=author,
            note="The Chief Constable was consulted on the high-level priorities, before draft V1 was written.",
        )
    for milestone in plan.milestones.filter(statutory_step="", ends_on__lte=PUBLISHED_AT.date()).exclude(
        status__in=[Milestone.Status.DONE, Milestone.Status.CANCELLED]
    ):
        milestone_update(
            milestone=milestone,
            by=author,
            title=milestone.title,
            starts_on=milestone.starts_on,
            ends_on=milestone.ends_on,
            phase=milestone.phase,
            owner=milestone.owner,
            owner_note=milestone.owner_note,
            status=Milestone.Status.DONE,
            statutory_step=milestone.statutory_step,
            citation=milestone.citation,
            notes=milestone.notes,
            completed_on=milestone.ends_on,
        )


def render_documents(version: Version, by: Any) -> int:
    """Render every document of the version that has no finished render, synchronously,
    through the render service. Returns how many were rendered."""
    rendered = 0
    for document, job in services.finished_documents(version):
        if job is not None:
            continue
        created = services.render_job_create(version=version, format=document.format, district=document.district, by=by)
        finished = services.render_job_run(
            job_id=created.pk, task_id=f"seed_demo-{uuid.uuid4()}", worker=f"seed_demo:{os.getpid()}", renderer=renderer
        )
        if finished is None or finished.status != RenderJob.Status.DONE:
            raise RuntimeError(
                f"The demo could not render {created.document_label}: {finished.error if finished else ''}"
            )
        rendered += 1
    return rendered


def seed_publication(plan: Plan, users: dict[str, Any]) -> Publication:
    existing = Publication.objects.filter(version__plan=plan).order_by("published_at").first()
    if existing is not None:
        return existing
    v2 = plan.versions.get(number=2)
    _finish_timeline(plan, users["staff"])
    render_documents(v2, users["staff"])
    publication = services.plan_publish(version=v2, by=users["publisher"], now=PUBLISHED_AT, notify=False)
    # A replay of 2016: the copy went to the Chief Constable's office then; nobody is e-mailed now.
    services.publication_copy_to_chief_constable(publication_id=publication.pk, now=COPY_SENT_AT, deliver=False)
    return publication


def seed_outcome_publication(plan: Plan, publisher: Any) -> OutcomeReport | None:
    """The 2016 consultation's outcome report ("you said, we did"), drafted by the
    consultation seed, published with the plan and its PDF rendered, as the Publisher would."""
    report = (
        OutcomeReport.objects.filter(consultation__version__plan=plan, consultation__title=V1_TITLE)
        .select_related("consultation")
        .first()
    )
    if report is None or report.is_published or not report.summary:
        return report
    consultation = report.consultation
    report = outcome_mark_published(consultation=consultation, by=publisher, now=PUBLISHED_AT)
    job = services._new_job(
        version=consultation.version,
        format=RenderJob.Format.OUTCOME,
        district=None,
        by=publisher,
        consultation=consultation,
    )
    finished = services.render_job_run(
        job_id=job.pk, task_id=f"seed_demo-{uuid.uuid4()}", worker=f"seed_demo:{os.getpid()}", renderer=renderer
    )
    if finished is None or finished.status != RenderJob.Status.DONE:
        raise RuntimeError(f"The demo could not render the outcome report: {finished.error if finished else ''}")
    return report


def seed_refresh(plan: Plan, author: Any) -> Plan:
    """The 2017/18 refresh, created from the published plan as staff would: its content
    copied, its own timeline, its draft V1 out for public consultation now, and none of
    the other statutory steps taken yet, so its compliance page has something to show."""
    existing = Plan.objects.filter(area=plan.area, predecessor=plan, title=REFRESH_TITLE).first()
    if existing is not None:
        return existing
    refresh = _create_refresh(plan, author)
    _give_statutory_steps_an_owner(refresh, author)
    draft = version_cut(plan=refresh, by=author, note="Draft V1 of the 2017/18 refresh, for public consultation")
    seed_open_consultation(draft, author, timezone.now())
    return refresh


def _give_statutory_steps_an_owner(plan: Plan, owner: Any) -> None:
    """The refresh's statutory steps are the demo staff member's: the home page and the
    morning reminders show them what is due and overdue."""
    for milestone in plan.milestones.exclude(statutory_step="").order_by("starts_on", "pk"):
        milestone_update(
            milestone=milestone,
            by=owner,
            title=milestone.title,
            starts_on=milestone.starts_on,
            ends_on=milestone.ends_on,
            phase=milestone.phase,
            owner=owner,
            owner_note=milestone.owner_note,
            status=milestone.status,
            statutory_step=milestone.statutory_step,
            citation=milestone.citation,
            notes=milestone.notes,
        )


def _create_refresh(plan: Plan, author: Any) -> Plan:
    refresh = plan_create_successor(
        predecessor=plan,
        kind=Plan.Kind.REFRESH,
        title=REFRESH_TITLE,
        starts_on=date(2017, 4, 1),
        ends_on=plan.ends_on,
        by=author,
    )
    return plan_update(
        plan=refresh,
        by=author,
        title=refresh.title,
        starts_on=refresh.starts_on,
        ends_on=refresh.ends_on,
        stage=Plan.Stage.DRAFT,
        pcc_name=refresh.pcc_name,
        pcc_elected_on=refresh.pcc_elected_on,
        vision=refresh.vision,
        population=refresh.population,
        police_officers=refresh.police_officers,
        police_staff=refresh.police_staff,
        area_km2=refresh.area_km2,
        annual_budget=refresh.annual_budget,
    )


ASSETS = Path(__file__).with_name("demo_assets")


def seed_brand(area: Any, publisher: Any) -> BrandKit:
    """Avon and Somerset's brand, as its Publisher sets it: a navy and a teal, the logo
    (demo_assets/logo.svg) and a cover image of the Avon Gorge (demo_assets/cover.png,
    drawn by demo_assets/draw_cover.py)."""
    existing = branding.brand_kit_of(area)
    if existing is not None:
        return existing
    return branding.brand_kit_update(
        area=area,
        by=publisher,
        primary_colour="#14325c",
        secondary_colour="#006f62",
        logo=checked_image((ASSETS / "logo.svg").read_bytes(), what="logo", allow_svg=True),
        logo_alt="Avon and Somerset Police and Crime Commissioner",
        remove_logo=False,
        cover_image=checked_image((ASSETS / "cover.png").read_bytes(), what="cover image", allow_svg=False),
        cover_alt="The Clifton Suspension Bridge across the Avon Gorge at sunset, the Mendip Hills behind",
        cover_credit="Illustration: Office of the Police and Crime Commissioner",
        remove_cover=False,
    )


def seed(*, stdout: Any, style: Any) -> None:
    plan = Plan.objects.select_related("area").filter(area__slug="avon-and-somerset", slug=DEMO_PLAN_SLUG).first()
    if plan is None:
        stdout.write(style.WARNING("  No demo plan: run the plans seed first."))
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["staff", "publisher"])}
    seed_brand(plan.area, users["publisher"])
    publication = seed_publication(plan, users)
    outcome = seed_outcome_publication(plan, users["publisher"])
    refresh = seed_refresh(plan, users["staff"])
    stdout.write(
        f"  {plan.title}: {publication.version.label} published on 14 October 2016 with "
        f"{publication.documents.count()} documents, at {publication.get_absolute_url()}"
    )
    stdout.write(f"  {refresh.title}: in draft; its compliance page lists what the statute still needs")
    if outcome is not None:
        stdout.write(
            f"  You said, we did: the outcome of '{outcome.consultation.title}', at {outcome.get_absolute_url()}"
        )
