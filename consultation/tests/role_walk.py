"""Every consultation URL, as every role: the public pages admit anyone; the staff pages
admit editors only (force liaison and Panel members may read the public pages like anyone)."""

from types import SimpleNamespace

from consultation.models import RespondentType
from consultation.tests.factories import ConsultationFactory, EngagementEventFactory, ResponseFactory, cut_version
from pcplan.tests.walk import EDITING, EVERYONE, FormCase, Route


def build(world: SimpleNamespace) -> None:
    version = cut_version(area=world.area, by=world.users["staff"])
    world.consultation = ConsultationFactory(version=version)
    world.consultation_response = ResponseFactory(
        consultation=world.consultation, email="resident@example.com", name="A Resident", contact_consent=True
    )
    world.consultation_event = EngagementEventFactory(plan=version.plan)


def _consultation(world: SimpleNamespace) -> dict[str, int]:
    return {"consultation_id": world.consultation.pk}


def _response(world: SimpleNamespace) -> dict[str, int]:
    return {"response_id": world.consultation_response.pk}


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
]
