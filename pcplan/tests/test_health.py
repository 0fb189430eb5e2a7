import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from unittest import mock

from django.db import OperationalError
from django.urls import reverse

from pcplan.outbox.services import enqueue

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def test_health_is_ok_when_the_database_answers(client: Any, db: Any) -> None:
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "outbox": {"waiting": 0, "oldest_seconds": 0.0}},
        "down": [],
    }


def test_health_names_the_database_when_it_is_down(client: Any, db: Any) -> None:
    with mock.patch("pcplan.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["down"] == ["database"]


def test_a_broker_outage_does_not_take_the_web_server_out_but_shows_in_the_outbox(
    client: Any, db: Any, broker_down: None
) -> None:
    enqueue("pcplan.ping", args=["waiting"])
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["checks"]["outbox"]["waiting"] == 1


def test_health_answers_any_host_over_plain_http(client: Any, db: Any, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["pcplan.example.org.uk"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200
    # Every other page still refuses an unknown host.
    assert client.get("/", HTTP_HOST="10.0.3.7:8000").status_code == 400


def _compose_health_command() -> list[str]:
    compose = (BASE_DIR / "docker-compose.yml").read_text()
    match = re.search(r"healthcheck:\s*\n\s*test: (\[.*\])", compose[compose.index("  web:") :])
    assert match, "docker-compose.yml's web service has no health check"
    command = json.loads(match.group(1))
    assert command[0] == "CMD"
    return command[1:]


def test_the_compose_health_check_passes_against_the_production_settings(tmp_path: Path) -> None:
    """The exact command docker-compose.yml runs in the web container, against gunicorn
    with the production settings (HTTPS only, one allowed host), on a spare port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DEBUG", "CELERY_BROKER_URL", "REDIS_URL")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "pcplan.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "pcplan.example.org.uk",
            "PCPLAN_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'health.sqlite3'}",
            "PORT": str(port),
        }
    )
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=BASE_DIR, env=env, check=True
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        [str(gunicorn), "pcplan.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        command = _compose_health_command()
        deadline = time.monotonic() + 60
        while True:
            result = subprocess.run(  # noqa: S603 - the compose file's own command
                command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=30, check=False
            )
            if result.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert result.returncode == 0, result.stderr
        # A page other than the health check still insists on HTTPS and a known host.
        page = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-c",
                "import urllib.request, urllib.error\n"
                f"try:\n    urllib.request.urlopen('http://127.0.0.1:{port}/')\n"
                "except urllib.error.HTTPError as error:\n    print(error.code)",
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert page.stdout.strip() == "400"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_health_check_is_not_cached(client: Any, db: Any) -> None:
    assert "no-cache" in client.get("/healthz")["Cache-Control"]
