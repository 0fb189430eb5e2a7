"""The Celery application. Tasks live in each app's tasks.py and only call services."""

import os

from celery import Celery

# Without DJANGO_SETTINGS_MODULE: the base settings, DEBUG off and no secret key.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcplan.settings.base")

app = Celery("pcplan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="pcplan.ping", ignore_result=False)
def ping(value: str) -> str:
    """Echo a value back: the health of the broker and worker, end to end."""
    return f"pong:{value}"
