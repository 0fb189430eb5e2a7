"""Demo data for the Panel: the Avon and Somerset Police and Crime Panel's review of draft
V1 of the Police and Crime Plan 2016-21, replayed on the dates of Appendix 1 of the draft
project plan v0.4 (V1 e-mailed to the Panel 1 August 2016, comments by 12 August, report
15-19 August, response prepared by 4 October and published the week of 10 October); and
draft V2 sent to the Panel for its meeting of 20 September 2016 (paper deadline 6
September), where it reviewed the draft. The Panel made no further recommendations on V2
in the demo: the documents record none. The members are invented people. Idempotent.
"""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from pcplan.roles import Role
from plans.demo import DEMO_PASSWORD, DEMO_PLAN_SLUG
from plans.models import AreaMembership, Plan, PoliceArea, StatutoryStep, Version
from plans.services import milestone_record_step
from plans.snapshot import PlanContent

from . import services
from .models import ChiefConstableComment, Panel, PanelMember, PanelReview, PccResponse

LONDON = ZoneInfo("Europe/London")
PANEL_NAME = "Avon and Somerset Police and Crime Panel"
TERM_STARTS = date(2016, 6, 1)


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


# (username, first name, last name, role on the Panel); "panel" is made by the plans seed.
MEMBERS = [
    ("panel", "Margaret", "Hollis", PanelMember.Role.CHAIR),
    ("hpritchard", "Helen", "Pritchard", PanelMember.Role.VICE_CHAIR),
    ("otreharne", "Owen", "Treharne", PanelMember.Role.MEMBER),
    ("gadeyemi", "Grace", "Adeyemi", PanelMember.Role.MEMBER),
]

# (member username, submitted on, ("plan" | "section" | "objective", title), text)
RECOMMENDATIONS = [
    (
        "panel",
        date(2016, 8, 3),
        ("section", "Foreword and introduction"),
        "The foreword says the Commissioner has listened to the consultation, but not what people said "
        "or how many took part. Say how many people responded and what changed in the plan as a result, "
        "so that residents can see their views made a difference.",
    ),
    (
        "hpritchard",
        date(2016, 8, 4),
        ("section", "Legitimacy"),
        "Commit to publishing the findings of the scrutiny panels on stop and search and use of force on "
        "a regular timetable, so the public can see how these powers are held to account, rather than "
        "publishing them from time to time.",
    ),
    (
        "otreharne",
        date(2016, 8, 8),
        ("objective", "Protect the most vulnerable from harm"),
        "Victims told the consultation that after reporting a crime they did not know where to turn for "
        "support. Add a commitment, with partners, to improve signposting and referral so that victims get "
        "the right support for their needs.",
    ),
    (
        "gadeyemi",
        date(2016, 8, 9),
        ("section", "Legitimacy"),
        "The plan is silent on the make-up of the Constabulary's workforce. It should say how the "
        "Commissioner will hold the Chief Constable to account for a workforce that reflects the "
        "communities of Avon and Somerset, with a target for officers from black and minority ethnic "
        "backgrounds.",
    ),
    (
        "otreharne",
        date(2016, 8, 10),
        ("section", "Performance and outcomes"),
        "Include a target to bring the share of 101 non-emergency calls abandoned before they are answered "
        "below 10% by March 2018. Residents in Sedgemoor and West Somerset raised 101 waiting times at every "
        "public meeting.",
    ),
    (
        "hpritchard",
        date(2016, 8, 11),
        ("section", "Resources"),
        "Set out how the £17 million of savings to 2020/21 will be found without reducing the number of "
        "neighbourhood officers and PCSOs in the rural districts, Mendip, South Somerset and West Somerset "
        "in particular.",
    ),
]

