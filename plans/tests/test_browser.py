"""In headless Chromium, as a member of OPCC staff would: create a plan from the template,
write a section in the rich-text editor, cut V1, edit again, cut V2, compare them; and two
people saving the same section. Every page is checked with axe."""

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from lxml import html as lxml_html
from playwright.sync_api import expect

from pcplan.tests.browser_steps import fill_date
from plans.models import Plan

pytestmark = pytest.mark.browser


def _editor(page: Any) -> Any:
    """The rich-text editor, found as a person's screen reader finds it: a text box
    labelled like the field it replaces (once the script has replaced the plain textarea,
    which has the same role and name until then)."""
    page.locator(".prose-editor [contenteditable=true]").wait_for()
    editor = page.get_by_role("textbox", name="Text")
    expect(editor).to_have_attribute("contenteditable", "true")
    return editor


def _type_at_end(page: Any, text: str) -> None:
    editor = _editor(page)
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_staff_create_a_plan_write_it_cut_two_versions_and_compare_them(
    browser_page: Any, transactional_db: Any, role_users: dict[str, Any]
) -> None:
    page = browser_page
    page.sign_in("staff1")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Plans", exact=True).click()
    page.get_by_role("button", name="Create a plan").click()
    page.assert_accessible()

    # A period that ends before it starts: the message is by the field, and nothing is lost.
    page.get_by_label("New plan").check()
    page.get_by_label("Title").fill("Police and Crime Plan 2021-25")
    fill_date(page, "Period starts", "13", "5", "2021")
    fill_date(page, "Period ends", "31", "3", "2020")
    page.get_by_label("Police and Crime Commissioner").fill("Mark Shelford")
    page.get_by_role("button", name="Create the plan").click()
    expect(page.page).to_have_title(re.compile("^Error: "))
    message = "Enter an end date after the start date of the period"
    expect(page.get_by_role("alert").get_by_text(message)).to_be_visible()
    assert page.get_by_label("Title").input_value() == "Police and Crime Plan 2021-25"
    page.assert_accessible()
    page.get_by_role("group", name="Period ends").get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Create the plan").click()

    expect(page.get_by_role("heading", level=1, name="Police and Crime Plan 2021-25")).to_be_visible()
    expect(page.get_by_text("0 of 7 covered, 7 missing.")).to_be_visible()
    page.assert_accessible()
    plan = Plan.objects.get(title="Police and Crime Plan 2021-25")
    assert plan.sections.count() == 11 and plan.milestones.count() == 30

    # Write the foreword in the rich-text editor.
    page.get_by_role("link", name="Foreword and introduction", exact=True).click()
    expect(page.get_by_text("What this section should set out")).to_be_visible()
    _type_at_end(page, "This plan puts victims at the heart of everything we do.")
    page.get_by_role("button", name="Bold").click()
    page.keyboard.type(" Victims first.")
    page.assert_accessible()
    page.get_by_role("button", name="Save the section").click()
    expect(page.get_by_text("Saved Foreword and introduction.")).to_be_visible()
    foreword = plan.sections.get(title="Foreword and introduction")
    assert foreword.body == (
        "<p>This plan puts victims at the heart of everything we do.<strong> Victims first.</strong></p>"
    )

    # Cut V1.
    page.get_by_role("button", name="Cut a version").click()
    page.get_by_label("Why are you cutting this version?").fill("Draft V1 for the Strategic Planning Working Group")
    page.assert_accessible()
    page.get_by_role("button", name="Cut the version").click()
    expect(page.get_by_text("Avon and Somerset: V1, read-only")).to_be_visible()
    expect(page.get_by_text("This plan puts victims at the heart of everything we do.")).to_be_visible()
    page.assert_accessible()

    # Edit again, then cut V2.
    page.get_by_role("navigation", name="This plan").get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Foreword and introduction", exact=True).click()
    _type_at_end(page, " Every district will keep a named neighbourhood team.")
    page.get_by_role("button", name="Save the section").click()
    page.get_by_role("button", name="Cut a version").click()
    expect(page.get_by_role("heading", name="Cut V2")).to_be_visible()
    page.get_by_role("button", name="Cut the version").click()
    expect(page.get_by_text("Cut V2.")).to_be_visible()

    # Compare V1 with V2 with the form, as someone without the URL would.
    page.get_by_role("navigation", name="This plan").get_by_role("link", name="Compare versions").click()
    page.get_by_label("Compare", exact=True).select_option("V1")
    page.get_by_label("with", exact=True).select_option("V2")
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Compare V1 with V2")).to_be_visible()
    expect(page.get_by_role("link", name="Foreword and introduction", exact=True)).to_be_visible()
    inserted = page.locator(".app-diff ins").filter(has_text="Every district will keep a named neighbourhood team")
    assert inserted.count() == 1
    assert "[inserted:" in inserted.inner_text() or inserted.locator(".govuk-visually-hidden").count() == 2
    assert page.locator(".app-diff del").count() == 0
    page.assert_accessible()


