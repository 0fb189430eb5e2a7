"""Demo data for consultations: the public consultation on draft V1 of the Avon and
Somerset Police and Crime Plan 2016-21 (24 June to 12 August 2016, as the draft project
plan's timetable has it), about 3,500 responses written from a bank of comments on the
plan's real priorities, themes, agreement answers and the engagement events of that
summer. `seed_open_consultation` opens one "now" on a draft (the publishing demo calls it
for the 2017/18 refresh), so the public journey can be tried.

Fast (bulk_create, a few dozen queries) and idempotent: each consultation is found by its
version and title before anything is created. Randomness is seeded, so every run of a
fresh database gives the same figures.
"""

import datetime
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from plans import demo_content
from plans.models import District, Plan, PoliceArea, StatutoryStep, Version
from plans.services import milestone_record_step

from . import demo_comments as bank
from .models import Agreement, Consultation, EngagementEvent, RespondentType, Response, Theme, VictimAnswer
from .references import ALPHABET, PREFIX
from .selectors import Draft, draft_of_version

LONDON = ZoneInfo("Europe/London")
V1_TITLE = "Have your say on the draft Police and Crime Plan 2016-21"
OPEN_TITLE = "Have your say on the 2017/18 refresh of the plan"
V1_RESPONSES = 3512

# Five-point answers per force-wide priority: strongly agree ... strongly disagree (%).
AGREEMENT_WEIGHTS = [
    (55, 30, 9, 4, 2),  # Protect the most vulnerable from harm
    (62, 26, 7, 3, 2),  # Strengthen and improve your local policing teams
    (30, 35, 22, 8, 5),  # Right people, right equipment, right culture
    (28, 38, 24, 6, 4),  # Work together with other forces and partners
]
RESPONDENT_WEIGHTS = {
    RespondentType.PUBLIC: 84,
    RespondentType.WORKFORCE: 9,
    RespondentType.CSP: 1,
    RespondentType.CJB: 0.4,
    RespondentType.IAG: 0.6,
    RespondentType.BUSINESS: 2,
    RespondentType.OTHER: 3,
}
VICTIM_WEIGHTS = {VictimAnswer.YES: 12, VictimAnswer.NO: 70, VictimAnswer.PREFER_NOT: 6, "": 12}


