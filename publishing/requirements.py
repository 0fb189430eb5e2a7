"""The statutory requirements a plan must meet before it is published: one declarative list,
read by the compliance page, the `check_compliance` command and the publish gate alike.

Each requirement has a key, a title in plain English, its citation, and a check
`(plan, version, now) -> plans.evidence.Evidence`. The checks are the apps' own answers
(`plans.statute`, `panel.statute`, `consultation.statute`): evidence is computed from the
records each app keeps (a version cut, a comment recorded, a review issued), never from a
box someone ticks. `version` is the version about to be published (None: no version cut yet,
so what the plan sets out is read from the working draft); `now` is the moment of
publication (the demo replays 2016). See docs/decisions/0014-publish-gate.md.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from consultation import statute as consultation_statute
from panel import statute as panel_statute
from performance import statute as performance_statute
from plans import statute as plans_statute
from plans.evidence import Evidence
from plans.models import (
    STATUTORY_ELEMENT_CITATIONS,
    STATUTORY_STEP_CITATIONS,
    Plan,
    StatutoryElement,
    StatutoryStep,
    Version,
)

from .models import Publication

Check = Callable[[Plan, Version | None, datetime], Evidence]


@dataclass(frozen=True)
class Requirement:
    key: str
    title: str
    citation: str
    check: Check
    # A step the statute asks for again before a published plan is varied (s5(6) applies to
    # "issuing or varying"): for a later version, a record dated before the plan's previous
    # publication, or of its very day, does not count.
    again_for_each_variation: bool = False
    # Why the requirement does not apply to this plan ("" when it does).
    not_applicable: Callable[[Plan], str] = lambda plan: ""
    # The one requirement that, once unmet, nobody can make hold (a deadline passed): the
    # Publisher may publish anyway by acknowledging it, since refusing would stop the plan
    # from ever being issued. Every other unmet requirement refuses publication.
    may_be_acknowledged: bool = False
    # What the plan says (read from the version), or what must be done before issuing it.
    group: str = "steps"


GROUP_TITLES = {
    "contents": "What the plan must set out",
    "steps": "What must be done before the plan is issued",
}


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"


OUTCOME_LABELS = {Outcome.MET: "Met", Outcome.NOT_MET: "Not met", Outcome.NOT_APPLICABLE: "Does not apply"}
OUTCOME_TAGS = {
    Outcome.MET: "govuk-tag--green",
    Outcome.NOT_MET: "govuk-tag--red",
    Outcome.NOT_APPLICABLE: "govuk-tag--grey",
}


@dataclass(frozen=True)
class RequirementResult:
    requirement: Requirement
    outcome: Outcome
    evidence: Evidence
    number: int

    @property
    def met(self) -> bool:
        return self.outcome != Outcome.NOT_MET

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def tag(self) -> str:
        return OUTCOME_TAGS[self.outcome]

    @property
    def missing(self) -> tuple[str, ...]:
        if self.met:
            return ()
        return self.evidence.missing or (self.evidence.summary,)


@dataclass(frozen=True)
class Compliance:
    """Every requirement for one version of a plan (or its working draft), as of `now`."""

    plan: Plan
    version: Version | None
    now: datetime
    results: tuple[RequirementResult, ...]

    @property
    def unmet(self) -> list[RequirementResult]:
        return [r for r in self.results if not r.met]

    @property
    def all_met(self) -> bool:
        return not self.unmet

    @property
    def met_count(self) -> int:
        return sum(1 for r in self.results if r.outcome == Outcome.MET)

    @property
    def applicable_count(self) -> int:
        return sum(1 for r in self.results if r.outcome != Outcome.NOT_APPLICABLE)

    def refusing(self, *, acknowledged_late: bool = False) -> list[RequirementResult]:
        """The unmet requirements that stop publication."""
        return [r for r in self.unmet if not (acknowledged_late and r.requirement.may_be_acknowledged)]

    @property
    def groups(self) -> list[tuple[str, list[RequirementResult]]]:
        """The results under their headings, in the list's order."""
        return [(title, [r for r in self.results if r.requirement.group == key]) for key, title in GROUP_TITLES.items()]

    @property
    def only_acknowledgeable_unmet(self) -> bool:
        """Everything holds but the deadline, which the Publisher may acknowledge."""
        return bool(self.unmet) and all(r.requirement.may_be_acknowledged for r in self.unmet)


# ---------------------------------------------------------------- checks


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _measures(plan: Plan, version: Version | None) -> Evidence:
    # Measures are kept beside the plan, not in its versions: read as they are now.
    return performance_statute.performance_measures_set(plan)


