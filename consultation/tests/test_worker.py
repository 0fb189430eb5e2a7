"""A real Celery worker sends the acknowledgement, taken from Redis after the commit."""

import time
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from consultation.models import RespondentType, Response


@pytest.fixture
def mail_dir(tmp_path: Path, monkeypatch: Any) -> Path:
    # Read by the worker process's settings (EMAIL_URL), so set before it starts.
    monkeypatch.setenv("EMAIL_URL", f"filemail:///{tmp_path}")
    return tmp_path


@pytest.mark.worker
def test_a_real_worker_sends_the_acknowledgement(
    mail_dir: Path, celery_worker_process: Any, client: Any, settings: Any
) -> None:
    from django.contrib.auth import get_user_model

    from consultation.tests.factories import ConsultationFactory, cut_version
    from plans.demo import seed_area

    settings.RATELIMIT_CACHE_PREFIX = f"rl:worker:{time.monotonic_ns()}:"
    author = get_user_model().objects.create_user(username="author", password="pcplan-test-password")
    consultation = ConsultationFactory(version=cut_version(area=seed_area(), by=author))
    reply = client.post(
        reverse("consultation:respond", kwargs={"consultation_id": consultation.pk}),
        {
            "text": "More officers in Yeovil town centre at weekends.",
            "respondent_type": RespondentType.PUBLIC,
            "email": "sam.hughes@example.com",
            "contact_consent": "on",
        },
    )
    assert reply.status_code == 302
    reference = Response.objects.get().reference
    deadline = time.monotonic() + 30
    sent = ""
    while time.monotonic() < deadline and not sent:
        sent = "".join(path.read_text() for path in mail_dir.glob("*.log"))
        time.sleep(0.2)
    assert reference in sent
    assert "sam.hughes@example.com" in sent
