"""Render the plan documents and print pages, median seconds and peak memory for each.

    .venv/bin/python bench/render.py [--runs 5] [--measures] [--keep DIR] [--database-url postgres://...]

Sets Django up by itself on a throwaway SQLite database in a temporary directory, or on
the PostgreSQL database given (the base settings, DEBUG off, tasks in-process), migrates,
loads the demo (`seed_demo`) and builds a plan of realistic length from the OPCC
documents (publishing/tests/large_plan.py: the demo plan has too little text for a
40-page full plan). For both plans it renders every document of the version (the full
plan, the public summary, the plan on a page and its poster, the large-print and Easy Read
versions, every District plan), each through the same service as a render job (claim, HTML,
WeasyPrint with progress, sha256, file, done), and prints:

- pages, median wall seconds and median CPU seconds of each document (`--runs` renders);
- for the full plan, WeasyPrint alone on the same final HTML with the same options, and
  our time as a multiple of it (goal: at most 1.25);
- peak memory of a fresh worker process rendering each kind of document (a new Python
  process, like a pool child: Django, WeasyPrint and one render; the first District plan
  stands for the others);
- "render all" (every document: the full plan, the summary, the plan on a page and its
  poster, large print, Easy Read where the priorities have it, and the District plans)
  through the task code on two worker processes (a fork
  pool, as Celery's prefork pool), against half the sum of the single renders.

The plan built from the documents has no measures of performance, so its full plan has
no measures chapter; `--measures` gives it the demo plan's 14 measures with their eight
quarters of readings (a chapter of 14 trend charts, each with its table of figures).

Goals: a full plan of 40 pages or more in under 3 s; our overhead at most 1.25 times
WeasyPrint alone; under 300 MiB per worker; render all on two processes close to half the
sum of the single renders. Timings on a shared machine move with its load: the load
average is printed before and after.
"""

import argparse
import concurrent.futures
import contextlib
import json
import multiprocessing
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LARGE_SLUG = "police-and-crime-plan-2016-21-full-text"
DEMO_SLUG = "police-and-crime-plan-2016-21"


def setup_django(workdir: str, database_url: str = "") -> None:
    os.environ["PCPLAN_VAR_DIR"] = workdir
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ["DEBUG"] = "false"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["EMAIL_URL"] = "memorymail://"  # the demo's e-mails are not the figures
    os.environ["DJANGO_SETTINGS_MODULE"] = "pcplan.settings.development"
    warnings.filterwarnings("ignore")
    import django
    from django.conf import settings

    django.setup()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # Two processes write progress to one SQLite file in the render-all run: take the
        # write lock at BEGIN and wait for it, instead of failing on an upgrade.
        settings.DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 30, "transaction_mode": "IMMEDIATE"})


