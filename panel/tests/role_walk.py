"""Every Panel URL in the role walk (pcplan/tests/test_role_walk.py).

The world: a plan of the walk's area cut as V1, V2, V3; its Panel with the walk's `panel`
user as chair; V1 issued, closed and its response published (with a PDF report); V2
issued and closed, with a recommendation awaiting a response; V3 issued and open, with a
recommendation of the chair's to change or withdraw.
"""

import datetime
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from panel.models import PanelMember, PanelReport, ResponsePublication
from panel.tests.factories import (
    PanelFactory,
    PanelMemberFactory,
    PanelReviewFactory,
    PccResponseFactory,
    RecommendationFactory,
    plan_with_two_versions,
)
from pcplan.tests.pdfs import plain_pdf
from pcplan.tests.walk import EDITING, EVERYONE, PUBLISHER_ONLY, FormCase, Route
from plans.services import version_cut

MEMBERS = EDITING | {"panel"}
CONSULTATION = EDITING | {"force"}
WALK_PDF = "panel/reports/role-walk/report.pdf"
PDF = plain_pdf()


def build(world: SimpleNamespace) -> None:
    staff = world.users["staff"]
    plan, v1, v2 = plan_with_two_versions(area=world.area, by=staff)
    section = plan.sections.order_by("order").last()
    section.body = "<p>Performance is reported to the Police and Crime Board every quarter.</p>"
    section.save()
    v3 = version_cut(plan=plan, by=staff)
    panel = PanelFactory(area=world.area)
    chair = PanelMemberFactory(panel=panel, user=world.users["panel"], role=PanelMember.Role.CHAIR)
    now = timezone.now()
    past = {"issued_at": now - datetime.timedelta(days=40), "comments_deadline": now - datetime.timedelta(days=30)}
    published = PanelReviewFactory(panel=panel, version=v1, issued_by=staff, **past)
    answered = RecommendationFactory(review=published, author=chair)
    PccResponseFactory(recommendation=answered, recorded_by=staff)
    if not default_storage.exists(WALK_PDF):
        default_storage.save(WALK_PDF, ContentFile(PDF))
    PanelReport.objects.create(
        review=published,
        submitted_by=chair,
        text="The Panel welcomes the draft plan.",
        attachment=WALK_PDF,
        attachment_name="report.pdf",
        attachment_size=len(PDF),
        submitted_at=now - datetime.timedelta(days=29),
        updated_at=now - datetime.timedelta(days=29),
    )
    ResponsePublication.objects.create(review=published, published_at=now, published_by=world.users["publisher"])
    closed = PanelReviewFactory(panel=panel, version=v2, issued_by=staff, **past)
    awaiting = RecommendationFactory(review=closed, author=chair)
    open_review = PanelReviewFactory(panel=panel, version=v3, issued_by=staff)
    mine = RecommendationFactory(review=open_review, author=chair)
    world.panel_plan = plan
    world.panel_version = v1
    world.published_review = published
    world.closed_review = closed
    world.open_review = open_review
    world.awaiting_recommendation = awaiting
    world.my_recommendation = mine


def _review(attr: str):  # type: ignore[no-untyped-def]
    return lambda w: {"review_id": getattr(w, attr).pk}


