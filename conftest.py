"""Fixtures shared by every app's tests: one user per role, a headless browser on a live
server with an axe check, and a real Celery worker.

Tests that need a server or a browser skip when it is missing on a developer's machine,
and fail instead when PCPLAN_REQUIRE_SERVICES is set (CI sets it).
"""

import hashlib
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from pcplan.tests.processes import celery_broker, require

pytest_plugins = ["pcplan.tests.mailserver"]  # server_drops_at

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told that this thread is not async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# axe-core rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Uploads and rendered files go to a folder of each test's own, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture(autouse=True, scope="session")
def demo_documents_rendered_once() -> Iterator[None]:
    """seed_demo renders the demo plan's documents with WeasyPrint, a few seconds,
    and many tests seed the demo: each document is rendered once a session. A document's
    HTML differs between seeds only by the random uids of its parts, so the PDF made from
    the first seed's HTML is the same document (publishing/demo.py, `renderer`). So is
    each layout that fits the plan on a page's type (publishing.pdf.layout_anchors)."""
    from publishing import demo, pdf

    render_pdf = pdf.render_pdf  # the real one, whatever a test later puts in its place
    layout_anchors = pdf.layout_anchors
    made: dict[str, Any] = {}
    laid_out: dict[str, Any] = {}

    def render_once(html: str, **kwargs: Any) -> Any:
        key = hashlib.sha256(_UID.sub("", html).encode()).hexdigest()
        if key not in made:
            made[key] = render_pdf(html, **kwargs)
        return made[key]

    def lay_out_once(html: str, **kwargs: Any) -> Any:
        key = hashlib.sha256(_UID.sub("", html).encode()).hexdigest()
        if key not in laid_out:
            laid_out[key] = layout_anchors(html, **kwargs)
        return laid_out[key]

    demo.renderer = render_once
    pdf.layout_anchors = lay_out_once  # type: ignore[assignment]  # the same function, remembered
    yield
    demo.renderer = None
    pdf.layout_anchors = layout_anchors  # type: ignore[assignment]


# ---------------------------------------------------------------- users and roles


@pytest.fixture
def area(db: Any) -> Any:
    from plans.demo import seed_area

    return seed_area()


def _make_user(username: str, role: Any, area: Any) -> Any:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from plans.models import AreaMembership

    user = get_user_model().objects.create_user(
        username=username,
        password="pcplan-test-password",
        first_name=username.title(),
        email=f"{username}@pcplan.example.org.uk",
    )
    if role is not None:
        user.groups.add(Group.objects.get(name=role.value))
    if area is not None:
        AreaMembership.objects.create(user=user, area=area)
    return user


@pytest.fixture
def make_user(area: Any) -> Callable[..., Any]:
    """make_user("name", Role.STAFF) -> a user of the demo area holding that role."""

    def make(username: str, role: Any = None, user_area: Any = "default") -> Any:
        return _make_user(username, role, area if user_area == "default" else user_area)

    return make


@pytest.fixture
def role_users(make_user: Callable[..., Any]) -> dict[str, Any]:
    """One user per role, plus an account with no role, keyed by a short name."""
    from pcplan.roles import Role

    return {
        "staff": make_user("staff1", Role.STAFF),
        "publisher": make_user("publisher1", Role.PUBLISHER),
        "panel": make_user("panel1", Role.PANEL),
        "force": make_user("force1", Role.FORCE),
        "norole": make_user("norole1", None),
    }


@pytest.fixture
def client() -> Any:
    """Django's test client, whose force_login also gives the second factor to whoever
    needs one (accounts/tests/helpers.py); `force_login(user, second_factor=False)` not."""
    from accounts.tests.helpers import Client

    return Client()


@pytest.fixture
def staff_client(client: Any, role_users: dict[str, Any]) -> Any:
    client.force_login(role_users["staff"])
    return client


