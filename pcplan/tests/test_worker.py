"""A real Celery worker process consumes a task from Redis and its result comes back."""

from typing import Any

import pytest

from pcplan.celery import ping


@pytest.mark.worker
def test_a_real_worker_consumes_a_task_from_the_broker(celery_worker_process: Any) -> None:
    result = ping.delay("from-the-test")
    assert result.get(timeout=30) == "pong:from-the-test"


def test_without_a_broker_tasks_run_in_process(settings: Any) -> None:
    result = ping.delay("eager")
    assert result.get() == "pong:eager"
