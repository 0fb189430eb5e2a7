"""Celery tasks for consultations: thin, taking primary keys and calling a service."""

from celery import shared_task
from django.utils import timezone

from .services import (
    outcome_send_batch,
    response_send_acknowledgement,
    responses_anonymise,
    your_response_send_link,
)


@shared_task(
    name="consultation.send_acknowledgement",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_acknowledgement(response_id: int) -> bool:
    """E-mail a respondent their reference; queued once the response is committed."""
    return response_send_acknowledgement(response_id=response_id)


@shared_task(name="consultation.anonymise_responses")
def anonymise_responses() -> int:
    """Daily (Celery beat): strip personal data from responses past their retention."""
    return responses_anonymise(now=timezone.now())


@shared_task(
    name="consultation.send_outcome_emails",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_outcome_emails(consultation_id: int) -> int:
    """One batch of "what happened" e-mails; the service queues the next batch."""
    return outcome_send_batch(consultation_id=consultation_id)


@shared_task(
    name="consultation.send_your_response_link",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_your_response_link(response_id: int) -> bool:
    """E-mail a respondent the signed link to their response."""
    return your_response_send_link(response_id=response_id)
