"""The demo: V1 of the Avon and Somerset plan issued to the Panel on 1 August 2016, the
members' recommendations, the chair's report, the published response and the Chief
Constable's comments, and V2 sent to the Panel for its review of 20 September, all on the
dates of the 2016 timetable."""

import datetime
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from panel import statute
from panel.models import ChiefConstableComment, PanelMember, PanelReview, PccResponse
from plans.models import Milestone, Plan, StatutoryStep


def test_the_demo_replays_the_panels_review_of_v1(transactional_db: Any) -> None:
    out = StringIO()
    call_command("seed_demo", allow_production=True, stdout=out)
    plan = Plan.objects.get(slug="police-and-crime-plan-2016-21", area__slug="avon-and-somerset")
    review = PanelReview.objects.select_related("panel", "version").get(version__plan=plan, version__number=1)
    assert review.panel.name == "Avon and Somerset Police and Crime Panel"
    assert review.version.label == "V1"
    assert timezone.localdate(review.issued_at) == datetime.date(2016, 8, 1)
    assert timezone.localdate(review.comments_deadline) == datetime.date(2016, 8, 12)
    assert review.meeting_date == datetime.date(2016, 9, 20)
    chair = PanelMember.objects.get(panel=review.panel, role=PanelMember.Role.CHAIR)
    assert chair.user.username == "panel" and chair.user.get_full_name() == "Margaret Hollis"
    assert PanelMember.objects.filter(panel=review.panel).count() >= 3
    assert review.report.submitted_by == chair

    recommendations = list(review.recommendations.select_related("response__changed_version"))
    assert len(recommendations) >= 5
    assert all(hasattr(r, "response") for r in recommendations)
    changes = {
        (r.response.changed_version.label, r.response.changed_title) for r in recommendations if r.response.has_change
    }
    assert changes == {
        ("V2", "Foreword and introduction"),
        ("V2", "Legitimacy"),
        ("V2", "Protect the most vulnerable from harm"),
    }
    outcomes = {r.response.outcome for r in recommendations}
    assert outcomes == set(PccResponse.Outcome.values)
    assert timezone.localdate(review.publication.published_at) == datetime.date(2016, 10, 11)

    comment = ChiefConstableComment.objects.get(version=review.version)
    assert comment.recorded_by.username == "force"

    for check in (
        statute.chief_constable_consulted,
        statute.draft_sent_to_panel,
        statute.panel_recommendations_answered,
        statute.panel_response_published,
    ):
        assert check(plan).met, check.__name__
    sent = Milestone.objects.filter(plan=plan, statutory_step=StatutoryStep.SEND_TO_PANEL, status="done")
    assert sorted(m.completed_on for m in sent) == [datetime.date(2016, 8, 1), datetime.date(2016, 9, 6)]
    v2_review = PanelReview.objects.get(version__plan=plan, version__number=2)
    assert timezone.localdate(v2_review.issued_at) == datetime.date(2016, 9, 6)
    assert v2_review.meeting_date == datetime.date(2016, 9, 20)
    assert not v2_review.recommendations.exists()
    reviewed = Milestone.objects.get(plan=plan, statutory_step=StatutoryStep.PANEL_REVIEW)
    assert (reviewed.status, reviewed.completed_on) == ("done", datetime.date(2016, 9, 20))
    assert "gadeyemi" in out.getvalue()
