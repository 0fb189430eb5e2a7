"""Celery tasks for plans: thin, taking primary keys and calling a service."""

from smtplib import SMTPException

from celery import shared_task

from .services.reminders import milestone_reminder_send, milestone_reminders_queue


@shared_task(name="plans.queue_milestone_reminders")
def queue_milestone_reminders() -> int:
    """Each morning (Celery beat): one e-mail per owner with milestones due or overdue."""
    return len(milestone_reminders_queue())


@shared_task(
    name="plans.send_milestone_reminder",
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def send_milestone_reminder(reminder_id: int) -> int:
    return milestone_reminder_send(reminder_id=reminder_id)
