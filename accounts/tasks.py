"""Celery tasks for accounts: thin, taking primary keys, calling a service."""

from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    name="accounts.send_invitation",
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def send_invitation(invitation_id: int) -> bool:
    """E-mail an invited person the link to set their password."""
    return services.invitation_send(invitation_id=invitation_id)
