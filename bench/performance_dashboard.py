"""Performance dashboard and public page: 60 measures with 20 quarters of readings each.

Prints the query count and render times (median and 95th percentile of repeated
requests through Django's test client, so no network) for the staff dashboard and for
the public performance page with its 60 trend charts, first with the chart cache empty
(every chart drawn) and then warm; and for the public CSV and JSON files.

Run: .venv/bin/python bench/performance_dashboard.py [repetitions]
"""

import gzip
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _performance_setup import describe_machine, django_on_a_throwaway_database, staff_user  # noqa: E402

MEASURES = 60
QUARTERS = 20


def timed(client, path: str, repetitions: int) -> tuple[list[float], int, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    # The log holds at most 9,000 queries; building the plan filled it.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    query_count = len(queries)
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return times, query_count, len(response.content), len(gzip.compress(response.content))


def report(label: str, times: list[float], queries: int, size: int, gzipped: int) -> None:
    ordered = sorted(times)
    p95 = ordered[max(int(len(ordered) * 0.95) - 1, 0)]
    print(
        f"{label:<44} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   "
        f"{queries:2d} queries   {size / 1024:5.0f} KiB ({gzipped / 1024:.0f} KiB gzipped)"
    )


def main() -> None:
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with django_on_a_throwaway_database() as database:
        from django.core.cache import cache
        from django.core.signals import request_started
        from django.db import reset_queries
        from django.urls import reverse

        from accounts.tests.helpers import Client
        from performance.tests.factories import big_plan
        from plans.demo import seed_area
        from plans.models import Plan

        # Keep the query log across a request, so its queries can be counted.
        request_started.disconnect(reset_queries)
        area = seed_area()
        plan = big_plan(area=area, measures=MEASURES, quarters=QUARTERS)
        Plan.objects.filter(pk=plan.pk).update(stage=Plan.Stage.PUBLISHED)
        client = Client()
        client.force_login(staff_user(area))
        print(f"{MEASURES} measures x {QUARTERS} quarters, {repetitions} requests each, database {database}")
        print(describe_machine())

        report(
            "Staff dashboard",
            *timed(client, reverse("performance:dashboard", kwargs={"plan_id": plan.pk}), repetitions),
        )
        public = {"area_slug": area.slug, "plan_slug": plan.slug}
        public_url = reverse("performance:public_plan", kwargs=public)
        cold = []
        for _ in range(min(repetitions, 10)):
            cache.clear()
            start = time.perf_counter()
            assert client.get(public_url).status_code == 200
            cold.append((time.perf_counter() - start) * 1000)
        report("Public page, chart cache empty (60 drawn)", cold, *timed(client, public_url, 0)[1:])
        report("Public page, chart cache warm", *timed(client, public_url, repetitions))
        report("Public data, CSV", *timed(client, reverse("performance:public_csv", kwargs=public), repetitions))
        report("Public data, JSON", *timed(client, reverse("performance:public_json", kwargs=public), repetitions))


if __name__ == "__main__":
    main()