def peak_rss_mib() -> float:
    """The peak resident memory of this process (VmHWM), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def render_job(version: Any, format: str, district: Any = None) -> Any:
    """One document through the job service, as a worker runs it."""
    import uuid

    from publishing import services

    job = services.render_job_create(version=version, format=format, district=district)
    done = services.render_job_run(job_id=job.pk, task_id=str(uuid.uuid4()), worker=f"bench:{os.getpid()}")
    assert done is not None, "the render was not run"
    assert done.status == "done", done.error
    return done


def documents(version: Any) -> list[tuple[str, str, Any]]:
    from publishing.models import RenderJob
    from publishing.services import documents_of

    return [
        (d.district.name if d.district else RenderJob.Format(d.format).label, d.format, d.district)
        for d in documents_of(version)
    ]


# ---------------------------------------------------------------- one document in a fresh process


def measure_one(workdir: str, slug: str, format: str, district_slug: str) -> None:
    """Child mode: render one document in this fresh process and print its figures as JSON."""
    setup_django(workdir, os.environ.get("PCPLAN_BENCH_DATABASE_URL", ""))
    from plans.models import District, Plan

    plan = Plan.objects.get(slug=slug)
    version = plan.versions.order_by("-number").first()
    district = District.objects.get(area=plan.area, slug=district_slug) if district_slug else None
    wall, cpu, job = timed(lambda: render_job(version, format, district))
    print(json.dumps({"pages": job.page_count, "wall": wall, "cpu": cpu, "peak_mib": peak_rss_mib()}))


def fresh_process_peak(workdir: str, slug: str, format: str, district: Any) -> float:
    output = subprocess.run(
        [sys.executable, __file__, "--measure-one", workdir, slug, format, district.slug if district else ""],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])["peak_mib"]


# ---------------------------------------------------------------- render all on two processes


def _pool_init() -> None:
    from django.db import connections

    connections.close_all()


def _pool_warm(_: int) -> int:
    """Open the child's database connection and render a page before the clock starts:
    Celery's pool children are long-lived, so a child's first-render start-up (about half
    a second: fonts, Pango) is not part of "render all"."""
    from django.db import connection

    from publishing.pdf import render_pdf_plain

    connection.ensure_connection()
    render_pdf_plain('<html lang="en-GB"><head><title>Warm</title></head><body><h1>Warm</h1></body></html>')
    time.sleep(0.3)  # so each child takes one of the warm-up calls
    return os.getpid()


def _pool_render(job_id: int) -> float:
    """The task's own code, as a Celery pool child runs it."""
    from publishing.tasks import render_document

    start = time.perf_counter()
    result = render_document.apply(args=[job_id]).get()
    assert result == "done", result
    return time.perf_counter() - start


def render_all_on(processes: int, version: Any, by: Any) -> float:
    from django.db import connections

    from publishing.models import RenderJob
    from publishing.services import _new_job, documents_of

    jobs = [_new_job(version=version, format=d.format, district=d.district, by=by) for d in documents_of(version)]
    # The full plan first, as the group sends it: the longest render starts at once.
    ids = [job.pk for job in jobs]
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(processes, mp_context=context, initializer=_pool_init) as pool:
        list(pool.map(_pool_warm, range(processes)))
        start = time.perf_counter()
        list(pool.map(_pool_render, ids, chunksize=1))
        elapsed = time.perf_counter() - start
    assert RenderJob.objects.filter(pk__in=ids, status="done").count() == len(ids)
    return elapsed


# ---------------------------------------------------------------- main


