"""Celery tasks for annual reports: thin, taking primary keys, calling a service."""

from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    name="reports.send_sent_to_panel",
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def send_sent_to_panel(review_id: int) -> int:
    """E-mail every member of the Panel that the annual report has been sent to them."""
    return services.panel_notify_members(review_id=review_id)