# Responses by recommendation number: (outcome, reasons, the change in V2 or None)
RESPONSES = {
    1: (PccResponse.Outcome.ACCEPTED, "", ("section", "Foreword and introduction")),
    2: (
        PccResponse.Outcome.ACCEPTED,
        "",
        ("section", "Legitimacy"),
    ),
    3: (PccResponse.Outcome.ACCEPTED, "", ("objective", "Protect the most vulnerable from harm")),
    4: (
        PccResponse.Outcome.ACCEPTED_IN_PART,
        "The Commissioner agrees that the workforce should reflect the communities it serves and has added "
        "this to the Legitimacy section. Recruitment is the Chief Constable's responsibility, so the plan "
        "does not set a target; the Commissioner will scrutinise progress at the Police and Crime Board "
        "each quarter.",
        ("section", "Legitimacy"),
    ),
    5: (
        PccResponse.Outcome.NOT_ACCEPTED,
        "The Commissioner shares the Panel's concern about 101 and will scrutinise answering times at the "
        "Police and Crime Board every quarter. The plan's performance framework does not set numerical "
        "targets, which risk perverse incentives; it measures the direction of performance against a "
        "baseline instead.",
        None,
    ),
    6: (
        PccResponse.Outcome.ACCEPTED_IN_PART,
        "The Medium Term Financial Plan, published alongside the plan, sets out how the savings will be "
        "made, and the plan already commits to protecting neighbourhood policing. The Commissioner cannot "
        "guarantee officer numbers in each district for five years, but will report the neighbourhood "
        "strength of every district to the Panel each year.",
        None,
    ),
}

REPORT = (
    "The Panel welcomes the draft Police and Crime Plan and its focus on protecting the most vulnerable "
    "from harm. Members' comments on draft V1 were collated and circulated on 12 August 2016.\n\n"
    "The Panel recommends that the Commissioner: shows in the foreword how the consultation shaped the "
    "plan; publishes the findings of her scrutiny panels to a regular timetable; strengthens support for "
    "victims after they report a crime; addresses the make-up of the Constabulary's workforce; sets a "
    "target for 101 call handling; and explains how savings will be made without weakening rural "
    "neighbourhood policing.\n\n"
    "The Panel will review the revised draft at its meeting on 20 September 2016."
)

CHIEF_CONSTABLE_COMMENTS = (
    "The Chief Constable supports the four priorities of draft V1 and in particular the emphasis on "
    "protecting the most vulnerable from harm, which matches the Constabulary's own assessment of "
    "threat, harm and risk.\n\n"
    "The Constabulary asks that the plan recognise the savings of £17 million to be found by 2020/21, "
    "and that commitments on neighbourhood policing be framed as outcomes rather than numbers of "
    "officers, so that the Chief Constable can deploy resources according to demand.\n\n"
    "The Chief Constable welcomes the commitment to the Strategic Alliance with Wiltshire Police and "
    "confirms that the Constabulary can meet the Strategic Policing Requirement within the resources "
    "set out."
)


def _members(panel: Panel, area: PoliceArea) -> dict[str, PanelMember]:
    user_model = get_user_model()
    group = Group.objects.get(name=Role.PANEL.value)
    members = {}
    for username, first, last, role in MEMBERS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@pcplan.example.org.uk"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(group)
        AreaMembership.objects.get_or_create(user=user, defaults={"area": area})
        members[username], _ = PanelMember.objects.get_or_create(
            panel=panel, user=user, term_starts_on=TERM_STARTS, defaults={"role": role}
        )
    return members


def _part_uid(v1: Version, kind: str, title: str) -> str:
    content = PlanContent.from_json(v1.content)
    parts = content.sections if kind == "section" else content.objectives
    return next(p.uid for p in parts if p.title == title)


