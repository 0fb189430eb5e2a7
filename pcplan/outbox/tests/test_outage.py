"""Redis stopped for 20 seconds while the public comment, as in production: gunicorn (2
workers x 4 threads), the outbox relay and a Celery worker, each its own process, on a
Redis this test starts on a spare port, with several clients posting over HTTP.

Before the outbox, posts answered 500 once the comment was stored, or hung for half a
minute in the broker's retries, and their acknowledgement e-mails were lost. Now: no 500,
no post slower than 2 seconds, every acknowledged comment stored once, and every
acknowledgement e-mail sent once Redis is back.
"""

import http.client
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from pcplan.tests.processes import require, service_env, start_relay, start_worker, stop_process

pytestmark = pytest.mark.worker

OUTAGE_SECONDS = 20
CLIENTS = 4
SLOWEST_ANSWER = 2.0
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_REFERENCE = re.compile(r"/sent/(PCP-[0-9A-Z-]+)/")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """A redis-server of the test's own, with an append-only file, so that stopping and
    starting it again keeps what it held (as docker-compose.yml's Redis does)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - the machine's redis-server, fixed arguments
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.folder),
                "--appendonly",
                "yes",
                "--save",
                "",
            ],
            stdout=(self.folder / "redis.log").open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(64).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.1)
        pytest.fail("The test's Redis did not start")

    def stop(self) -> None:
        """As an operator's `redis-cli shutdown`: Redis writes its file and exits."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@dataclass
class Answer:
    started: float
    seconds: float
    status: int
    reference: str = ""
    error: str = ""


