"""Reads that pages share, and the object-level access rules for plans."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from pcplan.roles import EDITORS, Role, roles_of
from pcplan.types import AnyUser

from .budget import Budget, budget_of
from .models import (
    STATUTORY_ELEMENT_CITATIONS,
    BudgetLine,
    Commitment,
    Grant,
    Milestone,
    Objective,
    Plan,
    PoliceArea,
    Section,
    StatutoryElement,
    Version,
)
from .richtext import html_to_text
from .snapshot import budget_line_content


def user_area(user: AnyUser) -> PoliceArea | None:
    membership = getattr(user, "area_membership", None)
    return membership.area if membership is not None else None


def plans_visible_to(user: AnyUser) -> QuerySet[Plan]:
    """Staff, publishers and force liaison see their own area's plans. Panel members see
    their area's plans too; which versions they may read is the panel app's rule."""
    roles = roles_of(user)
    area = user_area(user)
    if area is None or not (roles & (EDITORS | {Role.FORCE, Role.PANEL})):
        return Plan.objects.none()
    return Plan.objects.filter(area=area).select_related("area")


def plan_for_editing(user: AnyUser, plan_id: int) -> Plan:
    """The plan, if this user may edit it: an editor of the plan's own area. Another area's
    plan is refused (403), an unknown one is a 404."""
    plan = Plan.objects.select_related("area").filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such plan")
    if not (roles_of(user) & EDITORS) or user_area(user) != plan.area:
        raise PermissionDenied("This plan belongs to another police area.")
    return plan


def plan_for_reading(user: AnyUser, plan_id: int) -> Plan:
    """The plan, if this user may read its drafts: any role of the plan's own area."""
    plan = Plan.objects.select_related("area").filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such plan")
    if user_area(user) != plan.area or not roles_of(user):
        raise PermissionDenied("This plan belongs to another police area.")
    return plan


def latest_version(plan: Plan) -> Version | None:
    return plan.versions.order_by("-number").first()


# ---------------------------------------------------------------- pages of the plans app


@dataclass(frozen=True)
class ElementCoverage:
    """One statutory element of s7(1) and the non-empty sections that set it out."""

    value: str
    label: str
    citation: str
    sections: tuple[Section, ...]

    @property
    def covered(self) -> bool:
        return bool(self.sections)


@dataclass(frozen=True)
class PlanOverview:
    plan: Plan
    sections: list[Section]
    coverage: list[ElementCoverage]
    objectives: list[Objective]
    grants: list[Grant]
    budget_lines: list[BudgetLine]
    versions: list[Version]
    next_milestones: list[Milestone]
    overdue_statutory: list[Milestone]

    @property
    def missing_elements(self) -> list[ElementCoverage]:
        return [element for element in self.coverage if not element.covered]

    @property
    def covered_count(self) -> int:
        return sum(1 for element in self.coverage if element.covered)

    @property
    def grants_total(self) -> Decimal:
        return sum((grant.amount for grant in self.grants), Decimal(0))

    @property
    def budget(self) -> Budget:
        """The whole area's budget: District lines break its parts down, so are not added in."""
        return budget_of([budget_line_content(line) for line in self.budget_lines if line.district_id is None])


def section_is_written(section: Section) -> bool:
    return bool(html_to_text(section.body).strip())


def statutory_coverage(sections: list[Section]) -> list[ElementCoverage]:
    """Each of the seven elements, with the non-empty sections that say they cover it."""
    written = [s for s in sections if section_is_written(s)]
    return [
        ElementCoverage(
            value=element.value,
            label=element.label,
            citation=STATUTORY_ELEMENT_CITATIONS[element],
            sections=tuple(s for s in written if element.value in (s.covers or [])),
        )
        for element in StatutoryElement
    ]


def objectives_with_commitments(plan: Plan) -> QuerySet[Objective]:
    return (
        plan.objectives.select_related("district")
        .prefetch_related(Prefetch("commitments", queryset=Commitment.objects.order_by("order", "pk")))
        .order_by("order", "pk")
    )


def versions_of(plan: Plan) -> list[Version]:
    """The plan's versions without their (large) content, newest first."""
    return list(plan.versions.select_related("cut_by").defer("content").order_by("-number"))


def plan_overview(plan: Plan, *, today: date) -> PlanOverview:
    """Everything the plan's page shows, in a fixed number of queries whatever its size."""
    sections = list(plan.sections.select_related("district").order_by("order", "pk"))
    for section in sections:
        # is_written is for the page only; Section does not declare it, hence the ignore.
        section.is_written = section_is_written(section)  # type: ignore[attr-defined]
    milestones = list(plan.milestones.exclude(status__in=[Milestone.Status.DONE, Milestone.Status.CANCELLED]))
    milestones.sort(key=lambda m: (m.ends_on, m.starts_on, m.pk))
    return PlanOverview(
        plan=plan,
        sections=sections,
        coverage=statutory_coverage(sections),
        objectives=list(objectives_with_commitments(plan)),
        grants=list(plan.grants.select_related("objective", "district").order_by("recipient", "pk")),
        budget_lines=list(plan.budget_lines.select_related("district").order_by("year", "order", "pk")),
        versions=versions_of(plan),
        next_milestones=[m for m in milestones if m.ends_on >= today][:5],
        overdue_statutory=[m for m in milestones if m.is_statutory and m.is_overdue(today)],
    )


# The staff home page lists at most this many milestones under each heading.
HOME_MILESTONES = 10


@dataclass(frozen=True)
class MilestonesDue:
    """An area's open milestones past their end date, and those ending within the week."""

    overdue: list[Milestone]
    overdue_count: int
    due_this_week: list[Milestone]
    due_this_week_count: int


def milestones_due_in_area(area: PoliceArea, *, today: date) -> MilestonesDue:
    """For the staff home page: the most overdue first, then what is due soonest. Two queries."""
    from datetime import timedelta

    open_milestones = (
        Milestone.objects.filter(plan__area=area)
        .exclude(status__in=[Milestone.Status.DONE, Milestone.Status.CANCELLED])
        .select_related("plan", "owner")
    )
    overdue = open_milestones.filter(ends_on__lt=today)
    due = open_milestones.filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=7))
    overdue_list = list(overdue.order_by("ends_on", "pk")[: HOME_MILESTONES + 1])
    due_list = list(due.order_by("ends_on", "pk")[: HOME_MILESTONES + 1])
    return MilestonesDue(
        overdue=overdue_list[:HOME_MILESTONES],
        overdue_count=overdue.count() if len(overdue_list) > HOME_MILESTONES else len(overdue_list),
        due_this_week=due_list[:HOME_MILESTONES],
        due_this_week_count=due.count() if len(due_list) > HOME_MILESTONES else len(due_list),
    )


def section_of(plan: Plan, section_id: int) -> Section:
    section = plan.sections.select_related("district", "updated_by").filter(pk=section_id).first()
    if section is None:
        raise Http404("No such section in this plan")
    return section


def version_of(plan: Plan, number: int) -> Version:
    version = plan.versions.select_related("cut_by").filter(number=number).first()
    if version is None:
        raise Http404("No such version of this plan")
    return version
