"""Publishing a version: the gate, and everything a publication does, at once or not at all."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from pcplan.outbox.services import relay_eagerly
from plans.models import Milestone, Plan, StatutoryStep
from plans.services import version_cut
from plans.tests.factories import MilestoneFactory
from publishing import services
from publishing.models import Publication, RenderJob
from publishing.tests.factories import RenderJobFactory, render_all_done, statute_met

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(area: Any, role_users: dict[str, Any]) -> Any:
    return statute_met(area=area, users=role_users)


def _publish(version: Any, users: dict[str, Any], **kwargs: Any) -> Publication:
    return services.plan_publish(version=version, by=users["publisher"], **kwargs)


def test_publishing_is_refused_with_the_list_of_what_is_missing_and_changes_nothing(
    area: Any, role_users: dict[str, Any]
) -> None:
    version = statute_met(area=area, users=role_users, chief_constable=False, render=False)
    RenderJobFactory.done(version=version, format=RenderJob.Format.FULL)
    with pytest.raises(services.PublishRefusedError) as refused:
        _publish(version, role_users)
    missing = refused.value.missing
    assert missing[0].startswith("The Chief Constable was consulted on the draft (PRSR Act 2011 s5(6)(a), s5(8)): ")
    assert "Render the public summary of V1" in missing
    assert "Render the District plan for Bristol of V1" in missing
    assert len(missing) == 1 + 4 + 9
    assert "14 things to do first" in str(refused.value)
    assert not Publication.objects.exists()
    assert not RenderJob.objects.filter(frozen=True).exists()
    version.plan.refresh_from_db()
    assert version.plan.stage != Plan.Stage.PUBLISHED
    assert not version.plan.milestones.filter(statutory_step=StatutoryStep.PUBLISH_PLAN, status="done").exists()


def test_only_the_publisher_can_publish(ready: Any, role_users: dict[str, Any]) -> None:
    with pytest.raises(services.PublishRefusedError, match="Only the Publisher"):
        services.plan_publish(version=ready, by=role_users["staff"])
    assert not Publication.objects.exists()


def test_publishing_records_it_freezes_the_files_and_does_what_the_statute_asks(
    ready: Any, role_users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    plan = ready.plan
    MilestoneFactory(
        plan=plan,
        title="Finalise and publish web copy of the plan",
        starts_on=timezone.localdate() - datetime.timedelta(days=2),
        ends_on=timezone.localdate() + datetime.timedelta(days=2),
        phase=Milestone.Phase.FINAL,
        statutory_step=StatutoryStep.PUBLISH_PLAN,
    )
    # What setting the scene queued (the Panel told of the published response) has gone.
    relay_eagerly()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publication = _publish(ready, role_users)

    assert publication.published_by == role_users["publisher"] and not publication.issued_late
    documents = list(publication.documents.all())
    assert len(documents) == 14
    assert all(job.frozen and job.status == RenderJob.Status.DONE for job in documents)
    plan.refresh_from_db()
    assert plan.stage == Plan.Stage.PUBLISHED

    published = plan.milestones.get(statutory_step=StatutoryStep.PUBLISH_PLAN)
    assert (published.title, published.status) == ("Finalise and publish web copy of the plan", "done")
    assert published.completed_on == timezone.localdate() and published.completed_by == role_users["publisher"]
    assert published.evidence_url == f"/published/{plan.area.slug}/{plan.slug}/"
    reviews = plan.milestones.filter(phase=Milestone.Phase.REVIEW)
    assert reviews.exists() and reviews.order_by("starts_on").first().starts_on.month == 1

    # The copy for the Chief Constable, with the link, e-mailed once the publication committed.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [role_users["force"].email]
    assert f"http://127.0.0.1:8000/published/{plan.area.slug}/{plan.slug}/" in message.body
    full = next(job for job in documents if job.format == RenderJob.Format.FULL)
    assert full.sha256 in message.body
    copied = plan.milestones.get(statutory_step=StatutoryStep.COPY_TO_CHIEF_CONSTABLE)
    assert copied.status == "done" and copied.completed_on == timezone.localdate()
    publication.refresh_from_db()
    assert publication.copy_sent_at is not None and publication.copy_sent_to == role_users["force"].email

    # Sent once: a retried task e-mails nobody again.
    assert services.publication_copy_to_chief_constable(publication_id=publication.pk) == 0
    assert len(mail.outbox) == 1


def test_a_published_file_is_never_rendered_again_or_retried(ready: Any, role_users: dict[str, Any]) -> None:
    publication = _publish(ready, role_users, notify=False)
    job = publication.documents.get(format=RenderJob.Format.FULL)
    with pytest.raises(services.RenderRefusedError):
        services.render_job_retry(job=job, by=role_users["staff"])
    assert services.render_job_claim(job_id=job.pk, task_id="again", worker="w") is None
    with pytest.raises(services.PublishRefusedError, match="already published"):
        _publish(ready, role_users)


def test_a_version_is_published_once(ready: Any, role_users: dict[str, Any]) -> None:
    publication = _publish(ready, role_users, notify=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.create(version=ready, published_at=timezone.now(), published_by=role_users["publisher"])
    assert Publication.objects.get() == publication


def test_a_late_new_plan_is_published_only_once_the_publisher_acknowledges_it(
    ready: Any, role_users: dict[str, Any]
) -> None:
    plan = ready.plan
    Plan.objects.filter(pk=plan.pk).update(pcc_elected_on=datetime.date(2016, 5, 5))
    with pytest.raises(services.PublishRefusedError) as refused:
        _publish(ready, role_users, notify=False)
    assert refused.value.missing == (
        "A new plan is issued by 31 March of the financial year in which the Commissioner was elected "
        "(PRSR Act 2011 s5(1)): The deadline for issuing this new plan was 31 March 2017. It can no longer be "
        "met: the plan can still be published, once the Publisher acknowledges that it is late",
    )
    publication = _publish(ready, role_users, notify=False, acknowledge_late=True)
    assert publication.issued_late


def test_a_change_published_later_keeps_the_first_publications_files(ready: Any, role_users: dict[str, Any]) -> None:
    from panel import services as panel_services
    from panel.models import Panel
    from panel.tests.factories import PanelReviewFactory

    plan = ready.plan
    first = _publish(ready, role_users, notify=False, now=timezone.now() - datetime.timedelta(days=30))
    first_files = {job.pk: (job.output.name, job.sha256) for job in first.documents.all()}

    section = plan.sections.order_by("order").first()
    section.body = "<p>The Commissioner will publish her scrutiny panels' findings every quarter.</p>"
    section.save()
    v2 = version_cut(plan=plan, by=role_users["staff"])
    render_all_done(v2)
    with pytest.raises(services.PublishRefusedError) as refused:
        _publish(v2, role_users, notify=False)
    # The Chief Constable and the Panel saw the plan as first published, not this change.
    assert [item.split(" (PRSR")[0] for item in refused.value.missing] == [
        "The Chief Constable was consulted on the draft",
        "The draft was sent to the Police and Crime Panel",
    ]

    panel_services.chief_constable_comment_record(
        version=v2,
        text="The Chief Constable supports the change.",
        recorded_on=timezone.localdate(),
        by=role_users["force"],
    )
    PanelReviewFactory(
        panel=Panel.objects.get(area=plan.area),
        version=v2,
        issued_by=role_users["staff"],
        issued_at=timezone.now() - datetime.timedelta(days=10),
        comments_deadline=timezone.now() - datetime.timedelta(days=1),
    )
    second = _publish(v2, role_users, notify=False)

    assert Publication.objects.count() == 2
    kept = {job.pk: (job.output.name, job.sha256) for job in first.documents.all()}
    assert kept == first_files
    assert all(job.frozen for job in first.documents.all())
    assert set(first_files).isdisjoint(second.documents.values_list("pk", flat=True))


def test_an_earlier_version_cannot_be_published_after_a_later_one(ready: Any, role_users: dict[str, Any]) -> None:
    section = ready.plan.sections.order_by("order").first()
    section.body = "<p>The Commissioner will publish her scrutiny panels' findings every quarter.</p>"
    section.save()
    v2 = version_cut(plan=ready.plan, by=role_users["staff"])
    render_all_done(v2)
    _publish(v2, role_users, notify=False)
    with pytest.raises(services.PublishRefusedError, match="cannot go back to an earlier version"):
        _publish(ready, role_users, notify=False)


def test_a_published_version_is_not_rendered_again(ready: Any, role_users: dict[str, Any]) -> None:
    publication = _publish(ready, role_users, notify=False)
    with pytest.raises(services.RenderRefusedError, match="V1 is published: its documents are frozen"):
        services.render_all_request(version=ready, by=role_users["staff"])
    with pytest.raises(services.RenderRefusedError):
        services.render_job_request(version=ready, format=RenderJob.Format.SUMMARY, by=role_users["staff"])
    failed = RenderJobFactory(version=ready, format=RenderJob.Format.SUMMARY, status=RenderJob.Status.FAILED)
    with pytest.raises(services.RenderRefusedError):
        services.render_job_retry(job=failed, by=role_users["staff"])
    assert set(RenderJob.objects.filter(status=RenderJob.Status.DONE)) == set(publication.documents.all())


def test_documents_whose_covers_give_another_day_are_not_published(ready: Any, role_users: dict[str, Any]) -> None:
    """Rendered for the planned day, published on another: the covers would be wrong."""
    from pcplan.dates import long_date
    from publishing.pdf import RenderedPdf

    # A real render of the version records what its cover says (the fake PDF stands for WeasyPrint's).
    job = services.render_job_create(version=ready, format=RenderJob.Format.FULL)
    done = services.render_job_run(
        job_id=job.pk, task_id="t", worker="w", renderer=lambda html, **_: RenderedPdf(data=b"%PDF-1.7", page_count=1)
    )
    assert done is not None and done.issued_as  # "Draft V1, ..." or "Published ..."
    RenderJob.objects.filter(version=ready).update(issued_as="Published 14 October 2016")
    with pytest.raises(services.PublishRefusedError) as refused:
        _publish(ready, role_users)
    today = long_date(timezone.localdate())
    [line] = [line for line in refused.value.missing if "again" in line]
    assert line.startswith("Render the full plan, the public summary")
    assert f"their covers say \u201cPublished 14 October 2016\u201d, not \u201cPublished {today}\u201d" in line
    assert f"\u201cIssue and publish the plan\u201d to {today}" in line
    assert not Publication.objects.exists()
    RenderJob.objects.filter(version=ready).update(issued_as="Draft V1, 1 September 2016")
    with pytest.raises(services.PublishRefusedError) as refused:
        _publish(ready, role_users)
    [line] = [line for line in refused.value.missing if "again" in line]
    assert "again once the plan is in \u201cPhase 4: final plan\u201d" in line
    assert line.endswith("so the published plan would be marked as a draft")
    RenderJob.objects.filter(version=ready).update(issued_as=f"Published {today}")
    assert _publish(ready, role_users).documents.count() == len(services.documents_of(ready))
