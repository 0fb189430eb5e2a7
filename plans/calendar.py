"""A plan's milestones as an iCalendar feed, for staff to subscribe to in their calendars."""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Milestone, Plan

# The iCalendar STATUS of a milestone's status; any other is TENTATIVE.
ICS_STATUS: dict[str, str] = {Milestone.Status.DONE: "CONFIRMED", Milestone.Status.CANCELLED: "CANCELLED"}


def milestones_ics(plan: Plan, milestones: Iterable[Milestone]) -> bytes:
    """All-day events, one a milestone. A statutory step says so in its title, so it stands
    out in any calendar app, and carries its citation in the description."""
    calendar = Calendar()
    calendar.add("prodid", "-//pcplan//Police and Crime Plan milestones//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{plan.title}: milestones ({plan.area.name})")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for milestone in milestones:
        event = Event()
        event.add("uid", f"pcplan-milestone-{milestone.pk}@{plan.area.slug}")
        event.add("dtstamp", stamp)
        event.add("dtstart", milestone.starts_on)
        # DTEND of an all-day event is the day after the last day.
        event.add("dtend", milestone.ends_on + timedelta(days=1))
        title = milestone.title
        if milestone.is_statutory:
            title = f"Statutory step: {title}"
        if milestone.status == Milestone.Status.CANCELLED:
            title = f"Cancelled: {title}"
        event.add("summary", title)
        lines = [
            milestone.get_phase_display(),
            f"Status: {milestone.get_status_display()}",
        ]
        if milestone.is_statutory:
            lines.append(f"Statutory step: {milestone.get_statutory_step_display()} ({milestone.citation})")
        if milestone.owner_label:
            lines.append(f"Owner: {milestone.owner_label}")
        if milestone.notes:
            lines.append(milestone.notes)
        event.add("description", "\n".join(lines))
        event.add("categories", ["Statutory step"] if milestone.is_statutory else ["Milestone"])
        event.add("status", ICS_STATUS.get(milestone.status, "TENTATIVE"))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
