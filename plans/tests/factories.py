"""Factories for plans, with content taken from the OPCC documents (never lorem ipsum)."""

import datetime
from typing import Any

import factory
from django.contrib.auth import get_user_model

from plans.models import Commitment, District, Grant, Milestone, Objective, Plan, PoliceArea, Section, StatutoryElement

SECTION_TITLES = [
    "Foreword and introduction",
    "PCC strategic priorities and expected outcomes",
    "Roles and responsibilities, governance arrangements, community involvement",
    "Legitimacy",
    "Collaboration",
    "Resources",
    "Performance and outcomes",
]

PRIORITIES = [
    "Protect the most vulnerable from harm",
    "Strengthen and improve your local policing teams",
    "Ensure Avon and Somerset Constabulary has the right people, right equipment and right culture",
    "Work together effectively with other police forces and key partners",
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"officer{n}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Morgan{n}")
    password = factory.django.Password("pcplan-test-password")


class PoliceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliceArea
        django_get_or_create = ("slug",)

    name = "Devon and Cornwall"
    slug = "devon-and-cornwall"
    force_name = "Devon and Cornwall Police"
    opcc_name = "Office of the Police and Crime Commissioner for Devon and Cornwall"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("area", "slug")

    area = factory.SubFactory(PoliceAreaFactory)
    name = "Bristol"
    slug = "bristol"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    area = factory.SubFactory(PoliceAreaFactory)
    title = "Police and Crime Plan 2016-21"
    slug = factory.Sequence(lambda n: f"police-and-crime-plan-2016-21-{n}")
    starts_on = datetime.date(2016, 5, 5)
    ends_on = datetime.date(2021, 3, 31)
    kind = Plan.Kind.NEW
    pcc_name = "Sue Mountstevens"
    pcc_elected_on = datetime.date(2016, 5, 5)
    vision = "Avon and Somerset will be a safe place to live, work and visit."


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: SECTION_TITLES[n % len(SECTION_TITLES)])
    order = factory.Sequence(lambda n: n)
    body = "<p>The Commissioner will hold the Chief Constable to account through scrutiny meetings.</p>"
    covers = factory.LazyFunction(lambda: [StatutoryElement.REPORTING])


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: PRIORITIES[n % len(PRIORITIES)])
    aim = "Fewer people become victims of crime, and those who do get the support they need."
    theme = "Victims"
    order = factory.Sequence(lambda n: n)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    objective = factory.SubFactory(ObjectiveFactory)
    actor = Commitment.Actor.PCC
    text = "Champion victims' interests, nationally and locally."
    order = factory.Sequence(lambda n: n)


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    plan = factory.SubFactory(PlanFactory)
    recipient = "Bristol Community Safety Partnership"
    purpose = "Crime reduction and early intervention work"
    amount = "125000.00"
    conditions = "Quarterly returns on spend and outcomes to the OPCC."


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    plan = factory.SubFactory(PlanFactory)
    title = "Draft V1 developed"
    starts_on = datetime.date(2016, 7, 1)
    ends_on = datetime.date(2016, 7, 18)
    phase = Milestone.Phase.DRAFT


def plan_with_content(*, area: PoliceArea | None = None, sections: int = 4, objectives: int = 3, **kwargs: Any) -> Plan:
    """A plan whose sections cover the seven statutory elements, with objectives and
    commitments by every actor, and a grant."""
    plan = PlanFactory(area=area, **kwargs) if area is not None else PlanFactory(**kwargs)
    elements = list(StatutoryElement.values)
    for i in range(sections):
        SectionFactory(plan=plan, order=i, covers=elements[i::sections] or [])
    for i in range(objectives):
        objective = ObjectiveFactory(plan=plan, order=i, title=PRIORITIES[i % len(PRIORITIES)])
        for actor in Commitment.Actor:
            CommitmentFactory(objective=objective, actor=actor)
    GrantFactory(plan=plan, objective=plan.objectives.first())
    return plan
