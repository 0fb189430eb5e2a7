"""The moderation history of a response: every action, who, when and what, in order; the
original of a redacted response shown to staff only, each view with its reason; and a
respondent found by their reference number."""

import html
from typing import Any

import pytest
from django.urls import reverse

from consultation.models import ModerationAction, Response, Theme
from consultation.tests.factories import ResponseFactory
from pcplan.roles import Role

ORIGINAL = "My neighbour Dave Smith at 12 Acacia Road deals drugs; call me on 07700 900123."
REDACTED = "[name and address removed] deals drugs; [phone number removed]."


def _post(client: Any, name: str, response: Response, data: dict[str, Any]) -> Any:
    return client.post(reverse(f"consultation:{name}", kwargs={"response_id": response.pk}), data)


def test_every_action_is_kept_in_order_with_who_and_what(
    client: Any, consultation: Any, make_user: Any, role_users: dict[str, Any]
) -> None:
    """One officer redacts and publishes, another returns it to new: both stay in view."""
    response = ResponseFactory(consultation=consultation, text=ORIGINAL)
    first = make_user("alex", Role.STAFF)
    second = make_user("priya", Role.STAFF)
    first.first_name, first.last_name = "Alex", "Morgan"
    first.save()
    second.first_name, second.last_name = "Priya", "Shah"
    second.save()
    Theme.objects.create(consultation=consultation, name="Drugs and county lines")

    client.force_login(first)
    _post(client, "response_redact", response, {"redacted_text": REDACTED})
    _post(client, "response_themes", response, {"new_theme": "Drugs and county lines"})
    client.force_login(second)
    _post(client, "response_moderate", response, {"action": "reopen"})
    _post(client, "response_moderate", response, {"action": "reject"})

    kinds = list(response.moderation_actions.values_list("kind", "by__username"))
    assert kinds == [
        ("redact", "alex"),
        ("themes", "alex"),
        ("return", "priya"),
        ("hide", "priya"),
    ]
    page = html.unescape(client.get(response.get_absolute_url()).content.decode())
    history = page[page.index("Moderation history") :]
    order = [history.index(label) for label in ("Redacted and published", "Themes changed", "Returned to new")]
    assert order == sorted(order)
    assert "by Alex Morgan" in history
    assert "by Priya Shah" in history
    assert f"Published as: {REDACTED}" in history
    assert "Drugs and county lines" in history
    assert ORIGINAL not in page


def test_bulk_actions_are_recorded_for_each_response(staff_client: Any, consultation: Any) -> None:
    first, second = ResponseFactory(consultation=consultation), ResponseFactory(consultation=consultation)
    url = reverse("consultation:responses_bulk", kwargs={"consultation_id": consultation.pk})
    staff_client.post(url, {"responses": [first.pk, second.pk], "action": "publish"})
    staff_client.post(url, {"responses": [first.pk], "action": "tag", "new_theme": "101 service"})
    assert list(first.moderation_actions.values_list("kind", flat=True)) == ["publish", "themes"]
    assert list(second.moderation_actions.values_list("kind", flat=True)) == ["publish"]


def test_the_original_needs_a_reason_and_each_view_is_recorded(staff_client: Any, consultation: Any) -> None:
    response = ResponseFactory(consultation=consultation, text=ORIGINAL)
    _post(staff_client, "response_redact", response, {"redacted_text": REDACTED})
    assert ORIGINAL not in html.unescape(staff_client.get(response.get_absolute_url()).content.decode())
    refused = html.unescape(_post(staff_client, "response_original", response, {"reason": " "}).content.decode())
    assert "Enter why you need to see the original text" in refused
    assert ORIGINAL not in refused
    shown = html.unescape(
        _post(staff_client, "response_original", response, {"reason": "Police asked for the original"}).content.decode()
    )
    assert ORIGINAL in shown
    view = response.moderation_actions.get(kind=ModerationAction.Kind.VIEW_ORIGINAL)
    assert view.detail == "Police asked for the original"
    assert "Reason: Police asked for the original" in shown


@pytest.mark.parametrize("role", ["panel", "force", "anonymous"])
def test_the_unredacted_text_is_never_shown_outside_the_opcc(
    client: Any, consultation: Any, role_users: dict[str, Any], role: str
) -> None:
    response = ResponseFactory(
        consultation=consultation,
        text=ORIGINAL,
        redacted_text=REDACTED,
        state=Response.State.REDACTED,
        may_publish_anonymously=True,
    )
    if role != "anonymous":
        client.force_login(role_users[role])
    urls = [
        response.get_absolute_url(),
        reverse("consultation:response_original", kwargs={"response_id": response.pk}),
        reverse("consultation:comments", kwargs={"consultation_id": consultation.pk}),
        reverse("consultation:detail", kwargs={"consultation_id": consultation.pk}),
        reverse("consultation:responses", kwargs={"consultation_id": consultation.pk}),
        reverse("consultation:responses_csv", kwargs={"consultation_id": consultation.pk}),
    ]
    for url in urls:
        for reply in (client.get(url), client.post(url, {"reason": "curious"})):
            body = b"".join(reply.streaming_content) if reply.streaming else reply.content
            assert "07700 900123" not in html.unescape(body.decode()), url
    assert not ModerationAction.objects.filter(kind=ModerationAction.Kind.VIEW_ORIGINAL).exists()


def test_searching_responses_for_a_reference_finds_it(staff_client: Any, consultation: Any) -> None:
    wanted = ResponseFactory(consultation=consultation, text="Fix the 101 service first.")
    ResponseFactory(consultation=consultation, text="More PCSOs in Frome, please.")
    url = reverse("consultation:responses", kwargs={"consultation_id": consultation.pk})
    typed = wanted.reference.lower().replace("-", " ")
    page = staff_client.get(url, {"q": typed}).content.decode()
    assert "Fix the 101 service first." in page
    assert "More PCSOs in Frome" not in page


def test_the_personal_data_page_finds_a_reference(staff_client: Any, consultation: Any) -> None:
    wanted = ResponseFactory(consultation=consultation, email="sam@example.com", contact_consent=True)
    ResponseFactory(consultation=consultation, email="sam@example.com", contact_consent=True)
    page = staff_client.post(reverse("consultation:personal_data"), {"email": wanted.reference}).content.decode()
    assert f"1 response with the reference {wanted.reference}" in page
    erase = reverse("consultation:personal_data_erase")
    staff_client.post(erase, {"email": wanted.reference, "confirm": "on"})
    wanted.refresh_from_db()
    assert wanted.is_erased
    assert Response.objects.filter(erased_at__isnull=True).count() == 1
