"""Staff pages: setting up a consultation, moderating and tagging responses, the analysis
and the CSV export. Access by role is walked in role_walk.py; here, the area rule."""

import csv
import io
import random
import uuid
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from consultation.models import Agreement, Consultation, RespondentType, Response, Theme, VictimAnswer
from consultation.references import new_reference
from consultation.selectors import draft_of
from consultation.tests.factories import ConsultationFactory, ResponseFactory, closed
from plans.models import District, Milestone, PoliceArea, StatutoryStep


def many_responses(consultation: Consultation, count: int, *, seed: int = 4) -> list[Response]:
    """A realistic spread of responses with themes and agreement answers, in bulk."""
    rng = random.Random(seed)
    draft = draft_of(consultation)
    districts = list(District.objects.filter(area=consultation.version.plan.area))
    themes = [Theme.objects.create(consultation=consultation, name=n) for n in ("101 service", "Visible policing")]
    parts = [(uuid.UUID(s.uid), None) for s in draft.sections] + [(None, uuid.UUID(o.uid)) for o in draft.priorities]
    parts.append((None, None))
    responses = Response.objects.bulk_create(
        Response(
            consultation=consultation,
            reference=new_reference(),
            section_uid=part[0],
            objective_uid=part[1],
            respondent_type=rng.choice(RespondentType.values),
            district=rng.choice(districts + [None]),
            victim=rng.choice([*VictimAnswer.values, ""]),
            text=f"Comment {i}: more officers on foot in the evenings, please.",
            state=rng.choice(Response.State.values),
            redacted_text="[removed]",
            received_at=timezone.now(),
        )
        for i, part in enumerate(rng.choice(parts) for _ in range(count))
    )
    Agreement.objects.bulk_create(
        Agreement(response=r, objective_uid=uuid.UUID(p.uid), level=rng.randint(1, 5))
        for r in responses
        for p in draft.agreement_priorities
    )
    through = Response.themes.through
    through.objects.bulk_create(
        through(response_id=r.pk, theme_id=rng.choice(themes).pk) for r in responses if rng.random() < 0.5
    )
    return responses


def _url(name: str, consultation: Consultation, **kwargs: Any) -> str:
    return reverse(f"consultation:{name}", kwargs={"consultation_id": consultation.pk, **kwargs})


# ---------------------------------------------------------------- setting up


def _create_data(version: Any, **overrides: Any) -> dict[str, Any]:
    return {
        "version": version.pk,
        "title": "Have your say on the draft Police and Crime Plan",
        "introduction": "Tell us what matters to you.",
        "audience": Consultation.Audience.PUBLIC,
        "opens_on_0": "24",
        "opens_on_1": "6",
        "opens_on_2": "2016",
        "opens_time": "09:00",
        "closes_on_0": "12",
        "closes_on_1": "8",
        "closes_on_2": "2016",
        "closes_time": "23:59",
        "asks_agreement": "on",
        "retention_days": "365",
        **overrides,
    }


def test_staff_open_a_consultation_on_a_cut_version(staff_client: Any, version: Any) -> None:
    url = reverse("consultation:create", kwargs={"plan_id": version.plan_id})
    response = staff_client.post(url, _create_data(version))
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("manage", consultation)
    assert timezone.localtime(consultation.opens_at).strftime("%Y-%m-%d %H:%M") == "2016-06-24 09:00"
    assert timezone.localtime(consultation.closes_at).strftime("%Y-%m-%d %H:%M") == "2016-08-12 23:59"
    assert consultation.version == version
    assert consultation.created_by.username == "staff1"


def test_a_window_that_closes_before_it_opens_is_explained(staff_client: Any, version: Any) -> None:
    url = reverse("consultation:create", kwargs={"plan_id": version.plan_id})
    response = staff_client.post(url, _create_data(version, closes_on_1="5", closes_time="9pm"))
    page = response.content.decode()
    assert "<title>Error: Open a consultation" in page
    assert "Enter the closing time as hours and minutes, like 09:00" in page
    response = staff_client.post(url, _create_data(version, closes_on_1="5"))
    assert "Enter a closing date after the opening date" in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_plan_without_a_version_cannot_be_consulted_on_yet(staff_client: Any, area: Any) -> None:
    from plans.tests.factories import plan_with_content

    plan = plan_with_content(area=area)
    page = staff_client.get(reverse("consultation:create", kwargs={"plan_id": plan.pk})).content.decode()
    assert "Cut a version first" in page


