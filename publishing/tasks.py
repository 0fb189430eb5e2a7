"""Celery tasks of publishing: thin, taking primary keys and calling a service.

One task per document; "render all" is a group of them (services.render_all_request).
Limits: a soft time limit (the service marks the job failed with the reason) under a hard
one (the worker kills the child; on_failure below marks the job failed), acks_late with
reject_on_worker_lost (a killed pool child puts the message back, and the next attempt
takes the job over), and the worker's max memory per child replacing a process that
grew too big after its task.
"""

import os
import uuid
from smtplib import SMTPException
from typing import Any

from celery import Task, shared_task
from celery.exceptions import TimeLimitExceeded

from . import services


class RenderTask(Task[Any, Any]):
    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        # A hard time limit kills the pool child before the service can record anything;
        # Celery calls this in the worker's main process instead.
        if isinstance(exc, TimeLimitExceeded) and args:
            services.render_job_fail(
                job_id=args[0],
                task_id=task_id,
                error=f"The render took longer than {services.RENDER_HARD_TIME_LIMIT} seconds and was stopped.",
            )


@shared_task(
    bind=True,
    base=RenderTask,
    name="publishing.render_document",
    # The job row is the result; nothing reads Celery's.
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=services.RENDER_SOFT_TIME_LIMIT,
    time_limit=services.RENDER_HARD_TIME_LIMIT,
)
def render_document(self: Task[Any, Any], job_id: int) -> str | None:
    # Called in-process (`render_document(pk)`) rather than through Celery, the request has
    # no id; the job's task_id column is NOT NULL, so give the attempt one of its own.
    task_id = self.request.id or f"in-process-{uuid.uuid4()}"
    job = services.render_job_run(
        job_id=job_id,
        task_id=task_id,
        worker=f"{self.request.hostname or 'local'}:{os.getpid()}",
        # In a worker, a thread beats while the render runs; run in-process (eager), the
        # render lives and dies with the request that runs it.
        heartbeat=not self.request.is_eager,
    )
    return job.status if job is not None else None


@shared_task(name="publishing.sweep_stale_renders", ignore_result=True)
def sweep_stale_renders() -> dict[str, int]:
    return services.render_jobs_sweep()


@shared_task(
    name="publishing.send_copy_to_chief_constable",
    ignore_result=True,
    # A mail server that is down for a while: try again, the service sends at most once.
    autoretry_for=(OSError, SMTPException),
    retry_backoff=60,
    max_retries=5,
)
def send_copy_to_chief_constable(publication_id: int) -> int:
    return services.publication_copy_to_chief_constable(publication_id=publication_id)
