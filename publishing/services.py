"""The writes of publishing: render jobs and their state machine.

    queued --claim--> running --finish--> done
                         |  \\--fail--> failed --retry--> queued
                         \\--worker lost (same message delivered again, or the sweep)-->
                             running again (attempt n+1), or failed after MAX_ATTEMPTS

A worker that dies mid-render (killed, out of memory, machine lost) leaves its job
running, and its heartbeat (written every few seconds by a thread beside the render)
stops. Three things bring it back: Celery delivers the message again when only the pool
child died (acks_late with reject_on_worker_lost); `render_jobs_sweep`, every few seconds
under Celery beat, queues again a job whose heartbeat is 30 seconds old (or fails it after
MAX_ATTEMPTS); and staff see it "interrupted" with a retry button, and "Render all" queues
it again. The broker's visibility timeout is the last resort. A job is never left running.
"""

import contextlib
import dataclasses
import hashlib
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import DatabaseError, transaction
from django.db import connection as db_connection
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from pcplan.dates import long_date
from pcplan.outbox.services import enqueue
from pcplan.roles import Role, roles_of
from performance.services import reviews_schedule
from plans.models import District, Plan, StatutoryStep, Version
from plans.services import milestone_record_step, plan_mark_published

from .documents import Document, DocumentError, build_document
from .formats import version_formats, version_has_easy_read
from .models import FORMAT_PHRASES, HEARTBEAT_SECONDS, HEARTBEAT_STALE_AFTER, MAX_ATTEMPTS, Publication, RenderJob
from .snapshot import Snapshot

if TYPE_CHECKING:
    from datetime import datetime

    from .pdf import RenderedPdf
    from .requirements import Compliance

logger = logging.getLogger(__name__)

RENDER_HARD_TIME_LIMIT = getattr(settings, "PCPLAN_RENDER_TIME_LIMIT", 180)
RENDER_SOFT_TIME_LIMIT = getattr(settings, "PCPLAN_RENDER_SOFT_TIME_LIMIT", 150)
# A render whose heartbeat is this old has lost its worker (a live one beats every
# HEARTBEAT_SECONDS).
STALE_RUNNING_AFTER = HEARTBEAT_STALE_AFTER
# A queued job whose message was lost (a broker restarted without its data) is queued again.
STALE_QUEUED_AFTER = timedelta(minutes=30)
# Progress is written at most this often, and only when it moved: as often as the
# documents page asks for it (POLL_MS in static/publishing/documents.js), no more.
PROGRESS_WRITE_INTERVAL = 1.5

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
    """Every document of a version: the full plan, the summary, the plan on a page and
    its poster, the large-print summary, the Easy Read version once every priority has
    its Easy Read text and picture, and one District plan per District."""
    districts = District.objects.filter(area_id=version.plan.area_id).order_by("name")
    return [
        *(DocumentRequest(format) for format in version_formats(version_has_easy_read(version))),
        *(DocumentRequest(Format.DISTRICT, district) for district in districts),
    ]


# ---------------------------------------------------------------- requesting


def _queue(jobs: Iterable[RenderJob]) -> None:
    """Queue one task per job through the outbox, in the caller's transaction: each runs
    once that commits and the broker answers. The Celery task id is the job's own, so a
    message delivered again is recognised by render_job_claim."""
    from .tasks import render_document

    for job in jobs:
        enqueue(render_document, args=[job.pk], task_id=job.task_id)


def _new_job(
    *, version: Version, format: str, district: District | None, by: User | None, consultation: Any = None
) -> RenderJob:
    job = RenderJob(
        version=version,
        format=format,
        district=district,
        consultation=consultation,
        requested_by=by,
        requested_at=timezone.now(),
        task_id=str(uuid.uuid4()),
    )
    job.full_clean()
    job.save()
    return job


def _refuse_if_published(version: Version) -> None:
    """A published version's documents are frozen: staff render it no more (the files its
    public page lists stay the ones it was published with)."""
    if Publication.objects.filter(version_id=version.pk).exists():
        raise RenderRefusedError(f"{version.label} is published: its documents are frozen and are not rendered again.")


