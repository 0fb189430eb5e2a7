"""An OPCC sets up pcplan in the browser, from an empty database: the link `create_area`
prints, the first Publisher's account and authenticator app, the police area with two
Districts, a colleague invited by e-mail who sets a password, sets up their own
authenticator app and signs in with a code.

The issue's whole journey goes on from here (importing a plan from Word, cutting V1 and
exporting it to Word): `test_an_opcc_sets_up_pcplan_from_an_empty_database` ends where
that continues, signed in as the new member of staff.
"""

import re
from base64 import b32decode
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.helpers import code_for, fresh_code

pytestmark = pytest.mark.browser

PUBLISHER_EMAIL = "sue.mountstevens@avonandsomerset.example.org.uk"
STAFF_EMAIL = "joanna.pryce@avonandsomerset.example.org.uk"
PUBLISHER_PASSWORD = "Valley-Road-Portishead-2016"  # noqa: S105 - test people's passwords
STAFF_PASSWORD = "Strategic-Planning-Group-V1"  # noqa: S105
PHONE_WIDTH = 375


@dataclass
class Person:
    email: str
    password: str


def _path_of(url_in_text: str, text: str) -> str:
    found = re.search(rf"https?://[^/\s]+({url_in_text}\S*)", text)
    assert found, text
    return found.group(1)


def _fits_a_phone(page: Any) -> None:
    desktop = page.viewport_size
    page.set_viewport_size({"width": PHONE_WIDTH, "height": desktop["height"]})
    try:
        width = page.evaluate(
            "({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
        )
    finally:
        page.set_viewport_size(desktop)
    assert width["scroll"] <= width["client"], f"{page.url} scrolls sideways on a phone: {width}"


def _check(page: Any) -> None:
    """Every page on the way meets the standards: axe, and a phone's width."""
    page.assert_accessible()
    _fits_a_phone(page)


def _enrol_authenticator(page: Any) -> str:
    """On "Set up an authenticator app": type the key shown into a (computed) app, enter
    its code, keep the recovery codes and continue. Returns the key."""
    assert page.get_by_role("heading", name="Set up an authenticator app").is_visible()
    _check(page)
    key = page.locator("#authenticator-key").inner_text().replace(" ", "")
    device = TOTPDevice(key=b32decode(key).hex())
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Set up the authenticator app").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Your recovery codes").is_visible()
    _check(page)
    assert page.get_by_role("list", name="Recovery codes").get_by_role("listitem").count() == 10
    page.get_by_role("button", name="I have kept my recovery codes: continue").click()
    page.wait_for_load_state()
    return key


def set_up_the_area(page: Any) -> Person:
    """From `create_area`'s link to an area with two Districts; returns the Publisher,
    signed in."""
    out = StringIO()
    call_command("create_area", stdout=out)
    page.goto(_path_of("/setup/", out.getvalue()))
    assert page.get_by_role("heading", name="Set up pcplan for your Office").is_visible()
    _check(page)
    page.get_by_label("First name").fill("Sue")
    page.get_by_label("Last name").fill("Mountstevens")
    page.get_by_label("E-mail address").fill(PUBLISHER_EMAIL)
    page.get_by_label("Password", exact=True).fill(PUBLISHER_PASSWORD)
    page.get_by_label("Confirm the password").fill(PUBLISHER_PASSWORD)
    page.get_by_role("button", name="Create your account").click()
    page.wait_for_load_state()
    _enrol_authenticator(page)

    assert page.get_by_role("heading", name="Set up pcplan").is_visible()
    _check(page)
    page.get_by_role("link", name="The police area, the Office and the Commissioner").click()
    _check(page)
    page.get_by_label("Police area", exact=True).fill("Avon and Somerset")
    page.get_by_label("Police force").fill("Avon and Somerset Constabulary")
    page.get_by_label("Name of the Office").fill("Office of the Police and Crime Commissioner for Avon and Somerset")
    page.get_by_label("Police and Crime Commissioner", exact=True).fill("Sue Mountstevens")
    elected = page.get_by_role("group", name="Date the Commissioner was elected")
    elected.get_by_label("Day").fill("5")
    elected.get_by_label("Month").fill("5")
    elected.get_by_label("Year").fill("2016")
    page.get_by_label("The Office's e-mail address").fill("pcc@avonandsomerset.example.police.uk")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", name="Districts").is_visible()
    _check(page)
    page.get_by_label("Districts").fill("Bristol\nMendip")
    page.get_by_role("button", name="Add the Districts").click()
    page.wait_for_load_state()
    assert page.get_by_text("Added 2 Districts: Bristol, Mendip.").is_visible()
    return Person(PUBLISHER_EMAIL, PUBLISHER_PASSWORD)


def invite_a_member_of_staff(page: Any) -> Person:
    """The Publisher invites a colleague; the colleague follows the e-mailed link, sets a
    password, sets up an authenticator app, and signs in with a code. Returns them, signed in."""
    page.get_by_role("link", name="Invite your colleagues: OPCC staff, Publishers and the Force liaison").click()
    _check(page)
    page.get_by_role("button", name="Invite a person").click()
    page.wait_for_load_state()
    _check(page)
    page.get_by_label("First name").fill("Joanna")
    page.get_by_label("Last name").fill("Pryce")
    page.get_by_label("E-mail address").fill(STAFF_EMAIL)
    page.get_by_label("OPCC staff", exact=True).check()
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"Invitation sent to {STAFF_EMAIL}.").is_visible()
    _check(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    invitation = next(message for message in mail.outbox if message.to == [STAFF_EMAIL])
    page.goto(_path_of("/accounts/invitation/", invitation.body))
    assert page.get_by_role("heading", name="Set your password").is_visible()
    _check(page)
    page.get_by_label("New password", exact=True).fill(STAFF_PASSWORD)
    page.get_by_label("Confirm the new password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Set the password").click()
    page.wait_for_load_state()
    _enrol_authenticator(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    page.goto("/accounts/login/")
    page.get_by_label("User name").fill(STAFF_EMAIL)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Enter the code from your authenticator app").is_visible()
    _check(page)
    device = TOTPDevice.objects.get(user__username=STAFF_EMAIL, confirmed=True)
    page.get_by_label("Code").fill(fresh_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.get_by_text("Signed in as Joanna Pryce (OPCC staff)").is_visible()
    return Person(STAFF_EMAIL, STAFF_PASSWORD)


def test_an_opcc_sets_up_pcplan_from_an_empty_database(browser_page: Any) -> None:
    assert not User.objects.exists()
    set_up_the_area(browser_page)
    invite_a_member_of_staff(browser_page)
    browser_page.goto("/plans/")
    assert browser_page.get_by_role("heading", name="Police and Crime Plans").is_visible()
    # The journey goes on here as the new member of staff: import a plan from Word, cut V1,
    # export V1 to Word.
