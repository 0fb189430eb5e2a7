"""Milestones: the list, the timeline, editing, and the calendar feed."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from plans.models import Milestone, StatutoryStep
from plans.tests.factories import MilestoneFactory


@pytest.fixture
def timeline(plan: Any) -> dict[str, Milestone]:
    today = timezone.localdate()
    return {
        "overdue_step": MilestoneFactory(
            plan=plan,
            title="Draft V1 e-mailed to Police and Crime Panel; Panel invited to comment",
            starts_on=today - datetime.timedelta(days=20),
            ends_on=today - datetime.timedelta(days=10),
            phase=Milestone.Phase.CONSULTATION,
            statutory_step=StatutoryStep.SEND_TO_PANEL,
            citation="PRSR Act 2011 s5(6)(c), s28(3)(a), s28(3)(b): send the draft to the Panel",
        ),
        "done": MilestoneFactory(
            plan=plan,
            title="Draft high-level priorities",
            starts_on=today - datetime.timedelta(days=40),
            ends_on=today - datetime.timedelta(days=30),
            phase=Milestone.Phase.PRIORITIES,
            status=Milestone.Status.DONE,
            completed_on=today - datetime.timedelta(days=31),
        ),
        "ahead": MilestoneFactory(
            plan=plan,
            title="Police and Crime Panel reviews draft plan",
            starts_on=today + datetime.timedelta(days=30),
            ends_on=today + datetime.timedelta(days=30),
            phase=Milestone.Phase.FINAL,
            statutory_step=StatutoryStep.PANEL_REVIEW,
            citation="PRSR Act 2011 s28(3): Panel review of the draft",
        ),
    }


def test_the_timeline_says_in_words_which_statutory_step_is_overdue(
    staff_client: Any, plan: Any, timeline: dict[str, Milestone]
) -> None:
    page = staff_client.get(reverse("plans:milestone_timeline", kwargs={"plan_id": plan.pk})).content.decode()
    assert page.index("Draft high-level priorities") < page.index("Draft V1 e-mailed") < page.index("reviews draft")
    overdue = page[page.index(f'id="milestone-{timeline["overdue_step"].pk}"') :]
    overdue = overdue[: overdue.index("</li>")]
    assert ">Overdue<" in overdue and "This statutory step was due by" in overdue
    assert "Statutory step: Send the draft to the Police and Crime Panel" in overdue
    done = page[page.index(f'id="milestone-{timeline["done"].pk}"') :]
    assert ">Done<" in done[: done.index("</li>")]
    ahead = page[page.index(f'id="milestone-{timeline["ahead"].pk}"') :]
    assert ">Not started<" in ahead[: ahead.index("</li>")]
    # The plan's page warns about the overdue step, in words.
    overview = staff_client.get(plan.get_absolute_url()).content.decode()
    assert "Overdue: 1 statutory step is past its end date and not done" in overview


def test_the_timeline_and_list_work_without_javascript(staff_client: Any, plan: Any, timeline: Any) -> None:
    for name in ("plans:milestone_timeline", "plans:milestone_list"):
        page = staff_client.get(reverse(name, kwargs={"plan_id": plan.pk})).content.decode()
        assert "<script" not in page.split("</footer>")[0].split("</header>")[1]


def test_a_milestone_is_marked_done_with_the_date_and_who(
    staff_client: Any, plan: Any, timeline: dict[str, Milestone], role_users: dict[str, Any]
) -> None:
    milestone = timeline["overdue_step"]
    url = reverse("plans:milestone_edit", kwargs={"plan_id": plan.pk, "milestone_id": milestone.pk})
    data = {
        "title": milestone.title,
        "starts_on_0": milestone.starts_on.day,
        "starts_on_1": milestone.starts_on.month,
        "starts_on_2": milestone.starts_on.year,
        "ends_on_0": milestone.ends_on.day,
        "ends_on_1": milestone.ends_on.month,
        "ends_on_2": milestone.ends_on.year,
        "owner_note": "OPCC",
        "phase": 3,
        "status": "done",
        "statutory_step": "send_to_panel",
        "citation": "",
        "notes": "Sent by e-mail to every member of the Panel.",
        "revision": milestone.revision,
    }
    assert staff_client.post(url, data).status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.DONE
    assert milestone.completed_on == timezone.localdate() and milestone.completed_by == role_users["staff"]
    # An emptied citation is filled from the step.
    assert milestone.citation == "PRSR Act 2011 s5(6)(c), s28(3)(a), s28(3)(b)"


def test_a_milestone_ending_before_it_starts_is_refused_by_the_field(staff_client: Any, plan: Any) -> None:
    url = reverse("plans:milestone_create", kwargs={"plan_id": plan.pk})
    data = {
        "title": "Print run and distribution of the plan",
        "starts_on_0": "21",
        "starts_on_1": "10",
        "starts_on_2": "2016",
        "ends_on_0": "17",
        "ends_on_1": "10",
        "ends_on_2": "2016",
        "phase": "4",
        "status": "not_started",
    }
    response = staff_client.post(url, data)
    page = response.content.decode()
    assert page.count("Enter an end date on or after the start date") == 2
    assert 'value="Print run and distribution of the plan"' in page and 'value="21"' in page
    assert not plan.milestones.exists()
    response = staff_client.post(url, {**data, "title": "", "ends_on_0": "31", "ends_on_1": "13"})
    page = response.content.decode()
    assert "Enter a title for the milestone" in page and "Enter the date the milestone ends as a real date" in page
    response = staff_client.post(url, {**data, "ends_on_0": "21"})
    assert response.status_code == 302 and plan.milestones.count() == 1


def test_the_calendar_feed_lists_the_milestones_for_whoever_has_the_secret_link(
    client: Any, plan: Any, timeline: dict[str, Milestone]
) -> None:
    url = reverse("plans:milestone_calendar", kwargs={"plan_id": plan.pk, "token": plan.calendar_token})
    response = client.get(url)  # a calendar app: not signed in
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 3
    step = events["Statutory step: Draft V1 e-mailed to Police and Crime Panel; Panel invited to comment"]
    assert step.decoded("dtstart") == timeline["overdue_step"].starts_on
    assert step.decoded("dtend") == timeline["overdue_step"].ends_on + datetime.timedelta(days=1)
    assert "PRSR Act 2011 s5(6)(c)" in str(step["description"])


def test_a_wrong_or_reset_calendar_link_gives_nothing(
    client: Any, plan: Any, timeline: Any, role_users: dict[str, Any]
) -> None:
    wrong = reverse("plans:milestone_calendar", kwargs={"plan_id": plan.pk, "token": "guessed"})
    assert client.get(wrong).status_code == 404
    old = reverse("plans:milestone_calendar", kwargs={"plan_id": plan.pk, "token": plan.calendar_token})
    client.force_login(role_users["staff"])
    response = client.post(reverse("plans:calendar_link_reset", kwargs={"plan_id": plan.pk}), follow=True)
    assert "Calendars subscribed to the old link no longer update" in response.content.decode()
    client.logout()
    assert client.get(old).status_code == 404
    plan.refresh_from_db()
    new = reverse("plans:milestone_calendar", kwargs={"plan_id": plan.pk, "token": plan.calendar_token})
    assert client.get(new).status_code == 200


def test_the_calendar_link_of_one_plan_does_not_open_another(client: Any, plan: Any, other_area_plan: Any) -> None:
    url = reverse("plans:milestone_calendar", kwargs={"plan_id": other_area_plan.pk, "token": plan.calendar_token})
    assert client.get(url).status_code == 404


def test_the_milestone_list_shows_the_subscription_address(staff_client: Any, plan: Any, timeline: Any) -> None:
    page = staff_client.get(reverse("plans:milestone_list", kwargs={"plan_id": plan.pk})).content.decode()
    assert f"/milestones/calendar/{plan.calendar_token}/milestones.ics" in page
    assert "Statutory step:</strong> Send the draft to the Police and Crime Panel" in page
