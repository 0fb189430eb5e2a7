"""The transactional outbox: every Celery task pcplan queues is first written as a row in
the same database transaction as the change that needs it, and a relay hands the rows to
Celery when the broker answers. A request never talks to the broker, so a broker outage
neither fails nor slows a request, and no task is lost (docs/decisions/0022-outbox.md).

Queue a task with `pcplan.outbox.services.enqueue`; run the relay with
`python manage.py outbox_relay`.
"""