@pytest.fixture
def second_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """Another person's browser, failing the test on a CSP violation or script error too."""
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.base_url = live_server.url
    yield page
    context.close()
    assert not problems, problems


def test_two_people_save_the_same_section_and_nothing_is_lost(
    browser_page: Any, second_page: Any, transactional_db: Any, role_users: dict[str, Any], area: Any
) -> None:
    from plans.tests.factories import plan_with_content

    plan = plan_with_content(area=area)
    section = plan.sections.order_by("order").first()
    editor_url = f"/plans/{plan.pk}/sections/{section.pk}/"
    role_users["publisher"].first_name, role_users["publisher"].last_name = "Tom", "Ellery"
    role_users["publisher"].save()

    # Priya (staff) opens the section first.
    browser_page.sign_in("staff1")
    browser_page.goto(editor_url)
    _type_at_end(browser_page, " Priya's sentence about victims.")

    # Tom (publisher) opens it, edits and saves before Priya does.
    from accounts.tests.helpers import fresh_code, give_authenticator

    tom = second_page
    authenticator = give_authenticator(role_users["publisher"])
    tom.goto(tom.base_url + "/accounts/login/")
    tom.get_by_label("User name").fill("publisher1")
    tom.get_by_label("Password").fill("pcplan-test-password")
    tom.get_by_role("button", name="Sign in").click()
    tom.get_by_label("Code").fill(fresh_code(authenticator))
    tom.get_by_role("button", name="Continue").click()
    tom.goto(tom.base_url + editor_url)
    _type_at_end(tom, " Tom's sentence about the 101 service.")
    tom.get_by_role("button", name="Save the section").click()
    expect(tom.get_by_text("Saved ").first).to_be_visible()

    # Priya saves: held back, both texts shown, hers kept in the editor.
    browser_page.get_by_role("button", name="Save the section").click()
    expect(browser_page.get_by_text("Tom Ellery saved this section at ")).to_be_visible()
    expect(browser_page.get_by_text("since you started editing")).to_be_visible()
    theirs = browser_page.get_by_role("heading", name="Their text, as Tom Ellery saved it")
    expect(theirs).to_be_visible()
    expect(browser_page.get_by_text("Tom's sentence about the 101 service.").first).to_be_visible()
    assert "Priya's sentence about victims." in _editor(browser_page).inner_text()
    browser_page.assert_accessible()

    # She merges Tom's sentence into hers and saves against his revision.
    _type_at_end(browser_page, " Tom's sentence about the 101 service.")
    browser_page.get_by_role("button", name="Save the section").click()
    expect(browser_page.get_by_text("Saved ").first).to_be_visible()
    section.refresh_from_db()
    assert "Priya's sentence about victims." in section.body
    assert "Tom's sentence about the 101 service." in section.body
    assert section.revision == 3


