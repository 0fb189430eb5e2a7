"""The outbox: a task is recorded with its change, and handed to Celery when the broker
answers. The outage itself, with a real Redis stopped under real load, is test_outage.py."""

import threading
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pcplan.celery import ping
from pcplan.outbox.models import OutboxTask
from pcplan.outbox.services import enqueue, relay_due, relay_forever


@pytest.fixture
def memory_broker(settings: Any) -> Any:
    """Celery as in production (not eager) on kombu's in-process broker: a broker that
    answers, without a server. Yields a function that reads what reached the queue."""
    from pcplan.celery import app
    from pcplan.tests.processes import celery_broker

    def queued() -> list[str]:
        names = []
        with app.connection_for_write() as connection:
            queue = connection.SimpleQueue(app.conf.task_default_queue)
            while True:
                try:
                    message = queue.get(block=False)
                except queue.Empty:
                    break
                names.append(f"{message.headers['task']}:{message.headers['id']}")
                message.ack()
            queue.close()
        return names

    with celery_broker("memory://", settings):
        yield queued


def test_a_task_is_recorded_with_its_change_and_rolled_back_with_it(db: Any) -> None:
    def change_that_fails() -> None:
        with transaction.atomic():
            enqueue(ping, args=["rolled back"])
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert not OutboxTask.objects.exists()


def test_without_a_broker_the_commit_runs_the_task_in_process(db: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue("pcplan.ping", args=["eager"])
        assert OutboxTask.objects.get(pk=row.pk).sent_at is None  # nothing runs before the commit
    row.refresh_from_db()
    assert row.sent_at is not None


def test_a_request_does_not_touch_a_broker_that_is_down(
    broker_down: None, client: Any, area: Any, role_users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """The comment is stored and acknowledged on the page; its e-mail waits in the outbox."""
    from consultation.models import RespondentType, Response
    from consultation.tests.factories import ConsultationFactory, cut_version

    consultation = ConsultationFactory(version=cut_version(area=area, by=role_users["staff"]))
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(
            reverse("consultation:respond", kwargs={"consultation_id": consultation.pk}),
            {
                "text": "Please keep the Keynsham police station front desk open.",
                "respondent_type": RespondentType.PUBLIC,
                "email": "alex.morgan@example.com",
                "contact_consent": "on",
            },
        )
    assert reply.status_code == 302
    response = Response.objects.get()
    assert response.reference in reply["Location"]
    waiting = OutboxTask.objects.get()
    assert (waiting.task_name, waiting.args, waiting.sent_at) == (
        "consultation.send_acknowledgement",
        [response.pk],
        None,
    )
    # The relay finds the broker down and leaves the task waiting, uncounted.
    result = relay_due()
    assert result.broker_down and result.sent == 0
    waiting.refresh_from_db()
    assert waiting.sent_at is None and waiting.attempts == 0
    assert mail.outbox == []


def test_the_relay_hands_waiting_tasks_over_once(memory_broker: Any, db: Any) -> None:
    first = enqueue("pcplan.ping", args=["one"])
    second = enqueue("pcplan.ping", args=["two"])
    assert relay_due().sent == 2
    assert relay_due().sent == 0  # nothing is handed over twice
    assert sorted(memory_broker()) == sorted([f"pcplan.ping:{first.task_id}", f"pcplan.ping:{second.task_id}"])
    assert OutboxTask.objects.filter(sent_at__isnull=True).count() == 0


def test_a_task_the_broker_refuses_waits_longer_and_does_not_hold_up_the_others(
    memory_broker: Any, db: Any, monkeypatch: Any
) -> None:
    from pcplan.outbox import services

    bad = enqueue("pcplan.ping", args=["refused"])
    good = enqueue("pcplan.ping", args=["fine"])
    publish = services._publish

    def refuse_the_bad_one(row: OutboxTask) -> None:
        if row.pk == bad.pk:
            raise ValueError("cannot encode this message")
        publish(row)

    monkeypatch.setattr(services, "_publish", refuse_the_bad_one)
    result = relay_due()
    assert (result.sent, result.refused, result.broker_down) == (1, 1, False)
    bad.refresh_from_db()
    assert bad.attempts == 1 and bad.due_at > timezone.now() and "cannot encode" in bad.last_error
    assert memory_broker() == [f"pcplan.ping:{good.task_id}"]
    # After its last attempt it is set aside for an operator, not retried for ever.
    OutboxTask.objects.filter(pk=bad.pk).update(attempts=OutboxTask.MAX_ATTEMPTS - 1, due_at=timezone.now())
    relay_due()
    bad.refresh_from_db()
    assert bad.failed_at is not None and bad.sent_at is None


def test_the_relay_loop_hands_over_what_arrives_and_stops_when_asked(memory_broker: Any, transactional_db: Any) -> None:
    stop = threading.Event()
    relay = threading.Thread(target=relay_forever, kwargs={"stop": stop, "poll_seconds": 0.05})
    relay.start()
    try:
        row = enqueue("pcplan.ping", args=["loop"])
        for _ in range(200):
            row.refresh_from_db()
            if row.sent_at:
                break
            stop.wait(0.05)
    finally:
        stop.set()
        relay.join(timeout=10)
    assert not relay.is_alive()
    assert row.sent_at is not None
    assert memory_broker() == [f"pcplan.ping:{row.task_id}"]
