"""The signed-in home page: staff see what is overdue and due this week; a Panel member
sees the reviews open to them with their deadlines, the drafts issued to them, and what
they have submitted."""

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from panel.models import PanelMember, PanelReport
from panel.tests.factories import (
    PanelFactory,
    PanelMemberFactory,
    PanelReviewFactory,
    RecommendationFactory,
    plan_with_two_versions,
)
from plans.models import Milestone, StatutoryStep
from plans.tests.factories import MilestoneFactory, PoliceAreaFactory, plan_with_content


def test_staff_see_the_milestones_overdue_and_due_this_week(
    staff_client: Any, area: Any, role_users: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    plan = plan_with_content(area=area, title="Police and Crime Plan 2017-18 refresh")
    today = timezone.localdate()
    MilestoneFactory(
        plan=plan,
        title="Consultation with Chief Constable on high level priorities",
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today - datetime.timedelta(days=3),
        statutory_step=StatutoryStep.CONSULT_CHIEF_CONSTABLE,
        owner=role_users["staff"],
    )
    MilestoneFactory(
        plan=plan,
        title="Draft V1 developed",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=1),
        owner=role_users["publisher"],
        owner_note="Head of Strategy",
    )
    MilestoneFactory(plan=plan, title="Print run of Police and Crime Plan", ends_on=today + datetime.timedelta(days=8))
    MilestoneFactory(
        plan=plan,
        title="Analysis of consultation responses",
        starts_on=today - datetime.timedelta(days=9),
        ends_on=today - datetime.timedelta(days=2),
        status=Milestone.Status.DONE,
    )
    MilestoneFactory(plan=plan_with_content(area=PoliceAreaFactory()), title="Devon's own milestone", ends_on=today)
    for _ in range(12):
        MilestoneFactory(
            plan=plan, title="Quarterly review", starts_on=today, ends_on=today + datetime.timedelta(days=7)
        )
    with django_assert_max_num_queries(20):
        page = staff_client.get("/").content.decode()
    overdue, due = page.split('id="overdue"')[1].split('id="due-this-week"')
    assert "Overdue (1)" in page and "Consultation with Chief Constable on high level priorities" in overdue
    assert "Statutory step" in overdue and "You" in overdue
    assert "Due this week (13)" in page and "Draft V1 developed" in due
    assert "Publisher1 (Head of Strategy)" in due
    assert "13 in all: see each plan" in due, "only the first ten are listed"
    assert "Print run" not in page and "Analysis of consultation responses" not in page
    assert "Devon's own milestone" not in page


def test_a_panel_member_sees_their_open_reviews_drafts_and_submissions(
    client: Any, area: Any, role_users: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    plan, v1, v2 = plan_with_two_versions(area=area, by=role_users["staff"])
    panel = PanelFactory(area=area, name="Avon and Somerset Police and Crime Panel")
    chair = PanelMemberFactory(panel=panel, user=role_users["panel"], role=PanelMember.Role.CHAIR)
    now = timezone.now()
    closed = PanelReviewFactory(
        panel=panel,
        version=v1,
        issued_by=role_users["staff"],
        issued_at=now - datetime.timedelta(days=40),
        comments_deadline=now - datetime.timedelta(days=30),
    )
    open_review = PanelReviewFactory(
        panel=panel,
        version=v2,
        issued_by=role_users["staff"],
        comments_deadline=now + datetime.timedelta(days=5),
        meeting_date=timezone.localdate() + datetime.timedelta(days=12),
    )
    RecommendationFactory(
        review=closed, author=chair, text="Publish the findings of the scrutiny panels on stop and search."
    )
    PanelReport.objects.create(
        review=closed,
        submitted_by=chair,
        text="The Panel welcomes the draft plan.",
        submitted_at=now - datetime.timedelta(days=29),
        updated_at=now - datetime.timedelta(days=29),
    )
    client.force_login(role_users["panel"])
    with django_assert_max_num_queries(20):
        page = client.get("/").content.decode()
    assert "Use the menu above" not in page
    open_part = page.split('id="open-reviews"')[1].split('id="drafts-issued"')[0]
    assert f"{plan.title}: draft V2" in open_part and "V1" not in open_part
    assert open_review.deadline_text in open_part
    drafts = page.split('id="drafts-issued"')[1].split('id="your-submissions"')[0]
    assert "draft V1" in drafts and "draft V2" in drafts and "Closed" in drafts
    submitted = page.split('id="your-submissions"')[1]
    assert "Recommendation 1 on" in submitted and "Publish the findings of the scrutiny panels" in submitted
    assert "The Panel's report on" in submitted


def test_a_member_of_another_panel_sees_none_of_these_reviews(
    area: Any, role_users: dict[str, Any], make_user: Any
) -> None:
    from pcplan.roles import Role

    plan, v1, _ = plan_with_two_versions(area=area, by=role_users["staff"])
    PanelReviewFactory(panel=PanelFactory(area=area), version=v1, issued_by=role_users["staff"])
    other = PoliceAreaFactory()
    outsider = make_user("cllr_elsewhere", Role.PANEL, user_area=other)
    PanelMemberFactory(panel=PanelFactory(area=other), user=outsider)
    client = Client()
    client.force_login(outsider)
    page = client.get("/").content.decode()
    assert plan.title not in page
    assert "No draft has been issued to the Panel yet." in page
