"""The annual report's passage through the Panel (s12(2)-(5)) and its publication
(s12(6)): each step recorded with its date and who, the gate refusing with what is
missing, the PDF stored with its sha256 and served on the report's public page."""

import hashlib
import smtplib
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from panel.tests.factories import PanelFactory, PanelMemberFactory
from performance.tests.factories import ReadingFactory
from plans.models import Plan
from plans.richtext import html_to_text
from reports import services
from reports.drafting import status_shown
from reports.models import AnnualReportReview
from reports.requirements import evaluate
from reports.tests.factories import report_for, year_of_records

pytestmark = pytest.mark.django_db

FUNCTIONS = "<p>The Police and Crime Board held the Chief Constable to account each quarter.</p>"
PANEL_REPORT = "<p>Recommendation 1: report the 101 call waiting times each quarter.</p>"
RESPONSE = "<p>Accepted: the quarterly performance report will include 101 waiting times.</p>"


@pytest.fixture
def v1(area: Any, role_users: Any) -> Any:
    report = report_for(year_of_records(area=area, by=role_users["staff"]))
    services.annual_report_sections_update(report=report, foreword="", functions=FUNCTIONS, finances="", by=None)
    return services.annual_report_version_cut(report=report, by=role_users["staff"], note="For the Panel")


def _through_the_panel(v1: Any, role_users: Any, *, publish_response: bool = True) -> None:
    report = v1.report
    services.send_to_panel(version=v1, sent_on=v1.cut_at.date(), by=role_users["staff"])
    services.record_meeting(report=report, meeting_on=v1.cut_at.date(), by=role_users["staff"])
    services.record_panel_report(report=report, text=PANEL_REPORT, reported_on=v1.cut_at.date(), by=role_users["panel"])
    services.record_response(report=report, text=RESPONSE, by=role_users["staff"])
    if publish_response:
        services.publish_response(report=report, by=role_users["staff"])


def _unmet(report: Any, version: Any) -> list[str]:
    return [r.requirement.key for r in evaluate(report, version).unmet]


def test_each_panel_step_meets_its_requirement_with_its_date_and_who(v1: Any, role_users: Any) -> None:
    report = v1.report
    assert _unmet(report, v1) == ["sent-to-panel", "presented-to-panel", "panel-answered", "response-published"]
    services.send_to_panel(version=v1, sent_on=v1.cut_at.date(), by=role_users["staff"])
    sent = next(r for r in evaluate(report, v1).results if r.requirement.key == "sent-to-panel")
    assert sent.met and "V1 sent to the Panel on" in sent.evidence.summary and "by Staff1" in sent.evidence.summary
    _through_the_panel_rest(report, v1, role_users)
    assert _unmet(report, v1) == []
    assert report.review.history.count() >= 4
    assert report.review.panel_reported_by == role_users["panel"]


def _through_the_panel_rest(report: Any, v1: Any, role_users: Any) -> None:
    day = v1.cut_at.date()
    services.record_meeting(report=report, meeting_on=day, by=role_users["staff"])
    assert _unmet(report, v1) == ["panel-answered", "response-published"]
    services.record_panel_report(report=report, text=PANEL_REPORT, reported_on=day, by=role_users["panel"])
    services.record_response(report=report, text=RESPONSE, by=role_users["staff"])
    assert _unmet(report, v1) == ["response-published"]
    services.publish_response(report=report, by=role_users["staff"])


def test_a_later_version_than_the_one_sent_does_not_meet_the_panel_steps(v1: Any, role_users: Any) -> None:
    _through_the_panel(v1, role_users)
    services.annual_report_sections_update(
        report=v1.report, foreword="<p>Changed after the Panel.</p>", functions=FUNCTIONS, finances="", by=None
    )
    v2 = services.annual_report_version_cut(report=v1.report, by=role_users["staff"])
    assert "sent-to-panel" in _unmet(v1.report, v2)


def test_the_steps_go_in_order_and_refuse_impossible_dates(v1: Any, role_users: Any) -> None:
    report = v1.report
    with pytest.raises(ValidationError, match="Send a version of the report to the Panel first"):
        services.record_meeting(report=report, meeting_on=date(2017, 6, 20), by=role_users["staff"])
    with pytest.raises(ValidationError, match="cannot be sent before"):
        services.send_to_panel(version=v1, sent_on=date(2000, 1, 1), by=role_users["staff"])
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.send_to_panel(version=v1, sent_on=date(2999, 1, 1), by=role_users["staff"])
    services.send_to_panel(version=v1, sent_on=v1.cut_at.date(), by=role_users["staff"])
    with pytest.raises(ValidationError, match="Record the Panel's report before the response"):
        services.record_response(report=report, text=RESPONSE, by=role_users["staff"])
    with pytest.raises(ValidationError, match="Enter the Panel's report"):
        services.record_panel_report(
            report=report, text="<script>x</script>", reported_on=v1.cut_at.date(), by=role_users["panel"]
        )


