"""A worker killed in the middle of a render, with real Celery workers on Redis and
PostgreSQL: the job is retried and finishes, or fails; it is never left running."""

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

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


def test_a_render_whose_whole_worker_is_killed_is_running_again_within_a_minute(
    celery_worker_process: Callable[[], None],
    another_worker: Callable[..., Any],
    area: Any,
    role_users: dict[str, Any],
    settings: Any,
    tmp_path: Path,
) -> None:
    """kill -9 of the whole worker (its main process and pool): nothing of it is left to
    give the message back. Its heartbeat stops; 30 seconds later the sweep (run by a real
    Celery beat) queues the job again through the outbox, and the worker that came back
    in its place renders it. No clock is faked."""
    from pcplan.celery import app
    from pcplan.tests.processes import service_env, start_beat, stop_process

    job = _request_full_plan(area, role_users["staff"])
    first_worker = _wait_for(job, lambda j: j.status == Status.RUNNING, 60, "running").worker
    celery_worker_process()  # SIGKILL the worker and its pool
    killed_at = time.monotonic()
    # The supervisor (docker compose, systemd) starts a worker again; beat runs beside it.
    another_worker()
    beat = start_beat(
        service_env(settings, broker=settings.CELERY_BROKER_URL, queue=app.conf.task_default_queue),
        tmp_path / "processes",
    )
    try:
        job.refresh_from_db()
        assert job.status == Status.RUNNING and job.attempts == 1  # the lost render still says "running"...
        interrupted = _wait_for(job, lambda j: j.is_interrupted, 45, "interrupted")
        assert interrupted.can_retry  # ...then staff see it interrupted, with a retry button
        again = _wait_for(
            job,
            lambda j: j.status == Status.RUNNING and j.attempts == 2,
            60 - (time.monotonic() - killed_at),
            "running again",
        )
        assert time.monotonic() - killed_at < 60
        assert again.worker.split("@")[0].endswith("-second")
        finished = _wait_for(job, lambda j: j.status in (Status.DONE, Status.FAILED), 120, "finished")
    finally:
        stop_process(beat)
    assert finished.status == Status.DONE, finished.error
    assert finished.attempts == 2
    assert first_worker.split("@")[0] != finished.worker.split("@")[0]
