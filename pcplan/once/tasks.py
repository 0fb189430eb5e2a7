from celery import shared_task

from .services import form_keys_forget


@shared_task(name="once.forget_form_keys")
def forget_form_keys() -> int:
    """Every hour (Celery beat): delete the form keys older than a day."""
    return form_keys_forget()