def test_two_people_change_the_same_grant_and_the_second_sees_both(
    browser_page: Any, second_page: Any, transactional_db: Any, role_users: dict[str, Any], area: Any
) -> None:
    """The issue's lost update: a grant's amount back to £98,000.00 after another person's
    change. Now the second save is refused, with both amounts in front of that person."""
    from accounts.tests.helpers import fresh_code, give_authenticator
    from plans.models import Grant
    from plans.tests.factories import plan_with_content

    plan = plan_with_content(area=area)
    grant = plan.grants.get()
    grant_url = f"/plans/{plan.pk}/grants/{grant.pk}/"
    role_users["publisher"].first_name, role_users["publisher"].last_name = "Tom", "Ellery"
    role_users["publisher"].save()

    # Priya (staff) opens the grant and types a new amount.
    browser_page.sign_in("staff1")
    browser_page.goto(grant_url)
    browser_page.get_by_label("Amount").fill("98000")

    # Tom (publisher) opens it, changes the amount and saves first.
    tom = second_page
    authenticator = give_authenticator(role_users["publisher"])
    tom.goto(tom.base_url + "/accounts/login/")
    tom.get_by_label("User name").fill("publisher1")
    tom.get_by_label("Password").fill("pcplan-test-password")
    tom.get_by_role("button", name="Sign in").click()
    tom.get_by_label("Code").fill(fresh_code(authenticator))
    tom.get_by_role("button", name="Continue").click()
    tom.goto(tom.base_url + grant_url)
    tom.get_by_label("Amount").fill("130000")
    tom.get_by_role("button", name="Save the grant").click()
    expect(tom.get_by_text("Saved the grant").first).to_be_visible()

    # Priya saves: refused, Tom's amount beside hers, hers still in the form.
    browser_page.get_by_role("button", name="Save the grant").click()
    expect(browser_page.page).to_have_title(re.compile("^Error: "))
    alert = browser_page.get_by_role("alert")
    expect(
        alert.get_by_text(re.compile(r"Tom Ellery saved this grant at \d\d:\d\d, after you opened it"))
    ).to_be_visible()
    row = browser_page.get_by_role("row", name=re.compile("^Amount"))
    expect(row.get_by_role("cell").nth(0)).to_have_text("130,000.00")
    expect(row.get_by_role("cell").nth(1)).to_have_text("98,000.00")
    assert browser_page.get_by_label("Amount").input_value() == "98000"
    assert Grant.objects.get(pk=grant.pk).amount == 130000
    browser_page.assert_accessible()

    # Having looked at both, she saves again: hers is kept now.
    browser_page.get_by_role("button", name="Save the grant").click()
    expect(browser_page.get_by_text("Saved the grant").first).to_be_visible()
    assert Grant.objects.get(pk=grant.pk).amount == 98000


def test_the_editor_keeps_an_image_described_or_marked_decorative(
    browser_page: Any, transactional_db: Any, role_users: dict[str, Any], area: Any
) -> None:
    from plans.images import store_image
    from plans.tests.factories import plan_with_content
    from plans.tests.test_section_image import picture

    plan = plan_with_content(area=area)
    section = plan.sections.order_by("order").first()
    photo, border = store_image(picture("PNG"), "png").src, store_image(picture("PNG", size=(600, 40)), "png").src
    described = 'The Commissioner\'s "Safer Streets" walk & talk on Weston-super-Mare seafront'
    section.body = (
        f'<p>Our area.</p><p><img src="{photo}" alt="{html.escape(described)}"></p><p><img src="{border}" alt=""></p>'
    )
    section.save()
    browser_page.sign_in("staff1")
    browser_page.goto(f"/plans/{plan.pk}/sections/{section.pk}/")
    editor = _editor(browser_page)

    # She clicks the decorative border and can see it is selected (a key typed now would
    # replace it). Then she goes to the end and types straight away: the words go after the
    # border, which stays, however quickly the keys come after Ctrl+End. (ProseMirror hears
    # of the caret's move a moment late, so each round caught the old selection, the border,
    # about half the time; five rounds. Each click is on another part of the border, or two
    # clicks on one spot within half a second are a double click.)
    decorative = editor.locator(f'img[src="{border}"]')
    for step, words in enumerate((" There", " is", " more", " to", " say.")):
        decorative.click(position={"x": 50 + 100 * step, "y": 20})
        expect(decorative, "the selected border is outlined").to_have_css("outline-style", "solid")
        browser_page.keyboard.press("Control+End")
        browser_page.keyboard.type(words)
        expect(decorative, f"the border is still there after typing{words!r}").to_have_count(1)
    browser_page.get_by_role("button", name="Save the section").click()
    expect(browser_page.get_by_text("Saved ").first).to_be_visible()
    section.refresh_from_db()
    images = lxml_html.fragment_fromstring(section.body, create_parent="div").findall(".//img")
    assert [(image.get("src"), image.get("alt")) for image in images] == [(photo, described), (border, "")], (
        "the editor keeps both images, the description as written and the decorative mark"
    )
    assert section.body.endswith(f'<p><img src="{border}" alt=""> There is more to say.</p>'), section.body
    browser_page.goto(f"/plans/{plan.pk}/sections/{section.pk}/image/")
    expect(browser_page.get_by_label("The image is decorative: it adds nothing to the text")).not_to_be_checked()
    browser_page.assert_accessible()