def test_editing_keeps_the_version_and_changes_the_window(staff_client: Any, consultation: Any) -> None:
    data = _create_data(consultation.version, closes_on_2="2030", title="Have your say (extended)")
    data.pop("version")
    data["revision"] = consultation.revision
    response = staff_client.post(_url("edit", consultation), data)
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.title == "Have your say (extended)"
    assert timezone.localtime(consultation.closes_at).year == 2030
    assert consultation.history.count() == 2


def test_another_areas_consultation_is_refused(client: Any, make_user: Any, consultation: Any) -> None:
    from pcplan.roles import Role

    wiltshire = PoliceArea.objects.create(name="Wiltshire", slug="wiltshire", force_name="Wiltshire Police")
    client.force_login(make_user("wiltshire-staff", Role.STAFF, user_area=wiltshire))
    response = ResponseFactory(consultation=consultation)
    for url in (
        _url("manage", consultation),
        _url("responses", consultation),
        _url("analysis", consultation),
        _url("responses_csv", consultation),
        response.get_absolute_url(),
        reverse("consultation:create", kwargs={"plan_id": consultation.version.plan_id}),
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(_url("responses_bulk", consultation), {"responses": [response.pk], "action": "reject"}).status_code
        == 403
    )
    response.refresh_from_db()
    assert response.state == Response.State.NEW


# ---------------------------------------------------------------- moderation and tagging


def test_the_moderation_queue_lists_new_responses(staff_client: Any, consultation: Any) -> None:
    ResponseFactory(consultation=consultation, text="Waiting to be read.")
    ResponseFactory(consultation=consultation, text="Already published.", state=Response.State.PUBLISHED)
    page = staff_client.get(_url("responses", consultation), {"state": "new"}).content.decode()
    assert "Waiting to be read." in page
    assert "Already published." not in page
    assert "1</strong> response match the filters" in page


def test_staff_publish_reject_and_redact_one_response(staff_client: Any, consultation: Any) -> None:
    response = ResponseFactory(consultation=consultation, text="Call me on 07700 900123 about the dealer next door.")
    moderate = reverse("consultation:response_moderate", kwargs={"response_id": response.pk})
    staff_client.post(moderate, {"action": "reject"})
    response.refresh_from_db()
    assert response.state == Response.State.REJECTED
    redact = reverse("consultation:response_redact", kwargs={"response_id": response.pk})
    assert "07700 900123" in staff_client.get(redact).content.decode()
    staff_client.post(redact, {"redacted_text": "[phone number removed] about the dealer next door."})
    response.refresh_from_db()
    assert response.state == Response.State.REDACTED
    page = staff_client.get(response.get_absolute_url()).content.decode()
    assert "07700 900123" not in page  # the original needs a reason each time
    assert "[phone number removed]" in page
    original = reverse("consultation:response_original", kwargs={"response_id": response.pk})
    page = staff_client.post(original, {"reason": "Checking the redaction"}).content.decode()
    assert "07700 900123" in page


def test_a_blank_redaction_is_refused(staff_client: Any, consultation: Any) -> None:
    response = ResponseFactory(consultation=consultation)
    redact = reverse("consultation:response_redact", kwargs={"response_id": response.pk})
    page = staff_client.post(redact, {"redacted_text": "  "}).content.decode()
    assert "Enter the comment as it should be published" in page
    response.refresh_from_db()
    assert response.state == Response.State.NEW


def test_staff_tag_one_response_with_existing_and_new_themes(staff_client: Any, consultation: Any) -> None:
    response = ResponseFactory(consultation=consultation)
    existing = Theme.objects.create(consultation=consultation, name="Visible policing")
    url = reverse("consultation:response_themes", kwargs={"response_id": response.pk})
    staff_client.post(url, {"themes": [str(existing.pk)], "new_theme": "101 service"})
    assert sorted(t.name for t in response.themes.all()) == ["101 service", "Visible policing"]
    staff_client.post(url, {"themes": []})
    assert not response.themes.exists()


