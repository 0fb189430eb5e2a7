"""Every consultation URL, as every role: the public pages admit anyone; the staff pages
admit editors only (force liaison and Panel members may read the public pages like anyone)."""

from types import SimpleNamespace

from django.utils import timezone

from consultation.models import ChangeLink, OutcomeReport, RespondentType, Theme
from consultation.services import outcome_unsubscribe_token, your_response_token
from consultation.tests.factories import (
    ConsultationFactory,
    EngagementEventFactory,
    ResponseFactory,
    closed,
    cut_version,
)
from pcplan.tests.walk import EDITING, EVERYONE, FormCase, Route


def build(world: SimpleNamespace) -> None:
    version = cut_version(area=world.area, by=world.users["staff"])
    world.consultation = ConsultationFactory(version=version)
    world.consultation_response = ResponseFactory(
        consultation=world.consultation, email="resident@example.com", name="A Resident", contact_consent=True
    )
    world.consultation_event = EngagementEventFactory(plan=version.plan)
    # A closed consultation whose outcome report is published, with a theme linked to a change.
    world.closed_consultation = ConsultationFactory(version=version, **closed())
    world.closed_theme = Theme.objects.create(consultation=world.closed_consultation, name="101 service")
    OutcomeReport.objects.create(
        consultation=world.closed_consultation, summary="<p>Thank you.</p>", published_at=timezone.now()
    )
    section = version.plan.sections.first()
    world.change_link = ChangeLink.objects.create(
        consultation=world.closed_consultation,
        theme=world.closed_theme,
        version=version,
        kind="section",
        uid=str(section.uid) if section else "",
        title="Foreword",
    )


def _consultation(world: SimpleNamespace) -> dict[str, int]:
    return {"consultation_id": world.consultation.pk}


def _response(world: SimpleNamespace) -> dict[str, int]:
    return {"response_id": world.consultation_response.pk}


def _token(world: SimpleNamespace) -> dict[str, str]:
    return {"token": your_response_token(world.consultation_response)}


def _closed(world: SimpleNamespace) -> dict[str, int]:
    return {"consultation_id": world.closed_consultation.pk}


def _plan(world: SimpleNamespace) -> dict[str, int]:
    return {"plan_id": world.consultation.version.plan_id}


