"""A consultation's outcome report ("you said, we did") as a document, and its publication.

Staff draft the report in the consultation app; the Publisher publishes it here, because
publishing it renders its PDF through the same pipeline as the plan's documents (a render
job, a Celery task, a tagged PDF frozen once done). The PDF's body is the same partial as
the consultation's public page, so the two always say the same.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from consultation.models import Consultation
from consultation.outcome import outcome_of
from consultation.services import outcome_mark_published
from pcplan.dates import long_date
from plans.snapshot import PlanContent

from .documents import Document, Issue, _base_context
from .models import RenderJob


def outcome_document(consultation: Consultation) -> Document:
    version = consultation.version
    plan = version.plan
    content = PlanContent.from_json(version.content)
    title = f"You said, we did: {consultation.title}"
    context = _base_context(plan, version, content, title, RenderJob.Format.OUTCOME)
    outcome = outcome_of(consultation)
    published = outcome.report.published_at if outcome.report and outcome.report.published_at else timezone.now()
    context.update(
        {
            "consultation": consultation,
            "outcome": outcome,
            "period": f"Consultation from {consultation.opens_at:%-d %B %Y} to {consultation.closes_at:%-d %B %Y}",
            "created_iso": published.isoformat(),
            # The report is its own publication: never marked as the draft plan it consulted on.
            "issue": Issue(False, f"Published {long_date(timezone.localdate(published))}", ""),
        }
    )
    return Document(
        format=RenderJob.Format.OUTCOME,
        title=title,
        template_name="publishing/documents/outcome.html",
        body_template="consultation/includes/outcome_body.html",
        context=context,
    )


@transaction.atomic
def outcome_publish(*, consultation: Consultation, by: User) -> RenderJob:
    """Publish the outcome report (the consultation's and the plan's public pages show it at
    once) and queue its PDF; the e-mails to those who asked go out after commit."""
    from .services import _queue

    outcome_mark_published(consultation=consultation, by=by, now=timezone.now())
    job = outcome_job_create(consultation=consultation, by=by)
    _queue([job])
    return job


def outcome_job_create(*, consultation: Consultation, by: User | None) -> RenderJob:
    """The render job of a consultation's outcome report (the caller queues or runs it)."""
    from .services import _new_job

    return _new_job(
        version=consultation.version, format=RenderJob.Format.OUTCOME, district=None, by=by, consultation=consultation
    )


def outcome_pdf_job(consultation_id: int) -> RenderJob | None:
    """The published outcome report's PDF, once rendered."""
    return (
        RenderJob.objects.select_related("version__plan")
        .filter(consultation_id=consultation_id, format=RenderJob.Format.OUTCOME, status=RenderJob.Status.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )
