"""Does the responses CSV of 35,000 responses stream: how soon is the first byte, how long
the whole file, and how much memory does it take?

Builds (once) a consultation with 35,000 responses (the analysis benchmark's data, more
of it) in the benchmark's own PostgreSQL database, then downloads the staff CSV export
through Django's test client as a member of staff: the first chunk, then the rest.

    .venv/bin/python bench/consultation_export.py [--responses 35000] [--runs 5]
"""

import argparse
import os
import platform
import statistics
import time
import tracemalloc

from _bench_db import ensure_database, setup_django
from consultation_analysis import build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=35_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ensure_database()
    setup_django()
    from django.urls import reverse

    from accounts.tests.helpers import Client

    started = time.perf_counter()
    consultation, user = build(args.responses)
    print(f"Data ready in {time.perf_counter() - started:.1f} s: {consultation.responses.count():,} responses")
    print(
        f"Machine: {platform.node()}, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )
    client = Client()
    client.force_login(user)
    url = reverse("consultation:responses_csv", kwargs={"consultation_id": consultation.pk})
    first_bytes, totals, peaks = [], [], []
    rows = size = 0
    # Timed runs first, then one run under tracemalloc (which slows Python several times)
    # for the peak memory only.
    for run in range(args.runs + 2):
        measuring_memory = run == args.runs + 1
        if measuring_memory:
            tracemalloc.start()
        t0 = time.perf_counter()
        response = client.get(url)
        chunks = iter(response.streaming_content)
        first = next(chunks)
        t_first = time.perf_counter() - t0
        size, rows = len(first), first.count(b"\n")
        for chunk in chunks:
            size += len(chunk)
            rows += chunk.count(b"\n")
        total = time.perf_counter() - t0
        if measuring_memory:
            peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
            tracemalloc.stop()
        elif run > 0:  # run 0 warms up: templates, the version's content parsed
            first_bytes.append(t_first * 1000)
            totals.append(total)
    print(
        f"responses CSV: first byte median {statistics.median(first_bytes):.0f} ms "
        f"(max {max(first_bytes):.0f}); whole file median {statistics.median(totals):.2f} s "
        f"(max {max(totals):.2f}); {size / 2**20:.1f} MiB, {rows:,} lines; "
        f"peak Python memory {max(peaks):.1f} MiB ({args.runs} runs)"
    )


if __name__ == "__main__":
    main()