def test_staff_tag_in_bulk_and_return_to_the_same_filtered_page(staff_client: Any, consultation: Any) -> None:
    first, second, third = (ResponseFactory(consultation=consultation) for _ in range(3))
    back = _url("responses", consultation) + "?state=new&page=1"
    response = staff_client.post(
        _url("responses_bulk", consultation),
        {"responses": [first.pk, second.pk], "action": "tag", "new_theme": "Road safety", "next": back},
    )
    assert response["Location"] == back
    theme = Theme.objects.get(name="Road safety")
    assert set(theme.responses.all()) == {first, second}
    staff_client.post(
        _url("responses_bulk", consultation), {"responses": [third.pk], "action": "tag", "theme": theme.pk}
    )
    assert theme.responses.count() == 3
    staff_client.post(_url("responses_bulk", consultation), {"responses": [first.pk], "action": "publish"})
    first.refresh_from_db()
    assert first.state == Response.State.PUBLISHED


def test_a_bulk_action_without_a_theme_or_selection_says_what_is_missing(staff_client: Any, consultation: Any) -> None:
    response = ResponseFactory(consultation=consultation)
    follow = staff_client.post(
        _url("responses_bulk", consultation), {"responses": [response.pk], "action": "tag"}, follow=True
    )
    assert "Choose a theme, or type a new one, to tag the responses with" in follow.content.decode()
    follow = staff_client.post(_url("responses_bulk", consultation), {"action": "publish"}, follow=True)
    assert "Select at least one response" in follow.content.decode()
    assert not response.themes.exists()


@pytest.mark.parametrize("posted_id", ["\u00b2", "9" * 30, "9" * 10_000])
def test_a_bulk_action_on_an_id_that_is_no_response_is_refused_with_a_message(
    staff_client: Any, consultation: Any, posted_id: str
) -> None:
    """A superscript digit passes str.isdigit() but not int(), and a 30-digit number does
    not fit the database: both once made a server error."""
    response = ResponseFactory(consultation=consultation)
    follow = staff_client.post(
        _url("responses_bulk", consultation),
        {"responses": [posted_id, str(response.pk)], "action": "publish"},
        follow=True,
    )
    assert follow.status_code == 200
    assert "is not one of the available choices" in follow.content.decode()
    response.refresh_from_db()
    assert response.state == Response.State.NEW


def test_a_bulk_action_never_redirects_off_site(staff_client: Any, consultation: Any) -> None:
    response = ResponseFactory(consultation=consultation)
    reply = staff_client.post(
        _url("responses_bulk", consultation),
        {"responses": [response.pk], "action": "publish", "next": "https://evil.example/"},
    )
    assert reply["Location"] == _url("responses", consultation)


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"respondent_type": RespondentType.WORKFORCE}, {"officer"}),
        ({"district": "bristol"}, {"bristol"}),
        ({"theme": "101"}, {"tagged", "spam"}),
        ({"theme": "none"}, {"officer", "bristol", "section", "priority", "victim"}),
        ({"state": Response.State.REJECTED}, {"spam"}),
        ({"victim": VictimAnswer.YES}, {"victim"}),
        ({"section": "first"}, {"section"}),
        ({"priority": "first"}, {"priority"}),
        ({"q": "SPEEDING"}, {"priority"}),
    ],
)
def test_filters_narrow_the_responses(
    staff_client: Any, consultation: Any, criteria: dict[str, str], expected: set[str]
) -> None:
    draft = draft_of(consultation)
    bristol = District.objects.get(slug="bristol")
    theme = Theme.objects.create(consultation=consultation, name="101 service")
    made = {
        "officer": ResponseFactory(consultation=consultation, respondent_type=RespondentType.WORKFORCE),
        "bristol": ResponseFactory(consultation=consultation, district=bristol),
        "tagged": ResponseFactory(consultation=consultation),
        "spam": ResponseFactory(consultation=consultation, state=Response.State.REJECTED),
        "victim": ResponseFactory(consultation=consultation, victim=VictimAnswer.YES),
        "section": ResponseFactory(consultation=consultation, section_uid=draft.sections[0].uid),
        "priority": ResponseFactory(
            consultation=consultation, objective_uid=draft.priorities[0].uid, text="Speeding in Frome."
        ),
    }
    made["tagged"].themes.add(theme)
    made["spam"].themes.add(theme)
    values = {
        "district": str(bristol.pk),
        "theme": str(theme.pk) if criteria.get("theme") == "101" else criteria.get("theme"),
        "section": draft.sections[0].uid,
        "priority": draft.priorities[0].uid,
    }
    query = {key: values.get(key, value) for key, value in criteria.items()}
    page = staff_client.get(_url("responses", consultation), query).content.decode()
    shown = {name for name, response in made.items() if response.reference in page}
    assert shown == expected


