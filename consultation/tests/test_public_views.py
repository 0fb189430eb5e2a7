"""The public side, through the test client: reading the draft, commenting, and the
ways a post is refused."""

import logging
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from consultation.models import Agreement, RespondentType, Response, VictimAnswer
from consultation.selectors import draft_of
from consultation.tests.factories import ConsultationFactory, ResponseFactory, closed, not_yet_open


def _respond_url(consultation: Any) -> str:
    return reverse("consultation:respond", kwargs={"consultation_id": consultation.pk})


def _valid(**extra: Any) -> dict[str, Any]:
    return {
        "text": "Please bring back officers on foot in Weston-super-Mare town centre on Friday nights.",
        "respondent_type": RespondentType.PUBLIC,
        **extra,
    }


def test_the_list_shows_open_upcoming_and_closed_consultations(client: Any, version: Any) -> None:
    ConsultationFactory(version=version, title="Have your say on the draft plan")
    ConsultationFactory(version=version, title="Refresh of the plan", **not_yet_open())
    ConsultationFactory(version=version, title="Priorities survey 2016", **closed())
    page = client.get(reverse("consultation:list")).content.decode()
    open_part, rest = page.split("Coming soon")
    assert "Have your say on the draft plan" in open_part
    upcoming, closed_part = rest.split("Closed")
    assert "Refresh of the plan" in upcoming
    assert "Priorities survey 2016" in closed_part


def test_the_draft_has_a_comment_link_beside_every_section_and_priority(client: Any, consultation: Any) -> None:
    draft = draft_of(consultation)
    page = client.get(consultation.get_absolute_url()).content.decode()
    for section in draft.sections:
        assert f"?part=section:{section.uid}" in page
        assert f'Comment on this section<span class="govuk-visually-hidden">: {section.title}' in page
    for objective in draft.priorities:
        assert f"?part=objective:{objective.uid}" in page
    assert page.count("Comment on this section<span") == len(draft.sections)
    assert page.count("Comment on this priority<span") == len(draft.priorities)


def test_a_closed_consultation_says_when_it_closed_and_offers_no_form(client: Any, version: Any) -> None:
    consultation = ConsultationFactory(version=version, **closed())
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert f"Closed on {timezone.localtime(consultation.closes_at):%-d %B %Y}" in page
    assert "Comment on this section" not in page
    form = client.get(_respond_url(consultation)).content.decode()
    assert "This consultation has closed" in form
    assert "<textarea" not in form


def test_before_opening_the_form_says_when_it_opens(client: Any, version: Any) -> None:
    consultation = ConsultationFactory(version=version, **not_yet_open())
    page = client.get(_respond_url(consultation)).content.decode()
    assert "This consultation is not open yet" in page
    assert f"It opens on {timezone.localtime(consultation.opens_at):%-d %B %Y}" in page


def test_the_comment_link_preselects_the_section(client: Any, consultation: Any) -> None:
    section = draft_of(consultation).sections[2]
    page = client.get(_respond_url(consultation), {"part": f"section:{section.uid}"}).content.decode()
    assert re.search(rf'<option value="section:{section.uid}"\s+selected>', page)


def test_a_comment_is_stored_and_the_reference_shown(client: Any, consultation: Any) -> None:
    draft = draft_of(consultation)
    priority = draft.agreement_priorities[1]
    response = client.post(
        _respond_url(consultation),
        _valid(
            part=f"objective:{priority.uid}",
            victim=VictimAnswer.PREFER_NOT,
            **{f"agree_{priority.uid}": "2"},
        ),
        REMOTE_ADDR="203.0.113.7",
    )
    stored = Response.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "consultation:sent", kwargs={"consultation_id": consultation.pk, "reference": stored.reference}
    )
    assert str(stored.objective_uid) == priority.uid
    assert stored.victim == VictimAnswer.PREFER_NOT
    assert stored.network_address == "203.0.113.7"
    assert stored.agreements.get().level == Agreement.Level.DISAGREE
    confirmation = client.get(response["Location"]).content.decode()
    assert stored.reference in confirmation
    assert "Comment sent" in confirmation


