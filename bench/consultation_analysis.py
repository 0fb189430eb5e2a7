"""How fast is the analysis page over 10,000 responses, and how many queries does it run?

Builds (once) a consultation with 10,000 responses, agreement answers and themes in the
benchmark's own PostgreSQL database, then renders the analysis page and the response list
through Django's test client as a member of staff, and prints the query count and timings.

    .venv/bin/python bench/consultation_analysis.py [--responses 10000] [--runs 10]
"""

import argparse
import platform
import statistics
import time

from _bench_db import ensure_database, setup_django

TITLE = "Benchmark: analysis of consultation responses"


def build(count: int) -> tuple[object, object]:
    import random
    import uuid

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from consultation.models import Agreement, Consultation, RespondentType, Response, Theme, VictimAnswer
    from consultation.references import ALPHABET
    from consultation.selectors import draft_of
    from consultation.tests.factories import ConsultationFactory, cut_version
    from pcplan.roles import Role
    from plans.demo import seed_area
    from plans.models import AreaMembership

    area = seed_area()
    user, created = get_user_model().objects.get_or_create(username="bench-staff")
    if created:
        user.groups.add(Group.objects.get(name=Role.STAFF.value))
        AreaMembership.objects.create(user=user, area=area)
    consultation = Consultation.objects.filter(title=TITLE).first()
    if consultation is not None and consultation.responses.count() == count:
        return consultation, user
    if consultation is None:
        consultation = ConsultationFactory(
            version=cut_version(area=area, by=user, slug="bench-analysis-plan"), title=TITLE
        )
    Response.objects.filter(consultation=consultation).delete()
    rng = random.Random(10_000)  # noqa: S311 - benchmark data
    draft = draft_of(consultation)
    districts = list(area.districts.all())
    themes = [
        Theme.objects.get_or_create(consultation=consultation, name=name)[0]
        for name in ("Visible local policing", "101 service", "Support for victims", "Road safety", "Funding")
    ]
    parts = [(s.uid, None) for s in draft.sections] + [(None, o.uid) for o in draft.priorities] + [(None, None)]
    responses = Response.objects.bulk_create(
        (
            Response(
                consultation=consultation,
                reference="B-" + "".join(rng.choice(ALPHABET) for _ in range(9)),
                section_uid=part[0],
                objective_uid=part[1],
                respondent_type=rng.choice(RespondentType.values),
                district=rng.choice(districts + [None]),
                victim=rng.choice([*VictimAnswer.values, ""]),
                text="More officers on foot in the town centre in the evenings, please.",
                state=rng.choice(["published"] * 8 + ["new", "rejected"]),
            )
            for part in (rng.choice(parts) for _ in range(count))
        ),
        batch_size=2000,
    )
    Agreement.objects.bulk_create(
        (
            Agreement(response=r, objective_uid=uuid.UUID(p.uid), level=rng.randint(1, 5))
            for r in responses
            if rng.random() < 0.75
            for p in draft.agreement_priorities
        ),
        batch_size=5000,
    )
    through = Response.themes.through
    through.objects.bulk_create(
        (through(response_id=r.pk, theme_id=rng.choice(themes).pk) for r in responses if rng.random() < 0.5),
        batch_size=5000,
    )
    return consultation, user


def measure(client: object, url: str, runs: int) -> tuple[int, list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: templates compiled, version parsed, connection open
    timings = []
    queries = 0
    size = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured.captured_queries)
        size = len(response.content)
    return queries, timings, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    ensure_database()
    setup_django()
    from django.urls import reverse

    from accounts.tests.helpers import Client

    started = time.perf_counter()
    consultation, user = build(args.responses)
    print(f"Data ready in {time.perf_counter() - started:.1f} s: {consultation.responses.count():,} responses")
    client = Client()
    client.force_login(user)
    print(
        f"Machine: {platform.node()}, {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    for label, name, query in [
        ("analysis page", "consultation:analysis", ""),
        ("analysis, filtered (public only)", "consultation:analysis", "?respondent_type=public"),
        ("printable analysis", "consultation:analysis_print", ""),
        ("response list, page 20", "consultation:responses", "?page=20"),
    ]:
        url = reverse(name, kwargs={"consultation_id": consultation.pk}) + query
        queries, timings, size = measure(client, url, args.runs)
        print(
            f"{label:<34} {queries:>2} queries  median {statistics.median(timings):6.1f} ms  "
            f"min {min(timings):6.1f}  max {max(timings):6.1f}  ({size / 1024:.0f} KiB, {args.runs} runs)"
        )


if __name__ == "__main__":
    main()
