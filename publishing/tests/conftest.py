"""Fixtures of the publishing tests: files in a temporary folder, a version with District
content in the demo area, and a stand-in for WeasyPrint where the PDF itself is not the
point of the test."""

import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import execute_from_command_line

from publishing.formats import PAGE_ANCHORS
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

    def layout_anchors(html: str, **kwargs: Any) -> tuple[int, dict[str, tuple[int, float]]]:
        # A plan on a page that fits its page exactly at the design's size: one layout.
        return 1, dict.fromkeys(PAGE_ANCHORS, (0, 0.0))

    monkeypatch.setattr("publishing.pdf.render_pdf", render_pdf)
    monkeypatch.setattr("publishing.pdf.layout_anchors", layout_anchors)
    return rendered


@pytest.fixture
def another_worker(
    celery_worker_process: Any, settings: Any, tmp_path: Path
) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start a second real worker on the test's own queue (after the first was killed),
    as a supervisor would restart it. Yields a function that starts it (with `--beat`
    arguments or others passed on) without waiting; `wait_for_worker` waits for it."""
    from pcplan.celery import app
    from pcplan.tests.processes import service_env, start_worker, stop_process

    queue = app.conf.task_default_queue
    started: list[subprocess.Popen[str]] = []

    def start(*extra: str) -> subprocess.Popen[str]:
        env = service_env(settings, broker=settings.CELERY_BROKER_URL, queue=queue)
        process = start_worker(
            env, queue, f"{queue}-second@{socket.gethostname()}", tmp_path / "processes" / "second.log", *extra
        )
        started.append(process)
        return process

    yield start
    for process in started:
        stop_process(process)


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
