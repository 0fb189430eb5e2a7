"""Processes the tests start as production runs them (Celery workers, beat, the outbox
relay, each writing to the test's own database and logging to a file of the test's),
and the broker a test's own process talks to."""

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent


def require(available: bool, what: str) -> None:
    """Skip when a server or tool is missing, unless CI demands it, then fail."""
    if available:
        return
    if settings.PCPLAN_REQUIRE_SERVICES or os.environ.get("PCPLAN_REQUIRE_SERVICES"):
        pytest.fail(f"{what} is required here (PCPLAN_REQUIRE_SERVICES is set) but is not available.")
    pytest.skip(f"{what} is not available on this machine.")


def database_url_of_this_test() -> str:
    """The test database's address, for another process (a worker, the relay, gunicorn)."""
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def service_env(settings: Any, *, broker: str, queue: str, **extra: str) -> dict[str, str]:
    """The environment of a worker, relay or server process serving this test."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pcplan.settings.development",
        "DATABASE_URL": database_url_of_this_test(),
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "PCPLAN_BASE_URL": getattr(settings, "PCPLAN_BASE_URL", ""),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DEBUG": "false",
        **extra,
    }


def start_worker(env: dict[str, str], queue: str, hostname: str, log: Path, *extra: str) -> subprocess.Popen[str]:
    """A real `celery worker` (prefork, one child) on the test's own queue, logging to a file."""
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    return subprocess.Popen(  # noqa: S603 - our own worker, fixed arguments
        [
            celery,
            "-A",
            "pcplan",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            "1",
            "--pool",
            "prefork",
            "--queues",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--hostname",
            hostname,
            *extra,
        ],
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        text=True,
    )


def start_relay(env: dict[str, str], log: Path) -> subprocess.Popen[str]:
    """The outbox relay (`manage.py outbox_relay`), as production runs it beside the workers."""
    return subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "manage.py", "outbox_relay", "--poll", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        text=True,
    )


def start_beat(env: dict[str, str], folder: Path) -> subprocess.Popen[str]:
    """Celery beat, as production runs it: it queues the periodic tasks (the render sweep)."""
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    return subprocess.Popen(  # noqa: S603 - our own beat, fixed arguments
        [celery, "-A", "pcplan", "beat", "--loglevel", "INFO", "--schedule", str(folder / "beat-schedule")],
        env=env,
        stdout=(folder / "beat.log").open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        text=True,
    )


def stop_process(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


@contextmanager
def celery_broker(url: str, settings: Any) -> Iterator[None]:
    """Celery as in production (not eager) on the broker at `url`, for one test. Celery
    reads CELERY_BROKER_URL from the environment before its configuration, so both move."""
    from pcplan.celery import app

    previous = (app.conf.task_always_eager, app.conf.broker_url, os.environ.get("CELERY_BROKER_URL"))
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.broker_url = url
    os.environ["CELERY_BROKER_URL"] = url
    app._after_fork()  # forget connections made to another broker
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous[:2]
        if previous[2] is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = previous[2]
        app._after_fork()
