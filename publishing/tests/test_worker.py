"""A worker killed in the middle of a render, with real Celery workers on Redis and
PostgreSQL: the job is retried and finishes, or fails; it is never left running."""

import os
import signal
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from publishing import services
from publishing.models import RenderJob
from publishing.tests.large_plan import build_large_plan

pytestmark = pytest.mark.worker

Status = RenderJob.Status


def _wait_for(job: RenderJob, done: Callable[[RenderJob], bool], timeout: float, what: str) -> RenderJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if done(job):
            return job
        time.sleep(0.02)
    pytest.fail(f"The render job did not become {what} within {timeout} seconds: {job.status}, {job.error}")


def _request_full_plan(area: Any, user: Any) -> RenderJob:
    # A plan of some fifty pages, so the render is still running when the worker is killed.
    version = build_large_plan(area=area, author=user)
    return services.render_job_request(version=version, format=RenderJob.Format.FULL, by=user)


def test_a_render_whose_pool_process_is_killed_is_delivered_again_and_finishes(
    celery_worker_process: Callable[[], None], area: Any, role_users: dict[str, Any]
) -> None:
    job = _request_full_plan(area, role_users["staff"])
    first_worker = _wait_for(job, lambda j: j.status == Status.RUNNING, 60, "running").worker
    assert job.attempts == 1
    # As the kernel's out-of-memory killer would: the pool child dies, the worker lives on.
    os.kill(int(first_worker.rsplit(":", 1)[1]), signal.SIGKILL)
    finished = _wait_for(job, lambda j: j.status in (Status.DONE, Status.FAILED), 120, "finished")
    assert finished.status == Status.DONE, finished.error
    assert finished.attempts == 2
    assert finished.worker != first_worker  # a new pool process took the message again
    assert finished.page_count and finished.page_count >= 40
    assert finished.output.read(5) == b"%PDF-"


def test_a_render_whose_whole_worker_is_killed_is_swept_up_and_finishes_on_another(
    celery_worker_process: Callable[[], None],
    another_worker: Callable[[], Any],
    area: Any,
    role_users: dict[str, Any],
) -> None:
    job = _request_full_plan(area, role_users["staff"])
    first_worker = _wait_for(job, lambda j: j.status == Status.RUNNING, 60, "running").worker
    celery_worker_process()  # SIGKILL the worker and its pool: nothing of it is left to report
    time.sleep(1)
    job.refresh_from_db()
    assert job.status == Status.RUNNING  # ...so the job says "running", and its heartbeat stops
    another_worker()
    # Time passes: longer than the hard time limit since the last heartbeat. The broker
    # would deliver the message again only after its visibility timeout; the sweep acts first.
    RenderJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - services.STALE_RUNNING_AFTER - timezone.timedelta(seconds=1)
    )
    assert services.render_jobs_sweep() == {"requeued": 1, "failed": 0}
    finished = _wait_for(job, lambda j: j.status in (Status.DONE, Status.FAILED), 120, "finished")
    assert finished.status == Status.DONE, finished.error
    assert finished.attempts == 2
    assert finished.worker.split("@")[0].endswith("-second")
    assert first_worker.split("@")[0] != finished.worker.split("@")[0]
