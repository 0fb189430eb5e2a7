"""Whole journeys in headless Chromium: a member of the public comments by keyboard alone,
staff tag the comment and see it in the analysis, and a post to a closed window is refused.
Every page on the way passes the axe check."""

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from consultation.models import Consultation, Response, Theme
from consultation.selectors import draft_of
from consultation.tests.factories import ConsultationFactory, cut_version

pytestmark = pytest.mark.browser

COMMENT = "Please keep a police station counter open in Frome. <b>Not everyone can use the internet.</b>"


@pytest.fixture
def open_consultation(transactional_db: Any, role_users: dict[str, Any]) -> Consultation:
    version = cut_version(area=role_users["staff"].area_membership.area, by=role_users["staff"])
    return ConsultationFactory(version=version, title="Have your say on the draft Police and Crime Plan")


def _focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
            return {text: (el.textContent || "").trim().replace(/\\s+/g, " "), label: label.trim(),
                    tag: el.tagName, type: el.type || ""};
        }"""
    )


def tab_to(page: Any, wanted: str, *, by: str = "text", limit: int = 150) -> None:
    """Press Tab until the focused element's text (or label) contains `wanted`, as a
    keyboard user would; fail if it cannot be reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if wanted in _focused(page)[by]:
            return
    raise AssertionError(f"Could not reach {wanted!r} with the Tab key")


def test_a_member_of_the_public_comments_by_keyboard_and_staff_tag_it_and_analyse_it(
    browser_page: Any, open_consultation: Consultation
) -> None:
    page = browser_page
    section = draft_of(open_consultation).sections[1]

    # Finds the open consultation from the home page.
    page.goto("/")
    tab_to(page, "Consultations")
    page.keyboard.press("Enter")
    page.wait_for_url("**/consultations/")
    page.assert_accessible()
    tab_to(page, open_consultation.title)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/consultations/{open_consultation.pk}/")
    page.assert_accessible()

    # Comments on one section, from the link beside it.
    tab_to(page, f"Comment on this section: {section.title}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/respond/\?part=section:.*"))
    assert page.get_by_label("Which part of the draft are you commenting on?").input_value() == f"section:{section.uid}"
    page.assert_accessible()

    # Sending it empty explains what is missing, and the page still passes axe.
    tab_to(page, "Send comment")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.title().startswith("Error: ")
    assert page.get_by_role("alert").get_by_text("Enter your comment").is_visible()
    page.assert_accessible()

    tab_to(page, "Your comment", by="label")
    page.keyboard.type(COMMENT)
    tab_to(page, "Member of the public", by="label")
    page.keyboard.press("Space")
    tab_to(page, "Send comment")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sent/**")
    reference = page.locator("#reference").inner_text().strip()
    assert re.fullmatch(r"PCP-[0-9A-Z]{4}-[0-9A-Z]{2}", reference)
    page.assert_accessible()
    stored = Response.objects.get(reference=reference)
    assert (stored.text, str(stored.section_uid)) == (COMMENT, section.uid)

    # Staff find it in the moderation queue, tag it, and see it counted in the analysis.
    page.sign_in("staff1")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Consultations").click()
    page.get_by_role("link", name="manage consultations and their responses").click()
    page.get_by_role("link", name=open_consultation.title).click()
    page.get_by_role("link", name="Moderation queue: new responses").click()
    page.assert_accessible()
    page.get_by_role("link", name=reference).click()
    # Shown as the text that was typed, never as markup.
    assert page.get_by_text("<b>Not everyone can use the internet.</b>").is_visible()
    page.assert_accessible()
    page.get_by_label("Add a new theme (optional)").fill("Access to the police")
    page.get_by_role("button", name="Save themes").click()
    assert page.get_by_label("Access to the police").is_checked()
    assert list(Theme.objects.get(name="Access to the police").responses.all()) == [stored]

    page.get_by_role("link", name=f"Responses to {open_consultation.title}").click()
    page.get_by_role("link", name="Analyse all").click()
    theme_table = page.get_by_role("table", name=re.compile("Responses by theme"))
    assert theme_table.get_by_role("row", name=re.compile("Access to the police 1 100.0%")).is_visible()
    assert page.get_by_role("img", name=re.compile("Bar chart of responses by theme")).is_visible()
    page.assert_accessible()


def test_a_comment_posted_after_the_window_closed_is_refused_and_nothing_is_stored(
    mobile_page: Any, open_consultation: Consultation
) -> None:
    page = mobile_page
    page.goto(f"/consultations/{open_consultation.pk}/respond/")
    page.assert_accessible()
    page.get_by_label("Your comment").fill("Speeding on the A39 through Williton is getting worse.")
    page.get_by_label("Member of the public").check()
    # The window closes while the resident is still writing.
    closed_at = timezone.now() - datetime.timedelta(minutes=1)
    Consultation.objects.filter(pk=open_consultation.pk).update(closes_at=closed_at)
    page.get_by_role("button", name="Send comment").click()
    assert page.get_by_role("heading", name="This consultation has closed").is_visible()
    assert page.get_by_text("Your comment has not been sent").is_visible()
    assert page.get_by_text(f"It closed on {timezone.localtime(closed_at):%-d %B %Y}").is_visible()
    page.assert_accessible()
    assert not Response.objects.exists()
    # The refusal is a 403, which Chromium logs as a console error: expected here, and
    # the only problem the page reported.
    assert page.problems == [
        "console error: Failed to load resource: the server responded with a status of 403 (Forbidden)"
    ]
    page.problems.clear()
