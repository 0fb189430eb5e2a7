"""Fixtures of the publishing tests: files in a temporary folder, a version with District
content in the demo area, and a stand-in for WeasyPrint where the PDF itself is not the
point of the test."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import execute_from_command_line
from django.db import connection

from publishing.pdf import RenderedPdf
from publishing.tests.factories import FAKE_PDF, version_with_districts


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Rendered files go to a folder of the test's own, never to var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def version(area: Any, role_users: dict[str, Any]) -> Any:
    return version_with_districts(area=area, by=role_users["staff"])


@pytest.fixture
def fake_renderer(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace WeasyPrint with a stand-in that reports progress and returns a tiny PDF.
    Yields the list of HTML documents it was given."""
    rendered: list[str] = []

    def render_pdf(html: str, *, on_progress: Any = None, max_pages: Any = None, **kwargs: Any) -> RenderedPdf:
        rendered.append(html)
        if on_progress is not None:
            on_progress(50)
        return RenderedPdf(data=FAKE_PDF, page_count=3)

    monkeypatch.setattr("publishing.pdf.render_pdf", render_pdf)
    return rendered


@pytest.fixture
def another_worker(celery_worker_process: Any, settings: Any) -> Iterator[Callable[[], subprocess.Popen[str]]]:
    """Start a second real worker on the test's own queue (after the first was killed).
    Yields a function that starts it and waits until it answers."""
    from pcplan.celery import app

    queue = app.conf.task_default_queue
    started: list[subprocess.Popen[str]] = []

    def start() -> subprocess.Popen[str]:
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "pcplan.settings.development",
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND or settings.CELERY_BROKER_URL,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "DEBUG": "false",
        }
        hostname = f"{queue}-second@{socket.gethostname()}"
        celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
        process = subprocess.Popen(  # noqa: S603 - our own worker, fixed arguments
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
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        started.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, "The second Celery worker exited early"
            if app.control.ping(destination=[hostname], timeout=1):
                return process
        pytest.fail("The second Celery worker did not start within 60 seconds.")

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def run_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str, str]]:
    """run_command("check_compliance", "PLAN") runs a management command as `python
    manage.py` would and gives its exit code, standard output and standard error."""
    # run_from_argv closes the database connections when a command ends, as a process
    # exiting would; the test's own transaction must outlive it.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)

    def run(*args: str) -> tuple[int, str, str]:
        try:
            execute_from_command_line(["manage.py", *args])
        except SystemExit as exit:
            code = int(exit.code or 0)
        else:
            code = 0
        out, err = capsys.readouterr()
        return code, out, err

    return run