# The data an element needs, where pcplan holds it: a section saying so is not enough.
ELEMENT_DATA: dict[str, Callable[[Plan, Version | None], Evidence]] = {
    StatutoryElement.OBJECTIVES: plans_statute.objectives_set,
    StatutoryElement.PERFORMANCE: _measures,
    StatutoryElement.GRANTS: plans_statute.grants_set,
}


def _both(text: Evidence, data: Evidence) -> Evidence:
    """The section that sets the element out and the data behind it, both needed."""
    return Evidence(
        met=text.met and data.met,
        summary=f"{text.summary} {data.summary}",
        url=text.url if not text.met or data.met else data.url,
        missing=text.missing + data.missing,
    )


def _element(element: StatutoryElement) -> Check:
    def check(plan: Plan, version: Version | None, now: datetime) -> Evidence:
        text = plans_statute.statutory_element(plan, element, version)
        data = ELEMENT_DATA.get(element)
        return text if data is None else _both(text, data(plan, version))

    return check


def _plan_only(function: Callable[[Plan], Evidence]) -> Check:
    def check(plan: Plan, version: Version | None, now: datetime) -> Evidence:
        return function(plan)

    check.__name__ = function.__name__
    return check


def _spr(plan: Plan, version: Version | None, now: datetime) -> Evidence:
    return plans_statute.strategic_policing_requirement(plan, version)


def _community(plan: Plan, version: Version | None, now: datetime) -> Evidence:
    return consultation_statute.community_and_victims_consulted(plan, now=now)


def issued_by_deadline(plan: Plan, version: Version | None, now: datetime) -> Evidence:
    """s5(1): a new plan is issued within the financial year in which the PCC was elected,
    that is by 31 March. Judged on the day the plan was first published, or, before that,
    on the day it would be published (`now`): once the deadline has passed, a plan not yet
    published can no longer meet it."""
    deadline = plan.issue_deadline
    if deadline is None:
        return Evidence(
            met=False,
            summary="The date the Police and Crime Commissioner was elected is not recorded, "
            "so the deadline is not known.",
            url=reverse("plans:plan_edit", kwargs={"plan_id": plan.pk}),
            missing=("Enter the date the Police and Crime Commissioner was elected in the plan's details",),
        )
    first = (
        Publication.objects.filter(version__plan=plan)
        .select_related("version", "published_by")
        .defer("version__content")
        .order_by("published_at", "pk")
        .first()
    )
    if first is not None:
        issued = timezone.localdate(first.published_at)
        by = first.published_by.get_full_name() or first.published_by.get_username()
        if issued <= deadline:
            return Evidence(
                met=True,
                summary=f"First issued on {_day(issued)} ({first.version.label}), by the deadline of {_day(deadline)}.",
                url=first.get_absolute_url(),
                on=issued,
                by=by,
            )
        return Evidence(
            met=False,
            summary=f"First issued on {_day(issued)}, after the deadline of {_day(deadline)}.",
            url=first.get_absolute_url(),
            on=issued,
            by=by,
            missing=(f"The plan was issued late: the deadline was {_day(deadline)}",),
        )
    today = timezone.localdate(now)
    if today <= deadline:
        days = (deadline - today).days
        return Evidence(
            met=True,
            summary=f"Due by {_day(deadline)}: publishing on {_day(today)} meets it "
            f"({days} day{'s' if days != 1 else ''} to spare).",
        )
    return Evidence(
        met=False,
        summary=f"The deadline of {_day(deadline)} has passed and the plan has not been issued.",
        missing=(
            f"The deadline for issuing this new plan was {_day(deadline)}. It can no longer be met: "
            "the plan can still be published, once the Publisher acknowledges that it is late",
        ),
    )


def _deadline_not_applicable(plan: Plan) -> str:
    if plan.kind == Plan.Kind.NEW:
        return ""
    return (
        f"This plan is an {plan.get_kind_display().lower()}: the deadline applies to the new plan a "
        "Commissioner issues after being elected."
    )


# ---------------------------------------------------------------- the list


def _contents_title(element: StatutoryElement) -> str:
    return f"The plan sets out {element.label[0].lower()}{element.label[1:]}"


