"""The Panel's review in headless Chromium, as the people would do it: a member reads V1
and makes recommendations, another member cannot touch them, staff record the responses
(one linked to the change in V2), the Publisher publishes, and the public read it. Each
page passes the axe check."""

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from panel import services
from panel.models import PanelMember, PanelReview, PccResponse, Recommendation
from pcplan.roles import Role
from plans.demo import seed_area, seed_plan, seed_users

pytestmark = pytest.mark.browser


@pytest.fixture
def issued(transactional_db: Any, make_user: Any) -> dict[str, Any]:
    """The demo plan (V1, V2) with V1 just issued to a Panel of two members."""
    area = seed_area()
    users = seed_users(area)
    plan = seed_plan(area, users["staff"])
    from panel.models import Panel

    panel = Panel.objects.create(area=area, name="Avon and Somerset Police and Crime Panel")
    chair = make_user("cllr_hollis", Role.PANEL, user_area=area)
    chair.first_name, chair.last_name = "Margaret", "Hollis"
    chair.save()
    other = make_user("cllr_treharne", Role.PANEL, user_area=area)
    for user, role in ((chair, PanelMember.Role.CHAIR), (other, PanelMember.Role.MEMBER)):
        PanelMember.objects.create(panel=panel, user=user, role=role, term_starts_on=datetime.date(2016, 6, 1))
    staff = make_user("officer", Role.STAFF, user_area=area)
    publisher = make_user("admin_publisher", Role.PUBLISHER, user_area=area)
    review = services.review_issue(
        version=plan.versions.get(number=1),
        panel=panel,
        by=staff,
        comments_deadline=timezone.now() + datetime.timedelta(days=11),
        meeting_date=timezone.localdate() + datetime.timedelta(days=40),
    )
    return {"plan": plan, "review": review, "chair": chair, "other": other, "staff": staff, "publisher": publisher}


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_a_recommendation_followed_from_the_panel_to_the_published_response(
    browser_page: Any, issued: dict[str, Any]
) -> None:
    page = browser_page
    review = issued["review"]

    # A member reads V1.
    page.sign_in("cllr_hollis")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Panel reviews").click()
    page.assert_accessible()
    page.get_by_role("link", name="Police and Crime Plan 2016-21, V1").click()
    page.assert_accessible()
    page.get_by_role("link", name="Read V1 in full").click()
    expect(page.get_by_role("heading", name="Legitimacy", exact=True)).to_be_visible()
    page.assert_accessible()

    # Two recommendations, one of them first sent empty.
    page.get_by_role("link", name="Make a recommendation about “Legitimacy”").click()
    expect(page.get_by_label("What is your recommendation about?")).to_have_value(re.compile("^section:"))
    page.get_by_label("What is your recommendation about?").select_option(label="Legitimacy")
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_role("alert").get_by_text("Enter your recommendation")).to_be_visible()
    assert page.title().startswith("Error: ")
    page.assert_accessible()
    page.get_by_label("Your recommendation", exact=True).fill(
        "Commit to publishing the findings of the scrutiny panels on stop and search on a regular timetable."
    )
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_text("Recommendation 1 saved")).to_be_visible()
    page.get_by_role("button", name="Make a recommendation").click()
    page.get_by_label("What is your recommendation about?").select_option(label="The whole plan")
    page.get_by_label("Your recommendation", exact=True).fill("Set a target for 101 call answering.")
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_text("Recommendation 2 saved")).to_be_visible()
    page.assert_accessible()

    # And changes one.
    page.get_by_role("link", name="Change recommendation 2").click()
    page.assert_accessible()
    page.get_by_label("Your recommendation", exact=True).fill(
        "Report 101 call answering times to the Police and Crime Board every quarter."
    )
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_text("Recommendation 2 updated")).to_be_visible()
    expect(page.get_by_text("Report 101 call answering times")).to_be_visible()
    _sign_out(page)

    # Another member sees them, but cannot change them.
    page.sign_in("cllr_treharne")
    page.goto(f"/panel/reviews/{review.pk}/")
    expect(page.get_by_text("You have not made any recommendations on V1.")).to_be_visible()
    page.get_by_role("link", name="All the Panel's recommendations").click()
    expect(page.get_by_text("Report 101 call answering times")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Change"))).to_have_count(0)
    page.assert_accessible()
    mine = Recommendation.objects.get(review=review, number=2)
    # Asked for directly (not by navigating, so the browser logs no failed page load).
    for action in ("edit", "withdraw"):
        assert page.request.get(f"{page.base_url}/panel/recommendations/{mine.pk}/{action}/").status == 403
    _sign_out(page)

    # The deadline passes.
    now = timezone.now()
    PanelReview.objects.filter(pk=review.pk).update(
        issued_at=now - datetime.timedelta(days=11), comments_deadline=now - datetime.timedelta(minutes=1)
    )

    # Staff record the responses: one accepted with the change in V2, one not accepted.
    page.sign_in("officer")
    page.goto(f"/panel/reviews/{review.pk}/recommendations/")
    page.assert_accessible()
    page.get_by_role("link", name="Record the response to recommendation 1").click()
    page.get_by_role("radio", name="Accepted", exact=True).check()
    page.get_by_label("Did it lead to a change in a later version?").select_option(label="V2: Section: Legitimacy")
    page.assert_accessible()
    page.get_by_role("button", name="Save response").click()
    expect(page.get_by_text("The response to recommendation 1 has been saved")).to_be_visible()
    page.get_by_role("link", name="Record the response to recommendation 2").click()
    page.get_by_role("radio", name="Not accepted").check()
    page.get_by_role("button", name="Save response").click()
    expect(page.get_by_role("alert").get_by_text("Give the reasons")).to_be_visible()
    page.assert_accessible()
    page.get_by_label("Reasons").fill(
        "The Commissioner will scrutinise 101 at the Police and Crime Board; the plan sets no numerical targets."
    )
    page.get_by_role("button", name="Save response").click()
    expect(page.get_by_text("The response to recommendation 2 has been saved")).to_be_visible()
    # The change is shown in place.
    expect(page.locator("#recommendation-1 ins").first).to_be_visible()
    page.assert_accessible()
    assert (
        PccResponse.objects.get(recommendation__number=1, recommendation__review=review).changed_title == "Legitimacy"
    )
    _sign_out(page)

    # The Publisher publishes.
    page.sign_in("admin_publisher")
    page.goto(f"/panel/reviews/{review.pk}/")
    page.get_by_role("button", name="Publish the response").click()
    page.assert_accessible()
    page.get_by_role("button", name="Publish the response").click()
    expect(page.get_by_text("has been published")).to_be_visible()
    _sign_out(page)

    # Anyone reads it.
    page.goto("/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Panel responses").click()
    page.assert_accessible()
    page.get_by_role("link", name=re.compile("response to the Panel's review of draft V1")).click()
    expect(page.get_by_text("Commit to publishing the findings of the scrutiny panels")).to_be_visible()
    expect(page.locator("#recommendation-1").get_by_text("Accepted", exact=True)).to_be_visible()
    expect(page.locator("#recommendation-2").get_by_text("Not accepted")).to_be_visible()
    expect(page.locator("#recommendation-1 ins").first).to_be_visible()
    published = page.get_by_role("term").filter(has_text="Response published").locator("xpath=following-sibling::dd")
    expect(published).to_have_text(date_format(timezone.localdate(), "j F Y"))
    page.assert_accessible()


def test_the_public_response_reads_well_on_a_phone(mobile_page: Any, transactional_db: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", allow_production=True, stdout=StringIO())
    review = PanelReview.objects.get(version__plan__slug="police-and-crime-plan-2016-21", version__number=1)
    mobile_page.goto(f"/panel/responses/{review.pk}/")
    expect(
        mobile_page.get_by_role("heading", name="The Commissioner's response to the Police and Crime Panel")
    ).to_be_visible()
    expect(mobile_page.get_by_text("11 October 2016")).to_be_visible()
    mobile_page.assert_accessible()
    width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"


def test_the_other_panel_pages_pass_the_axe_check(browser_page: Any, transactional_db: Any) -> None:
    """The pages the journey above does not reach, in their normal and error states."""
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", allow_production=True, stdout=StringIO())
    v1_review = PanelReview.objects.get(version__plan__slug="police-and-crime-plan-2016-21", version__number=1)
    plan = v1_review.version.plan
    v2 = plan.versions.get(number=2)
    # The demo sent V2 to the Panel in September 2016; open it again, as if its deadline
    # were ahead, so a member can act on it.
    v2_review = PanelReview.objects.get(version=v2)
    PanelReview.objects.filter(pk=v2_review.pk).update(
        comments_deadline=timezone.now() + datetime.timedelta(days=14),
        meeting_date=timezone.localdate() + datetime.timedelta(days=20),
    )
    v2_review.refresh_from_db()
    mine = services.recommendation_submit(
        review=v2_review,
        member=v1_review.panel.members.get(user__username="panel"),
        text="Say in the foreword how the Panel's recommendations on V1 were answered.",
    )
    page = browser_page

    page.sign_in("panel", "pcplan-demo")
    page.goto(f"/panel/reviews/{v2_review.pk}/compare/")
    expect(page.get_by_role("heading", name="What changed between V1 and V2")).to_be_visible()
    page.assert_accessible()
    page.goto(f"/panel/recommendations/{mine.pk}/withdraw/")
    page.assert_accessible()
    page.goto(f"/panel/reviews/{v1_review.pk}/recommendations/new/")
    expect(page.get_by_role("heading", name="Recommendations have closed")).to_be_visible()
    page.assert_accessible()
    page.goto(f"/panel/reviews/{v2_review.pk}/report/")
    page.get_by_label("The full report as a PDF (optional)").set_input_files(
        files=[{"name": "report.pdf", "mimeType": "application/pdf", "buffer": b"<html>not a pdf</html>"}]
    )
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("alert").get_by_text("Enter the Panel's report")).to_be_visible()
    expect(page.get_by_role("alert").get_by_text("The file must be a PDF")).to_be_visible()
    page.assert_accessible()
    _sign_out(page)

    page.sign_in("staff", "pcplan-demo")
    page.goto(f"/panel/reviews/{v1_review.pk}/")
    page.assert_accessible()
    page.goto(f"/panel/plans/{plan.pk}/issue/")
    page.assert_accessible()
    page.goto("/panel/chief-constable/")
    page.assert_accessible()
    _sign_out(page)

    page.sign_in("publisher", "pcplan-demo")
    page.goto(f"/panel/reviews/{v2_review.pk}/publish/")
    page.assert_accessible()
    _sign_out(page)

    page.sign_in("force", "pcplan-demo")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Chief Constable's comments").click()
    page.get_by_role("link", name="V2", exact=True).click()
    page.assert_accessible()
    page.get_by_role("button", name="Record comments on V2").click()
    page.get_by_role("button", name="Record the comments").click()
    expect(page.get_by_role("alert").get_by_text("Enter the date of the Chief Constable's comments")).to_be_visible()
    page.assert_accessible()
    page.get_by_label("Day").fill("5")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2016")
    page.get_by_label("The Chief Constable's comments").fill("The Chief Constable supports the changes in V2.")
    page.get_by_role("button", name="Record the comments").click()
    expect(page.get_by_text("Dated 5 September 2016")).to_be_visible()
