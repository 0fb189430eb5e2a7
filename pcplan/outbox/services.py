"""Queue a task through the outbox, and relay waiting tasks to Celery.

    enqueue(send_acknowledgement, args=[response.pk])   # inside the write's transaction

`enqueue` only writes a row: it never touches the broker. Once the transaction commits,
the relay (`manage.py outbox_relay`, one process beside the workers) hands the row to
Celery. With eager Celery (development and most tests, no broker) there is no relay
process: the commit itself relays, and the task runs in-process as before.
"""

import logging
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from celery import Task
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from .models import OutboxTask

logger = logging.getLogger(__name__)

# Sent rows are kept this long (for an operator asking "was it queued?"), then deleted.
KEEP_SENT = timedelta(days=2)
# The longest a refused row waits before its next try.
MAX_ROW_BACKOFF = timedelta(minutes=10)


def _broker_errors() -> tuple[type[BaseException], ...]:
    """What a publish raises when the broker cannot be reached: an outage, not a fault of
    the task. The relay stops its batch and waits, rather than count it against the row."""
    from kombu.exceptions import OperationalError as KombuOperationalError

    errors: list[type[BaseException]] = [KombuOperationalError, ConnectionError, TimeoutError, OSError]
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        errors += [RedisConnectionError, RedisTimeoutError]
    except ImportError:  # pragma: no cover - redis is a requirement
        pass
    return tuple(errors)


def _celery_app() -> Any:
    from pcplan.celery import app

    return app


def _eager() -> bool:
    return bool(_celery_app().conf.task_always_eager)


def enqueue(
    task: "Task[Any, Any] | str",
    *,
    args: Sequence[Any] = (),
    kwargs: dict[str, Any] | None = None,
    task_id: str | None = None,
) -> OutboxTask:
    """Record a task to run once the current transaction commits (at once outside one).

    Arguments must be JSON: primary keys, not model instances. `task_id` fixes the Celery
    task id (a render job records its own). Rolled back with the transaction, like the
    change it belongs to, so a task never runs for a change that was not saved."""
    row = OutboxTask.objects.create(
        task_name=task if isinstance(task, str) else task.name,
        args=list(args),
        kwargs=dict(kwargs or {}),
        task_id=task_id or str(uuid.uuid4()),
    )
    if _eager() and not _relay_registered_in_this_block():
        # No broker and no relay process: the commit hands the tasks over in-process.
        transaction.on_commit(_relay_on_commit)
    return row


def _relay_registered_in_this_block() -> bool:
    """Whether the current atomic block already relays at its commit. One hand-over per
    block, however many tasks it queues; but a block of its own (a savepoint) registers its
    own, so a rolled-back or captured inner block never leaves another block's task behind."""
    current = set(connection.savepoint_ids)
    return any(entry[0] == current and entry[1] is _relay_on_commit for entry in connection.run_on_commit)


def _relay_on_commit() -> None:
    relay_eagerly()


def _waiting(now: Any) -> "Any":
    return OutboxTask.objects.filter(sent_at__isnull=True, failed_at__isnull=True, due_at__lte=now)