def _aware(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


@dataclass
class _Generator:
    rng: random.Random
    draft: Draft
    districts: dict[str, District]
    themes: dict[str, Theme]
    used_references: set[str]

    def reference(self) -> str:
        while True:
            chars = "".join(self.rng.choice(ALPHABET) for _ in range(6))
            reference = f"{PREFIX}-{chars[:4]}-{chars[4:]}"
            if reference not in self.used_references:
                self.used_references.add(reference)
                return reference

    def _weighted(self, weights: Mapping[Any, float]) -> Any:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def part(self, target: Any) -> tuple[str | None, str | None]:
        if target is None:
            return None, None
        if isinstance(target, int):
            return None, self.draft.priorities[target].uid
        order = next(i for i, (key, _, _) in enumerate(demo_content.SECTIONS) if key == target)
        section = next(s for s in self.draft.content.sections if s.order == order)
        return section.uid, None

    def comment(self, respondent_type: str) -> tuple[Any, str | None, str, str | None, str]:
        """(part, theme, text, district name, town) for one respondent."""
        if respondent_type == RespondentType.WORKFORCE:
            source = bank.WORKFORCE_COMMENTS
        elif respondent_type in (RespondentType.CSP, RespondentType.CJB, RespondentType.IAG):
            source = bank.PARTNER_COMMENTS
        else:
            source = bank.PUBLIC_COMMENTS
        target, theme, text = self.rng.choice(source)
        district = None
        if target == 4:
            district = "Bristol"
        elif target == 5:
            district = "Mendip"
        elif self.rng.random() < 0.88:
            district = self._weighted(bank.DISTRICT_WEIGHTS)
        town = self.rng.choice(bank.TOWNS[district or self.rng.choice(list(bank.TOWNS))])
        opener = self.rng.choice(bank.OPENERS).format(town=town)
        body = text.format(town=town)
        if opener.endswith(", ") and body[:2] not in ("I ", "I'"):
            body = body[0].lower() + body[1:]
        return target, theme, f"{opener}{body}{self.rng.choice(bank.CLOSERS)}", district, town

    def responses(
        self,
        *,
        consultation: Consultation,
        count: int,
        start: datetime.datetime,
        end: datetime.datetime,
        personal: bool,
        moderated: bool,
    ) -> tuple[list[Response], list[tuple[int, list[tuple[str, int]]]], list[tuple[int, str]]]:
        responses: list[Response] = []
        agreements: list[tuple[int, list[tuple[str, int]]]] = []
        tags: list[tuple[int, str]] = []
        span = (end - start).total_seconds()
        force_wide = self.draft.agreement_priorities
        for index in range(count):
            respondent_type = self._weighted(RESPONDENT_WEIGHTS)
            spam = moderated and self.rng.random() < 0.012
            target, theme, text, district, town = self.comment(respondent_type)
            if spam:
                target, theme, text = None, None, self.rng.choice(bank.SPAM)
            section_uid, objective_uid = self.part(target)
            # More responses at the launch and in the last week, as consultations go.
            received = start + datetime.timedelta(seconds=span * self.rng.betavariate(0.8, 0.7))
            state = Response.State.NEW
            redacted = ""
            if spam:
                state = Response.State.REJECTED
            elif moderated:
                # A closed consultation has been moderated through; a few comments named a
                # place or person and were published redacted.
                state = Response.State.PUBLISHED
                if town in text and self.rng.random() < 0.05:
                    state = Response.State.REDACTED
                    redacted = text.replace(town, "[place removed]")
            name = email = ""
            network_address = None
            if personal and self.rng.random() < 0.4:
                first = self.rng.choice(["Sam", "Jo", "Alex", "Chris", "Pat", "Ruth", "Dev", "Aisha", "Tom", "Megan"])
                last = self.rng.choice(["Hughes", "Patel", "Evans", "Okoro", "Price", "Clarke", "Ward", "Shah"])
                name = f"{first} {last}"
                email = f"{first}.{last}{index}@example.com".lower()
                network_address = f"198.51.100.{self.rng.randint(1, 254)}"
            responses.append(
                Response(
                    consultation=consultation,
                    reference=self.reference(),
                    section_uid=section_uid,
                    objective_uid=objective_uid,
                    respondent_type=respondent_type,
                    district=self.districts[district] if district else None,
                    # A comment that tells of being a victim comes from someone who said so.
                    victim=VictimAnswer.YES if "I was a victim" in text else self._weighted(VICTIM_WEIGHTS),
                    text=text,
                    name=name,
                    email=email,
                    contact_consent=bool(name),
                    may_publish_anonymously=self.rng.random() < 0.55,
                    received_at=received,
                    state=state,
                    redacted_text=redacted,
                    moderated_at=min(received + datetime.timedelta(days=2), end)
                    if state != Response.State.NEW
                    else None,
                    network_address=network_address,
                    anonymised_at=None if personal else end + datetime.timedelta(days=consultation.retention_days),
                )
            )
            if not spam and self.rng.random() < 0.75:
                agreements.append(
                    (
                        index,
                        [
                            (priority.uid, 5 - self.rng.choices(range(5), weights=AGREEMENT_WEIGHTS[i % 4])[0])
                            for i, priority in enumerate(force_wide)
                        ],
                    )
                )
            if theme and moderated and self.rng.random() < 0.7:
                tags.append((index, theme))
                if self.rng.random() < 0.12:
                    tags.append((index, self.rng.choice(bank.THEMES)))
        return responses, agreements, tags


def _store(
    responses: list[Response],
    agreements: list[tuple[int, list[tuple[str, int]]]],
    tags: list[tuple[int, str]],
    themes: dict[str, Theme],
) -> None:
    created = Response.objects.bulk_create(responses, batch_size=1000)
    Agreement.objects.bulk_create(
        (
            Agreement(response_id=created[index].pk, objective_uid=uid, level=level)
            for index, answers in agreements
            for uid, level in answers
        ),
        batch_size=2000,
    )
    through = Response.themes.through
    links = {(created[index].pk, themes[name].pk) for index, name in tags}
    through.objects.bulk_create(
        (through(response_id=response_id, theme_id=theme_id) for response_id, theme_id in sorted(links)),
        batch_size=2000,
    )


def _seed_events(plan: Plan, consultation: Consultation, districts: dict[str, District], author: Any) -> None:
    if plan.engagement_events.exists():
        return
    kind = EngagementEvent.Kind
    events = [
        (
            datetime.date(2016, 6, 20),
            "Stakeholder engagement session: shared vision and objectives",
            kind.WORKSHOP,
            None,
            "Police, partners and Police and Crime Panel members",
            64,
            "Agreed a shared vision, the objectives and the approach to district plans. Start of stakeholder "
            "consultation.",
        ),
        (
            datetime.date(2016, 7, 6),
            "Criminal Justice Board: feeding into the plan",
            kind.MEETING,
            None,
            "Avon and Somerset Local Criminal Justice Board",
            18,
            "",
        ),
        (datetime.date(2016, 7, 12), "Public meeting in Bristol", kind.PUBLIC_MEETING, "Bristol", "Residents", 86, ""),
        (
            datetime.date(2016, 7, 19),
            "Public meeting in Taunton",
            kind.PUBLIC_MEETING,
            "Taunton Deane",
            "Residents",
            54,
            "",
        ),
        (
            datetime.date(2016, 7, 21),
            "Webchat with the Commissioner and the Chief Constable",
            kind.WEBCHAT,
            None,
            "The public, online",
            312,
            "Hosted jointly by the PCC and the Chief Constable; most questions were about 101 and local policing.",
        ),
        (
            datetime.date(2016, 7, 22),
            "Community Safety and Commissioning Group: feedback on the analysis of consultation responses",
            kind.MEETING,
            None,
            "Community Safety Partnerships and commissioners",
            22,
            "",
        ),
        (
            datetime.date(2016, 7, 26),
            "Public meeting in Weston-super-Mare",
            kind.PUBLIC_MEETING,
            "North Somerset",
            "Residents",
            47,
            "",
        ),
        (
            datetime.date(2016, 8, 3),
            "Independent Advisory Group: equalities objectives",
            kind.MEETING,
            None,
            "Independent Advisory Group members",
            15,
            "Equality analysis of the draft objectives.",
        ),
    ]
    EngagementEvent.objects.bulk_create(
        EngagementEvent(
            plan=plan,
            consultation=consultation,
            held_on=held_on,
            title=title,
            kind=event_kind,
            district=districts[district] if district else None,
            audience=audience,
            attendance=attendance,
            notes=notes,
            created_by=author,
        )
        for held_on, title, event_kind, district, audience, attendance, notes in events
    )


@transaction.atomic
def seed_consultations(area: PoliceArea, plan: Plan, author: Any, now: datetime.datetime) -> list[Consultation]:
    v1 = Version.objects.get(plan=plan, number=1)
    districts = {d.name: d for d in District.objects.filter(area=area)}
    rng = random.Random(2016)  # noqa: S311 - demo data, not security
    used = set(Response.objects.values_list("reference", flat=True))
    seeded = []

    closed = Consultation.objects.filter(version=v1, title=V1_TITLE).first()
    if closed is None:
        closed = Consultation.objects.create(
            version=v1,
            title=V1_TITLE,
            introduction=(
                "I want to hear what matters to you about policing and community safety in Avon and Somerset. "
                "Please read my draft plan and tell me what you think of my four priorities, and of any part "
                "of the plan. The consultation runs for seven weeks, alongside public meetings in each area "
                "and a webchat with the Chief Constable.\n\nSue Mountstevens, Police and Crime Commissioner"
            ),
            audience=Consultation.Audience.PUBLIC,
            opens_at=_aware(2016, 6, 24, 9, 0),
            closes_at=_aware(2016, 8, 12, 23, 59),
            asks_agreement=True,
            retention_days=365,
            analysis_completed_at=_aware(2016, 8, 19, 16, 0),
            analysis_completed_by=author,
            created_by=author,
        )
        themes = {name: Theme.objects.create(consultation=closed, name=name) for name in bank.THEMES}
        generator = _Generator(rng, draft_of_version(v1), districts, themes, used)
        responses, agreements, tags = generator.responses(
            consultation=closed,
            count=V1_RESPONSES,
            start=closed.opens_at,
            end=closed.closes_at,
            personal=False,
            moderated=True,
        )
        _store(responses, agreements, tags, themes)
        # The analysis was completed in 2016: the statutory step it evidences is recorded too.
        milestone_record_step(
            plan=plan,
            step=StatutoryStep.OBTAIN_VIEWS,
            on=closed.closes_at.astimezone(LONDON).date(),
            by=author,
            evidence_url=reverse("consultation:analysis", kwargs={"consultation_id": closed.pk}),
            note=f"Analysis of '{closed.title}' completed on 19 August 2016.",
        )
        seeded.append(closed)
    _seed_events(plan, closed, districts, author)
    if plan.versions.filter(number=2).exists():
        from .demo_outcome import seed_outcome

        seed_outcome(closed, author, now)

    return seeded


@transaction.atomic
def seed_open_consultation(version: Version, author: Any, now: datetime.datetime) -> Consultation:
    """A public consultation on `version`, opened five days ago for six weeks, with 40
    recent responses (some with example.com addresses), so the public journey and a subject
    access request can be tried on the demo. The publishing demo opens it on the draft of
    the 2017/18 refresh, the plan still in draft."""
    existing = Consultation.objects.filter(version=version, title=OPEN_TITLE).first()
    if existing is not None:
        return existing
    area = version.plan.area
    districts = {d.name: d for d in District.objects.filter(area=area)}
    rng = random.Random(2017)  # noqa: S311 - demo data, not security
    used = set(Response.objects.values_list("reference", flat=True))
    today = now.astimezone(LONDON).date()
    opens_at = datetime.datetime.combine(today - datetime.timedelta(days=5), datetime.time(9), tzinfo=LONDON)
    closes_on = today + datetime.timedelta(weeks=6)
    open_now = Consultation.objects.create(
        version=version,
        title=OPEN_TITLE,
        introduction=(
            "Thank you to the 3,500 people who commented on the Police and Crime Plan 2016-21. Each year I "
            "refresh the plan to reflect what has changed. Please read this draft refresh and tell me whether "
            "my priorities are still the right ones.\n\nSue Mountstevens, Police and Crime Commissioner"
        ),
        audience=Consultation.Audience.PUBLIC,
        opens_at=opens_at,
        closes_at=datetime.datetime.combine(closes_on, datetime.time(23, 59), tzinfo=LONDON),
        asks_agreement=True,
        retention_days=365,
        created_by=author,
    )
    generator = _Generator(rng, draft_of_version(version), districts, {}, used)
    responses, agreements, _tags = generator.responses(
        consultation=open_now, count=40, start=opens_at, end=now, personal=True, moderated=False
    )
    _store(responses, agreements, [], {})
    return open_now


def seed(*, stdout: Any, style: Any) -> None:
    from django.contrib.auth import get_user_model

    area = PoliceArea.objects.get(slug="avon-and-somerset")
    plan = Plan.objects.get(area=area, slug=demo_content.PLAN["slug"])
    author = get_user_model().objects.filter(username="staff").first()
    seed_consultations(area, plan, author, timezone.now())
    for consultation in Consultation.objects.filter(version__plan=plan).order_by("opens_at"):
        stdout.write(
            f"  {consultation.title} ({consultation.version.label}): {consultation.responses.count():,} responses, "
            f"{consultation.status().label.lower()}"
        )
