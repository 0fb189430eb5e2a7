"""Each morning's e-mail to milestone owners: what is due within a week, and what is overdue.

One reminder a person a day at most. The reminder is recorded (with the milestones it
lists) before its e-mail is queued, so a second run the same day finds it and sends
nothing; the e-mail task marks it sent, so a retried task does not send it twice.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from pcplan.outbox.services import enqueue

from ..models import Milestone, MilestoneReminder

DUE_WITHIN_DAYS = 7


def milestones_due(*, today: date, owner: User | None = None) -> list[Milestone]:
    """Open milestones with an owner, ending within the week or already overdue, by end date."""
    queryset = (
        Milestone.objects.exclude(status__in=[Milestone.Status.DONE, Milestone.Status.CANCELLED])
        .filter(owner__isnull=False, owner__is_active=True, ends_on__lte=today + timedelta(days=DUE_WITHIN_DAYS))
        .select_related("plan", "owner")
        .order_by("ends_on", "starts_on", "pk")
    )
    if owner is not None:
        queryset = queryset.filter(owner=owner)
    return list(queryset)


def milestone_reminders_queue(*, today: date | None = None) -> list[MilestoneReminder]:
    """Record today's reminder for every owner with something due or overdue who has not
    had one today, and queue its e-mail once the record is committed."""
    from ..tasks import send_milestone_reminder  # tasks import this module

    today = today or timezone.localdate()
    by_owner: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in milestones_due(today=today):
        by_owner[milestone.owner_id].append(milestone)  # type: ignore[index]  # owner__isnull=False above
    queued = []
    for owner_id, milestones in by_owner.items():
        with transaction.atomic():
            reminder, created = MilestoneReminder.objects.get_or_create(
                user_id=owner_id, sent_on=today, defaults={"queued_at": timezone.now()}
            )
            if not created:
                continue
            reminder.milestones.set(milestones)
            enqueue(send_milestone_reminder, args=[reminder.pk])
        queued.append(reminder)
    return queued


def _line(milestone: Milestone, today: date) -> str:
    link = settings.PCPLAN_BASE_URL.rstrip("/") + reverse(
        "plans:milestone_edit", kwargs={"plan_id": milestone.plan_id, "milestone_id": milestone.pk}
    )
    days = (milestone.ends_on - today).days
    when = (
        f"{-days} day{'s' if days != -1 else ''} overdue (due {date_format(milestone.ends_on, 'j F Y')})"
        if days < 0
        else f"due {'today' if days == 0 else date_format(milestone.ends_on, 'l j F Y')}"
    )
    step = (
        f" Statutory step: {milestone.get_statutory_step_display()} ({milestone.citation})."
        if milestone.is_statutory
        else ""
    )
    return f"- {milestone.title}, {milestone.plan.title}: {when}.{step}\n  {link}"


def reminder_email(reminder: MilestoneReminder, milestones: list[Milestone]) -> EmailMessage:
    today = reminder.sent_on
    overdue = [m for m in milestones if m.ends_on < today]
    due = [m for m in milestones if m.ends_on >= today]
    user = reminder.user
    parts = []
    if overdue:
        parts.append(f"{len(overdue)} overdue")
    if due:
        parts.append(f"{len(due)} due this week")
    lines = [f"Dear {user.get_full_name() or user.get_username()},", "", "These milestones of yours need attention."]
    if overdue:
        lines += ["", "Overdue:"] + [_line(m, today) for m in overdue]
    if due:
        lines += ["", "Due within the next 7 days:"] + [_line(m, today) for m in due]
    lines += [
        "",
        "Mark a milestone done, or change its dates, on its page. You receive this e-mail at most once a day, "
        "while you own a milestone that is due or overdue.",
    ]
    return EmailMessage(
        subject=f"Your milestones: {' and '.join(parts)}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def milestone_reminder_send(*, reminder_id: int) -> int:
    """Send a recorded reminder's e-mail, once. Milestones done since it was recorded are
    left out, and a reminder left with nothing to say is not sent."""
    with transaction.atomic():
        reminder = MilestoneReminder.objects.select_for_update().select_related("user").get(pk=reminder_id)
        if reminder.emailed_at is not None or not reminder.user.email:
            return 0
        milestones = [
            m
            for m in reminder.milestones.select_related("plan").order_by("ends_on", "starts_on", "pk")
            if m.status not in (Milestone.Status.DONE, Milestone.Status.CANCELLED)
        ]
        sent = reminder_email(reminder, milestones).send() if milestones else 0
        reminder.emailed_at = timezone.now()
        reminder.save(update_fields=["emailed_at"])
    return sent