def _review(panel: Panel, plan: Plan, members: dict[str, PanelMember], users: dict[str, Any]) -> PanelReview:
    v1 = plan.versions.get(number=1)
    v2 = plan.versions.get(number=2)
    existing = PanelReview.objects.filter(panel=panel, version=v1).first()
    if existing is not None:
        return existing
    review = services.review_issue(
        version=v1,
        panel=panel,
        by=users["staff"],
        comments_deadline=_at(date(2016, 8, 12), 17),
        meeting_date=date(2016, 9, 20),
        note="The Strategic Planning Working Group approved draft V1 for issue to the Panel on 27 July 2016.",
        now=_at(date(2016, 8, 1), 9, 30),
        notify=False,
    )
    # A replay of 2016: nobody is e-mailed now, but the members were then.
    PanelReview.objects.filter(pk=review.pk).update(members_notified_at=review.issued_at)
    recommendations = {}
    for username, day, (kind, title), text in RECOMMENDATIONS:
        recommendation = services.recommendation_submit(
            review=review,
            member=members[username],
            text=text,
            target=kind,
            target_uid=_part_uid(v1, kind, title),
            now=_at(day, 14),
        )
        recommendations[recommendation.number] = recommendation
    services.report_submit(review=review, member=members["panel"], text=REPORT, now=_at(date(2016, 8, 19), 11))
    for number, (outcome, reasons, change) in RESPONSES.items():
        changed: dict[str, Any] = {}
        if change is not None:
            kind, title = change
            changed = {"changed_version": v2, "changed_kind": kind, "changed_uid": _part_uid(v1, kind, title)}
        services.response_record(
            recommendation=recommendations[number],
            outcome=outcome,
            reasons=reasons,
            by=users["staff"],
            now=_at(date(2016, 10, 4), 15),
            **changed,
        )
    services.response_publish(review=review, by=users["publisher"], now=_at(date(2016, 10, 11), 10))
    return review


def _review_of_v2(panel: Panel, plan: Plan, users: dict[str, Any]) -> PanelReview | None:
    v2 = plan.versions.filter(number=2).first()
    if v2 is None:
        return None
    existing = PanelReview.objects.filter(panel=panel, version=v2).first()
    if existing is not None:
        return existing
    review = services.review_issue(
        version=v2,
        panel=panel,
        by=users["staff"],
        comments_deadline=_at(date(2016, 9, 19), 17),
        meeting_date=date(2016, 9, 20),
        note="Draft V2, revised after the consultation and the Panel's recommendations on V1, for the Panel's "
        "review of the draft plan at its meeting on 20 September 2016.",
        now=_at(date(2016, 9, 6), 9, 30),
        notify=False,
    )
    PanelReview.objects.filter(pk=review.pk).update(members_notified_at=review.issued_at)
    # No service records the Panel's meeting itself; the timetable's statutory step is
    # recorded here, with the review as its evidence.
    milestone_record_step(
        plan=plan,
        step=StatutoryStep.PANEL_REVIEW,
        on=date(2016, 9, 20),
        by=users["staff"],
        evidence_url=review.get_absolute_url(),
        note="The Panel reviewed draft V2 at its meeting on 20 September 2016.",
    )
    return review


def seed(*, stdout: Any, style: Any) -> None:
    area = PoliceArea.objects.get(slug="avon-and-somerset")
    plan = Plan.objects.get(area=area, slug=DEMO_PLAN_SLUG)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["staff", "publisher", "force"])}
    panel, _ = Panel.objects.get_or_create(area=area, defaults={"name": PANEL_NAME})
    members = _members(panel, area)
    review = _review(panel, plan, members, users)
    v1 = review.version
    if not ChiefConstableComment.objects.filter(version=v1).exists():
        services.chief_constable_comment_record(
            version=v1,
            text=CHIEF_CONSTABLE_COMMENTS,
            recorded_on=date(2016, 7, 29),
            by=users["force"],
            now=_at(date(2016, 7, 29), 16),
        )
    v2_review = _review_of_v2(panel, plan, users)
    stdout.write(
        f"  {panel.name}: {len(members)} members; {v1.label} issued with "
        f"{review.recommendations.count()} recommendations, a report and the published response"
        + (f"; {v2_review.version.label} issued for the meeting of 20 September 2016" if v2_review else "")
    )
    stdout.write(style.SUCCESS(f"Panel member log-ins (password '{DEMO_PASSWORD}' for each):"))
    for username, first, last, role in MEMBERS:
        stdout.write(f"  {role.label:<14} user name: {username:<10} ({first} {last})")
