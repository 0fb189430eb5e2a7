"""Celery tasks for the Panel: thin, taking primary keys, calling a service."""

from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    name="panel.send_review_issued",
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def send_review_issued(review_id: int) -> int:
    """E-mail every member of the Panel that a draft has been issued to them."""
    return services.review_notify_members(review_id=review_id)


@shared_task(
    name="panel.send_deadline_changed",
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def send_deadline_changed(change_id: int) -> int:
    """E-mail every member of the Panel that a review's deadline was extended, or that it closed early."""
    return services.review_deadline_change_notify(change_id=change_id)


@shared_task(
    name="panel.send_response_published",
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def send_response_published(publication_id: int) -> int:
    """E-mail every member of the Panel that the Commissioner's response has been published."""
    return services.response_publication_notify_members(publication_id=publication_id)