def machine() -> str:
    cpu, memory = "unknown CPU", ""
    with contextlib.suppress(OSError, StopIteration):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    with contextlib.suppress(OSError, StopIteration):
        lines = Path("/proc/meminfo").read_text().splitlines()
        kib = int(next(line.split()[1] for line in lines if line.startswith("MemTotal")))
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    import weasyprint

    return (
        f"{platform.node()}: {os.cpu_count()} CPUs ({cpu}){memory}, {platform.platform()}, "
        f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}"
    )


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def bench_plan(
    label: str, version: Any, runs: int, district_runs: int, workdir: str, slug: str
) -> list[dict[str, Any]]:
    from publishing.documents import build_document
    from publishing.pdf import render_pdf_plain

    rows = []
    peaks: dict[str, float] = {}
    for name, format, district in documents(version):
        # District plans differ only in their words: the first one's peak stands for them all.
        if format not in peaks:
            peaks[format] = fresh_process_peak(workdir, slug, format, district)
        render_job(version, format, district)  # warm-up: fonts, stylesheets, imports
        n = runs if format != "district" else district_runs
        samples = [timed(lambda f=format, d=district: render_job(version, f, d)) for _ in range(n)]
        row = {
            "plan": label,
            "document": name,
            "format": format,
            "pages": samples[-1][2].page_count,
            "wall": statistics.median(s[0] for s in samples),
            "cpu": statistics.median(s[1] for s in samples),
            "peak_mib": peaks[format],
        }
        if format == "full":
            html = build_document(version=version, format=format).html()
            alone = [timed(lambda html=html: render_pdf_plain(html)) for _ in range(n)]
            row["alone_wall"] = statistics.median(s[0] for s in alone)
            row["alone_cpu"] = statistics.median(s[1] for s in alone)
        rows.append(row)
        print(
            f"  {label:<10} {name:<30} {row['pages']:>4} pages  {row['wall']:6.2f} s  (CPU {row['cpu']:5.2f} s)  "
            f"peak {row['peak_mib']:5.0f} MiB",
            flush=True,
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="timed renders of the full plan and summary (default 5)")
    parser.add_argument("--district-runs", type=int, default=3, help="timed renders of each District plan (default 3)")
    parser.add_argument("--render-all-runs", type=int, default=3, help="timed 'render all' runs (default 3)")
    parser.add_argument(
        "--measures",
        action="store_true",
        help="give the full-text plan the demo plan's measures and readings (a measures chapter with 14 charts)",
    )
    parser.add_argument("--keep", help="keep the database and PDFs in this folder")
    parser.add_argument(
        "--database-url",
        default="",
        help="a throwaway PostgreSQL database to use instead of SQLite (it is migrated and seeded)",
    )
    parser.add_argument(
        "--measure-one", nargs=4, metavar=("WORKDIR", "SLUG", "FORMAT", "DISTRICT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.measure_one:
        measure_one(*args.measure_one)
        return

    workdir = args.keep or tempfile.mkdtemp(prefix="pcplan-bench-render-")
    Path(workdir).mkdir(parents=True, exist_ok=True)
    try:
        if args.database_url:
            os.environ["PCPLAN_BENCH_DATABASE_URL"] = args.database_url
        setup_django(workdir, args.database_url)
        from io import StringIO

        from django.contrib.auth import get_user_model
        from django.core.management import call_command

        from plans.models import Plan
        from publishing.tests.large_plan import build_large_plan

        call_command("migrate", verbosity=0)
        call_command("seed_demo", allow_production=True, stdout=StringIO())
        staff = get_user_model().objects.get(username="staff")
        demo = Plan.objects.get(slug=DEMO_SLUG)
        demo_version = demo.versions.order_by("-number").first()
        large_version = build_large_plan(area=demo.area, author=staff, slug=LARGE_SLUG)
        large_label = "full text"
        if args.measures:
            from performance.demo import seed_measures

            seed_measures(large_version.plan, staff)
            large_label = "+measures"

        print(f"pcplan bench/render.py, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
        from django.db import connection

        print(f"Machine: {machine()}; database: {connection.vendor}")
        print(f"Load average before: {load()}")
        print("Single renders (median of runs; peak memory of a fresh process rendering that document):")
        rows = bench_plan("demo V2", demo_version, args.runs, args.district_runs, workdir, DEMO_SLUG)
        rows += bench_plan(large_label, large_version, args.runs, args.district_runs, workdir, LARGE_SLUG)

        print()
        for row in rows:
            if row["format"] == "full":
                ratio = row["wall"] / row["alone_wall"]
                cpu_ratio = row["cpu"] / row["alone_cpu"]
                print(
                    f"Full plan, {row['plan']}: {row['pages']} pages; ours {row['wall']:.2f} s, WeasyPrint alone "
                    f"{row['alone_wall']:.2f} s: {ratio:.2f} times (CPU {row['cpu']:.2f} s against "
                    f"{row['alone_cpu']:.2f} s: {cpu_ratio:.2f} times)"
                )
        print(f"Peak memory of a worker process: at most {max(r['peak_mib'] for r in rows):.0f} MiB")

        print()
        # --render-all-runs 0 leaves it out (the single renders are what a change to a
        # document's design moves).
        print("Render all (full plan, summary, 9 District plans) through the task code:")
        for label, version in (("demo V2", demo_version), (large_label, large_version)) if args.render_all_runs else ():
            single_sum = sum(r["wall"] for r in rows if r["plan"] == label)
            one = statistics.median(render_all_on(1, version, staff) for _ in range(args.render_all_runs))
            two = statistics.median(render_all_on(2, version, staff) for _ in range(args.render_all_runs))
            print(
                f"  {label:<10} sum of single renders {single_sum:5.2f} s; one process {one:5.2f} s; "
                f"two processes {two:5.2f} s = {two / (single_sum / 2):.2f} times half the sum"
            )
        print(f"Load average after: {load()}")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
