"""The consultation app's answer to the publish gate: has the PCC obtained the views of
the community and of victims of crime on this plan (PRSR Act 2011 s14)?

Computed from the records, not from a box someone ticks: the requirement holds once a
consultation of the public on a version of this plan has closed with responses. Staff
completing the analysis also records the milestone (services.consultation_complete_analysis),
but the gate does not wait for that: the views were obtained when the window closed.
"""

from datetime import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from plans.evidence import Evidence
from plans.models import Plan

from .models import Consultation, OutcomeReport, Response, VictimAnswer

CITATION = "PRSR Act 2011 s14"


def _day(moment: datetime) -> str:
    return f"{timezone.localtime(moment).day} {timezone.localtime(moment):%B %Y}"


def _window(consultation: Consultation) -> str:
    opens = timezone.localtime(consultation.opens_at)
    closes = timezone.localtime(consultation.closes_at)
    if opens.year == closes.year:
        return f"{opens.day} {opens:%B} to {_day(closes)}"
    return f"{_day(opens)} to {_day(closes)}"


def community_and_victims_consulted(plan: Plan, now: datetime | None = None) -> Evidence:
    now = now or timezone.now()
    consultations = list(
        Consultation.objects.filter(version__plan=plan, audience=Consultation.Audience.PUBLIC)
        .select_related("version", "created_by")
        .defer("version__content")
        .annotate(
            counted=Count("responses", filter=~Q(responses__state=Response.State.REJECTED)),
            victims=Count(
                "responses",
                filter=Q(responses__victim=VictimAnswer.YES) & ~Q(responses__state=Response.State.REJECTED),
            ),
        )
        .order_by("-closes_at", "-pk")
    )
    closed_with_responses = [c for c in consultations if c.has_closed(now) and c.counted]
    if closed_with_responses:
        summaries = [
            f"Public consultation '{c.title}' on {c.version.label}, {_window(c)}: "
            f"{c.counted:,} response{'s' if c.counted != 1 else ''} "
            f"({c.victims:,} from victims of crime)"
            for c in closed_with_responses
        ]
        latest = closed_with_responses[0]
        by = latest.created_by.get_full_name() or latest.created_by.get_username() if latest.created_by else ""
        # The evidence anyone can check: the published "you said, we did" of the latest
        # consultation that has one; until then, the staff page of the latest consultation.
        outcome = (
            OutcomeReport.objects.filter(
                consultation__in=[c.pk for c in closed_with_responses], published_at__isnull=False
            )
            .select_related("consultation")
            .order_by("-consultation__closes_at")
            .first()
        )
        url = reverse("consultation:manage", kwargs={"consultation_id": latest.pk})
        summary = "; ".join(summaries) + "."
        if outcome is not None and outcome.published_at is not None:
            url = reverse("consultation:outcome", kwargs={"consultation_id": outcome.consultation_id})
            summary += f" What people said and what was done about it was published on {_day(outcome.published_at)}."
        return Evidence(
            met=True,
            summary=summary,
            url=url,
            on=timezone.localdate(latest.closes_at),
            by=by,
        )

    missing: list[str] = []
    for c in consultations:
        status = c.status(now)
        if status == Consultation.Status.OPEN:
            missing.append(
                f"The public consultation '{c.title}' is open until {_day(c.closes_at)}; it counts once closed."
            )
        elif status == Consultation.Status.NOT_OPEN:
            missing.append(f"The public consultation '{c.title}' opens on {_day(c.opens_at)}.")
        else:
            missing.append(f"The public consultation '{c.title}' closed on {_day(c.closes_at)} with no responses.")
    if not consultations:
        missing.append(
            f"Open a consultation of the public on a version of this plan, so the views of the community "
            f"and of victims of crime are obtained ({CITATION})."
        )
    return Evidence(
        met=False,
        summary="No public consultation on this plan has closed with responses yet.",
        missing=tuple(missing),
    )