@transaction.atomic
def render_job_request(
    *, version: Version, format: str, district: District | None = None, by: User | None
) -> RenderJob:
    """Queue one document of a version."""
    _refuse_if_published(version)
    build_document(version=version, format=format, district=district)  # refuses a bad request now, not in a worker
    job = _new_job(version=version, format=format, district=district, by=by)
    _queue([job])
    return job


@transaction.atomic
def render_job_create(
    *, version: Version, format: str, district: District | None = None, by: User | None = None
) -> RenderJob:
    """A job to run in this process (the render_plan command, the benchmark): recorded
    like any other, but not queued. The document is not built here to check the request,
    as render_job_request does for a worker: the run, straight after, builds it and fails
    the job with the same message (a plan's measures and charts took a tenth of a second
    to build twice)."""
    return _new_job(version=version, format=format, district=district, by=by)


@transaction.atomic
def render_all_request(*, version: Version, by: User | None) -> list[RenderJob]:
    """Queue every document of a version as a Celery group: the full plan, the summary and
    each District plan. A document already queued or rendering is not queued twice."""
    # Lock the version's row (reading it changes nothing) so two people pressing "Render
    # all" at once queue one set between them.
    Version.objects.select_for_update().filter(pk=version.pk).values_list("pk", flat=True).get()
    _refuse_if_published(version)
    busy: set[tuple[str, int | None]] = set()
    interrupted: list[RenderJob] = []
    for job in RenderJob.objects.select_for_update().filter(
        version=version, status__in=[Status.QUEUED, Status.RUNNING]
    ):
        busy.add(job.document_key)
        if job.is_interrupted:
            # Its worker died: queue that job again (the sweep would, a little later),
            # rather than skip the document or start a second job beside it.
            _requeue(job, by=by, fresh=True)
            interrupted.append(job)
    jobs = interrupted + [
        _new_job(version=version, format=doc.format, district=doc.district, by=by)
        for doc in documents_of(version)
        if (doc.format, doc.district.pk if doc.district else None) not in busy
    ]
    _queue(jobs)
    return jobs


def _requeue(job: RenderJob, *, by: User | None = None, fresh: bool) -> None:
    """Put a job back in the queue under a new task id (the caller queues it). `fresh`
    (a person asked) starts its attempts again; the sweep keeps counting them."""
    job.status = Status.QUEUED
    job.progress = 0
    job.error = ""
    job.started_at = job.finished_at = job.heartbeat_at = None
    job.worker = ""
    job.task_id = str(uuid.uuid4())
    job.requested_at = timezone.now()
    if fresh:
        job.attempts = 0
        job.requested_by = by
    job.full_clean()
    job.save()


