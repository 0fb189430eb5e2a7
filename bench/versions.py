"""Cut and compare versions of a 40-section plan, and print the medians.

    .venv/bin/python bench/versions.py [--runs 15]

Sets Django up by itself on a throwaway SQLite database in a temporary directory (the
base settings with DEBUG off), migrates, and builds a plan of 40 sections of several
paragraphs each, 20 objectives with their commitments, and grants. Then it times:

- cutting a version (snapshot of the whole working draft, hashed and stored);
- comparing two 40-section versions in memory (`plans.diff.compare_contents`);
- the comparison page `plans:version_compare?from=N&to=M` end to end (request to HTML);
- the same page comparing the latest version with the working draft.

The goal is comparing two 40-section versions in under 200 ms.
"""

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPHS = [
    "The Constabulary will deliver neighbourhood policing in every district, with named officers and "
    "police community support officers who know their communities and the people most at risk of harm.",
    "I will hold the Chief Constable to account for the quality of the service victims receive, from "
    "the first call to the end of the criminal justice process, through my Police and Crime Board.",
    "We will work with the Community Safety Partnerships, health and the voluntary sector to reduce "
    "repeat victimisation, and to intervene early with young people at risk of offending.",
    "Performance against the outcomes in this plan is reported every quarter and published on my "
    "website, with the measures agreed with the Constabulary and their baselines.",
    "The Strategic Alliance with Wiltshire Police and the Regional Organised Crime Unit give us the "
    "capacity to meet the threats set out in the Strategic Policing Requirement.",
]


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each operation (default 15)")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="pcplan-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "pcplan.settings.development"
    os.environ["PCPLAN_VAR_DIR"] = workdir
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DEBUG"] = "false"
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.pop("REDIS_URL", None)

    # WhiteNoise warns that collectstatic has not run; the bench serves no static files.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command
    from django.urls import reverse

    from accounts.tests.helpers import Client

    call_command("migrate", verbosity=0)

    from pcplan.roles import Role
    from plans.demo import seed_area
    from plans.diff import compare_contents
    from plans.models import Section, Version
    from plans.services import section_update, version_cut
    from plans.snapshot import PlanContent
    from plans.tests.factories import UserFactory, plan_with_content

    area = seed_area()
    user = UserFactory(username="bench-staff")
    from django.contrib.auth.models import Group

    from plans.models import AreaMembership

    user.groups.add(Group.objects.get(name=Role.STAFF.value))
    AreaMembership.objects.create(user=user, area=area)
    plan = plan_with_content(area=area, sections=40, objectives=20)
    for i, section in enumerate(plan.sections.order_by("order")):
        paragraphs = [PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(6)]
        body = "<h2>Our approach</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs)
        Section.objects.filter(pk=section.pk).update(body=body, title=f"{section.title} ({i + 1})")

    def edit_ten_sections(round_: int) -> None:
        for section in plan.sections.order_by("order")[round_ % 4 :: 4]:
            section_update(
                section=section,
                by=user,
                expected_revision=section.revision,
                title=section.title,
                body=section.body.replace("every district", f"every district (round {round_})", 1)
                + f"<p>Added in round {round_}: fewer repeat victims of domestic abuse.</p>",
                covers=section.covers,
                addresses_spr=section.addresses_spr,
                in_public_summary=section.in_public_summary,
                district=None,
            )

    version_cut(plan=plan, by=user)
    rounds = iter(range(1, 10_000))

    # Time the cut alone: the edits before each cut are not part of it.
    cut_times = []
    for _ in range(args.runs):
        edit_ten_sections(next(rounds))
        start = time.perf_counter()
        version_cut(plan=plan, by=user)
        cut_times.append((time.perf_counter() - start) * 1000)
    cut_ms = statistics.median(cut_times)

    latest = plan.versions.order_by("-number").first()
    older = plan.versions.get(number=latest.number - 1)
    edit_ten_sections(next(rounds))  # so the working draft differs from the latest version

    def compare_in_memory() -> None:
        a, b = (PlanContent.from_json(v.content) for v in Version.objects.filter(pk__in=[older.pk, latest.pk]))
        compare_contents(a, b)

    client = Client()
    client.force_login(user)
    url = reverse("plans:version_compare", kwargs={"plan_id": plan.pk})

    def compare_page(query: str) -> Callable[[], None]:
        def fetch() -> None:
            response = client.get(url + query)
            assert response.status_code == 200, response.status_code

        return fetch

    compare_page(f"?from={older.number}&to={latest.number}")()  # warm up templates and caches
    memory_ms = median_ms(compare_in_memory, args.runs)
    page_ms = median_ms(compare_page(f"?from={older.number}&to={latest.number}"), args.runs)
    draft_ms = median_ms(compare_page(f"?from={latest.number}&to=draft"), args.runs)
    content = PlanContent.from_json(latest.content)
    words = sum(len(s.body.split()) for s in content.sections)

    print(f"pcplan bench/versions.py, {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite")
    print(
        f"plan: {len(content.sections)} sections ({words:,} words), {len(content.objectives)} objectives, "
        f"{len(content.grants)} grants; 10 sections changed between versions; median of {args.runs} runs"
    )
    print(f"  cut a version:                              {cut_ms:7.1f} ms")
    print(f"  compare two versions (in memory):           {memory_ms:7.1f} ms")
    print(f"  compare page, two versions (request->HTML): {page_ms:7.1f} ms  (goal: under 200 ms)")
    print(f"  compare page, version with working draft:   {draft_ms:7.1f} ms")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