class Commenter(threading.Thread):
    """One member of the public: loads the form, posts a comment with an e-mail address,
    reads the reference from the redirect, and does it again until told to stop."""

    def __init__(self, number: int, port: int, path: str, stop: threading.Event, answers: list[Answer]) -> None:
        super().__init__(name=f"commenter-{number}", daemon=True)
        self.number, self.port, self.path, self.stop, self.answers = number, port, path, stop, answers

    def _request(self, method: str, body: str = "", headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        connection.request(method, self.path, body=body or None, headers=headers or {})
        return connection.getresponse()

    def run(self) -> None:
        sent = 0
        while not self.stop.is_set():
            form = self._request("GET")
            page = form.read().decode()
            cookie = (form.getheader("Set-Cookie") or "").split(";")[0]
            token = _TOKEN.search(page)
            if form.status != 200 or token is None or not cookie:
                self.answers.append(Answer(time.monotonic(), 0.0, form.status, error="no form"))
                continue
            sent += 1
            body = urlencode(
                {
                    "csrfmiddlewaretoken": token.group(1),
                    "text": f"Comment {sent} from resident {self.number}: more patrols near Temple Meads, please.",
                    "respondent_type": "public",
                    "email": f"resident{self.number}.{sent}@example.com",
                    "contact_consent": "on",
                }
            )
            started = time.monotonic()
            try:
                reply = self._request(
                    "POST",
                    body,
                    {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
                )
                reply.read()
                location = reply.getheader("Location") or ""
                found = _REFERENCE.search(location)
                self.answers.append(
                    Answer(started, time.monotonic() - started, reply.status, found.group(1) if found else "")
                )
            except OSError as error:
                self.answers.append(Answer(started, time.monotonic() - started, 0, error=repr(error)))
            self.stop.wait(0.2)


def _start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[str]:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    return subprocess.Popen(  # noqa: S603 - our own server, the production shape's arguments
        [
            str(gunicorn),
            "pcplan.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "gthread",
            "--workers",
            "2",
            "--threads",
            "4",
        ],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        text=True,
    )


def _wait_until(check: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} within {seconds:g} seconds")


def _answers_health(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False


def test_redis_stopped_for_20_seconds_loses_no_comment_or_email_and_slows_no_request(
    transactional_db: Any, settings: Any, tmp_path: Path, role_users: dict[str, Any], area: Any
) -> None:
    from django.db import connection

    from consultation.models import Response
    from consultation.tests.factories import ConsultationFactory, cut_version
    from pcplan.outbox.models import OutboxTask

    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL), shared with gunicorn and a worker")
    require(shutil.which("redis-server") is not None, "redis-server, for a Redis the test can stop")

    consultation = ConsultationFactory(version=cut_version(area=area, by=role_users["staff"]))
    folder = tmp_path / "processes"
    mail = tmp_path / "mail"
    folder.mkdir()
    mail.mkdir()
    redis = RedisServer(folder)
    redis.start()
    queue = f"pcplan-outage-{uuid.uuid4().hex[:8]}"
    env = service_env(
        settings,
        broker=redis.url,
        queue=queue,
        EMAIL_URL=f"filemail:///{mail}",
        CONSULTATION_COMMENT_RATE="100000/m",
        LOG_LEVEL="WARNING",
    )
    port = _free_port()
    processes = [
        _start_gunicorn(env, port, folder / "gunicorn.log"),
        start_relay(env, folder / "relay.log"),
        start_worker(env, queue, f"{queue}@%h", folder / "worker.log"),
    ]
    stop = threading.Event()
    answers: list[Answer] = []
    commenters = [
        Commenter(n, port, f"/consultations/{consultation.pk}/respond/", stop, answers) for n in range(1, CLIENTS + 1)
    ]
    try:
        _wait_until(lambda: _answers_health(port), 60, "gunicorn did not answer")
        _wait_until(lambda: " ready." in (folder / "worker.log").read_text(), 60, "the worker did not start")
        for commenter in commenters:
            commenter.start()
        _wait_until(lambda: len(answers) >= 2 * CLIENTS, 30, "the first comments were not answered")

        redis.stop()
        stopped_at = time.monotonic()
        time.sleep(OUTAGE_SECONDS)
        redis.start()
        back_at = time.monotonic()
        time.sleep(3)
        stop.set()
        for commenter in commenters:
            commenter.join(timeout=30)

        acknowledged = [answer.reference for answer in answers if answer.reference]
        during = [a for a in answers if stopped_at <= a.started < back_at and a.reference]

        def all_emails_sent() -> bool:
            return not OutboxTask.objects.filter(sent_at__isnull=True).exists() and all(
                reference in _sent_mail(mail) for reference in acknowledged
            )

        _wait_until(all_emails_sent, 120, "not every acknowledgement e-mail was sent")
    finally:
        stop.set()
        for process in processes:
            stop_process(process)
        redis.stop()

    statuses = sorted({answer.status for answer in answers})
    assert [a for a in answers if a.status >= 500 or a.status == 0] == [], "server errors or dropped connections"
    assert statuses == [302], f"every post is acknowledged with its reference: {statuses}"
    slowest = max(answer.seconds for answer in answers)
    assert slowest < SLOWEST_ANSWER, f"the slowest post took {slowest:.2f} s"
    # The outage was real: comments were posted and acknowledged while Redis was away.
    assert len(during) >= CLIENTS, f"only {len(during)} comments were posted during the outage"

    # Every acknowledged comment is stored, once; nothing else is.
    stored = list(Response.objects.filter(consultation=consultation).values_list("reference", flat=True))
    assert sorted(stored) == sorted(acknowledged)
    assert len(set(stored)) == len(stored)

    # Every acknowledgement e-mail went out once; those of the outage after Redis returned.
    messages = re.split(r"\n-{79}\n", _sent_mail(mail))
    for reference in acknowledged:
        assert sum(reference in message for message in messages) == 1, reference
    outage_tasks = OutboxTask.objects.filter(
        task_name="consultation.send_acknowledgement",
        args__0__in=list(
            Response.objects.filter(reference__in=[a.reference for a in during]).values_list("pk", flat=True)
        ),
    )
    assert outage_tasks.count() == len(during)
    back_wall = time.time() - (time.monotonic() - back_at)
    assert all(task.sent_at.timestamp() >= back_wall - 1 for task in outage_tasks)


def _sent_mail(folder: Path) -> str:
    return "".join(path.read_text(errors="replace") for path in folder.glob("*.log"))
