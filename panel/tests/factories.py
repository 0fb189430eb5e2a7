"""Factories for the Panel, with words from the OPCC documents (never lorem ipsum)."""

import datetime
from typing import Any

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from panel.models import Panel, PanelMember, PanelReview, PccResponse, Recommendation
from pcplan.roles import Role
from plans.models import PoliceArea, Version
from plans.services import version_cut
from plans.tests.factories import PoliceAreaFactory, UserFactory, plan_with_content

RECOMMENDATION_TEXTS = [
    "Say how many people responded to the consultation and what changed in the plan as a result.",
    "Publish the findings of the scrutiny panels on stop and search every quarter.",
    "Add a commitment on signposting and referral so victims get the right support for their needs.",
    "Explain how the savings will be made without reducing neighbourhood policing in rural districts.",
    "Measure 101 call answering times and report them to the Police and Crime Board.",
]


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel
        django_get_or_create = ("area",)

    area = factory.SubFactory(PoliceAreaFactory)
    name = factory.LazyAttribute(lambda o: f"{o.area.name} Police and Crime Panel")


class PanelMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMember
        skip_postgeneration_save = True

    panel = factory.SubFactory(PanelFactory)
    user = factory.SubFactory(
        UserFactory, email=factory.LazyAttribute(lambda u: f"{u.username}@council.example.org.uk")
    )
    role = PanelMember.Role.MEMBER
    term_starts_on = datetime.date(2016, 6, 1)
    term_ends_on = None

    @factory.post_generation
    def panel_role(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.user.groups.add(Group.objects.get(name=Role.PANEL.value))


class PanelReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelReview

    panel = factory.SubFactory(PanelFactory)
    version = None
    issued_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2))
    issued_by = factory.SubFactory(UserFactory)
    comments_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    meeting_date = None


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    review = None
    author = None
    number = factory.LazyAttribute(lambda o: o.review.recommendations.count() + 1)
    target = Recommendation.Target.PLAN
    target_uid = ""
    target_title = ""
    text = factory.Sequence(lambda n: RECOMMENDATION_TEXTS[n % len(RECOMMENDATION_TEXTS)])
    submitted_at = factory.LazyAttribute(lambda o: o.review.issued_at + datetime.timedelta(hours=1))
    updated_at = factory.LazyAttribute(lambda o: o.submitted_at)


class PccResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PccResponse

    recommendation = None
    outcome = PccResponse.Outcome.ACCEPTED
    reasons = ""
    recorded_by = factory.SubFactory(UserFactory)
    recorded_at = factory.LazyFunction(timezone.now)


def plan_with_two_versions(*, area: PoliceArea, by: Any) -> tuple[Any, Version, Version]:
    """A plan cut as V1, then changed (a section rewritten, a commitment added) and cut as V2."""
    plan = plan_with_content(area=area)
    v1 = version_cut(plan=plan, by=by, note="Draft V1 for the Panel")
    section = plan.sections.order_by("order").first()
    section.body = "<p>The Commissioner will hold the Chief Constable to account at the Police and Crime Board.</p>"
    section.save()
    objective = plan.objectives.order_by("order").first()
    objective.commitments.create(
        actor="partners",
        text="Improve signposting and referral so that victims get the right support according to their need.",
        order=99,
    )
    v2 = version_cut(plan=plan, by=by, note="Draft V2 after the Panel's recommendations")
    return plan, v1, v2
