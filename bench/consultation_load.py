"""Load on the public comment form: gunicorn against PostgreSQL on loopback, driven by
locust in headless mode for a fixed time, with the rate limit raised for the run, and the
outbox relay handing the acknowledgement e-mails to Redis as production does. Then every
acknowledged submission (a redirect carrying a reference) is looked up in the database:
none may be lost.

Prints throughput, median and p95 latency of the POST, errors by status, 5xx and lost
submissions. Goal on the 2-core CI machine: >= 200 submissions/s, p95 < 200 ms, no 5xx,
none lost.

    .venv/bin/python bench/consultation_load.py [--users 50] [--rate 250] [--seconds 30] [--workers 4]

--rate is the offered load in submissions per second, shared by the users (0: every user
sends as fast as it can, to find the ceiling). Uses its own database (pcplan_bench_consultation, see
_bench_db.py) and Redis db 2 for the rate-limit counters and the acknowledgement queue.
"""

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _bench_db import ROOT, bench_env, ensure_database, setup_django

BIN = Path(sys.executable).parent
TITLE = "Benchmark: load on the comment form"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def _tree_cpu(root: int) -> float:
    """CPU seconds of a process and its live children (gunicorn's master and workers)."""
    total = _cpu_of(root)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == root:
                total += _cpu_of(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return total


def _database_cpu() -> float:
    """CPU seconds of the PostgreSQL backends serving the benchmark database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return sum(_cpu_of(pid) for (pid,) in cursor.fetchall())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare() -> int:
    """An open consultation with no responses yet; returns its id."""
    import datetime

    from django.utils import timezone

    from consultation.models import Consultation, Response
    from consultation.tests.factories import ConsultationFactory, cut_version
    from plans.demo import seed_area
    from plans.tests.factories import UserFactory

    area = seed_area()
    consultation = Consultation.objects.filter(title=TITLE).first()
    if consultation is None:
        consultation = ConsultationFactory(
            version=cut_version(area=area, by=UserFactory(username="bench-author"), slug="bench-load-plan"),
            title=TITLE,
        )
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=1), closes_at=timezone.now() + datetime.timedelta(days=30)
    )
    Response.objects.filter(consultation=consultation).delete()
    from pcplan.outbox.models import OutboxTask

    OutboxTask.objects.all().delete()
    return consultation.pk


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:  # noqa: S310 - our own loopback server
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The server at {url} did not answer within {seconds} s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def clear_queue() -> None:
    """Drop the acknowledgement tasks queued during the run (no worker consumes them)."""
    from pcplan.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.queue_delete("pcplan-bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--rate", type=float, default=250, help="offered submissions/s (0: as fast as possible)")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (more than 1: gthread workers)")
    args = parser.parse_args()

    ensure_database()
    setup_django()
    consultation_id = prepare()
    port = free_port()
    env = bench_env(CONSULTATION_COMMENT_RATE="1000000/m", CONN_MAX_AGE="600")
    server = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        [
            str(BIN / "gunicorn"),
            "pcplan.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread" if args.threads > 1 else "sync",
            "--threads",
            str(args.threads),
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    relay = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "manage.py", "outbox_relay"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    results = Path(tempfile.mkdtemp(prefix="pcplan-load-")) / "results.json"
    # On a shared machine, CPU per submission is the figure that does not depend on what
    # else is running: gunicorn's workers and the database backends, read from /proc, and
    # locust's once it has exited.
    try:
        wait_for(f"http://127.0.0.1:{port}/consultations/{consultation_id}/respond/")
        cpu_start = _children_cpu()
        server_start = _tree_cpu(server.pid)
        relay_start = _cpu_of(relay.pid)
        rate_per_user = args.rate / args.users if args.rate > 0 else 0
        locust = subprocess.run(  # noqa: S603 - our own locustfile, fixed arguments
            [
                str(BIN / "locust"),
                "-f",
                str(Path(__file__).with_name("locust_consultation.py")),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.users),
                "--run-time",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--stop-timeout",
                "10",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "BENCH_CONSULTATION_ID": str(consultation_id),
                "BENCH_RESULTS": str(results),
                "BENCH_RATE_PER_USER": str(rate_per_user),
            },
            capture_output=True,
            text=True,
            check=False,
            timeout=args.seconds + 120,
        )
        cpu_after_locust = _children_cpu()
        server_cpu = _tree_cpu(server.pid) - server_start
        relay_cpu = _cpu_of(relay.pid) - relay_start
        database_cpu = _database_cpu()
        if not results.exists():
            print(locust.stdout, locust.stderr)
            raise SystemExit("locust wrote no results")
    finally:
        os.killpg(relay.pid, signal.SIGTERM)
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    from consultation.models import Response
    from pcplan.outbox.models import OutboxTask

    relay.wait(timeout=20)
    waiting = OutboxTask.objects.filter(sent_at__isnull=True).count()
    data = json.loads(results.read_text())
    shutil.rmtree(results.parent, ignore_errors=True)
    clear_queue()
    acknowledged = set(data["acknowledged"])
    stored = set(Response.objects.filter(consultation_id=consultation_id).values_list("reference", flat=True))
    statuses = {int(code): count for code, count in data["statuses"].items()}
    latencies = data["latencies_ms"]
    errors = sum(count for code, count in statuses.items() if code != 302)
    server_errors = sum(count for code, count in statuses.items() if code >= 500 or code == 0)
    lost = len(acknowledged - stored)
    print(
        f"Machine: {platform.node()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} after the run; "
        f"gunicorn {args.workers} workers x {args.threads} threads; locust {args.users} users, offered "
        f"{'as fast as possible' if not args.rate else f'{args.rate:g}/s'}, {args.seconds} s"
    )
    print(f"submissions acknowledged: {len(acknowledged):,}   stored: {len(stored):,}")
    print(f"throughput:  {len(acknowledged) / args.seconds:.1f} submissions/s")
    print(
        f"latency:     median {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms, "
        f"p99 {percentile(latencies, 0.99):.1f} ms, max {max(latencies):.1f} ms"
    )
    print(f"errors:      {errors} (by status: {dict(sorted(statuses.items()))})")
    print(f"5xx:         {server_errors}")
    print(f"lost:        {lost} acknowledged but not stored; {len(stored - acknowledged)} stored but not acknowledged")
    print(f"outbox:      {waiting} acknowledgement e-mails not yet handed to Redis when the run ended")
    if acknowledged:
        per = 1000 / len(acknowledged)
        print(
            f"CPU per submission: gunicorn {server_cpu * per:.2f} ms (including each user's first form page), "
            f"PostgreSQL {database_cpu * per:.2f} ms, outbox relay {relay_cpu * per:.2f} ms, "
            f"locust {(cpu_after_locust - cpu_start) * per:.2f} ms"
        )


if __name__ == "__main__":
    main()
