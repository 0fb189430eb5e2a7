"""Factories for consultations, with words from the Avon and Somerset consultation of 2016."""

import datetime
from typing import Any

import factory
from django.utils import timezone

from consultation.models import Agreement, Consultation, EngagementEvent, RespondentType, Response, Theme
from consultation.references import new_reference
from plans.models import Plan, PoliceArea, Version
from plans.services import version_cut
from plans.tests.factories import UserFactory, plan_with_content


def cut_version(*, area: PoliceArea, by: Any = None, **plan_kwargs: Any) -> Version:
    """A plan of the area with sections and priorities, and its V1 cut."""
    plan = plan_with_content(area=area, **plan_kwargs)
    return version_cut(plan=plan, by=by or UserFactory(), note="Draft V1 for consultation")


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    title = "Have your say on the draft Police and Crime Plan"
    introduction = (
        "The Commissioner wants to hear what matters to you about policing and community safety in "
        "Avon and Somerset. Read the draft and comment on any part of it."
    )
    audience = Consultation.Audience.PUBLIC
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=35))
    asks_agreement = True
    retention_days = 365

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Consultation:
        if "version" not in kwargs:
            raise TypeError("ConsultationFactory needs a version (see cut_version)")
        return super()._create(model_class, *args, **kwargs)


def closed(**kwargs: Any) -> dict[str, Any]:
    now = timezone.now()
    return {"opens_at": now - datetime.timedelta(days=60), "closes_at": now - datetime.timedelta(days=2), **kwargs}


def not_yet_open(**kwargs: Any) -> dict[str, Any]:
    now = timezone.now()
    return {"opens_at": now + datetime.timedelta(days=3), "closes_at": now + datetime.timedelta(days=45), **kwargs}


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Iterator(["Visible local policing", "101 service", "Support for victims", "Road safety"])


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    reference = factory.LazyFunction(new_reference)
    respondent_type = RespondentType.PUBLIC
    text = (
        "I would like to see more officers on foot in our town centre in the evenings. We hardly ever see "
        "our PCSO since the station counter closed."
    )
    received_at = factory.LazyFunction(timezone.now)


class EngagementEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementEvent

    title = "Stakeholder engagement session"
    held_on = datetime.date(2016, 6, 20)
    kind = EngagementEvent.Kind.WORKSHOP
    audience = "Police and partners"
    attendance = 60


def agreements(response: Response, levels: dict[str, int]) -> list[Agreement]:
    return Agreement.objects.bulk_create(
        Agreement(response=response, objective_uid=uid, level=level) for uid, level in levels.items()
    )


def plan_of(version: Version) -> Plan:
    return version.plan


def cut_later_version_with_change(version: Version, *, by: Any = None) -> tuple[Version, str]:
    """Change the first section's words in the working draft and cut the next version, as
    staff do after a consultation. Returns the new version and the changed section's uid."""
    plan = version.plan
    section = plan.sections.order_by("order", "pk").first()
    assert section is not None
    section.body = (
        "<p>The Commissioner will hold the Chief Constable to account through scrutiny meetings, "
        "and will publish the 101 call answering times every quarter.</p>"
    )
    section.save()
    later = version_cut(plan=plan, by=by or UserFactory(), note="Draft V2, revised after the consultation")
    return later, str(section.uid)