def test_an_invalid_filter_is_ignored_not_an_error(staff_client: Any, consultation: Any) -> None:
    ResponseFactory(consultation=consultation)
    response = staff_client.get(_url("responses", consultation), {"section": "not-a-uid", "district": "x"})
    assert response.status_code == 200


def test_the_response_list_pages_fifty_at_a_time_in_a_fixed_number_of_queries(
    staff_client: Any, consultation: Any, django_assert_max_num_queries: Any
) -> None:
    many_responses(consultation, 240)
    # +1 since two-factor sign-in: the device that verified the session, read once a request.
    with django_assert_max_num_queries(13):
        page = staff_client.get(_url("responses", consultation), {"page": "2"}).content.decode()
    assert "Page 2 of 5" in page
    assert page.count('name="responses"') == 50


# ---------------------------------------------------------------- analysis and export


def test_the_analysis_counts_by_theme_part_type_district_and_agreement(staff_client: Any, consultation: Any) -> None:
    draft = draft_of(consultation)
    bristol = District.objects.get(slug="bristol")
    theme = Theme.objects.create(consultation=consultation, name="Visible policing")
    priority = draft.agreement_priorities[0]
    for level in (5, 5, 4, 1):
        response = ResponseFactory(
            consultation=consultation, district=bristol, objective_uid=priority.uid, victim=VictimAnswer.YES
        )
        response.themes.add(theme)
        Agreement.objects.create(response=response, objective_uid=priority.uid, level=level)
    ResponseFactory(consultation=consultation, state=Response.State.REJECTED, district=bristol)
    response = staff_client.get(_url("analysis", consultation))
    analysis = response.context["analysis"]
    assert analysis.total == 5
    breakdowns = {b.key: {row.label: row.count for row in b.rows} for b in analysis.breakdowns}
    assert breakdowns["theme"]["Visible policing"] == 4
    assert breakdowns["district"] == {"Bristol": 4}
    assert breakdowns["part"] == {f"Priority: {priority.title}": 4}
    assert breakdowns["respondent_type"]["Member of the public"] == 4
    assert analysis.victims_count == 4
    row = analysis.agreement[0]
    assert (row.priority, row.counts, row.answered, round(row.agree_percent)) == (
        priority.title,
        [2, 1, 0, 0, 1],
        4,
        75,
    )
    page = response.content.decode()
    assert page.count('src="data:image/svg+xml;base64,') == 5
    assert "Responses by theme" in page


def test_the_analysis_of_many_responses_runs_a_fixed_number_of_queries(
    staff_client: Any, consultation: Any, django_assert_max_num_queries: Any
) -> None:
    many_responses(consultation, 600)
    # +1 since two-factor sign-in: the device that verified the session, read once a request.
    with django_assert_max_num_queries(18):
        response = staff_client.get(_url("analysis", consultation))
    assert response.context["analysis"].total == 600
    # +1 since two-factor sign-in: the device that verified the session, read once a request.
    with django_assert_max_num_queries(18):
        staff_client.get(_url("analysis_print", consultation), {"respondent_type": RespondentType.PUBLIC})


def test_the_analysis_can_be_filtered(staff_client: Any, consultation: Any) -> None:
    ResponseFactory(consultation=consultation, respondent_type=RespondentType.WORKFORCE)
    ResponseFactory(consultation=consultation)
    response = staff_client.get(_url("analysis", consultation), {"respondent_type": RespondentType.WORKFORCE})
    assert response.context["analysis"].total == 1
    assert "These figures count only the responses that match the filters" in response.content.decode()


def test_completing_the_analysis_from_the_page(staff_client: Any, version: Any) -> None:
    consultation = ConsultationFactory(version=version, **closed())
    page = staff_client.get(_url("analysis", consultation)).content.decode()
    assert "Mark the analysis complete" in page
    staff_client.post(_url("analysis_complete", consultation))
    consultation.refresh_from_db()
    assert consultation.analysis_completed_at is not None
    assert Milestone.objects.get(plan=version.plan, statutory_step=StatutoryStep.OBTAIN_VIEWS).status == "done"
    assert "Analysis completed on" in staff_client.get(_url("analysis", consultation)).content.decode()


