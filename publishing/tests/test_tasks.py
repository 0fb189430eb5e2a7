"""The render task outside a worker."""

from typing import Any

import pytest

from publishing.models import RenderJob
from publishing.tasks import render_document
from publishing.tests.factories import RenderJobFactory

pytestmark = pytest.mark.django_db


def test_the_render_task_called_in_process_renders_the_document(version: Any, fake_renderer: list[str]) -> None:
    job = RenderJobFactory(version=version)
    assert render_document(job.pk) == RenderJob.Status.DONE
    job.refresh_from_db()
    assert job.status == RenderJob.Status.DONE
    assert job.task_id