ROUTES = [
    # Public.
    Route("consultation:list", EVERYONE),
    Route("consultation:detail", EVERYONE, kwargs=_consultation),
    Route(
        "consultation:respond",
        EVERYONE,
        kwargs=_consultation,
        method="post",
        data=lambda w: {"text": "More officers on foot in Weston, please.", "respondent_type": RespondentType.PUBLIC},
    ),
    Route(
        "consultation:sent",
        EVERYONE,
        kwargs=lambda w: {**_consultation(w), "reference": w.consultation_response.reference},
    ),
    Route("consultation:comments", EVERYONE, kwargs=_consultation),
    Route("consultation:outcome", EVERYONE, kwargs=_closed),
    Route("consultation:your_response_lookup", EVERYONE),
    Route(
        "consultation:your_response", EVERYONE, kwargs=lambda w: {"token": your_response_token(w.consultation_response)}
    ),
    Route(
        "consultation:your_response_json",
        EVERYONE,
        kwargs=lambda w: _token(w),
    ),
    Route(
        "consultation:outcome_unsubscribe",
        EVERYONE,
        kwargs=lambda w: {"token": outcome_unsubscribe_token(w.consultation_response)},
    ),
    # Staff.
    Route("consultation:manage_list", EDITING),
    Route("consultation:create", EDITING, kwargs=_plan),
    Route("consultation:manage", EDITING, kwargs=_consultation),
    Route("consultation:edit", EDITING, kwargs=_consultation),
    Route("consultation:responses", EDITING, kwargs=_consultation),
    Route(
        "consultation:responses_bulk",
        EDITING,
        kwargs=_consultation,
        method="post",
        data=lambda w: {"responses": [w.consultation_response.pk], "action": "tag", "new_theme": "Visible policing"},
    ),
    Route("consultation:responses_csv", EDITING, kwargs=_consultation),
    Route("consultation:themes", EDITING, kwargs=_consultation),
    Route("consultation:outcome_manage", EDITING, kwargs=_closed),
    Route(
        "consultation:theme_outcome",
        EDITING,
        kwargs=lambda w: {**_closed(w), "theme_id": w.closed_theme.pk},
    ),
    # Published: the link is kept, and the page says so.
    Route(
        "consultation:change_link_remove",
        EDITING,
        kwargs=lambda w: {"link_id": w.change_link.pk},
        method="post",
    ),
    Route(
        "consultation:response_link",
        EDITING,
        kwargs=_response,
        method="post",
        data=lambda w: {"change": "no-such-change"},
    ),
    Route("consultation:analysis", EDITING, kwargs=_consultation),
    Route("consultation:analysis_print", EDITING, kwargs=_consultation),
    Route("consultation:analysis_complete", EDITING, kwargs=_consultation, method="post"),
    Route("consultation:response_detail", EDITING, kwargs=_response),
    Route(
        "consultation:response_moderate",
        EDITING,
        kwargs=_response,
        method="post",
        data=lambda w: {"action": "publish"},
    ),
    Route("consultation:response_redact", EDITING, kwargs=_response),
    Route(
        "consultation:response_themes",
        EDITING,
        kwargs=_response,
        method="post",
        data=lambda w: {"new_theme": "101 service"},
    ),
    Route(
        "consultation:response_original",
        EDITING,
        kwargs=_response,
        method="post",
        data=lambda w: {"reason": "Checking the redaction"},
    ),
    Route("consultation:events", EDITING, kwargs=_plan),
    Route("consultation:event_create", EDITING, kwargs=_plan),
    Route("consultation:event_edit", EDITING, kwargs=lambda w: {"event_id": w.consultation_event.pk}),
    Route("consultation:personal_data", EDITING),
    Route(
        "consultation:personal_data_export",
        EDITING,
        method="post",
        data=lambda w: {"email": "resident@example.com"},
    ),
    Route(
        "consultation:personal_data_erase",
        EDITING,
        method="post",
        # Without the identity check ticked: the page asks for it and erases nothing.
        data=lambda w: {"email": "resident@example.com"},
    ),
]

# Every POST form of the consultation pages, for the form walk (pcplan/tests/test_form_walk.py).
FORMS = [
    FormCase(
        "consultation:respond", "create", role="anonymous", data=lambda w: {"name": "", "email": "", "website": ""}
    ),
    FormCase("consultation:create", "create"),
    FormCase("consultation:event_create", "create"),
    FormCase("consultation:themes", "create"),
    FormCase("consultation:edit", "edit", change="title", values=("Have your say", "Tell us what matters")),
    FormCase(
        "consultation:event_edit",
        "edit",
        change="notes",
        values=("Forty residents came.", "Questions on rural crime."),
    ),
    FormCase("consultation:response_moderate", "other", reason="sets a state: the same state again changes nothing"),
    FormCase("consultation:response_redact", "other", reason="replaces the public text with what was typed"),
    FormCase("consultation:response_themes", "other", reason="sets the themes: the same themes again change nothing"),
    FormCase("consultation:responses_bulk", "other", reason="sets a state: the same state again changes nothing"),
    FormCase("consultation:personal_data", "other", reason="a search by e-mail address"),
    FormCase("consultation:personal_data_erase", "other", reason="erasing twice erases nothing more"),
    FormCase("consultation:analysis_complete", "other", reason="sets a date once; later sends change nothing"),
    # An edit form with a revision (pcplan.revisions), but the walk's outcome report is
    # published, so its page refuses every save: its stale save is checked in
    # consultation/tests/test_outcome.py instead.
    FormCase("consultation:theme_outcome", "other", reason="the walk's outcome report is published: saves refused"),
    FormCase("consultation:change_link_remove", "other", reason="asks to remove a link: sent again, it is gone"),
    FormCase("consultation:your_response_lookup", "other", role="anonymous", reason="sends a link by e-mail"),
    FormCase("consultation:your_response", "other", role="anonymous", reason="erases the person's own comment once"),
    FormCase("consultation:outcome_unsubscribe", "other", role="anonymous", reason="unsubscribes once"),
]
