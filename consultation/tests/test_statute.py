"""The s14 evidence for the publish gate: views of the community and of victims obtained."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from consultation.models import Consultation, Response, VictimAnswer
from consultation.statute import community_and_victims_consulted
from consultation.tests.factories import ConsultationFactory, ResponseFactory

LONDON = ZoneInfo("Europe/London")
OPENS = datetime.datetime(2016, 6, 24, 9, 0, tzinfo=LONDON)
CLOSES = datetime.datetime(2016, 8, 12, 23, 59, tzinfo=LONDON)


def test_not_met_without_a_public_consultation(version: Any) -> None:
    evidence = community_and_victims_consulted(version.plan)
    assert not evidence.met
    assert "Open a consultation of the public" in evidence.missing[0]
    assert "PRSR Act 2011 s14" in evidence.missing[0]


def test_not_met_while_the_consultation_is_open(version: Any) -> None:
    consultation = ConsultationFactory(version=version, opens_at=OPENS, closes_at=CLOSES)
    ResponseFactory(consultation=consultation)
    evidence = community_and_victims_consulted(version.plan, now=datetime.datetime(2016, 7, 1, tzinfo=LONDON))
    assert not evidence.met
    assert evidence.missing == (
        f"The public consultation '{consultation.title}' is open until 12 August 2016; it counts once closed.",
    )


def test_not_met_by_a_closed_consultation_with_no_responses_or_of_the_workforce_only(version: Any) -> None:
    ConsultationFactory(version=version, opens_at=OPENS, closes_at=CLOSES, title="Public survey")
    workforce = ConsultationFactory(
        version=version, opens_at=OPENS, closes_at=CLOSES, audience=Consultation.Audience.WORKFORCE
    )
    ResponseFactory(consultation=workforce)
    evidence = community_and_victims_consulted(version.plan)
    assert not evidence.met
    assert evidence.missing == ("The public consultation 'Public survey' closed on 12 August 2016 with no responses.",)


def test_met_once_a_public_consultation_has_closed_with_responses(version: Any, role_users: dict[str, Any]) -> None:
    consultation = ConsultationFactory(
        version=version,
        opens_at=OPENS,
        closes_at=CLOSES,
        title="Have your say on the draft plan",
        created_by=role_users["staff"],
    )
    for victim in (VictimAnswer.YES, VictimAnswer.YES, VictimAnswer.NO, ""):
        ResponseFactory(consultation=consultation, victim=victim)
    ResponseFactory(consultation=consultation, victim=VictimAnswer.YES, state=Response.State.REJECTED)
    evidence = community_and_victims_consulted(version.plan)
    assert evidence.met
    assert evidence.summary == (
        "Public consultation 'Have your say on the draft plan' on V1, 24 June to 12 August 2016: "
        "4 responses (2 from victims of crime)."
    )
    assert evidence.url == f"/consultations/manage/{consultation.pk}/"
    assert evidence.on == datetime.date(2016, 8, 12)
    assert evidence.by == "Staff1"