def relay_eagerly() -> int:
    """Run every waiting task in this process (eager Celery): each row is marked sent
    before its task runs, so a task that queues another cannot run twice."""
    app = _celery_app()
    count = 0
    while True:
        row = _waiting(timezone.now()).order_by("due_at", "pk").first()
        if row is None:
            return count
        if not OutboxTask.objects.filter(pk=row.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
            continue
        count += 1
        # Eager mode propagates a task's error (CELERY_TASK_EAGER_PROPAGATES), as it did
        # when tasks were queued directly: a developer and a test see it.
        app.tasks[row.task_name].apply_async(args=row.args, kwargs=row.kwargs, task_id=row.task_id)


@dataclass
class RelayResult:
    sent: int = 0
    refused: int = 0
    # The broker could not be reached: the relay should wait before trying again.
    broker_down: bool = False
    error: str = ""


def _publish(row: OutboxTask) -> None:
    # send_task, not the task object: the relay needs no task code, and no result backend
    # is touched (every task ignores its result). retry=False: the relay does its own
    # retrying, with back-off, instead of blocking in kombu's.
    _celery_app().send_task(
        row.task_name, args=row.args, kwargs=row.kwargs, task_id=row.task_id, retry=False, ignore_result=True
    )


def _row_backoff(attempts: int) -> timedelta:
    return min(MAX_ROW_BACKOFF, timedelta(seconds=2 ** min(attempts, 12)))


def relay_due(*, limit: int = 200) -> RelayResult:
    """Hand waiting tasks to the broker, oldest first, up to `limit`.

    Rows are locked with SKIP LOCKED, so several relays can run side by side without
    handing a row over twice. A broker that cannot be reached ends the batch (the rows
    stay waiting, untouched); any other refusal counts against that row alone."""
    result = RelayResult()
    broker_errors = _broker_errors()
    now = timezone.now()
    with transaction.atomic():
        rows = list(_waiting(now).select_for_update(skip_locked=True).order_by("due_at", "pk")[:limit])
        sent: list[OutboxTask] = []
        for row in rows:
            try:
                _publish(row)
            except broker_errors as error:
                result.broker_down = True
                result.error = f"{type(error).__name__}: {error}"
                break
            except Exception as error:  # noqa: BLE001 - a bad row must not stop the others
                logger.exception("Outbox task %s (%s) was refused", row.pk, row.task_name)
                row.attempts += 1
                row.last_error = f"{type(error).__name__}: {error}"[:2000]
                if row.attempts >= OutboxTask.MAX_ATTEMPTS:
                    row.failed_at = now
                else:
                    row.due_at = now + _row_backoff(row.attempts)
                row.save(update_fields=["attempts", "last_error", "failed_at", "due_at"])
                result.refused += 1
                continue
            row.sent_at = timezone.now()
            sent.append(row)
        if sent:
            OutboxTask.objects.bulk_update(sent, ["sent_at"])
        result.sent = len(sent)
    return result


def purge_sent(*, older_than: timedelta = KEEP_SENT) -> int:
    deleted, _ = OutboxTask.objects.filter(sent_at__lt=timezone.now() - older_than).delete()
    return deleted


def waiting_summary() -> dict[str, Any]:
    """How many tasks wait for the broker, and for how long the oldest has: for /healthz."""
    oldest = (
        OutboxTask.objects.filter(sent_at__isnull=True, failed_at__isnull=True)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    waiting = OutboxTask.objects.filter(sent_at__isnull=True, failed_at__isnull=True).count() if oldest else 0
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return {"waiting": waiting, "oldest_seconds": round(age, 1)}


class _Backoff:
    """Waits that double from `first` up to `longest`, back to `first` on success."""

    def __init__(self, first: float, longest: float) -> None:
        self.first, self.longest, self.current = first, longest, first

    def next(self) -> float:
        wait, self.current = self.current, min(self.longest, self.current * 2)
        return wait

    def reset(self) -> None:
        self.current = self.first


def relay_forever(*, stop: threading.Event, poll_seconds: float = 0.5, longest_wait: float = 5.0) -> None:
    """The relay's loop, until `stop` is set: hand over what is due, then poll again.

    While the broker is down the loop waits 0.5, 1, 2, ... up to `longest_wait` seconds
    between tries, so the tasks go out within a few seconds of its return; a database that
    drops its connection is reconnected the same way."""
    backoff = _Backoff(0.5, longest_wait)
    outage_since: float | None = None
    last_purge = 0.0
    while not stop.is_set():
        try:
            result = relay_due()
        except DatabaseError:
            logger.warning("Outbox relay: the database is unreachable; trying again", exc_info=True)
            for database in connections.all():
                database.close()
            stop.wait(backoff.next())
            continue
        if result.broker_down:
            if outage_since is None:
                outage_since = time.monotonic()
                logger.warning("Outbox relay: the broker is unreachable (%s); tasks wait in the outbox", result.error)
            stop.wait(backoff.next())
            continue
        if outage_since is not None:
            logger.warning("Outbox relay: the broker answers again after %.1f s", time.monotonic() - outage_since)
            outage_since = None
        backoff.reset()
        if result.sent or result.refused:
            logger.info("Outbox relay: %s task(s) handed to Celery, %s refused", result.sent, result.refused)
            continue  # more may be waiting
        if time.monotonic() - last_purge > 600:
            purge_sent()
            last_purge = time.monotonic()
        stop.wait(poll_seconds)
