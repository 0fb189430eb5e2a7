"""The loop closed, in headless Chromium with a real Celery worker: a resident comments and
ticks "tell me what happened"; the window closes; staff theme the comment, link the theme
to a section changed in V2 and draft the outcome; the Publisher publishes it; the worker
e-mails the resident and renders the PDF; the public page shows "you said, we did" with
the change's word diff. Every page on the way passes axe."""

import datetime
import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from consultation.models import Consultation, OutcomeReport, Response
from consultation.tests.factories import ConsultationFactory, cut_later_version_with_change, cut_version
from publishing.models import RenderJob

pytestmark = [pytest.mark.browser, pytest.mark.worker]


@pytest.fixture
def mail_dir(tmp_path: Path, monkeypatch: Any) -> Path:
    # Read by the worker process's settings (EMAIL_URL), so set before it starts.
    monkeypatch.setenv("EMAIL_URL", f"filemail:///{tmp_path}")
    return tmp_path


def _wait_for(check: Any, what: str, timeout: float = 120) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"Waited {timeout} seconds for {what}")


def _type_in_editor(page: Any, label: str, text: str) -> None:
    """The rich-text editor stands in for its textarea: type into the editor that follows
    the label."""
    field = page.locator(".govuk-form-group", has=page.get_by_text(label, exact=True))
    editor = field.locator("[contenteditable=true]").first
    editor.click()
    page.keyboard.type(text)


def test_the_loop_from_comment_to_you_said_we_did(
    mail_dir: Path, celery_worker_process: Any, browser_page: Any, role_users: dict[str, Any], settings: Any
) -> None:
    page = browser_page
    settings.RATELIMIT_CACHE_PREFIX = f"rl:loop:{time.monotonic_ns()}:"
    staff = role_users["staff"]
    version = cut_version(area=staff.area_membership.area, by=staff)
    consultation = ConsultationFactory(version=version, title="Have your say on the draft Police and Crime Plan")

    # A resident comments and asks to be told what happened.
    page.goto(f"/consultations/{consultation.pk}/respond/")
    page.get_by_label("Your comment").fill("I waited 40 minutes for 101 to answer. Publish how long it takes.")
    page.get_by_label("Member of the public").check()
    page.get_by_label("Your e-mail address (optional)").fill("sam.hughes@example.com")
    page.get_by_label(re.compile("I agree to the Office of the Police and Crime Commissioner keeping")).check()
    page.get_by_label(re.compile("Tell me what happened")).check()
    page.assert_accessible()
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_url("**/sent/**")
    reference = page.locator("#reference").inner_text().strip()
    assert Response.objects.get(reference=reference).wants_outcome

    # The window closes; V2 is cut with a section rewritten after the consultation.
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=50), closes_at=timezone.now() - datetime.timedelta(days=1)
    )
    v2, _section_uid = cut_later_version_with_change(version, by=staff)

    # Staff theme the comment.
    page.sign_in("staff1")
    response = Response.objects.get(reference=reference)
    page.goto(f"/consultations/manage/responses/{response.pk}/")
    page.get_by_label("Add a new theme (optional)").fill("101 non-emergency service")
    page.get_by_role("button", name="Save themes").click()
    page.assert_accessible()

    # ... draft the outcome, and link the theme to the section changed in V2.
    page.goto(f"/consultations/manage/{consultation.pk}/")
    page.get_by_role("link", name="Outcome report: you said, we did").click()
    _type_in_editor(page, "Summary", "Thank you to everyone who commented on the draft plan.")
    page.get_by_role("button", name="Save the summary").click()
    page.get_by_text("Summary saved.").wait_for()
    page.assert_accessible()
    page.get_by_role("link", name="101 non-emergency service").click()
    _type_in_editor(page, "What people said", "You told us 101 takes too long to answer.")
    _type_in_editor(page, "What we did", "The plan now promises to publish 101 answering times.")
    page.get_by_role("button", name="Save the theme").click()
    page.get_by_role("link", name="101 non-emergency service").click()
    choose = page.get_by_label("Which change to the plan did it lead to?")
    choose.select_option(label=choose.locator("option", has_text=f"{v2.label}: Section").first.inner_text())
    page.get_by_role("button", name="Link to this change").click()
    assert page.get_by_text(f"The change in {v2.label}: section").is_visible()
    page.assert_accessible()

    # The Publisher publishes it.
    page.context.clear_cookies()
    page.sign_in("publisher1")
    page.goto(f"/consultations/manage/{consultation.pk}/outcome/")
    page.get_by_role("button", name="Publish the outcome report").click()
    page.get_by_text("Outcome report published.").wait_for()
    page.assert_accessible()

    # The real worker sends the resident one e-mail, and the staff page shows it sent.
    sent = _wait_for(
        lambda: "".join(p.read_text() for p in mail_dir.glob("*.log")).count("What happened after"), "the e-mail"
    )
    assert sent == 1
    mail_text = "".join(p.read_text() for p in mail_dir.glob("*.log"))
    assert f"/consultations/{consultation.pk}/outcome/" in mail_text
    assert "/consultations/outcome/stop/" in mail_text

    def progress_done() -> bool:
        page.reload()
        return "1 of 1 e-mail sent, finished" in page.locator("#email-progress").inner_text()

    _wait_for(progress_done, "the e-mail progress")
    _wait_for(
        lambda: RenderJob.objects.filter(consultation=consultation, status=RenderJob.Status.DONE).exists(),
        "the PDF",
        timeout=180,
    )
    assert OutcomeReport.objects.get(consultation=consultation).emails_sent == 1

    # The public consultation page shows "you said, we did" with the change's diff.
    page.context.clear_cookies()
    page.goto(f"/consultations/{consultation.pk}/")
    assert page.get_by_role("heading", name="You said, we did").is_visible()
    assert page.get_by_text("You told us 101 takes too long to answer.").is_visible()
    change = page.get_by_role("group", name=re.compile(f"The change in {v2.label}"))
    assert change.locator("ins").first.is_visible()
    assert "publish the 101 call answering times" in change.inner_text()
    page.assert_accessible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the outcome report (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
