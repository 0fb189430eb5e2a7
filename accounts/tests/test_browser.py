"""An OPCC starts using pcplan in the browser, from an empty database: the link
`create_area` prints, the first Publisher's account and authenticator app, the police area
with two Districts, a colleague invited by e-mail who sets a password, sets up their own
authenticator app and signs in with a code; then that colleague imports the Office's plan
from a Word document, adds its objectives, cuts V1 and downloads it as a Word document for
the Panel's papers. Every page on the way is checked with axe and at a phone's width.
"""

import re
from base64 import b32decode
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.tests.helpers import code_for, fresh_code
from pcplan.tests.browser_steps import assert_fits_a_phone, fill_date
from plans.models import Plan
from plans.snapshot import PlanContent
from plans.tests import word_documents as docs
from plans.tests.word_steps import (
    SEED_000_FILE,
    download_as_word,
    expect_the_preview_of_seed_000,
    headings_of,
    open_the_import_of_a_new_plan,
    upload,
)

pytestmark = pytest.mark.browser

PUBLISHER_EMAIL = "sue.mountstevens@avonandsomerset.example.org.uk"
STAFF_EMAIL = "joanna.pryce@avonandsomerset.example.org.uk"
PUBLISHER_PASSWORD = "Valley-Road-Portishead-2016"  # noqa: S105 - test people's passwords
STAFF_PASSWORD = "Strategic-Planning-Group-V1"  # noqa: S105


@dataclass
class Person:
    email: str
    password: str


def _path_of(url_in_text: str, text: str) -> str:
    found = re.search(rf"https?://[^/\s]+({url_in_text}\S*)", text)
    assert found, text
    return found.group(1)


def _check(page: Any) -> None:
    """Every page on the way meets the standards: axe, and a phone's width."""
    page.assert_accessible()
    assert_fits_a_phone(page)


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
    fill_date(page, "Date the Commissioner was elected", "5", "5", "2016")
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


def import_the_plan_from_word(page: Any) -> Plan:
    """Seed 000's plan, built as a Word document, imported as a new plan: each part of it
    goes where pcplan suggests, and its picture is described."""
    open_the_import_of_a_new_plan(page)
    _check(page)
    upload(page, docs.seed_000_docx())
    expect_the_preview_of_seed_000(page)
    _check(page)
    for number, (_heading, where) in enumerate(SEED_000_GOES, start=1):
        chosen = page.get_by_label(f"Where part {number} goes").locator("option:checked")
        expect(chosen).to_have_text(where)
    assert not Plan.objects.exists(), "nothing is saved before the preview is confirmed"
    page.get_by_label("Describe image 1").fill("Map of the districts of Avon and Somerset")
    page.get_by_role("button", name="Create the plan from this document").click()
    expect(page.get_by_role("heading", level=1, name=docs.TITLE)).to_be_visible()
    expect(page.get_by_text(f"Imported 5 parts of {SEED_000_FILE}")).to_be_visible()
    _check(page)
    return Plan.objects.get(title=docs.TITLE)


def add_an_objective(page: Any, *, title: str, theme: str, district: str, commitment: tuple[str, str]) -> None:
    """From the plan's page: the objective, then one commitment to it; back to the plan."""
    page.get_by_role("button", name="Add an objective").click()
    expect(page.get_by_role("heading", level=1, name="Add an objective")).to_be_visible()
    _check(page)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Theme").fill(theme)
    page.get_by_label("District").select_option(label=district)
    page.get_by_role("button", name="Add the objective").click()
    expect(page.get_by_text(f"Added the objective {title}.")).to_be_visible()
    _check(page)
    page.get_by_role("button", name="Add a commitment").click()
    _check(page)
    actor, text = commitment
    page.get_by_label(actor, exact=True).check()
    page.get_by_label("The commitment").fill(text)
    page.get_by_role("button", name="Add the commitment").click()
    expect(page.get_by_text(f"Added the commitment: {actor} {text}")).to_be_visible()
    page.get_by_role("link", name="Back to the plan").click()


# Where pcplan suggests each part of seed 000's document goes, and the plan's section it becomes:
# the template's sections by the words of the headings; the document's timeline is a section
# the template has not got.
SEED_000_GOES = [
    ("Foreword and introduction", "Into the section Foreword and introduction"),
    ("Priorities and expected outcomes", "Into the section Priorities and expected outcomes"),
    ("Resources", "Into the section Resources"),
    ("Performance and outcomes", "Into the section Performance and outcomes"),
    ("Timescale and approach", "As a new section at the end"),
]
OBJECTIVES = [
    {
        "title": "Protect the most vulnerable from harm",
        "theme": "Vulnerability",
        "district": "Force-wide: the whole police area",
        "commitment": ("I will", "Commission a high quality, effective service for all victims of crime."),
    },
    {
        "title": "Tackling anti-social behaviour and reducing its impact on victims and communities",
        "theme": "Communities",
        "district": "Bristol",
        "commitment": (
            "I will work with partners to",
            "Work with Bristol City Council's Safer Bristol Partnership on problem locations.",
        ),
    },
]


def test_an_opcc_sets_up_pcplan_from_an_empty_database(browser_page: Any, tmp_path: Path) -> None:
    page = browser_page
    assert not User.objects.exists()
    set_up_the_area(page)
    invite_a_member_of_staff(page)

    # The new member of staff brings in the Office's plan from Word and adds its objectives.
    plan = import_the_plan_from_word(page)
    for objective in OBJECTIVES:
        add_an_objective(page, **objective)

    # V1, for the Panel's papers, as a Word document.
    page.get_by_role("button", name="Cut a version").click()
    _check(page)
    page.get_by_label("Why are you cutting this version?").fill("Draft V1 for the Police and Crime Panel")
    page.get_by_role("button", name="Cut the version").click()
    expect(page.get_by_text("Avon and Somerset: V1, read-only")).to_be_visible()
    _check(page)
    filename, document = download_as_word(page, "V1", tmp_path)
    assert filename == f"{plan.slug}-V1.docx"

    v1 = PlanContent.from_json(plan.versions.get(number=1).content)
    headings = headings_of(document)
    assert {section.title for section in v1.sections} >= {section for section, _where in SEED_000_GOES}
    for section in v1.sections:
        assert section.title in headings
    assert [objective.title for objective in v1.objectives] == [o["title"] for o in OBJECTIVES]
    for objective in OBJECTIVES:
        assert objective["title"] in headings
        assert any(objective["commitment"][1] in p.text for p in document.paragraphs)
    # What came from Word went back to Word: the lists, the table and the picture.
    assert any(p.text == "Vulnerability" and p.style.name.startswith("List") for p in document.paragraphs)
    assert any("Draft V1 developed" in cell.text for table in document.tables for cell in table._cells)
    assert document.inline_shapes, "the picture"
