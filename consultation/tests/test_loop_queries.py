"""The pages of the loop run a fixed number of queries however many responses, actions
and links there are: the staff response page with its history and changes, the outcome
manage page, the Panel's findings and the Data page."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultation import services
from consultation.models import OutcomeReport, Response, Theme
from consultation.tests.factories import ConsultationFactory, ResponseFactory, closed, cut_later_version_with_change
from plans.changes import later_changes


def _queries(client: Any, url: str) -> int:
    client.get(url)  # warm: the version's content parsed once per process
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_response_page_does_not_grow_with_its_history_or_links(
    staff_client: Any, version: Any, role_users: dict[str, Any]
) -> None:
    consultation = ConsultationFactory(version=version, **closed())
    response = ResponseFactory(consultation=consultation)
    _later, uid = cut_later_version_with_change(version, by=role_users["staff"])
    staff = role_users["staff"]
    now = timezone.now()
    url = response.get_absolute_url()
    services.response_moderate(response=response, by=staff, state=Response.State.PUBLISHED, now=now)
    [change] = [c for c in later_changes(version) if c.uid == uid]
    services.change_link_add(consultation=consultation, by=staff, change_key=change.key, response=response, now=now)
    few = _queries(staff_client, url)
    for state in [Response.State.NEW, Response.State.REJECTED, Response.State.PUBLISHED] * 10:
        services.response_moderate(response=response, by=staff, state=state, now=now)
    theme = Theme.objects.create(consultation=consultation, name="Rural crime")
    services.response_set_themes(response=response, themes=[theme], by=staff, now=now)
    assert _queries(staff_client, url) == few


def test_the_outcome_pages_do_not_grow_with_the_responses(
    staff_client: Any, client: Any, version: Any, role_users: dict[str, Any]
) -> None:
    consultation = ConsultationFactory(version=version, **closed())
    theme = Theme.objects.create(consultation=consultation, name="Rural crime")
    ResponseFactory(consultation=consultation).themes.add(theme)
    OutcomeReport.objects.create(consultation=consultation, summary="<p>Thanks</p>", published_at=timezone.now())
    urls = [
        (staff_client, reverse("consultation:outcome_manage", kwargs={"consultation_id": consultation.pk})),
        (client, reverse("publishing:open_outcome_json", kwargs={"consultation_id": consultation.pk})),
        (client, reverse("publishing:open_data")),
    ]
    few = [_queries(c, url) for c, url in urls]
    for _ in range(50):
        ResponseFactory(consultation=consultation, wants_outcome=True, email="a@example.com").themes.add(theme)
    assert [_queries(c, url) for c, url in urls] == few
