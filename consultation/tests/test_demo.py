"""The demo consultation: summer 2016 on V1 of the Avon and Somerset plan."""

import datetime
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db.models import Count

from consultation.demo import V1_TITLE
from consultation.models import Agreement, Consultation, EngagementEvent, RespondentType, Response
from consultation.statute import community_and_victims_consulted
from plans.models import Milestone, Plan, StatutoryStep


def test_the_demo_has_a_closed_consultation_on_v1_with_about_3500_varied_responses(db: Any) -> None:
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    plan = Plan.objects.get(slug="police-and-crime-plan-2016-21", area__slug="avon-and-somerset")
    consultation = Consultation.objects.get(title=V1_TITLE)
    assert consultation.version.label == "V1"
    assert consultation.has_closed()
    assert consultation.closes_at.date() == datetime.date(2016, 8, 12)

    responses = consultation.responses.all()
    assert 3400 <= responses.count() <= 3600
    assert set(responses.values_list("respondent_type", flat=True)) == set(RespondentType.values)
    assert responses.values("district").distinct().count() == 10  # nine Districts and "not given"
    tagged = responses.annotate(n=Count("themes")).filter(n__gt=0).count()
    assert 0.2 * responses.count() < tagged < 0.8 * responses.count()
    assert Agreement.objects.filter(response__consultation=consultation).count() > 2 * responses.count()
    assert responses.filter(state=Response.State.REJECTED).exists()
    assert not responses.exclude(email="").exists()  # 2016: past retention, anonymised
    # Comments are about the plan's real priorities.
    assert responses.filter(text__contains="101").exists()
    assert responses.exclude(objective_uid=None).count() > 1000

    events = EngagementEvent.objects.filter(plan=plan)
    assert events.filter(held_on=datetime.date(2016, 6, 20), kind=EngagementEvent.Kind.WORKSHOP).exists()
    assert events.filter(kind=EngagementEvent.Kind.PUBLIC_MEETING).count() >= 3

    evidence = community_and_victims_consulted(plan)
    assert evidence.met
    assert "on V1, 24 June to 12 August 2016" in evidence.summary
    assert Milestone.objects.filter(plan=plan, statutory_step=StatutoryStep.OBTAIN_VIEWS, status="done").exists()
    # Nothing is open on the plan published in 2016; one is open now on the draft 2017/18
    # refresh, so the public journey can be tried.
    assert not any(c.is_open() for c in Consultation.objects.filter(version__plan=plan))
    open_now = [c for c in Consultation.objects.filter(version__plan__predecessor=plan) if c.is_open()]
    assert len(open_now) == 1
    assert open_now[0].version.plan.stage == Plan.Stage.DRAFT
    assert open_now[0].responses.exclude(email="").exists()

    counts = (Response.objects.count(), Agreement.objects.count(), EngagementEvent.objects.count())
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    assert (Response.objects.count(), Agreement.objects.count(), EngagementEvent.objects.count()) == counts