def test_the_csv_has_every_matching_response_without_personal_data(staff_client: Any, consultation: Any) -> None:
    draft = draft_of(consultation)
    priority = draft.agreement_priorities[0]
    response = ResponseFactory(
        consultation=consultation,
        text='=HYPERLINK("http://evil.example")',
        name="Sam Hughes",
        email="sam@example.com",
        network_address="203.0.113.9",
        section_uid=draft.sections[0].uid,
    )
    Agreement.objects.create(response=response, objective_uid=priority.uid, level=4)
    response.themes.add(Theme.objects.create(consultation=consultation, name="Visible policing"))
    ResponseFactory(consultation=consultation, respondent_type=RespondentType.BUSINESS)
    reply = staff_client.get(_url("responses_csv", consultation), {"respondent_type": RespondentType.PUBLIC})
    assert reply["Content-Type"].startswith("text/csv")
    assert "attachment" in reply["Content-Disposition"]
    body = b"".join(reply.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 1
    row = rows[0]
    assert row["Reference"] == response.reference
    assert row["Part of the draft"] == draft.sections[0].title
    assert row[f"Agreement: {priority.title}"] == "Agree"
    assert row["Themes"] == "Visible policing"
    # A spreadsheet must not run a comment as a formula.
    assert row["Comment as sent"] == '\'=HYPERLINK("http://evil.example")'
    assert "Sam Hughes" not in body
    assert "sam@example.com" not in body
    assert "203.0.113.9" not in body


# ---------------------------------------------------------------- engagement events


def test_staff_record_an_engagement_event(staff_client: Any, consultation: Any) -> None:
    plan = consultation.version.plan
    taunton = District.objects.get(slug="taunton-deane")
    url = reverse("consultation:event_create", kwargs={"plan_id": plan.pk})
    data = {
        "title": "Public meeting in Taunton",
        "held_on_0": "19",
        "held_on_1": "7",
        "held_on_2": "2016",
        "kind": "public_meeting",
        "district": taunton.pk,
        "audience": "Residents",
        "attendance": "54",
        "consultation": consultation.pk,
        "notes": "Most questions were about 101.",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302
    event = plan.engagement_events.get()
    assert (event.held_on.isoformat(), event.district, event.attendance) == ("2016-07-19", taunton, 54)
    page = staff_client.get(reverse("consultation:events", kwargs={"plan_id": plan.pk})).content.decode()
    assert "Public meeting in Taunton" in page
    assert "54 people attending in all" in page
    bad = staff_client.post(url, {**data, "attendance": "about fifty", "held_on_1": ""}).content.decode()
    assert "Enter the number of people as a whole number, like 45" in bad
    assert plan.engagement_events.count() == 1


def test_publishing_a_redacted_response_one_at_a_time_keeps_the_redaction(staff_client: Any, consultation: Any) -> None:
    response = ResponseFactory(consultation=consultation, text="Call me on 07700 900123 about the dealer next door.")
    redact = reverse("consultation:response_redact", kwargs={"response_id": response.pk})
    staff_client.post(redact, {"redacted_text": "[phone number removed] about the dealer next door."})
    detail = staff_client.get(response.get_absolute_url()).content.decode()
    assert 'value="publish"' not in detail  # nothing offers to publish it again
    moderate = reverse("consultation:response_moderate", kwargs={"response_id": response.pk})
    page = staff_client.post(moderate, {"action": "publish"}, follow=True).content.decode()
    assert "already published with personal details taken out" in page
    response.refresh_from_db()
    assert response.state == Response.State.REDACTED
    assert response.public_text == "[phone number removed] about the dealer next door."


def test_publishing_an_erased_response_is_refused_with_a_message(staff_client: Any, consultation: Any) -> None:
    response = ResponseFactory(consultation=consultation, erased_at=timezone.now(), state=Response.State.REJECTED)
    moderate = reverse("consultation:response_moderate", kwargs={"response_id": response.pk})
    reply = staff_client.post(moderate, {"action": "publish"}, follow=True)
    assert reply.status_code == 200
    assert "erased at the respondent&#x27;s request" in reply.content.decode()
    response.refresh_from_db()
    assert response.state == Response.State.REJECTED
