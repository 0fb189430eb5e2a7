"""Draft and render the Commissioner's annual report: median seconds of drafting the
content from the year's records, of its HTML, and of the tagged PDF.

    .venv/bin/python bench/annual_report.py [--runs 5] [--database-url postgres://...]

Sets Django up on a throwaway SQLite database (or the PostgreSQL one given), migrates,
loads the demo (`seed_demo`: the 2016/17 report of the demo plan, 14 measures, four
quarters each) and builds a large year beside it (60 measures over four priorities, each
with twenty quarters of signed-off readings), then times both. The queries of drafting
are counted too: the same for both, however many readings.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.render import peak_rss_mib, setup_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir, args.database_url)
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        call_command("migrate", verbosity=0)
        call_command("seed_demo", allow_production=True, stdout=StringIO())
        from datetime import date

        from performance.tests.factories import big_plan
        from plans.models import Plan, PoliceArea
        from reports.document import annual_report_html, annual_report_pdf
        from reports.drafting import draft_content
        from reports.models import AnnualReport
        from reports.services import annual_report_version_cut

        demo = AnnualReport.objects.get(year_start=date(2016, 4, 1))
        plan = big_plan(area=PoliceArea.objects.get(slug="avon-and-somerset"), measures=60, quarters=20)
        Plan.objects.filter(pk=plan.pk).update(stage=Plan.Stage.PUBLISHED, slug="bench-large")
        large = AnnualReport.objects.create(plan=plan, year_start=date(2016, 4, 1))
        from django.contrib.auth import get_user_model

        staff = get_user_model().objects.get(username="staff")
        large_version = annual_report_version_cut(report=large, by=staff)
        print(f"load average {os.getloadavg()[0]:.2f}")
        for name, report, version in (("demo 2016/17", demo, demo.versions.get()), ("large", large, large_version)):
            with CaptureQueriesContext(connection) as queries:
                draft_content(report)
            drafting, html, pdf, pages = [], [], [], 0
            for _ in range(args.runs):
                start = time.perf_counter()
                draft_content(report)
                drafting.append(time.perf_counter() - start)
                start = time.perf_counter()
                annual_report_html(version)
                html.append(time.perf_counter() - start)
                start = time.perf_counter()
                pages = annual_report_pdf(version).page_count
                pdf.append(time.perf_counter() - start)
            print(
                f"{name}: drafting {statistics.median(drafting) * 1000:.0f} ms in {len(queries)} queries; "
                f"HTML {statistics.median(html) * 1000:.0f} ms; PDF {pages} pages in {statistics.median(pdf):.2f} s"
            )
        print(f"peak memory {peak_rss_mib():.0f} MiB; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