@transaction.atomic
def render_job_retry(*, job: RenderJob, by: User | None) -> RenderJob:
    """Queue a failed render again, from its first attempt."""
    job = RenderJob.objects.select_for_update().select_related("version").get(pk=job.pk)
    if job.frozen:
        raise RenderRefusedError("This document is published: its file cannot be rendered again.")
    _refuse_if_published(job.version)
    if not job.can_retry:
        raise RenderRefusedError(
            f"Only a failed or interrupted render can be retried; this one is {job.get_status_display().lower()}."
        )
    _requeue(job, by=by, fresh=True)
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
        RenderJob.objects.filter(
            version=job.version,
            format=job.format,
            district=job.district,
            consultation=job.consultation,
            status=Status.DONE,
        )
        .order_by("-finished_at")
        .values_list("page_count", flat=True)
        .first()
    )
    if previous:
        return previous
    # About 3,500 characters of this HTML fill an A4 page, and half that an A5 one.
    return max(1, len(html) // (3500 if job.format == Format.FULL else 1750))


class _Heartbeat(threading.Thread):
    """Writes a running job's heartbeat every HEARTBEAT_SECONDS on a connection of its
    own, whatever the render is doing (WeasyPrint can lay out for a long while between
    two progress steps): a job whose heartbeat stops has lost its worker."""

    def __init__(self, *, job_id: int, task_id: str) -> None:
        super().__init__(name=f"render-heartbeat-{job_id}", daemon=True)
        self.job_id, self.task_id = job_id, task_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                try:
                    owned = RenderJob.objects.filter(
                        pk=self.job_id, status=Status.RUNNING, task_id=self.task_id
                    ).update(heartbeat_at=timezone.now())
                except DatabaseError:
                    logger.warning("Render job %s: heartbeat not written", self.job_id, exc_info=True)
                    db_connection.close()
                    continue
                if not owned:
                    return  # finished, or taken over: nothing more to say
        finally:
            db_connection.close()  # this thread's own connection

    def __enter__(self) -> "_Heartbeat":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.join(timeout=HEARTBEAT_SECONDS * 2)


def render_job_run(
    *,
    job_id: int,
    task_id: str,
    worker: str,
    renderer: "Callable[..., RenderedPdf] | None" = None,
    heartbeat: bool = False,
) -> RenderJob | None:
    """Render one job's document to its file: the whole of one Celery task. `renderer`
    stands in for `pdf.render_pdf` (the demo seed passes one that remembers PDFs it has
    made from the same HTML); tasks and pages never pass it. `heartbeat` (a worker's
    task) writes the job's heartbeat from a thread while it renders."""
    # WeasyPrint is imported by the processes that render, not by every web process.
    from .pdf import DocumentTooLongError, asset_base_url, collect_assets
    from .pdf import render_pdf as weasyprint_render

    render_pdf = renderer or weasyprint_render

    job = render_job_claim(job_id=job_id, task_id=task_id, worker=worker)
    if job is None:
        return None
    beating = _Heartbeat(job_id=job.pk, task_id=task_id) if heartbeat else contextlib.nullcontext()
    try:
        with beating:
            document = _document_of(job)
            html = document.html()
            base_url = asset_base_url()
            # Frozen before the render starts, so the files are those the render reads.
            source = Snapshot(
                html=html,
                web_html=document.web_html(),
                title=document.title,
                office=document.context["office"],
                base_url=base_url,
                assets=collect_assets(html, base_url),
            )
            render_job_progress(job_id=job.pk, task_id=task_id, progress=10)
            if document.type_scales:
                # The type set as large as fits: what is frozen is the HTML of the page printed.
                document, rendered = _fitted(document, render_pdf, base_url)
                html = document.html()
                source = dataclasses.replace(source, html=html, assets=collect_assets(html, base_url))
            else:
                rendered = render_pdf(
                    html,
                    on_progress=_ProgressWriter(job),
                    expected_pages=_expected_pages(job, html),
                    max_pages=document.max_pages,
                    base_url=base_url,
                )
            folds = document.pages_multiple_of
            if folds and rendered.page_count % folds:
                # A folded leaflet: the plan at a glance, then notes pages, fill it out.
                # What is frozen is the HTML of the pages printed.
                document = document.with_filler_pages(-rendered.page_count % folds)
                html = document.html()
                source = dataclasses.replace(source, html=html, assets=collect_assets(html, base_url))
                rendered = render_pdf(
                    html, expected_pages=rendered.page_count, max_pages=document.max_pages, base_url=base_url
                )
    except NotOwnedError:
        logger.warning("Render job %s: attempt %s stopped, another took over", job.pk, task_id)
        return None
    except DocumentTooLongError as error:
        return render_job_fail(
            job_id=job.pk,
            task_id=task_id,
            error=_too_long(job, error.pages, error.max_pages),
        )
    except DocumentError as error:
        return render_job_fail(job_id=job.pk, task_id=task_id, error=str(error))
    except Exception as error:
        # SoftTimeLimitExceeded lands here too. The job must end failed, with a reason a
        # member of staff can read, whatever went wrong; the traceback goes to the log.
        logger.exception("Render job %s failed", job.pk)
        return render_job_fail(job_id=job.pk, task_id=task_id, error=_error_message(error))
    picture = b""
    if job.format == Format.PAGE:
        from .pdf import first_page_png

        try:
            picture = first_page_png(rendered.data)
        except Exception:  # noqa: BLE001 - the PDF stands without its picture; say so in the log
            logger.warning("Render job %s: no picture of the plan on a page", job.pk, exc_info=True)
    return render_job_finish(
        job_id=job.pk,
        task_id=task_id,
        rendered=rendered,
        source=source,
        picture=picture,
        picture_alt=document.picture_alt,
        issued_as=document.issued_as,
    )


def _fitted(
    document: Document, render_pdf: "Callable[..., RenderedPdf]", base_url: str
) -> tuple[Document, "RenderedPdf"]:
    """The plan on a page with its type as large as fits the page, and its PDF. Raises
    DocumentTooLongError when it does not fit even with the smallest type."""
    from .formats import PageRoom, fitted_type_scale
    from .pdf import DocumentTooLongError, layout_anchors

    assert document.type_scales is not None  # noqa: S101 - only a page that fills itself comes here
    lowest, highest = document.type_scales

    rooms: dict[float, PageRoom] = {}

    def room_at(scale: float) -> PageRoom:
        rooms[scale] = PageRoom.from_anchors(*layout_anchors(document.with_type_scale(scale).html(), base_url=base_url))
        return rooms[scale]

    scale = fitted_type_scale(room_at, lowest=lowest, highest=highest)
    if scale is None:
        raise DocumentTooLongError(max(room.pages for room in rooms.values()), document.max_pages or 1)
    # What the type leaves over goes to the priorities' rows, so they reach down to the foot
    # band; a few pixels short of it, which the space above the band can always give.
    fitted = document.with_type_scale(scale, spare=max(0.0, rooms[scale].free - 4))
    return fitted, render_pdf(fitted.html(), max_pages=document.max_pages, base_url=base_url)


def _too_long(job: RenderJob, pages: int, max_pages: int) -> str:
    if job.format in (Format.PAGE, Format.POSTER):
        return (
            f"The plan on a page runs to {pages} pages: it must fit on one. Shorten the vision, the priorities' "
            "titles or their measures' names."
        )
    return (
        f"The {job.get_format_display().lower()} runs to {pages} pages, more than the {max_pages} an A5 leaflet "
        "can have. Shorten the sections marked for the public summary."
    )


def _document_of(job: RenderJob) -> Document:
    if job.format == Format.OUTCOME:
        from .outcome import outcome_document

        return outcome_document(job.consultation)  # type: ignore[arg-type]  # the constraint sets it for outcomes
    return build_document(version=job.version, format=job.format, district=job.district)


def _error_message(error: BaseException) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(error, SoftTimeLimitExceeded):
        return f"The render took longer than {RENDER_SOFT_TIME_LIMIT} seconds and was stopped."
    if isinstance(error, MemoryError):
        return "The render ran out of memory and was stopped."
    return f"The render failed: {type(error).__name__}: {error}"[:2000]


def render_job_finish(
    *,
    job_id: int,
    task_id: str,
    rendered: "RenderedPdf",
    source: Snapshot | None = None,
    picture: bytes = b"",
    picture_alt: str = "",
    issued_as: str = "",
) -> RenderJob | None:
    """Store the PDF (and what it was rendered from) under new names and mark the job
    done, if this attempt still owns it."""
    job = RenderJob.objects.select_related("version__plan__area", "district").get(pk=job_id)
    digest = hashlib.sha256(rendered.data).hexdigest()
    # Written before the row changes, under names no other file has; removed again if
    # the job turns out not to be ours any more.
    name = job.output.field.generate_filename(job, job.download_name)
    stored = default_storage.save(name, ContentFile(rendered.data))
    stored_picture = ""
    if picture:
        picture_name = job.picture.field.generate_filename(job, job.download_name.removesuffix(".pdf") + ".png")
        stored_picture = default_storage.save(picture_name, ContentFile(picture))
    stored_source = ""
    if source is not None:
        source_name = job.source.field.generate_filename(job, job.download_name.removesuffix(".pdf") + "-source.zip")
        stored_source = default_storage.save(source_name, ContentFile(source.to_bytes()))
    with transaction.atomic():
        locked = RenderJob.objects.select_for_update().get(pk=job_id)
        if locked.status != Status.RUNNING or locked.task_id != task_id or locked.frozen:

            def remove() -> None:
                default_storage.delete(stored)
                for other in (stored_source, stored_picture):
                    if other:
                        default_storage.delete(other)

            transaction.on_commit(remove)
            return None
        now = timezone.now()
        locked.output.name = stored
        locked.source.name = stored_source
        locked.picture.name = stored_picture
        locked.picture_alt = picture_alt if stored_picture else ""
        locked.issued_as = issued_as
        locked.sha256 = digest
        locked.size_bytes = len(rendered.data)
        locked.page_count = rendered.page_count
        locked.status = Status.DONE
        locked.progress = 100
        locked.finished_at = locked.heartbeat_at = now
        locked.error = ""
        if locked.format == Format.OUTCOME:
            # Rendered only on publication: the published report's PDF is frozen at once.
            locked.frozen = True
            locked.frozen_at = now
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
    queued again. Run every few seconds by Celery beat. Safe against a live render: a
    claim refuses a running job with a fresh heartbeat."""
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
            _requeue(job, fresh=False)
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


@dataclass(frozen=True)
class DocumentVerification:
    """A published document rendered again from its frozen source."""

    job: RenderJob
    sha256: str  # of the PDF rendered again; "" when it could not be
    problem: str  # "" when the PDF came out the same

    @property
    def holds(self) -> bool:
        return not self.problem


def publication_verify(*, publication: Publication) -> list[DocumentVerification]:
    """Render every document of the publication again from the HTML and files frozen with
    it, and compare the PDF with the published one, byte for byte (by sha256). Also checks
    that the published file itself still has that sha256."""
    from .pdf import SnapshotFetcher, render_pdf

    results = []
    jobs = publication.documents.select_related("version__plan__area", "district").order_by("format", "district__name")
    for job in jobs:
        problem, digest = "", ""
        try:
            with job.output.open("rb") as published:
                if hashlib.sha256(published.read()).hexdigest() != job.sha256:
                    problem = "The published file no longer has the sha256 recorded when it was published."
            if not job.source:
                problem = problem or "No source was frozen with it: it was rendered before sources were kept."
            else:
                with job.source.open("rb") as file:
                    source = Snapshot.from_bytes(file.read())
                rendered = render_pdf(source.html, base_url=source.base_url, url_fetcher=SnapshotFetcher(source.assets))
                digest = hashlib.sha256(rendered.data).hexdigest()
                if digest != job.sha256:
                    problem = problem or f"Rendered again, its PDF has sha256 {digest}, not the published {job.sha256}."
        except (OSError, KeyError, ValueError) as error:
            problem = f"Its files cannot be read: {error}"
        results.append(DocumentVerification(job=job, sha256=digest, problem=problem))
    return results


# ---------------------------------------------------------------- publication


class PublishRefusedError(Exception):
    """Publishing refused: `missing` lists, in words a member of staff can act on, each
    requirement unmet and each document not rendered."""

    def __init__(self, message: str, missing: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.missing = tuple(missing)


@dataclass(frozen=True)
class PublicationReadiness:
    """What the publish gate finds for a version: the statute, and the documents."""

    # The version judged (the compliance's own `version` is optional: it can judge a draft).
    version: Version
    compliance: "Compliance"
    # The document each job is the latest finished render of, in documents_of order.
    documents: tuple[tuple[DocumentRequest, RenderJob | None], ...]
    # A later version of the plan already published: this one can never be.
    later_published: Version | None = None
    # The day it would be published: each document must say so on its cover.
    publishing_on: "date | None" = None

    @property
    def unrendered(self) -> list[DocumentRequest]:
        return [doc for doc, job in self.documents if job is None]

    def missing(self, *, acknowledged_late: bool = False) -> list[str]:
        if self.later_published is not None:
            return [_going_back(self.later_published)]
        lines = [
            f"{result.requirement.title} ({result.requirement.citation}): {item}"
            for result in self.compliance.refusing(acknowledged_late=acknowledged_late)
            for item in result.missing
        ]
        lines += [f"Render {_document_phrase(doc)} of {self.version.label}" for doc in self.unrendered]
        lines += self.misdated()
        return lines

    def misdated(self) -> list[str]:
        """A document whose cover would give another day than the day it is published
        (rendered before the publication's day moved, or as a draft)."""
        if self.publishing_on is None:
            return []
        today = f"Published {long_date(self.publishing_on)}"
        wrong = [(doc, job) for doc, job in self.documents if job is not None and job.issued_as not in ("", today)]
        if not wrong:
            return []
        said = ", ".join(f"\u201c{label}\u201d" for label in sorted({job.issued_as for _, job in wrong}))
        names = ", ".join(_document_phrase(doc) for doc, _ in wrong)
        covers = "its cover says" if len(wrong) == 1 else "their covers say"
        if any(job.issued_as.startswith("Draft") for _, job in wrong):
            return [
                f"Render {names} again once the plan is in \u201c{Plan.Stage.FINAL.label}\u201d: {covers} {said}, "
                "so the published plan would be marked as a draft"
            ]
        step = StatutoryStep.PUBLISH_PLAN.label
        return [
            f"Render {names} again: {covers} {said}, not \u201c{today}\u201d. Set the milestone "
            f"\u201c{step}\u201d to {long_date(self.publishing_on)} and render all the documents again"
        ]


def _document_phrase(doc: DocumentRequest) -> str:
    if doc.district is not None:
        return f"the District plan for {doc.district.name}"
    return FORMAT_PHRASES[doc.format]


def finished_documents(version: Version) -> tuple[tuple[DocumentRequest, RenderJob | None], ...]:
    """Every document of the version with its latest finished render (None: not rendered)."""
    latest: dict[tuple[str, int | None], RenderJob] = {}
    for job in (
        RenderJob.objects.filter(version=version, status=Status.DONE)
        .select_related("district")
        .order_by("-finished_at", "-pk")
    ):
        latest.setdefault(job.document_key, job)
    return tuple(
        (doc, latest.get((doc.format, doc.district.pk if doc.district else None))) for doc in documents_of(version)
    )


def _going_back(later: Version) -> str:
    return f"{later.label} of the {later.plan.title} is already published: a plan cannot go back to an earlier version."


def publication_readiness(*, version: Version, now: "datetime | None" = None) -> PublicationReadiness:
    from .requirements import evaluate

    later = (
        Version.objects.filter(plan_id=version.plan_id, number__gt=version.number, publication__isnull=False)
        .defer("content")
        .order_by("-number")
        .first()
    )
    if later is not None:
        later.plan = version.plan
    return PublicationReadiness(
        version=version,
        compliance=evaluate(version.plan, version, now=now),
        documents=finished_documents(version),
        later_published=later,
        publishing_on=timezone.localdate(now) if now else timezone.localdate(),
    )


def plan_publish(
    *,
    version: Version,
    by: User,
    acknowledge_late: bool = False,
    now: "datetime | None" = None,
    notify: bool = True,
) -> Publication:
    """Publish a version of a plan, if the statute is met and its documents have rendered.

    Refuses (PublishRefusedError, with the list of what is missing) unless every statutory
    requirement holds (a late new plan only with `acknowledge_late`) and the full plan, the
    public summary and every District plan have a finished render. Then, in one
    transaction: records the Publication, freezes each document's file, makes the plan
    "Published", records the statutory step "issue and publish the plan", marks the
    "publish" milestone done, schedules the quarterly reviews, and, once committed, e-mails
    the Chief Constable's office a copy (s5(10)). `now` and `notify` are for replaying a
    past timeline (the demo); pages never pass them.
    """
    now = now or timezone.now()
    if not (getattr(by, "is_superuser", False) or Role.PUBLISHER in roles_of(by)):
        raise PublishRefusedError("Only the Publisher can publish a plan.")
    with transaction.atomic():
        # One publication at a time per plan: two Publishers pressing at once publish once.
        plan = Plan.objects.select_for_update().select_related("area").get(pk=version.plan_id)
        version = Version.objects.select_related("cut_by").get(pk=version.pk)
        version.plan = plan
        if Publication.objects.filter(version=version).exists():
            raise PublishRefusedError(f"{version.label} of the {plan.title} is already published.")
        readiness = publication_readiness(version=version, now=now)
        if readiness.later_published is not None:
            message = _going_back(readiness.later_published)
            raise PublishRefusedError(message, [message])
        missing = readiness.missing(acknowledged_late=acknowledge_late)
        if missing:
            raise PublishRefusedError(
                f"{version.label} of the {plan.title} cannot be published yet: "
                f"{len(missing)} thing{'s' if len(missing) != 1 else ''} to do first.",
                missing,
            )
        publication = Publication(
            version=version,
            published_at=now,
            published_by=by,
            issued_late=not readiness.compliance.all_met,
        )
        publication.full_clean()
        publication.save()
        jobs = [render_job_freeze(job=job) for _, job in readiness.documents if job is not None]
        publication.documents.set(jobs)
        plan = plan_mark_published(plan=plan, by=by)
        published_on = timezone.localdate(now)
        public_url = publication.get_absolute_url()
        milestone_record_step(
            plan=plan,
            step=StatutoryStep.PUBLISH_PLAN,
            on=published_on,
            by=by,
            evidence_url=public_url,
            note=f"{version.label} published with its {len(jobs)} documents.",
        )
        reviews_schedule(plan=plan, published_on=published_on, by=by)
        if notify:
            from .tasks import send_copy_to_chief_constable

            # Queued with the publication, sent when the broker answers; the compliance page
            # shows whether the copy has gone.
            enqueue(send_copy_to_chief_constable, args=[publication.pk])
    return publication


def _copy_email(publication: Publication, recipients: list[str], cc: list[str]) -> EmailMessage:
    version = publication.version
    plan = version.plan
    base = settings.PCPLAN_BASE_URL.rstrip("/")
    full = next((job for job in publication.documents.all() if job.format == Format.FULL), None)
    lines = [
        f"The Police and Crime Commissioner for {plan.area.name} has issued the {plan.title} "
        f"({version.label}), published on {long_date(publication.published_at)}.",
        "",
        "As section 5(10) of the Police Reform and Social Responsibility Act 2011 asks, this is a copy of "
        "the plan for the Chief Constable:",
        "",
        f"The plan, its public summary and its District plans: {base}{publication.get_absolute_url()}",
    ]
    if full is not None:
        lines.append(f"The full plan (PDF, sha256 {full.sha256}): {base}{published_file_url(publication, full)}")
    lines += ["", plan.area.opcc_name]
    return EmailMessage(
        subject=f"Copy of the {plan.title} as issued",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        cc=cc,
    )


def published_file_url(publication: Publication, job: RenderJob) -> str:
    """The public address of a published document's PDF."""
    plan = publication.version.plan
    return reverse(
        "publishing:published_file",
        kwargs={
            "area_slug": plan.area.slug,
            "plan_slug": plan.slug,
            "number": publication.version.number,
            "document": job.published_key,
        },
    )


def publication_copy_to_chief_constable(
    *, publication_id: int, now: "datetime | None" = None, deliver: bool = True
) -> int:
    """E-mail the Chief Constable's office (the area's Force liaison users, copied to the
    Office's own address) a link to the issued plan, and record the statutory step "send a
    copy of the plan to the Chief Constable" (s5(10)). Returns how many were e-mailed; a
    copy already sent sends nothing, so a retried task does not e-mail twice. `deliver`
    False records a copy sent in a replayed past (the demo) without e-mailing anyone now.
    """
    now = now or timezone.now()
    with transaction.atomic():
        publication = (
            Publication.objects.select_for_update(of=("self",))
            .select_related("version__plan__area", "published_by")
            .get(pk=publication_id)
        )
        if publication.copy_sent_at is not None:
            return 0
        plan = publication.version.plan
        liaison = list(
            get_user_model()
            .objects.filter(
                groups__name=Role.FORCE.value, area_membership__area=plan.area, is_active=True, email__gt=""
            )
            .order_by("pk")
            .values_list("email", flat=True)
            .distinct()
        )
        if not liaison:
            logger.warning(
                "Publication %s: no Force liaison user of %s has an e-mail address; no copy sent",
                publication.pk,
                plan.area,
            )
            return 0
        cc = [plan.area.contact_email] if plan.area.contact_email else []
        if deliver:
            _copy_email(publication, liaison, cc).send()
        publication.copy_sent_at = now
        publication.copy_sent_to = ", ".join(liaison)
        publication.save(update_fields=["copy_sent_at", "copy_sent_to"])
        milestone_record_step(
            plan=plan,
            step=StatutoryStep.COPY_TO_CHIEF_CONSTABLE,
            on=timezone.localdate(now),
            by=publication.published_by,
            evidence_url=publication.get_absolute_url(),
            note=f"A copy of {publication.version.label} e-mailed to {publication.copy_sent_to}.",
        )
    return len(liaison)
