"""Render jobs: requests, the state machine, worker loss, the sweep, freezing; and one
real render of each document, read back with pdfinfo, pdftotext and pypdf."""

import hashlib
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.utils import timezone

from performance.selectors import measure_summary
from performance.tests.factories import MeasureFactory, readings
from plans.models import District
from plans.snapshot import PlanContent
from publishing import services
from publishing.models import MAX_ATTEMPTS, RenderJob
from publishing.tasks import RenderTask, render_document
from publishing.tests.factories import FAKE_PDF, RenderJobFactory

pytestmark = pytest.mark.django_db

Status = RenderJob.Status


def _job(version: Any, **kwargs: Any) -> RenderJob:
    return RenderJobFactory(version=version, **kwargs)


# ---------------------------------------------------------------- requests


def test_render_all_queues_one_task_per_document_through_the_outbox(
    version: Any, role_users: dict[str, Any], fake_renderer: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    from pcplan.outbox.models import OutboxTask

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        jobs = services.render_all_request(version=version, by=role_users["staff"])
    assert len(callbacks) == 1  # one hand-over of the outbox, when the transaction commits
    queued = OutboxTask.objects.filter(task_name="publishing.render_document")
    assert sorted(queued.values_list("task_id", flat=True)) == sorted(job.task_id for job in jobs)
    assert not queued.filter(sent_at__isnull=True).exists()
    districts = District.objects.filter(area=version.plan.area).count()
    assert len(jobs) == 5 + districts == 14
    assert sorted({j.format for j in jobs}) == ["district", "full", "large", "page", "poster", "summary"]
    # The summary's 3 (stand-in) pages are made up to a leaflet's 4: it is laid out twice.
    assert len(fake_renderer) == 14 + 1
    for job in RenderJob.objects.all():
        assert job.status == Status.DONE
        assert job.requested_by == role_users["staff"]
        assert job.attempts == 1 and job.progress == 100 and job.page_count == 3
        assert job.sha256 == hashlib.sha256(FAKE_PDF).hexdigest()
        assert job.output.read() == FAKE_PDF


def test_render_all_does_not_queue_a_document_twice(version: Any, role_users: dict[str, Any]) -> None:
    running = _job(version, format=RenderJob.Format.SUMMARY, status=Status.RUNNING, heartbeat_at=timezone.now())
    first = services.render_all_request(version=version, by=role_users["staff"])
    assert running.document_key not in {j.document_key for j in first}
    assert len(first) == 13
    assert services.render_all_request(version=version, by=role_users["publisher"]) == []


def test_render_all_queues_an_interrupted_render_again_instead_of_skipping_it(
    version: Any, role_users: dict[str, Any]
) -> None:
    stale = timezone.now() - services.STALE_RUNNING_AFTER - timedelta(seconds=1)
    interrupted = _job(version, format=RenderJob.Format.SUMMARY, status=Status.RUNNING, attempts=2, heartbeat_at=stale)
    live = _job(version, format=RenderJob.Format.FULL, status=Status.RUNNING, heartbeat_at=timezone.now())
    jobs = services.render_all_request(version=version, by=role_users["publisher"])
    assert interrupted.pk in {job.pk for job in jobs}
    assert live.pk not in {job.pk for job in jobs}
    assert len(jobs) == 13  # every document but the one still rendering
    interrupted.refresh_from_db()
    assert interrupted.status == Status.QUEUED and interrupted.attempts == 0
    assert interrupted.requested_by == role_users["publisher"]
    assert RenderJob.objects.filter(format=RenderJob.Format.SUMMARY).count() == 1  # no second job beside it


def test_a_rendering_worker_writes_its_heartbeat_while_the_render_runs(
    transactional_db: Any, version: Any, monkeypatch: Any
) -> None:
    """Between two progress steps WeasyPrint can lay out for a long time: the heartbeat
    comes from a thread, not from progress."""
    import time

    from publishing import models
    from publishing.pdf import RenderedPdf

    monkeypatch.setattr(services, "HEARTBEAT_SECONDS", 0.05)
    job = _job(version, format=RenderJob.Format.SUMMARY)
    beats: list[Any] = []

    def slow_silent_render(html: str, **kwargs: Any) -> RenderedPdf:
        for _ in range(10):
            time.sleep(0.1)
            beats.append(RenderJob.objects.values_list("heartbeat_at", flat=True).get(pk=job.pk))
        return RenderedPdf(data=FAKE_PDF, page_count=1)

    assert models.HEARTBEAT_SECONDS == 5
    finished = services.render_job_run(
        job_id=job.pk, task_id="attempt-1", worker="w:1", renderer=slow_silent_render, heartbeat=True
    )
    assert finished is not None and finished.status == Status.DONE
    assert len(set(beats)) >= 4  # the heartbeat moved on while nothing reported progress


def test_a_job_queues_only_after_its_transaction_commits(
    version: Any, role_users: dict[str, Any], fake_renderer: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.render_job_request(version=version, format="summary", by=role_users["staff"])
    assert len(callbacks) == 1
    assert fake_renderer == []
    job.refresh_from_db()
    assert job.status == Status.QUEUED


# ---------------------------------------------------------------- the state machine


def test_a_claim_starts_an_attempt_and_a_finished_job_is_not_started_again(version: Any) -> None:
    job = _job(version)
    claimed = services.render_job_claim(job_id=job.pk, task_id="t1", worker="w1:10")
    assert claimed is not None
    assert (claimed.status, claimed.attempts, claimed.worker, claimed.task_id) == (Status.RUNNING, 1, "w1:10", "t1")
    assert claimed.started_at is not None and claimed.heartbeat_at is not None
    for status in (Status.DONE, Status.FAILED):
        other = _job(version, status=status, sha256="x" * 64, output="renders/x.pdf", page_count=1)
        assert services.render_job_claim(job_id=other.pk, task_id="t2", worker="w") is None


def test_a_live_render_is_not_taken_over_but_a_redelivered_message_is(version: Any) -> None:
    job = _job(version)
    services.render_job_claim(job_id=job.pk, task_id="t1", worker="w1:10")
    # Another message for the same job (a duplicate) while the render is alive: left alone.
    assert services.render_job_claim(job_id=job.pk, task_id="t2", worker="w2:20") is None
    # The same message again: its worker died (acks_late put it back), so a new attempt starts.
    again = services.render_job_claim(job_id=job.pk, task_id="t1", worker="w1:11")
    assert again is not None and again.attempts == 2 and again.worker == "w1:11"


def test_a_render_whose_heartbeat_stopped_is_taken_over(version: Any) -> None:
    job = _job(version)
    services.render_job_claim(job_id=job.pk, task_id="t1", worker="w1:10")
    RenderJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - services.STALE_RUNNING_AFTER - timedelta(seconds=1)
    )
    taken = services.render_job_claim(job_id=job.pk, task_id="t9", worker="w9:90")
    assert taken is not None and taken.attempts == 2 and taken.task_id == "t9"


def test_a_job_that_loses_its_worker_every_time_fails_after_the_last_attempt(version: Any) -> None:
    job = _job(version)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        claimed = services.render_job_claim(job_id=job.pk, task_id="t1", worker=f"w:{attempt}")
        assert claimed is not None and claimed.attempts == attempt
    assert services.render_job_claim(job_id=job.pk, task_id="t1", worker="w:last") is None
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert f"stopped {MAX_ATTEMPTS} times without finishing" in job.error
    assert job.finished_at is not None


def test_progress_counts_only_for_the_attempt_that_owns_the_job(version: Any) -> None:
    job = _job(version)
    services.render_job_claim(job_id=job.pk, task_id="t1", worker="w")
    assert services.render_job_progress(job_id=job.pk, task_id="t1", progress=40)
    assert not services.render_job_progress(job_id=job.pk, task_id="old", progress=90)
    job.refresh_from_db()
    assert job.progress == 40


def test_an_attempt_that_was_taken_over_leaves_no_file_and_changes_nothing(
    version: Any, media_root: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from publishing.pdf import RenderedPdf

    job = _job(version)
    services.render_job_claim(job_id=job.pk, task_id="t1", worker="w")
    services.render_job_claim(job_id=job.pk, task_id="t1", worker="w")  # the new attempt keeps t1...
    RenderJob.objects.filter(pk=job.pk).update(task_id="t2")  # ...and a sweep gave it to t2
    with django_capture_on_commit_callbacks(execute=True):
        assert services.render_job_finish(job_id=job.pk, task_id="t1", rendered=RenderedPdf(FAKE_PDF, 3)) is None
    job.refresh_from_db()
    assert job.status == Status.RUNNING and not job.output
    assert not list(media_root.rglob("*.pdf"))
    assert services.render_job_fail(job_id=job.pk, task_id="t1", error="late") is None


def test_a_render_that_raises_fails_with_a_reason(version: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("Pango could not load the font")

    monkeypatch.setattr("publishing.pdf.render_pdf", broken)
    job = _job(version)
    assert services.render_job_run(job_id=job.pk, task_id=job.task_id, worker="w").status == Status.FAILED
    job.refresh_from_db()
    assert job.error == "The render failed: ValueError: Pango could not load the font"

    def too_slow(*args: Any, **kwargs: Any) -> Any:
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("publishing.pdf.render_pdf", too_slow)
    slow = _job(version, format=RenderJob.Format.SUMMARY)
    services.render_job_run(job_id=slow.pk, task_id=slow.task_id, worker="w")
    slow.refresh_from_db()
    assert slow.status == Status.FAILED
    assert slow.error == f"The render took longer than {services.RENDER_SOFT_TIME_LIMIT} seconds and was stopped."


def test_a_hard_time_limit_marks_the_job_failed_from_the_worker(version: Any) -> None:
    job = _job(version)
    services.render_job_claim(job_id=job.pk, task_id="t1", worker="w")
    RenderTask().on_failure(TimeLimitExceeded(180), "t1", (job.pk,), {}, None)
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "took longer than" in job.error


def test_retry_queues_a_failed_job_again_from_its_first_attempt(
    version: Any, role_users: dict[str, Any], fake_renderer: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    job = _job(version, status=Status.FAILED, attempts=MAX_ATTEMPTS, error="Stopped")
    with django_capture_on_commit_callbacks(execute=True):
        services.render_job_retry(job=job, by=role_users["publisher"])
    job.refresh_from_db()
    assert job.status == Status.DONE and job.attempts == 1 and job.error == ""
    assert job.requested_by == role_users["publisher"]
    with pytest.raises(
        services.RenderRefusedError, match="Only a failed or interrupted render can be retried; this one is done"
    ):
        services.render_job_retry(job=job, by=role_users["staff"])


# ---------------------------------------------------------------- the sweep


def test_the_sweep_queues_lost_renders_again_and_fails_the_hopeless(
    version: Any, fake_renderer: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    long_ago = timezone.now() - services.STALE_RUNNING_AFTER - timedelta(minutes=1)
    lost = _job(version, status=Status.RUNNING, attempts=1, heartbeat_at=long_ago)
    hopeless = _job(
        version, format=RenderJob.Format.SUMMARY, status=Status.RUNNING, attempts=MAX_ATTEMPTS, heartbeat_at=long_ago
    )
    alive = _job(version, status=Status.RUNNING, attempts=1, heartbeat_at=timezone.now(), task_id="alive")
    forgotten = _job(version, requested_at=timezone.now() - services.STALE_QUEUED_AFTER - timedelta(minutes=1))
    waiting = _job(version)
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.render_jobs_sweep()
    assert counts == {"requeued": 2, "failed": 1}
    for job in (lost, hopeless, alive, forgotten, waiting):
        job.refresh_from_db()
    assert lost.status == Status.DONE and lost.attempts == 2
    assert forgotten.status == Status.DONE and forgotten.attempts == 1
    assert hopeless.status == Status.FAILED and "stopped 3 times" in hopeless.error
    assert alive.status == Status.RUNNING and alive.task_id == "alive"
    assert waiting.status == Status.QUEUED
    assert len(fake_renderer) == 2


# ---------------------------------------------------------------- freezing


def test_a_frozen_render_is_never_rendered_retried_or_replaced(version: Any, role_users: dict[str, Any]) -> None:
    job = RenderJobFactory.done(version=version)
    name, digest = job.output.name, job.sha256
    services.render_job_freeze(job=job)
    job.refresh_from_db()
    assert job.frozen and job.frozen_at is not None
    assert services.render_job_claim(job_id=job.pk, task_id=job.task_id, worker="w") is None
    with pytest.raises(services.RenderRefusedError, match="published"):
        services.render_job_retry(job=job, by=role_users["publisher"])
    # A new render of the same document is a new job with a new file: the frozen one stays.
    services.render_job_create(version=version, format="full")
    job.refresh_from_db()
    assert (job.output.name, job.sha256) == (name, digest)
    assert default_storage.exists(name)


def test_the_database_refuses_a_frozen_job_that_is_not_done(version: Any) -> None:
    with pytest.raises(IntegrityError):
        _job(version, frozen=True)


def test_only_a_finished_render_can_be_frozen(version: Any) -> None:
    with pytest.raises(services.RenderRefusedError):
        services.render_job_freeze(job=_job(version))


def test_every_attempt_writes_a_file_of_its_own(version: Any) -> None:
    job = _job(version, attempts=2)
    first = job.output.field.generate_filename(job, job.download_name)
    job.attempts = 3
    second = job.output.field.generate_filename(job, job.download_name)
    assert first != second
    assert first.startswith(f"renders/{version.plan.area.slug}/{version.plan.slug}/v{version.number}/{job.pk}-2-")
    assert job.download_name == f"{version.plan.slug}-v{version.number}-full-plan.pdf"


# ---------------------------------------------------------------- real renders

requires_poppler = pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils (pdfinfo) is not installed")


def _pdfinfo(path: str) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in output.splitlines())}


def _page_mm(info: dict[str, str]) -> tuple[int, int]:
    width, _, height = info["Page size"].split()[:3]
    return round(float(width) * 25.4 / 72), round(float(height) * 25.4 / 72)


A4, A5 = (210, 297), (148, 210)


def _pdftotext(path: str, page: int | None = None, *, layout: bool = True) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    command = ["pdftotext", *(["-layout"] if layout else []), *pages, path, "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    return " ".join(text.split())


def _alt_texts(node: Any) -> list[tuple[str, str]]:
    """(structure type, alternative text) of every element of a PDF's structure tree that has one."""
    node = node.get_object()
    found = [(str(node.get("/S")), str(node["/Alt"]))] if "/Alt" in node else []
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        if hasattr(kid.get_object(), "get"):
            found += _alt_texts(kid)
    return found


def _run(job: RenderJob) -> RenderJob:
    result = render_document.apply(args=[job.pk], task_id=job.task_id).get()
    job.refresh_from_db()
    assert result == Status.DONE, job.error
    return job


@requires_poppler
def test_the_full_plan_renders_to_a_tagged_a4_pdf_with_every_objective(version: Any) -> None:
    measure = MeasureFactory(plan=version.plan, objective=version.plan.objectives.order_by("order").first())
    readings(measure, ["65.3", "62.0"])
    job = _run(_job(version))
    path = job.output.path
    info = _pdfinfo(path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Police and Crime Plan 2016-21"
    assert info["Author"] == version.plan.area.opcc_name
    assert _page_mm(info) == A4
    assert int(info["Pages"]) == job.page_count
    assert job.size_bytes == int(info["File size"].split()[0])
    assert job.sha256 == hashlib.sha256(Path(path).read_bytes()).hexdigest()
    text = _pdftotext(path)
    content = PlanContent.from_json(version.content)
    for objective in content.objectives:
        assert objective.title in text
    assert f"Page 2 of {job.page_count}" in text
    from pypdf import PdfReader

    reader = PdfReader(path)
    assert reader.pdf_header == "%PDF-1.7"
    assert "/MarkInfo" in reader.trailer["/Root"] and "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"

    def titles(outline: list[Any]) -> list[str]:
        return [t for item in outline for t in (titles(item) if isinstance(item, list) else [item.title])]

    # Bookmarks from the headings, nested as they are: h1, then the chapters (h2), ...
    assert reader.outline[0].title == "Police and Crime Plan 2016-21"
    bookmarks = titles(reader.outline)
    assert {
        "Contents",
        "Police and crime objectives",
        "Measures of performance",
        "Crime and disorder reduction grants",
    } <= set(bookmarks)
    # The chart's table of figures beside it: read in reading order, not as laid out (its
    # caption's lines sit level with the chart's labels).
    assert "Figures for Number of crimes per 1000 population" in _pdftotext(path, layout=False)
    # The chart itself is drawn (its legend is text in the PDF), as a figure with its alt text.
    assert "Reading Baseline" in text
    figures = _alt_texts(reader.trailer["/Root"]["/StructTreeRoot"])
    assert figures == [("/Figure", measure_summary(measure).chart.alt)]
    assert all(objective.title in bookmarks for objective in content.objectives)

    # The contents give the page each chapter starts on (the page its bookmark opens).
    def items(outline: list[Any]) -> list[Any]:
        return [i for item in outline for i in (items(item) if isinstance(item, list) else [item])]

    page_of = {item.title: reader.get_destination_page_number(item) + 1 for item in items(reader.outline)}
    contents = _pdftotext(path, page=page_of["Contents"])
    for chapter in ("Police and crime objectives", "Measures of performance", "Crime and disorder reduction grants"):
        assert re.search(rf"{re.escape(chapter)}[ .]*{page_of[chapter]}\b", contents), chapter
    assert page_of["Police and crime objectives"] < page_of["Measures of performance"]


@requires_poppler
def test_the_public_summary_renders_to_an_a5_leaflet_of_at_most_eight_pages(version: Any) -> None:
    job = _run(_job(version, format=RenderJob.Format.SUMMARY))
    info = _pdfinfo(job.output.path)
    assert _page_mm(info) == A5
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Police and Crime Plan 2016-21: summary"
    assert 1 < job.page_count <= 8
    text = _pdftotext(job.output.path)
    assert "The plan on a page" in text and "How to get in touch" in text


@requires_poppler
def test_a_district_plan_renders_with_its_own_objectives_only(version: Any) -> None:
    bristol = District.objects.get(area=version.plan.area, slug="bristol")
    job = _run(_job(version, format=RenderJob.Format.DISTRICT, district=bristol))
    info = _pdfinfo(job.output.path)
    assert info["Title"] == "Police and Crime Plan 2016-21: Bristol"
    assert _page_mm(info) == A5
    text = _pdftotext(job.output.path)
    assert "Tackling anti-social behaviour and reducing its impact on victims and communities" in text
    assert "Improving road safety for all road users" not in text
    assert job.download_name.endswith("-bristol.pdf")


def test_a_summary_longer_than_a_leaflet_fails_with_what_to_do(version: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("publishing.documents.SUMMARY_MAX_PAGES", 1)
    job = _job(version, format=RenderJob.Format.SUMMARY)
    render_document.apply(args=[job.pk], task_id=job.task_id)
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "more than the 1 an A5 leaflet can have. Shorten the sections marked for the public summary." in job.error


def test_an_attempt_taken_over_mid_render_stops_and_leaves_the_job_to_the_new_one(
    version: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = _job(version)

    def render_pdf(html: str, *, on_progress: Any = None, **kwargs: Any) -> Any:
        RenderJob.objects.filter(pk=job.pk).update(task_id="the-sweeps-new-task")
        on_progress(50)  # the progress write finds the job is no longer ours, and stops WeasyPrint
        raise AssertionError("the render should have stopped")

    monkeypatch.setattr("publishing.pdf.render_pdf", render_pdf)
    assert services.render_job_run(job_id=job.pk, task_id=job.task_id, worker="w") is None
    job.refresh_from_db()
    assert job.status == Status.RUNNING and job.task_id == "the-sweeps-new-task" and job.error == ""


def test_the_periodic_sweep_task_runs_the_sweep(version: Any) -> None:
    from publishing.tasks import sweep_stale_renders

    long_ago = timezone.now() - services.STALE_RUNNING_AFTER - timedelta(minutes=1)
    _job(version, status=Status.RUNNING, attempts=MAX_ATTEMPTS, heartbeat_at=long_ago)
    assert sweep_stale_renders.apply().get() == {"requeued": 0, "failed": 1}