ROUTES = [
    Route("panel:review_list", MEMBERS),
    Route("panel:review_detail", MEMBERS, kwargs=_review("open_review")),
    Route("panel:review_version", MEMBERS, kwargs=_review("open_review")),
    Route("panel:review_compare", MEMBERS, kwargs=_review("open_review")),
    Route("panel:review_word", MEMBERS, kwargs=_review("open_review")),
    Route("panel:collated", MEMBERS, kwargs=_review("closed_review")),
    Route(
        "panel:recommendation_create",
        frozenset({"panel"}),
        kwargs=_review("open_review"),
        method="post",
        data=lambda w: {"target": "plan", "text": "Say how the consultation shaped the plan."},
    ),
    Route(
        "panel:recommendation_edit",
        frozenset({"panel"}),
        kwargs=lambda w: {"recommendation_id": w.my_recommendation.pk},
        method="post",
        data=lambda w: {"target": "plan", "text": "Say how many people responded to the consultation."},
    ),
    Route(
        "panel:recommendation_withdraw",
        frozenset({"panel"}),
        kwargs=lambda w: {"recommendation_id": w.my_recommendation.pk},
        method="post",
    ),
    Route(
        "panel:report_submit",
        frozenset({"panel"}),
        kwargs=_review("closed_review"),
        method="post",
        data=lambda w: {"text": "The Panel recommends that the plan says how the consultation shaped it."},
    ),
    Route("panel:report_attachment", MEMBERS, kwargs=_review("published_review")),
    Route("panel:review_issue", EDITING, kwargs=lambda w: {"plan_id": w.panel_plan.pk}),
    Route(
        "panel:review_extend",
        EDITING,
        kwargs=_review("open_review"),
        method="post",
        data=lambda w: {
            "deadline_date_0": f"{w.open_review.comments_deadline.day}",
            "deadline_date_1": f"{w.open_review.comments_deadline.month}",
            "deadline_date_2": f"{w.open_review.comments_deadline.year + 1}",
            "deadline_time": "17:00",
            "reason": "The Panel's meeting has moved.",
        },
    ),
    Route("panel:review_close", EDITING, kwargs=_review("open_review"), method="post", data=lambda w: {"reason": ""}),
    Route("panel:collated_csv", EDITING, kwargs=_review("closed_review")),
    Route(
        "panel:response_record",
        EDITING,
        kwargs=lambda w: {"recommendation_id": w.awaiting_recommendation.pk},
        method="post",
        data=lambda w: {"outcome": "not_accepted", "reasons": "Targets risk perverse incentives.", "change": "none"},
    ),
    Route("panel:response_publish", PUBLISHER_ONLY, kwargs=_review("closed_review"), method="post"),
    Route("panel:cc_version_list", CONSULTATION),
    Route("panel:cc_version_detail", CONSULTATION, kwargs=lambda w: {"version_id": w.panel_version.pk}),
    Route(
        "panel:cc_comment_create",
        frozenset({"force"}),
        kwargs=lambda w: {"version_id": w.panel_version.pk},
        method="post",
        data=lambda w: {
            "recorded_on_0": "29",
            "recorded_on_1": "7",
            "recorded_on_2": "2016",
            "text": "The Chief Constable supports the four priorities.",
        },
    ),
    Route("panel:published_list", EVERYONE),
    Route("panel:published_detail", EVERYONE, kwargs=_review("published_review")),
    Route("panel:public_report_attachment", EVERYONE, kwargs=_review("published_review")),
]

# Every POST form of the Panel's pages, for the form walk (pcplan/tests/test_form_walk.py).
FORMS = [
    FormCase("panel:recommendation_create", "create", role="panel"),
    FormCase("panel:report_submit", "create", role="panel"),
    FormCase("panel:cc_comment_create", "create", role="force"),
    FormCase("panel:review_issue", "other", reason="shown while a version awaits issue; a version is issued once"),
    FormCase(
        "panel:recommendation_edit",
        "edit",
        role="panel",
        change="text",
        values=("Say how the consultation shaped the plan.", "Add a measure for rural crime."),
    ),
    FormCase(
        "panel:response_record",
        "edit",
        change="reasons",
        values=("Targets risk perverse incentives.", "The Force already reports this."),
        data=lambda w: {"outcome": "not_accepted"},
    ),
    FormCase("panel:recommendation_withdraw", "other", role="panel", reason="withdrawn once; again is refused"),
    FormCase("panel:review_extend", "other", reason="each extension is a new recorded change with its reason"),
    FormCase("panel:review_close", "other", reason="closes once; again is refused"),
    FormCase("panel:response_publish", "other", role="publisher", reason="publishes once; again is refused"),
]