REQUIREMENTS: tuple[Requirement, ...] = (
    *(
        Requirement(
            key=f"contents-{element.value}",
            title=_contents_title(element),
            citation=STATUTORY_ELEMENT_CITATIONS[element],
            check=_element(element),
            group="contents",
        )
        for element in StatutoryElement
    ),
    Requirement(
        key="strategic-policing-requirement",
        title="The plan shows the Commissioner's regard to the Strategic Policing Requirement",
        citation="Police Act 1996 s37A",
        check=_spr,
        group="contents",
    ),
    Requirement(
        key="draft-prepared",
        title="A draft of the plan was prepared",
        citation=STATUTORY_STEP_CITATIONS[StatutoryStep.PREPARE_DRAFT],
        check=_plan_only(plans_statute.draft_prepared),
    ),
    Requirement(
        key="chief-constable-consulted",
        title="The Chief Constable was consulted on the draft",
        citation=STATUTORY_STEP_CITATIONS[StatutoryStep.CONSULT_CHIEF_CONSTABLE],
        check=_plan_only(panel_statute.chief_constable_consulted),
        again_for_each_variation=True,
    ),
    Requirement(
        key="draft-sent-to-panel",
        title="The draft was sent to the Police and Crime Panel",
        citation=STATUTORY_STEP_CITATIONS[StatutoryStep.SEND_TO_PANEL],
        check=_plan_only(panel_statute.draft_sent_to_panel),
        again_for_each_variation=True,
    ),
    Requirement(
        key="panel-recommendations-answered",
        title="The Commissioner had regard to the Panel's report and recommendations and answered each one",
        citation=STATUTORY_STEP_CITATIONS[StatutoryStep.RESPOND_TO_PANEL],
        check=_plan_only(panel_statute.panel_recommendations_answered),
    ),
    Requirement(
        key="panel-response-published",
        title="The Commissioner's response to the Panel is published",
        citation=STATUTORY_STEP_CITATIONS[StatutoryStep.PUBLISH_RESPONSE],
        check=_plan_only(panel_statute.panel_response_published),
    ),
    Requirement(
        key="community-and-victims-consulted",
        title="The views of the people of the area and of victims of crime were obtained",
        citation=consultation_statute.CITATION,
        check=_community,
    ),
    Requirement(
        key="issued-by-deadline",
        title="A new plan is issued by 31 March of the financial year in which the Commissioner was elected",
        citation="PRSR Act 2011 s5(1)",
        check=issued_by_deadline,
        not_applicable=_deadline_not_applicable,
        may_be_acknowledged=True,
    ),
)


# ---------------------------------------------------------------- evaluation


def previous_publication(plan: Plan, version: Version | None) -> Publication | None:
    """The plan's latest publication of an earlier version than this one (for the working
    draft, its latest publication of all)."""
    publications = Publication.objects.filter(version__plan=plan)
    if version is not None:
        publications = publications.filter(version__number__lt=version.number)
    return publications.select_related("version").defer("version__content").order_by("-published_at", "-pk").first()


def _taken_again(requirement: Requirement, evidence: Evidence, previous: Publication) -> Evidence:
    """A step taken for the plan as first published does not count for its variation."""
    published_on = timezone.localdate(previous.published_at)
    # Strictly after the day of publication: a record of that very day belongs to the plan
    # as published, not to a change made since.
    if not evidence.met or evidence.on is None or evidence.on > published_on:
        return evidence
    return Evidence(
        met=False,
        summary=f"{evidence.summary} That was before {previous.version.label} was published on "
        f"{_day(published_on)}: a change to a published plan needs this step again.",
        url=evidence.url,
        on=evidence.on,
        by=evidence.by,
        missing=(
            f"{requirement.title}, again for this change to the plan: the last record is dated "
            f"{_day(evidence.on)}, before {previous.version.label} was published on {_day(published_on)}",
        ),
    )


def evaluate(plan: Plan, version: Version | None = None, *, now: datetime | None = None) -> Compliance:
    """Every requirement for `version` (None: the working draft, before any is cut)."""
    now = now or timezone.now()
    previous = previous_publication(plan, version)
    results = []
    for number, requirement in enumerate(REQUIREMENTS, start=1):
        reason = requirement.not_applicable(plan)
        if reason:
            results.append(
                RequirementResult(requirement, Outcome.NOT_APPLICABLE, Evidence(met=True, summary=reason), number)
            )
            continue
        evidence = requirement.check(plan, version, now)
        if requirement.again_for_each_variation and previous is not None:
            evidence = _taken_again(requirement, evidence, previous)
        outcome = Outcome.MET if evidence.met else Outcome.NOT_MET
        results.append(RequirementResult(requirement, outcome, evidence, number))
    return Compliance(plan=plan, version=version, now=now, results=tuple(results))