@pytest.fixture
def publisher_client(client: Any, role_users: dict[str, Any]) -> Any:
    client.force_login(role_users["publisher"])
    return client


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require(Path(CHROMIUM).exists(), "Chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class BrowserPage:
    """A Playwright page on the live server that fails the test on a CSP violation or a
    JavaScript error, with helpers to sign in and run axe."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.problems: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))

    def _on_console(self, message: Any) -> None:
        text = message.text
        # A browser showing a file that is not a page (a JSON file) asks for /favicon.ico by
        # itself, as pages name their own icon; that 404 names the file only in its location.
        default_icon = urlsplit(message.location.get("url", "")).path == "/favicon.ico"
        if "Content Security Policy" in text or message.type == "error" and "favicon" not in text and not default_icon:
            self.problems.append(f"console {message.type}: {text}")

    def goto(self, path: str) -> Any:
        return self.page.goto(self.base_url + path)

    def sign_in(self, username: str, password: str = "pcplan-test-password") -> None:  # noqa: S107
        """Sign in as a person does: the password, then, for whoever needs one, the code
        their authenticator app shows (one is set up for them first if they have none)."""
        from django.contrib.auth import get_user_model

        from accounts.tests.helpers import fresh_code, give_authenticator, needs_code

        user = get_user_model().objects.get(username=username)
        device = give_authenticator(user) if needs_code(user) else None
        self.goto("/accounts/login/")
        self.page.get_by_label("User name").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_load_state()
        if device is not None and urlsplit(self.page.url).path == "/accounts/code/":
            self.page.get_by_label("Code").fill(fresh_code(device))
            self.page.get_by_role("button", name="Continue").click()
            self.page.wait_for_load_state()

    def assert_accessible(self) -> None:
        """Fail on any WCAG 2.2 A or AA violation axe finds on the current page."""
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(
            self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        assert results.violations_count == 0, f"axe found violations on {self.page.url}:\n{results.generate_report()}"

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)


@pytest.fixture
def browser_page(browser: Any, live_server: Any) -> Iterator[BrowserPage]:
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = BrowserPage(context.new_page(), live_server.url)
    yield page
    context.close()
    assert not page.problems, "The browser reported problems:\n" + "\n".join(page.problems)


@pytest.fixture
def mobile_page(browser: Any, live_server: Any) -> Iterator[BrowserPage]:
    """A phone-sized page (many members of the public read on phones)."""
    context = browser.new_context(
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(15_000)
    page = BrowserPage(context.new_page(), live_server.url)
    yield page
    context.close()
    assert not page.problems, "The browser reported problems:\n" + "\n".join(page.problems)


# ---------------------------------------------------------------- Celery worker


@pytest.fixture
def broker_down(settings: Any) -> Iterator[None]:
    """Celery as in production with a broker that refuses every connection: tasks wait
    in the outbox, and the relay finds the broker down."""
    with celery_broker("redis://127.0.0.1:1/0", settings):  # nothing listens on port 1
        yield


def _broker_reachable(url: str) -> bool:
    if not url:
        return False
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # noqa: BLE001
        return False


@pytest.fixture
def celery_worker_process(transactional_db: Any, settings: Any, tmp_path: Path) -> Iterator[Callable[[], None]]:
    """A real `celery worker` process consuming from the configured Redis broker and
    writing to this test's database, with the outbox relay that hands it the tasks the
    test queues. Yields a function that kills the worker with SIGKILL (for the
    killed-worker tests). Needs a database a second process can open."""
    from django.db import connection

    from pcplan.celery import app

    broker = settings.CELERY_BROKER_URL
    require(_broker_reachable(broker), "A Celery broker (CELERY_BROKER_URL)")
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL), shared with a worker process")

    # A queue of this test's own, so a worker of another run cannot take its tasks.
    queue = f"pcplan-test-{os.getpid()}-{time.monotonic_ns()}"
    from pcplan.tests.processes import service_env, start_relay, start_worker, stop_process

    env = service_env(settings, broker=broker, queue=queue)
    logs = tmp_path / "processes"
    logs.mkdir(exist_ok=True)
    log = logs / "worker.log"
    process = start_worker(env, queue, f"{queue}@%h", log)
    relay = start_relay(env, logs / "relay.log")
    previous = (app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url, app.conf.result_backend)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def kill() -> None:
        os.killpg(process.pid, signal.SIGKILL)

    try:
        _wait_for_worker(app, queue, process, log)
        yield kill
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url, app.conf.result_backend = previous
        stop_process(relay)
        stop_process(process)
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)


def _wait_for_worker(app: Any, queue: str, process: subprocess.Popen[str], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The Celery worker exited early:\n{log.read_text()}")
        replies = app.control.ping(destination=[f"{queue}@{socket.gethostname()}"], timeout=1)
        if replies:
            return
    process.kill()
    pytest.fail("The Celery worker did not start within 60 seconds.")
