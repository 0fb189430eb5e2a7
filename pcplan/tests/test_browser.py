"""In headless Chromium, as people would: sign in by label, read the navigation, and
check each page with axe."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("seed_demo", allow_production=True, stdout=StringIO())


def _nav_labels(page: Any) -> list[str]:
    return [
        label.strip() for label in page.get_by_role("navigation", name="Menu").get_by_role("link").all_inner_texts()
    ]


@pytest.mark.parametrize(
    ("username", "role", "expected"),
    [
        ("staff", "OPCC staff", ["Plans", "Panel reviews"]),
        ("publisher", "Publisher", ["Plans", "Panel reviews"]),
        ("panel", "Panel member", ["Panel reviews"]),
        ("force", "Force liaison", ["Plans"]),
    ],
)
def test_each_demo_role_signs_in_and_sees_its_navigation(
    browser_page: Any, demo: None, username: str, role: str, expected: list[str]
) -> None:
    browser_page.sign_in(username, "pcplan-demo")
    assert f"({role})" in browser_page.locator("header").inner_text()
    labels = _nav_labels(browser_page)
    for label in expected:
        assert label in labels
    assert "Sign in" not in labels
    browser_page.assert_accessible()
    browser_page.get_by_role("button", name="Sign out").click()
    assert "Sign in" in _nav_labels(browser_page)


def test_anonymous_visitors_see_only_public_pages(browser_page: Any, demo: None) -> None:
    browser_page.goto("/")
    labels = _nav_labels(browser_page)
    assert "Sign in" in labels
    assert "Plans" not in labels
    # Every menu entry an anonymous visitor sees opens a page, not the sign-in page.
    for label in labels:
        if label == "Sign in":
            continue
        browser_page.goto("/")
        browser_page.get_by_role("navigation", name="Menu").get_by_role("link", name=label).click()
        assert "/accounts/login/" not in browser_page.url, label
    browser_page.goto("/plans/")
    assert "/accounts/login/" in browser_page.url
    assert browser_page.get_by_role("heading", name="Sign in").is_visible()


def test_home_and_sign_in_pages_have_no_accessibility_violations(browser_page: Any, demo: None) -> None:
    browser_page.goto("/")
    browser_page.assert_accessible()
    browser_page.goto("/accounts/login/")
    browser_page.assert_accessible()
    # The error state too: a wrong password shows the GOV.UK error summary.
    browser_page.get_by_label("User name").fill("staff")
    browser_page.get_by_label("Password").fill("not-the-password")
    browser_page.get_by_role("button", name="Sign in").click()
    assert browser_page.get_by_role("alert").get_by_text("Enter a correct user name and password").is_visible()
    browser_page.assert_accessible()


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(browser_page: Any, demo: None) -> None:
    browser_page.goto("/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main-content"


def test_the_menu_works_on_a_phone(mobile_page: Any, demo: None) -> None:
    mobile_page.sign_in("staff", "pcplan-demo")
    menu = mobile_page.get_by_role("button", name="Menu")
    assert menu.is_visible()
    menu.click()
    assert mobile_page.get_by_role("navigation", name="Menu").get_by_role("link", name="Plans", exact=True).is_visible()
    mobile_page.assert_accessible()


def test_the_axe_check_fails_on_a_real_violation(browser_page: Any, demo: None) -> None:
    """The harness itself: an image without alternative text and an unlabelled input fail."""
    browser_page.goto("/")
    browser_page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<img src="/static/pcplan/favicon.svg"><input type="text">\')'
    )
    with pytest.raises(AssertionError, match="image-alt"):
        browser_page.assert_accessible()