def test_the_gate_refuses_publication_with_what_is_missing_until_the_response_is_published(
    v1: Any, role_users: Any, publisher_client: Any
) -> None:
    _through_the_panel(v1, role_users, publish_response=False)
    url = reverse("reports:publish", kwargs={"report_id": v1.report_id, "number": 1})
    refused = publisher_client.post(url)
    assert refused.status_code == 409
    assert "Publish the response to the Panel" in refused.content.decode()
    assert not hasattr(v1.report, "publication") or v1.report.publication is None

    services.publish_response(report=v1.report, by=role_users["staff"])
    response = publisher_client.post(url)
    assert response.status_code == 302
    publication = v1.report.__class__.objects.get(pk=v1.report_id).publication
    data = publication.pdf.open("rb").read()
    assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == publication.sha256

    # The public page, for anyone: the PDF with its checksum, the Panel's report and the response.
    publisher_client.logout()
    page = publisher_client.get(response["Location"]).content.decode()
    assert publication.sha256 in page
    assert "report the 101 call waiting times" in page and "will include 101 waiting times" in page
    pdf = publisher_client.get(reverse("reports:public_pdf", kwargs={"report_id": v1.report_id}))
    assert b"".join(pdf.streaming_content) == data


def test_the_plans_public_page_links_to_its_published_annual_report(v1: Any, role_users: Any, client: Any) -> None:
    _through_the_panel(v1, role_users)
    plan = v1.report.plan
    Plan.objects.filter(pk=plan.pk).update(stage=Plan.Stage.PUBLISHED)
    publication = services.publish(version=v1, by=role_users["publisher"])
    # The plan's public page needs a publication of the plan; the factory's plan has none,
    # so the link is read from the template tag the page uses.
    from reports.templatetags.annual_reports import published_annual_reports

    assert published_annual_reports(plan) == [publication]


def test_staff_cannot_publish_and_the_panel_sees_the_review_only_once_sent(
    v1: Any, role_users: Any, client: Any, staff_client: Any
) -> None:
    url = reverse("reports:review", kwargs={"report_id": v1.report_id})
    client.force_login(role_users["panel"])
    assert client.get(url).status_code == 404
    staff_client.force_login(role_users["staff"])
    assert (
        staff_client.post(reverse("reports:publish", kwargs={"report_id": v1.report_id, "number": 1})).status_code
        == 403
    )
    sent = staff_client.post(
        reverse("reports:send", kwargs={"report_id": v1.report_id}),
        {"version": "1", "sent_on_0": "32", "sent_on_1": "13", "sent_on_2": "2017"},
    )
    assert sent.status_code == 400 and "Enter a real date" in sent.content.decode()
    day = v1.cut_at.date()
    done = staff_client.post(
        reverse("reports:send", kwargs={"report_id": v1.report_id}),
        {"version": "1", "sent_on_0": day.day, "sent_on_1": day.month, "sent_on_2": day.year},
    )
    assert done.status_code == 302, done.content.decode()
    client.force_login(role_users["panel"])
    page = client.get(url)
    assert page.status_code == 200 and "Record the Panel's report" in page.content.decode()
    recorded = client.post(
        reverse("reports:panel_report", kwargs={"report_id": v1.report_id}),
        {"panel_report": PANEL_REPORT, "reported_on_0": day.day, "reported_on_1": day.month, "reported_on_2": day.year},
    )
    assert recorded.status_code == 302
    assert (
        client.get(reverse("reports:version_pdf", kwargs={"report_id": v1.report_id, "number": 1})).status_code == 200
    )


