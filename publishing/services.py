"""The writes of publishing: render jobs and their state machine.

    queued --claim--> running --finish--> done
                         |  \\--fail--> failed --retry--> queued
                         \\--worker lost (same message delivered again, or the sweep)-->
                             running again (attempt n+1), or failed after MAX_ATTEMPTS

A worker that dies mid-render (killed, out of memory, machine lost) leaves its job
running. Two things bring it back: Celery delivers the message again (acks_late with
reject_on_worker_lost when the pool child dies; the broker's visibility timeout when the
whole worker dies), and `render_jobs_sweep` re-queues or fails a running job whose
heartbeat has stopped. A job is never left running for ever.
"""

import hashlib
import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from plans.models import District, Version

from .documents import DocumentError, build_document
from .models import MAX_ATTEMPTS, RenderJob

if TYPE_CHECKING:
    from .pdf import RenderedPdf

logger = logging.getLogger(__name__)

# A render that has said nothing for this long has lost its worker: even a live one would
# have been stopped by the task's hard time limit by then.
RENDER_HARD_TIME_LIMIT = getattr(settings, "PCPLAN_RENDER_TIME_LIMIT", 180)
RENDER_SOFT_TIME_LIMIT = getattr(settings, "PCPLAN_RENDER_SOFT_TIME_LIMIT", 150)
STALE_RUNNING_AFTER = timedelta(seconds=RENDER_HARD_TIME_LIMIT + 60)
# A queued job whose message was lost (a broker restarted without its data) is queued again.
STALE_QUEUED_AFTER = timedelta(minutes=30)
# Progress is written at most this often, and only when it moved.
PROGRESS_WRITE_INTERVAL = 0.5

Format = RenderJob.Format
Status = RenderJob.Status


class RenderRefusedError(Exception):
    """A render request that cannot be carried out, in words for the person asking."""


class NotOwnedError(Exception):
    """The job is no longer this attempt's to finish (the sweep gave it to another)."""


@dataclass(frozen=True)
class DocumentRequest:
    format: str
    district: District | None = None


def documents_of(version: Version) -> list[DocumentRequest]:
    """Every document of a version: the full plan, the summary, and one per District."""
    districts = District.objects.filter(area_id=version.plan.area_id).order_by("name")
    return [
        DocumentRequest(Format.FULL),
        DocumentRequest(Format.SUMMARY),
        *(DocumentRequest(Format.DISTRICT, district) for district in districts),
    ]


# ---------------------------------------------------------------- requesting


def _queue(jobs: Iterable[RenderJob]) -> None:
    """Queue one task per job when the transaction commits: a group for several."""
    from .tasks import render_document

    signatures = [render_document.si(job.pk).set(task_id=job.task_id) for job in jobs]
    if not signatures:
        return
    if len(signatures) == 1:
        transaction.on_commit(signatures[0].apply_async)
        return
    from celery import group

    transaction.on_commit(group(signatures).apply_async)


def _new_job(*, version: Version, format: str, district: District | None, by: AbstractBaseUser | None) -> RenderJob:
    job = RenderJob(
        version=version,
        format=format,
        district=district,
        requested_by=by,
        requested_at=timezone.now(),
        task_id=str(uuid.uuid4()),
    )
    job.full_clean()
    job.save()
    return job


@transaction.atomic
def render_job_request(
    *, version: Version, format: str, district: District | None = None, by: AbstractBaseUser | None
) -> RenderJob:
    """Queue one document of a version."""
    build_document(version=version, format=format, district=district)  # refuses a bad request now, not in a worker
    job = _new_job(version=version, format=format, district=district, by=by)
    _queue([job])
    return job


@transaction.atomic
def render_job_create(
    *, version: Version, format: str, district: District | None = None, by: AbstractBaseUser | None = None
) -> RenderJob:
    """A job to run in this process (the render_plan command, the benchmark): recorded
    like any other, but not queued."""
    build_document(version=version, format=format, district=district)
    return _new_job(version=version, format=format, district=district, by=by)


@transaction.atomic
def render_all_request(*, version: Version, by: AbstractBaseUser | None) -> list[RenderJob]:
    """Queue every document of a version as a Celery group: the full plan, the summary and
    each District plan. A document already queued or rendering is not queued twice."""
    # Lock the version's row (reading it changes nothing) so two people pressing "Render
    # all" at once queue one set between them.
    Version.objects.select_for_update().filter(pk=version.pk).values_list("pk", flat=True).get()
    busy = {
        job.document_key
        for job in RenderJob.objects.filter(version=version, status__in=[Status.QUEUED, Status.RUNNING])
    }
    jobs = [
        _new_job(version=version, format=doc.format, district=doc.district, by=by)
        for doc in documents_of(version)
        if (doc.format, doc.district.pk if doc.district else None) not in busy
    ]
    _queue(jobs)
    return jobs


