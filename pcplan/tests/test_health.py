from typing import Any
from unittest import mock

from django.db import OperationalError
from django.urls import reverse


def test_health_is_ok_when_the_database_answers(client: Any, db: Any, settings: Any) -> None:
    settings.CELERY_BROKER_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}, "down": []}


def test_health_names_the_database_when_it_is_down(client: Any, db: Any, settings: Any) -> None:
    settings.CELERY_BROKER_URL = ""
    with mock.patch("pcplan.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["down"] == ["database"]


def test_health_names_the_broker_when_it_is_down(client: Any, db: Any, settings: Any) -> None:
    # Nothing listens on port 1: the broker is unreachable.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["down"] == ["broker"]
    assert response.json()["checks"]["database"] == "ok"
