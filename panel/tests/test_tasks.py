"""E-mailing the Panel runs as a Celery task after the issuing transaction commits."""

import datetime
import time
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from panel import services
from panel.models import PanelReview
from panel.tasks import send_review_issued


def test_the_task_emails_each_member_once(setup: SimpleNamespace) -> None:
    assert send_review_issued.delay(setup.review.pk).get() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([setup.chair.user.email, setup.member.user.email])
    assert send_review_issued.delay(setup.review.pk).get() == 0
    assert len(mail.outbox) == 2


@pytest.mark.worker
def test_a_real_worker_emails_the_panel_after_the_issue_commits(
    celery_worker_process: Any, setup: SimpleNamespace
) -> None:
    review = services.review_issue(
        version=setup.v2,
        panel=setup.panel,
        by=setup.users["staff"],
        comments_deadline=timezone.now() + datetime.timedelta(days=10),
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if PanelReview.objects.get(pk=review.pk).members_notified_at is not None:
            break
        time.sleep(0.2)
    assert PanelReview.objects.get(pk=review.pk).members_notified_at is not None