@transaction.atomic
def render_job_retry(*, job: RenderJob, by: AbstractBaseUser | None) -> RenderJob:
    """Queue a failed render again, from its first attempt."""
    job = RenderJob.objects.select_for_update().get(pk=job.pk)
    if job.frozen:
        raise RenderRefusedError("This document is published: its file cannot be rendered again.")
    if job.status != Status.FAILED:
        raise RenderRefusedError(
            f"Only a failed render can be retried; this one is {job.get_status_display().lower()}."
        )
    job.status = Status.QUEUED
    job.progress = 0
    job.attempts = 0
    job.error = ""
    job.started_at = job.finished_at = job.heartbeat_at = None
    job.worker = ""
    job.task_id = str(uuid.uuid4())
    job.requested_by = by
    job.requested_at = timezone.now()
    job.full_clean()
    job.save()
    _queue([job])
    return job


# ---------------------------------------------------------------- running


@transaction.atomic
def render_job_claim(*, job_id: int, task_id: str, worker: str) -> RenderJob | None:
    """Start an attempt, or say there is nothing to do (None).

    A running job is taken over when this is the same message delivered again (its
    worker died) or when its heartbeat has stopped; a live render is left alone. After
    MAX_ATTEMPTS the job fails instead: a document that kills its worker every time must
    not loop for ever."""
    job = RenderJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.frozen or job.status in (Status.DONE, Status.FAILED):
        return None
    now = timezone.now()
    if job.status == Status.RUNNING:
        redelivered = job.task_id == task_id
        stale = job.heartbeat_at is None or job.heartbeat_at < now - STALE_RUNNING_AFTER
        if not (redelivered or stale):
            return None
        logger.warning("Render job %s lost its worker %s during attempt %s", job.pk, job.worker, job.attempts)
        if job.attempts >= MAX_ATTEMPTS:
            _fail(job, _lost_message(job.attempts), now)
            return None
    job.status = Status.RUNNING
    job.attempts += 1
    job.progress = 5
    job.started_at = job.heartbeat_at = now
    job.finished_at = None
    job.task_id = task_id
    job.worker = worker
    job.error = ""
    job.save()
    return job


def _lost_message(attempts: int) -> str:
    return (
        f"The render stopped {attempts} times without finishing (its worker process was stopped, "
        "ran out of memory or was lost). Try again; if it fails again, the document may be too big to render."
    )


def _fail(job: RenderJob, error: str, now: Any) -> None:
    job.status = Status.FAILED
    job.error = error
    job.finished_at = now
    job.heartbeat_at = now
    job.save()


def render_job_progress(*, job_id: int, task_id: str, progress: int) -> bool:
    """Record progress and the heartbeat; False when the attempt no longer owns the job."""
    updated = RenderJob.objects.filter(pk=job_id, status=Status.RUNNING, task_id=task_id).update(
        progress=min(99, max(0, progress)), heartbeat_at=timezone.now()
    )
    return bool(updated)


class _ProgressWriter:
    def __init__(self, job: RenderJob) -> None:
        self.job_id = job.pk
        self.task_id = job.task_id
        self.last_write = 0.0
        self.last_percent = job.progress

    def __call__(self, percent: int) -> None:
        now = time.monotonic()
        if percent <= self.last_percent or now - self.last_write < PROGRESS_WRITE_INTERVAL:
            return
        self.last_write, self.last_percent = now, percent
        if not render_job_progress(job_id=self.job_id, task_id=self.task_id, progress=percent):
            raise NotOwnedError(f"Render job {self.job_id} was taken over; this attempt stops.")


