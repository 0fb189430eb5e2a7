"""How long the Panel's heaviest pages take with many recommendations.

Builds, in a throwaway test database, a plan with V1 and V2, a Panel of six members and a
review of V1 with N recommendations (half answered, a quarter linked to a change in V2),
published; then times each page through Django's test client (the median of 20 requests,
after a warm-up) and prints the figures with the page's query count.

    .venv/bin/python bench/panel_pages.py            # SQLite, as `make run`
    DATABASE_URL=postgres://... .venv/bin/python bench/panel_pages.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcplan.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.tests.helpers import Client  # noqa: E402

SIZES = (60, 300)
RUNS = 20


def build(size: int) -> dict:
    import datetime

    from django.contrib.auth.models import Group
    from django.utils import timezone

    from panel.models import ResponsePublication
    from panel.tests.factories import (
        PanelFactory,
        PanelMemberFactory,
        PanelReviewFactory,
        PccResponseFactory,
        RecommendationFactory,
        plan_with_two_versions,
    )
    from pcplan.roles import Role
    from plans.demo import seed_area
    from plans.models import AreaMembership
    from plans.snapshot import PlanContent
    from plans.tests.factories import UserFactory

    area = seed_area()
    staff = UserFactory(username=f"bench_staff_{size}")
    staff.groups.add(Group.objects.get(name=Role.STAFF.value))
    AreaMembership.objects.create(user=staff, area=area)
    plan, v1, v2 = plan_with_two_versions(area=area, by=staff)
    panel = PanelFactory(area=area)
    members = [PanelMemberFactory(panel=panel) for _ in range(6)]
    now = timezone.now()
    review = PanelReviewFactory(
        panel=panel,
        version=v1,
        issued_by=staff,
        issued_at=now - datetime.timedelta(days=30),
        comments_deadline=now - datetime.timedelta(days=20),
    )
    content = PlanContent.from_json(v1.content)
    section = content.sections[0]
    for i in range(size):
        recommendation = RecommendationFactory(
            review=review,
            author=members[i % 6],
            target="section",
            target_uid=content.sections[i % len(content.sections)].uid,
            target_title=content.sections[i % len(content.sections)].title,
        )
        if i % 2 == 0:
            change = {}
            if i % 4 == 0:
                change = {
                    "changed_version": v2,
                    "changed_kind": "section",
                    "changed_uid": section.uid,
                    "changed_title": section.title,
                }
            PccResponseFactory(recommendation=recommendation, recorded_by=staff, **change)
    ResponsePublication.objects.create(review=review, published_at=now, published_by=staff)
    return {"review": review, "staff": staff, "plan": plan}


def measure(client: Client, url: str) -> tuple[float, int]:
    client.get(url)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


def main() -> None:
    # No setup_test_environment(): its instrumented template rendering would be timed too.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}; median of {RUNS} requests after a warm-up")
        print(f"{'page':<44}{'recommendations':>16}{'ms':>8}{'queries':>9}")
        for size in SIZES:
            world = build(size)
            review = world["review"]
            client = Client()
            client.force_login(world["staff"])
            pages = {
                "collated (staff)": f"/panel/reviews/{review.pk}/recommendations/",
                "collated CSV": f"/panel/reviews/{review.pk}/recommendations.csv",
                "review detail (staff)": f"/panel/reviews/{review.pk}/",
                "issued version": f"/panel/reviews/{review.pk}/version/",
            }
            public = {"published response (public)": f"/panel/responses/{review.pk}/"}
            for name, url in pages.items():
                ms, queries = measure(client, url)
                print(f"{name:<44}{size:>16}{ms:>8.1f}{queries:>9}")
            anonymous = Client()
            for name, url in public.items():
                ms, queries = measure(anonymous, url)
                print(f"{name:<44}{size:>16}{ms:>8.1f}{queries:>9}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