def test_the_public_page_is_the_published_version_as_a_web_page_not_the_live_records(
    area: Any, role_users: Any, client: Any
) -> None:
    # Three quarters signed off; the fourth's reading waits for sign-off.
    report = report_for(year_of_records(area=area, by=role_users["staff"], quarters=3))
    services.annual_report_sections_update(report=report, foreword="", functions=FUNCTIONS, finances="", by=None)
    first = report.plan.measures.order_by("reference").first()
    ReadingFactory(measure=first, quarter_start=date(2017, 1, 1), value=Decimal("57.3"), draft=True)
    v1 = services.annual_report_version_cut(report=report, by=role_users["staff"], note="For the Panel")
    _through_the_panel(v1, role_users)
    publication = services.publish(version=v1, by=role_users["publisher"])
    services.annual_report_sections_update(
        report=report, foreword="<p>Written after publication.</p>", functions=FUNCTIONS, finances="", by=None
    )
    services.annual_report_version_cut(report=report, by=role_users["staff"])

    response = client.get(publication.get_absolute_url())
    page = response.content.decode()
    text = html_to_text(page)
    assert page.count("<h1") == 1
    for objective in v1.content["objectives"]:
        assert objective["title"] in text
        for measure in objective["measures"]:
            block = next(b for b in page.split('<div class="app-measure ') if f"{measure['reference']} ·" in b)
            assert status_shown(measure["year_end_status"]).label in html_to_text(block)
            assert f"Figures for {measure['name']}, 2016/17" in block
    assert "The Police and Crime Board held the Chief Constable to account each quarter." in text
    # The PDF as a download, with its size and pages; the Panel's report and the response.
    assert f"(PDF, {filesizeformat(publication.pdf.size)}, {publication.page_count} pages)" in text
    assert "report the 101 call waiting times" in text and "will include 101 waiting times" in text
    # Neither a reading awaiting sign-off nor a later version's words.
    assert "57.3" not in text
    assert "Written after publication" not in text


# ---------------------------------------------------------------- telling the Panel's members


@pytest.fixture
def members(area: Any) -> list[Any]:
    panel = PanelFactory(area=area)
    # A member whose term ended before the report was sent is not written to.
    PanelMemberFactory(panel=panel, term_ends_on=date(2016, 12, 31))
    return [PanelMemberFactory(panel=panel), PanelMemberFactory(panel=panel), PanelMemberFactory(panel=panel)]


def test_sending_the_report_emails_each_serving_member_the_review_page_and_meeting_date_once(
    v1: Any, members: list[Any], role_users: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.PCPLAN_BASE_URL = "https://pcplan.avonandsomerset-pcc.example.org.uk"
    day = v1.cut_at.date()
    meeting = date(day.year + 1, 6, 20)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_to_panel(version=v1, sent_on=day, meeting_on=meeting, by=role_users["staff"])
    link = "https://pcplan.avonandsomerset-pcc.example.org.uk" + reverse(
        "reports:review", kwargs={"report_id": v1.report_id}
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.user.email for m in members)
    for message in mail.outbox:
        assert len(message.to) == 1, "members must not see each other's addresses"
        assert link in message.body and f"20 June {meeting.year}" in message.body
        assert "annual report 2016/17 (V1)" in message.subject
    review = AnnualReportReview.objects.get(report=v1.report)
    assert review.members_notified_at is not None and review.meeting_on == meeting

    # Sent again (another date), the same version: nobody is written to twice.
    with django_capture_on_commit_callbacks(execute=True):
        services.send_to_panel(version=v1, sent_on=day, by=role_users["staff"])
    assert len(mail.outbox) == len(members)


def test_a_mail_server_failing_partway_tells_each_member_once_when_retried(
    v1: Any, members: list[Any], role_users: Any, server_drops_at: Any
) -> None:
    services.send_to_panel(version=v1, sent_on=v1.cut_at.date(), by=role_users["staff"])  # no commit in a test
    review = AnnualReportReview.objects.get(report=v1.report)
    server_drops_at(2)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.panel_notify_members(review_id=review.pk)
    assert len(mail.outbox) == 1
    assert AnnualReportReview.objects.get(pk=review.pk).members_notified_at is None  # so the task retries
    assert services.panel_notify_members(review_id=review.pk) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.user.email for m in members)
    assert AnnualReportReview.objects.get(pk=review.pk).members_notified_at is not None
    assert services.panel_notify_members(review_id=review.pk) == 0


def test_a_meeting_before_the_report_was_sent_is_refused_next_to_its_field(v1: Any, staff_client: Any) -> None:
    day = v1.cut_at.date()
    response = staff_client.post(
        reverse("reports:send", kwargs={"report_id": v1.report_id}),
        {
            "version": "1",
            **{f"sent_on_{i}": part for i, part in enumerate((day.day, day.month, day.year))},
            **{f"panel_meeting_on_{i}": part for i, part in enumerate((1, 1, 2017))},
        },
    )
    assert response.status_code == 400
    assert "The meeting cannot be before the report was sent to the Panel" in response.content.decode()
    assert not AnnualReportReview.objects.filter(report=v1.report).exists()