def _expected_pages(job: RenderJob, html: str) -> int:
    previous = (
        RenderJob.objects.filter(version=job.version, format=job.format, district=job.district, status=Status.DONE)
        .order_by("-finished_at")
        .values_list("page_count", flat=True)
        .first()
    )
    if previous:
        return previous
    # About 3,500 characters of this HTML fill an A4 page, and half that an A5 one.
    return max(1, len(html) // (3500 if job.format == Format.FULL else 1750))


def render_job_run(*, job_id: int, task_id: str, worker: str) -> RenderJob | None:
    """Render one job's document to its file: the whole of one Celery task."""
    # WeasyPrint is imported by the processes that render, not by every web process.
    from .pdf import DocumentTooLongError, render_pdf

    job = render_job_claim(job_id=job_id, task_id=task_id, worker=worker)
    if job is None:
        return None
    try:
        document = build_document(version=job.version, format=job.format, district=job.district)
        html = document.html()
        render_job_progress(job_id=job.pk, task_id=task_id, progress=10)
        rendered = render_pdf(
            html,
            on_progress=_ProgressWriter(job),
            expected_pages=_expected_pages(job, html),
            max_pages=document.max_pages,
        )
    except NotOwnedError:
        logger.warning("Render job %s: attempt %s stopped, another took over", job.pk, task_id)
        return None
    except DocumentTooLongError as error:
        return render_job_fail(
            job_id=job.pk,
            task_id=task_id,
            error=f"The {job.get_format_display().lower()} runs to {error.pages} pages, more than the "
            f"{error.max_pages} an A5 leaflet can have. Shorten the sections marked for the public summary.",
        )
    except DocumentError as error:
        return render_job_fail(job_id=job.pk, task_id=task_id, error=str(error))
    except Exception as error:
        # SoftTimeLimitExceeded lands here too. The job must end failed, with a reason a
        # member of staff can read, whatever went wrong; the traceback goes to the log.
        logger.exception("Render job %s failed", job.pk)
        return render_job_fail(job_id=job.pk, task_id=task_id, error=_error_message(error))
    return render_job_finish(job_id=job.pk, task_id=task_id, rendered=rendered)


def _error_message(error: BaseException) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(error, SoftTimeLimitExceeded):
        return f"The render took longer than {RENDER_SOFT_TIME_LIMIT} seconds and was stopped."
    if isinstance(error, MemoryError):
        return "The render ran out of memory and was stopped."
    return f"The render failed: {type(error).__name__}: {error}"[:2000]


def render_job_finish(*, job_id: int, task_id: str, rendered: "RenderedPdf") -> RenderJob | None:
    """Store the PDF under a new name and mark the job done, if this attempt still owns it."""
    job = RenderJob.objects.select_related("version__plan__area", "district").get(pk=job_id)
    digest = hashlib.sha256(rendered.data).hexdigest()
    # Written before the row changes, under a name no other file has; removed again if
    # the job turns out not to be ours any more.
    name = job.output.field.generate_filename(job, job.download_name)
    stored = default_storage.save(name, ContentFile(rendered.data))
    with transaction.atomic():
        locked = RenderJob.objects.select_for_update().get(pk=job_id)
        if locked.status != Status.RUNNING or locked.task_id != task_id or locked.frozen:
            transaction.on_commit(lambda: default_storage.delete(stored))
            return None
        now = timezone.now()
        locked.output.name = stored
        locked.sha256 = digest
        locked.size_bytes = len(rendered.data)
        locked.page_count = rendered.page_count
        locked.status = Status.DONE
        locked.progress = 100
        locked.finished_at = locked.heartbeat_at = now
        locked.error = ""
        locked.save()
    return locked


@transaction.atomic
def render_job_fail(*, job_id: int, task_id: str, error: str) -> RenderJob | None:
    """Mark the job failed, if this attempt still owns it."""
    job = RenderJob.objects.select_for_update().get(pk=job_id)
    if job.status != Status.RUNNING or job.task_id != task_id:
        return None
    _fail(job, error, timezone.now())
    return job


def render_jobs_sweep(
    *,
    stale_running_after: timedelta = STALE_RUNNING_AFTER,
    stale_queued_after: timedelta = STALE_QUEUED_AFTER,
) -> dict[str, int]:
    """Bring back jobs whose worker or message was lost: a running job whose heartbeat
    stopped is queued again (or failed after MAX_ATTEMPTS); a job queued for too long is
    queued again. Run every minute by Celery beat. Safe against a live render: a claim
    refuses a running job with a fresh heartbeat."""
    now = timezone.now()
    counts = {"requeued": 0, "failed": 0}
    with transaction.atomic():
        stale = RenderJob.objects.select_for_update(skip_locked=True).filter(
            Q(status=Status.RUNNING, heartbeat_at__lt=now - stale_running_after)
            | Q(status=Status.RUNNING, heartbeat_at__isnull=True)
            | Q(status=Status.QUEUED, requested_at__lt=now - stale_queued_after),
            frozen=False,
        )
        requeue = []
        for job in stale:
            if job.status == Status.RUNNING and job.attempts >= MAX_ATTEMPTS:
                _fail(job, _lost_message(job.attempts), now)
                counts["failed"] += 1
                continue
            logger.warning("Render job %s (%s, attempt %s) is stale: queued again", job.pk, job.status, job.attempts)
            job.status = Status.QUEUED
            job.task_id = str(uuid.uuid4())
            job.requested_at = now
            job.heartbeat_at = None
            job.save()
            requeue.append(job)
            counts["requeued"] += 1
        _queue(requeue)
    return counts


@transaction.atomic
def render_job_freeze(*, job: RenderJob) -> RenderJob:
    """Freeze a finished render (publication does this): its file is never replaced."""
    job = RenderJob.objects.select_for_update().get(pk=job.pk)
    if job.status != Status.DONE:
        raise RenderRefusedError("Only a finished render can be frozen.")
    if not job.frozen:
        job.frozen = True
        job.frozen_at = timezone.now()
        job.full_clean()
        job.save()
    return job
