"""Milestone owners are people, e-mailed each morning about what is due within 7 days or
overdue: once a day at most."""

import datetime
import time
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from plans.models import Milestone, MilestoneReminder, StatutoryStep
from plans.services import milestone_reminder_send
from plans.tasks import queue_milestone_reminders
from plans.tests.factories import MilestoneFactory


def test_a_reminder_is_sent_once_for_a_milestone_due_in_7_days_and_not_again_the_same_day(
    plan: Any, role_users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    owner = role_users["staff"]
    milestone = MilestoneFactory(
        plan=plan,
        title="Draft V1 developed",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=7),
        owner=owner,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_milestone_reminders.delay().get() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert message.subject == "Your milestones: 1 due this week"
    assert "Draft V1 developed" in message.body and plan.title in message.body
    assert reverse("plans:milestone_edit", kwargs={"plan_id": plan.pk, "milestone_id": milestone.pk}) in message.body
    reminder = MilestoneReminder.objects.get()
    assert reminder.sent_on == today and reminder.emailed_at is not None
    assert list(reminder.milestones.all()) == [milestone]
    # The same morning again (beat restarted, a second worker): nothing more is sent.
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_milestone_reminders.delay().get() == 0
    assert len(mail.outbox) == 1
    # A retried e-mail task sends nothing twice either.
    assert milestone_reminder_send(reminder_id=reminder.pk) == 0
    assert len(mail.outbox) == 1


def test_overdue_statutory_steps_are_listed_first_and_done_or_distant_ones_not_at_all(
    plan: Any, role_users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    owner = role_users["publisher"]
    MilestoneFactory(
        plan=plan,
        title="Consultation with Chief Constable on high level priorities",
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today - datetime.timedelta(days=4),
        statutory_step=StatutoryStep.CONSULT_CHIEF_CONSTABLE,
        citation="PRSR Act 2011 s5(6)(a), s5(8)",
        owner=owner,
    )
    MilestoneFactory(plan=plan, title="Draft V1 developed", starts_on=today, ends_on=today, owner=owner)
    MilestoneFactory(
        plan=plan, title="Analysis of consultation responses", ends_on=today, status=Milestone.Status.DONE, owner=owner
    )
    MilestoneFactory(plan=plan, title="V2 drafted", ends_on=today + datetime.timedelta(days=8), owner=owner)
    MilestoneFactory(plan=plan, title="Print run of Police and Crime Plan", ends_on=today)  # nobody owns it
    with django_capture_on_commit_callbacks(execute=True):
        queue_milestone_reminders()
    (message,) = mail.outbox
    assert message.subject == "Your milestones: 1 overdue and 1 due this week"
    body = message.body
    assert body.index("Overdue:") < body.index("Consultation with Chief Constable") < body.index("Due within")
    assert "4 days overdue" in body
    assert "Statutory step: Consult the Chief Constable (PRSR Act 2011 s5(6)(a), s5(8))" in body
    assert "Draft V1 developed" in body and "due today" in body
    assert "Analysis of consultation responses" not in body and "V2 drafted" not in body
    assert "Print run" not in body


def test_the_next_morning_the_owner_is_reminded_again(
    plan: Any, role_users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    MilestoneFactory(plan=plan, ends_on=today + datetime.timedelta(days=2), owner=role_users["staff"])
    yesterday = MilestoneReminder.objects.create(
        user=role_users["staff"], sent_on=today - datetime.timedelta(days=1), queued_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        queue_milestone_reminders()
    assert len(mail.outbox) == 1
    assert MilestoneReminder.objects.exclude(pk=yesterday.pk).get().sent_on == today


def test_the_reminders_run_each_morning_under_celery_beat() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["plans-milestone-reminders"]
    assert entry["task"] == "plans.queue_milestone_reminders"
    schedule = entry["schedule"]
    assert schedule.hour == {7} and schedule.minute == {0}
    assert settings.CELERY_TIMEZONE == "Europe/London"


def test_staff_choose_a_milestone_owner_from_the_people_of_their_area(
    staff_client: Any, plan: Any, role_users: dict[str, Any], make_user: Any, other_area_plan: Any
) -> None:
    from pcplan.roles import Role

    milestone = MilestoneFactory(plan=plan, owner_note="OPCC")
    outsider = make_user("officer-devon", Role.STAFF, user_area=other_area_plan.area)
    url = reverse("plans:milestone_edit", kwargs={"plan_id": plan.pk, "milestone_id": milestone.pk})
    page = staff_client.get(url).content.decode()
    assert f'<option value="{role_users["publisher"].pk}">Publisher1' in page
    assert f'value="{outsider.pk}"' not in page
    data = {
        "title": milestone.title,
        "starts_on_0": "1",
        "starts_on_1": "7",
        "starts_on_2": "2016",
        "ends_on_0": "18",
        "ends_on_1": "7",
        "ends_on_2": "2016",
        "owner": outsider.pk,
        "owner_note": "Head of Strategy",
        "phase": 2,
        "status": "not_started",
        "statutory_step": "",
        "citation": "",
        "notes": "",
        "revision": milestone.revision,
    }
    refused = staff_client.post(url, data)
    assert refused.status_code == 200
    assert "Choose a person who works for this police area" in refused.content.decode()
    data["owner"] = role_users["publisher"].pk
    assert staff_client.post(url, data).status_code == 302
    milestone.refresh_from_db()
    assert milestone.owner == role_users["publisher"] and milestone.owner_note == "Head of Strategy"
    listing = staff_client.get(reverse("plans:milestone_list", kwargs={"plan_id": plan.pk})).content.decode()
    assert "Owner: Publisher1" in listing and "(Head of Strategy)" in listing


@pytest.mark.worker
def test_a_real_worker_sends_the_morning_reminders_once(
    celery_worker_process: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    today = timezone.localdate()
    MilestoneFactory(
        plan=plan, title="Draft V1 developed", ends_on=today + datetime.timedelta(days=7), owner=role_users["staff"]
    )
    queue_milestone_reminders.delay()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if MilestoneReminder.objects.filter(emailed_at__isnull=False).exists():
            break
        time.sleep(0.2)
    reminder = MilestoneReminder.objects.get()
    assert reminder.user == role_users["staff"] and reminder.emailed_at is not None
    # Beat firing again the same morning records nothing new.
    queue_milestone_reminders.delay().get(timeout=30)
    assert MilestoneReminder.objects.count() == 1
