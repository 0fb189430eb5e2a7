"""In headless Chromium, as a Publisher would: render every document of a version and watch
them finish, try to publish while the Chief Constable has not been consulted and see what
is missing, have the Force liaison record the Chief Constable's comments on their own page,
publish, and find the PDFs and the plan as a web page on the public site. Axe on each page."""

import datetime
import io
import re
from typing import Any

import pytest
from django.utils import timezone

from performance.quarters import Quarter
from performance.tests.factories import MeasureFactory, readings
from plans.models import Plan
from plans.snapshot import PlanContent
from publishing import services
from publishing.models import Publication, RenderJob
from publishing.tests.factories import statute_met

pytestmark = pytest.mark.browser


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def version(transactional_db: Any, area: Any, role_users: dict[str, Any]) -> Any:
    """V1 of a new plan that meets the statute except the Chief Constable's consultation,
    with a measure of performance and its readings, nothing rendered yet."""
    version = statute_met(area=area, users=role_users, chief_constable=False, render=False)
    # The final phase: its documents say they are published today, not "Draft V1".
    Plan.objects.filter(pk=version.plan_id).update(stage=Plan.Stage.FINAL)
    version.plan.refresh_from_db()
    objective = version.plan.objectives.filter(district__isnull=True).order_by("order").first()
    # The baseline year's quarters, before V1 was cut, so the full plan charts them.
    a_year_ago = Quarter.containing(timezone.localdate() - datetime.timedelta(days=365))
    readings(MeasureFactory(plan=version.plan, objective=objective), ["65.3", "62.0", "61.0"], first=a_year_ago)
    return version


def test_a_publisher_renders_is_refused_then_publishes_and_the_public_finds_the_plan(
    browser_page: Any, version: Any
) -> None:
    page = browser_page
    plan = version.plan

    # Render every document of V1 and watch them finish (tasks run in-process here).
    page.sign_in("publisher1")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Documents").click()
    page.get_by_role("link", name=f"Documents of V1 of {plan.title}").click()
    assert page.get_by_text("0 of 14 documents rendered.").is_visible()
    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name="Render all documents").click(timeout=120_000)
    assert page.get_by_text("14 of 14 documents rendered.").is_visible()
    assert page.get_by_role("table", name="The documents of V1").get_by_text("Done", exact=True).count() == 14
    page.assert_accessible()

    # Try to publish: refused, with what is missing.
    page.get_by_role("button", name="Publish V1").click()  # a link that looks like a button
    assert page.get_by_role("heading", name="V1 cannot be published yet").is_visible()
    missing = page.get_by_role("list", name="What must be done before publishing")
    assert missing.get_by_role("listitem").count() == 1
    assert "The Chief Constable was consulted on the draft" in missing.inner_text()
    assert page.get_by_role("button", name="Publish V1").count() == 0
    page.assert_accessible()
    page.get_by_role("link", name="See each requirement with its evidence").click()
    requirement = page.locator("#requirement-chief-constable-consulted")
    assert requirement.get_by_text("Not met", exact=True).is_visible()
    page.assert_accessible()

    # The Force liaison records the Chief Constable's comments, on the page made for it.
    page.get_by_role("button", name="Sign out").click()
    page.sign_in("force1")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Chief Constable's comments").click()
    page.get_by_role("link", name="Record comments on V1").click()
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("The Chief Constable's comments").fill(
        "The Chief Constable supports the priorities of draft V1 and can deliver them within the resources set out."
    )
    page.get_by_role("button", name="Record the comments").click()
    assert page.get_by_role("alert").get_by_text("have been recorded").is_visible()

    # The Publisher publishes.
    page.get_by_role("button", name="Sign out").click()
    page.sign_in("publisher1")
    page.goto(f"/documents/{plan.pk}/compliance/")
    assert page.get_by_text("All 15 requirements that apply are met.").is_visible()
    page.get_by_role("button", name="Publish V1").click()
    assert page.get_by_role("heading", name="Publish V1", level=1).is_visible()
    page.assert_accessible()
    page.get_by_role("button", name="Publish V1").click()
    page.wait_for_url(re.compile(rf"/published/{plan.area.slug}/{plan.slug}/$"))
    assert page.get_by_role("alert").get_by_text("V1 of the Police and Crime Plan 2016-21 is published.").is_visible()
    publication = Publication.objects.get()
    assert publication.version == version

    # The public site, signed out: the plan's page, its PDFs and the plan as a web page.
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Published plans").click()
    page.get_by_role("link", name=f"Avon and Somerset: {plan.title}").click()
    assert page.get_by_role("heading", level=1).inner_text() == plan.title
    files = page.get_by_role("table", name=re.compile(r"^Version 1, published .*: its documents as PDFs$"))
    assert files.get_by_role("row").count() == 1 + 14
    full = publication.documents.get(format=RenderJob.Format.FULL)
    assert files.get_by_text(full.sha256).is_visible()
    page.assert_accessible()

    with page.expect_download() as download_info:
        files.get_by_role("link", name="Full plan (V1, PDF)").click()
    download = download_info.value
    assert download.suggested_filename == full.download_name
    from pypdf import PdfReader

    with open(download.path(), "rb") as pdf:
        data = pdf.read()
    assert data.startswith(b"%PDF-")
    text = _words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    content = PlanContent.from_json(version.content)
    for objective in content.objectives:
        assert _words(objective.title) in text, objective.title

    page.get_by_role("link", name="The full plan").click()
    assert page.get_by_role("heading", level=1).inner_text() == plan.title
    for objective in content.force_wide_objectives:
        assert page.get_by_role("heading", name=objective.title).first.is_visible()
    chart = page.get_by_role("img", name=re.compile(r"^Line chart of Number of crimes per 1000 population"))
    assert chart.is_visible()
    page.assert_accessible()

    page.go_back()
    page.get_by_role("link", name="Bristol District plan").click()
    assert page.get_by_role("heading", name="Priorities for Bristol").is_visible()
    page.assert_accessible()


def test_the_public_plan_page_reads_on_a_phone(mobile_page: Any, version: Any, role_users: dict[str, Any]) -> None:
    from panel.services import chief_constable_comment_record
    from publishing.tests.factories import render_all_done

    chief_constable_comment_record(
        version=version, text="Supports the priorities.", recorded_on=timezone.localdate(), by=role_users["force"]
    )
    render_all_done(version)
    services.plan_publish(version=version, by=role_users["publisher"], notify=False)
    plan = version.plan
    mobile_page.goto(f"/published/{plan.area.slug}/{plan.slug}/")
    assert mobile_page.get_by_role("heading", level=1).inner_text() == plan.title
    overflow = mobile_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the page scrolls sideways on a phone"
    mobile_page.assert_accessible()