def test_posting_a_comment_runs_a_handful_of_queries(
    client: Any, consultation: Any, django_assert_max_num_queries: Any
) -> None:
    draft = draft_of(consultation)
    answers = {f"agree_{p.uid}": "5" for p in draft.agreement_priorities}
    # Read the consultation, insert the response and its answers (plus a savepoint here).
    with django_assert_max_num_queries(5):
        response = client.post(_respond_url(consultation), _valid(**answers))
    assert response.status_code == 302
    assert Agreement.objects.count() == len(draft.agreement_priorities)


def test_a_mistake_is_explained_what_was_typed_is_kept_and_nothing_is_stored(client: Any, consultation: Any) -> None:
    response = client.post(
        _respond_url(consultation),
        {"text": "Speeding on the A37 through Farrington Gurney.", "email": "not-an-address"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Comment on the draft" in page
    assert "Select which of these best describes you" in page
    assert "Enter an e-mail address in the correct format, like name@example.com" in page
    assert "Speeding on the A37 through Farrington Gurney." in page
    assert not Response.objects.exists()


def test_a_comment_over_the_length_limit_is_refused_with_a_clear_message(client: Any, consultation: Any) -> None:
    response = client.post(_respond_url(consultation), _valid(text="a" * 5001))
    assert "Your comment must be 5,000 characters or fewer. It is 5,001 characters." in response.content.decode()
    assert not Response.objects.exists()


def test_an_address_without_consent_is_refused(client: Any, consultation: Any) -> None:
    response = client.post(_respond_url(consultation), _valid(email="sam@example.com"))
    assert "Tick the box to agree to us keeping your name and e-mail address" in response.content.decode()
    assert not Response.objects.exists()


def test_the_spam_trap_refuses_the_post_and_stores_nothing(client: Any, consultation: Any) -> None:
    response = client.post(_respond_url(consultation), _valid(website="http://cheap-watches.example"))
    assert response.status_code == 400
    assert "Your comment was not sent" in response.content.decode()
    assert not Response.objects.exists()


def test_the_spam_trap_is_labelled_and_hidden_with_its_wrapper(client: Any, consultation: Any) -> None:
    page = client.get(_respond_url(consultation)).content.decode()
    wrapper = re.search(r'<div\s+class="app-honeypot"\s*>(.*?)</div>\s*</div>', page, re.S)
    assert wrapper is not None
    assert '<label for="id_website"' in wrapper.group(1)
    assert 'tabindex="-1"' in wrapper.group(1)


@pytest.mark.parametrize("window", [closed, not_yet_open], ids=["after closing", "before opening"])
def test_a_post_outside_the_window_is_refused_with_the_dates_and_stores_nothing(
    client: Any, version: Any, window: Any
) -> None:
    consultation = ConsultationFactory(version=version, **window())
    response = client.post(_respond_url(consultation), _valid())
    page = response.content.decode()
    assert response.status_code == 403
    assert "Your comment has not been sent" in page
    assert f"{timezone.localtime(consultation.closes_at):%-d %B %Y}" in page
    # What was typed is shown back to keep, not lost with the refusal.
    assert f"{_valid()['text']}</textarea>" in page
    assert not Response.objects.exists()


def test_a_long_block_gives_the_real_wait_rather_than_a_few_minutes(
    client: Any, consultation: Any, settings: Any
) -> None:
    """The limit counts an hour's window: the page says how long is left of it."""
    import time

    from django_ratelimit.core import _get_window

    from consultation.views.public import _wait_in_words

    settings.CONSULTATION_COMMENT_RATE = "1/h"
    client.post(_respond_url(consultation), _valid())
    before = int(_get_window("127.0.0.1", 3600) - time.time())
    page = client.post(_respond_url(consultation), _valid()).content.decode()
    after = int(_get_window("127.0.0.1", 3600) - time.time())
    assert "a few minutes" not in page
    assert any(f"(in {_wait_in_words(max(1, left))})" in page for left in range(after - 1, before + 2)), page


def test_too_many_posts_from_one_address_get_a_readable_429(client: Any, consultation: Any, settings: Any) -> None:
    settings.CONSULTATION_COMMENT_RATE = "2/m"
    statuses = [client.post(_respond_url(consultation), _valid()).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    typed = "Street lighting on the Bath Road cycle path would make it feel safer after dark."
    page = client.post(_respond_url(consultation), _valid(text=typed)).content.decode()
    assert "Your comment has not been sent yet" in page
    assert "Nothing has been saved" in page
    # The form again, with what was typed, and the real wait: the end of this minute's window.
    assert f"{typed}</textarea>" in page
    wait = re.search(r"\(in (\d+) seconds?\)", page)
    assert wait is not None and 1 <= int(wait.group(1)) <= 60
    assert Response.objects.count() == 2
    # Another address is counted on its own.
    assert client.post(_respond_url(consultation), _valid(), REMOTE_ADDR="198.51.100.20").status_code == 302


def test_comments_are_accepted_when_the_rate_limit_cache_is_down(
    client: Any, consultation: Any, settings: Any, caplog: Any
) -> None:
    settings.CONSULTATION_COMMENT_RATE = "1/m"
    # Nothing listens on port 1: every cache call fails to connect.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with caplog.at_level(logging.WARNING, logger="consultation.abuse"):
        statuses = [client.post(_respond_url(consultation), _valid()).status_code for _ in range(2)]
    assert statuses == [302, 302]
    assert Response.objects.count() == 2
    assert "Rate limit cache unavailable" in caplog.text


def test_a_proxy_header_names_the_client_when_configured(client: Any, consultation: Any, settings: Any) -> None:
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    client.post(_respond_url(consultation), _valid(), HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.50")
    # The last hop is the one our proxy added; the first can be forged by the client.
    assert Response.objects.get().network_address == "203.0.113.50"


def test_comments_are_shown_as_text_never_as_html(client: Any, consultation: Any, staff_client: Any) -> None:
    markup = '<script>alert("x")</script><b onclick="steal()">Bold claim</b>'
    client.post(_respond_url(consultation), _valid(text=markup, may_publish_anonymously="on"))
    response = Response.objects.get()
    detail = staff_client.get(response.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in detail
    assert '<script>alert("x")' not in detail
    Response.objects.filter(pk=response.pk).update(state=Response.State.PUBLISHED)
    comments = client.get(reverse("consultation:comments", kwargs={"consultation_id": consultation.pk}))
    assert "&lt;b onclick=&quot;steal()&quot;&gt;Bold claim&lt;/b&gt;" in comments.content.decode()


def test_published_comments_show_only_consented_moderated_ones_and_never_names(client: Any, consultation: Any) -> None:
    ResponseFactory(
        consultation=consultation,
        text="Fix the 101 service first.",
        name="Sam Hughes",
        state=Response.State.PUBLISHED,
        may_publish_anonymously=True,
    )
    ResponseFactory(consultation=consultation, text="Not yet moderated.", may_publish_anonymously=True)
    ResponseFactory(
        consultation=consultation,
        text="Published but no consent.",
        state=Response.State.PUBLISHED,
        may_publish_anonymously=False,
    )
    ResponseFactory(
        consultation=consultation,
        text="My neighbour John Smith sells drugs.",
        redacted_text="My neighbour [name removed] sells drugs.",
        state=Response.State.REDACTED,
        may_publish_anonymously=True,
    )
    page = client.get(reverse("consultation:comments", kwargs={"consultation_id": consultation.pk})).content.decode()
    assert "Fix the 101 service first." in page
    assert "My neighbour [name removed] sells drugs." in page
    assert "John Smith" not in page
    assert "Sam Hughes" not in page
    assert "Not yet moderated." not in page
    assert "Published but no consent." not in page


def test_an_unknown_reference_is_not_confirmed(client: Any, consultation: Any) -> None:
    url = reverse("consultation:sent", kwargs={"consultation_id": consultation.pk, "reference": "PCP-2222-22"})
    assert client.get(url).status_code == 404


def test_tampered_choices_get_a_message_not_an_error(client: Any, consultation: Any) -> None:
    priority = draft_of(consultation).agreement_priorities[0]
    response = client.post(
        _respond_url(consultation),
        _valid(
            part="section:00000000-0000-0000-0000-000000000000",
            respondent_type="robot",
            district="999999",
            victim="maybe",
            text="Text with a \x00 null character.",
            **{f"agree_{priority.uid}": "11"},
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Choose a part of the draft from the list",
        "Select which of these best describes you",
        "Choose a District from the list",
        "Choose yes, no or prefer not to say",
        "Choose how far you agree, from strongly agree to strongly disagree",
        "Null characters are not allowed.",
    ):
        assert message in page
    assert not Response.objects.exists()
