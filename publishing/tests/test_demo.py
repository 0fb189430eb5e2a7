"""The demo: the 2016-21 plan published from V2 in October 2016 with its documents, through
the gate; its 2017/18 refresh in draft, which the gate refuses."""

import datetime
import html
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from consultation.models import ChangeLink, OutcomeReport
from plans.models import Milestone, Plan, StatutoryStep
from publishing import services
from publishing.models import Publication, RenderJob
from publishing.requirements import evaluate


def test_the_demo_plan_is_published_from_v2_in_october_2016_and_the_refresh_is_not(
    transactional_db: Any, client: Any
) -> None:
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    plan = Plan.objects.get(area__slug="avon-and-somerset", slug="police-and-crime-plan-2016-21")
    publication = Publication.objects.select_related("version", "published_by").get(version__plan=plan)
    assert publication.version.label == "V2" and plan.stage == Plan.Stage.PUBLISHED
    assert timezone.localdate(publication.published_at) == datetime.date(2016, 10, 14)
    assert publication.published_by.username == "publisher" and not publication.issued_late
    documents = list(publication.documents.all())
    # The full plan, the summary, the plan on a page and its poster, large print, Easy
    # Read, and nine District plans.
    assert sorted({job.format for job in documents}) == [
        "district",
        "easyread",
        "full",
        "large",
        "page",
        "poster",
        "summary",
    ]
    assert len(documents) == 6 + 9
    assert all(job.frozen and job.status == RenderJob.Status.DONE and job.page_count for job in documents)
    assert timezone.localdate(publication.copy_sent_at) == datetime.date(2016, 10, 14)
    assert publication.copy_sent_to == "force@pcplan.example.org.uk"
    assert evaluate(plan, publication.version).all_met

    # The statutory steps are done, on their 2016 dates, and none is overdue.
    steps = {
        (m.statutory_step, m.completed_on)
        for m in plan.milestones.exclude(statutory_step="").filter(status=Milestone.Status.DONE)
    }
    assert {
        (StatutoryStep.PREPARE_DRAFT, datetime.date(2016, 7, 18)),
        (StatutoryStep.SEND_TO_PANEL, datetime.date(2016, 9, 6)),
        (StatutoryStep.PANEL_REVIEW, datetime.date(2016, 9, 20)),
        (StatutoryStep.PUBLISH_PLAN, datetime.date(2016, 10, 14)),
        (StatutoryStep.COPY_TO_CHIEF_CONSTABLE, datetime.date(2016, 10, 14)),
    } <= steps
    assert not [m for m in plan.milestones.exclude(statutory_step="") if m.is_overdue(timezone.localdate())]

    # A newcomer finds it on the public site at once.
    page = client.get(f"/published/avon-and-somerset/{plan.slug}/")
    assert page.status_code == 200

    # The 2016 consultation's "you said, we did" is published with the plan, with themes
    # linked to the parts of V2 they changed, and its PDF frozen.
    outcome = OutcomeReport.objects.select_related("consultation").get(consultation__version__plan=plan)
    assert timezone.localdate(outcome.published_at) == datetime.date(2016, 10, 14)
    assert "You said, we did: the outcome of" in page.content.decode()
    links = ChangeLink.objects.filter(consultation=outcome.consultation, theme__isnull=False)
    assert {link.version.label for link in links} == {"V2"}
    assert {"Legitimacy", "Protect the most vulnerable from harm"} <= {link.title for link in links}
    outcome_page = html.unescape(client.get(outcome.consultation.get_absolute_url()).content.decode())
    assert "You said, we did" in outcome_page
    assert "The change in V2: section “Legitimacy”" in outcome_page
    assert "[inserted: " in outcome_page
    pdf = RenderJob.objects.get(consultation=outcome.consultation, format=RenderJob.Format.OUTCOME)
    assert pdf.frozen and pdf.page_count
    assert "Published 14 October 2016 (V2)" in client.get("/").content.decode()

    refresh = Plan.objects.get(predecessor=plan)
    assert refresh.kind == Plan.Kind.REFRESH and refresh.stage == Plan.Stage.DRAFT
    compliance = evaluate(refresh, None)
    # Its draft V1 is prepared and out for consultation; the rest is still to do, and it has
    # no measures of its own yet, so it does not yet set out how performance is measured.
    assert {r.requirement.key for r in compliance.unmet} == {
        "contents-performance",
        "chief-constable-consulted",
        "draft-sent-to-panel",
        "panel-recommendations-answered",
        "panel-response-published",
        "community-and-victims-consulted",
    }
    assert client.get(f"/published/avon-and-somerset/{refresh.slug}/").status_code == 404

    # Seeding again publishes nothing twice.
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    assert Publication.objects.count() == 1 and Plan.objects.filter(predecessor=plan).count() == 1
    assert RenderJob.objects.filter(format=RenderJob.Format.OUTCOME).count() == 1
    assert services.finished_documents(publication.version)[0][1].frozen
