"""Section 12's requirements of an annual report: the list, the compliance page and the
`check_annual_report` command."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from performance.models import Deliverable, QuarterlyReview, Reading
from reports.requirements import REQUIREMENTS, evaluate
from reports.services import annual_report_sections_update, annual_report_version_cut
from reports.tests.factories import report_for, year_of_records

pytestmark = pytest.mark.django_db


def _result(compliance: Any, key: str) -> Any:
    return next(r for r in compliance.results if r.requirement.key == key)


def test_every_requirement_has_a_title_and_a_section_12_citation() -> None:
    assert [r.key for r in REQUIREMENTS] == [
        "functions",
        "progress",
        "sent-to-panel",
        "presented-to-panel",
        "panel-answered",
        "response-published",
    ]
    assert all(r.citation.startswith("PRSR Act 2011 s12") for r in REQUIREMENTS)


def test_the_report_must_cover_the_functions_and_every_priority(area: Any, role_users: Any) -> None:
    plan = year_of_records(area=area, by=role_users["staff"])
    report = report_for(plan)
    draft = evaluate(report)
    assert not _result(draft, "functions").met
    assert _result(draft, "progress").met
    # A priority with no signed-off readings, deliverables or notes for the year is named.
    quiet = plan.objectives.order_by("order").last()
    Reading.objects.filter(measure__objective=quiet).update(approved_at=None)
    Deliverable.objects.filter(objective=quiet).delete()
    QuarterlyReview.objects.all().delete()
    progress = _result(evaluate(report), "progress")
    assert not progress.met
    assert progress.missing == (
        f"“{quiet.title}”: no signed-off reading, deliverable or quarterly review note for 2016/17",
    )
    annual_report_sections_update(
        report=report, foreword="", functions="<p>Police and Crime Board.</p>", finances="", by=None
    )
    v1 = annual_report_version_cut(report=report, by=role_users["staff"])
    assert _result(evaluate(report, v1), "functions").met


def test_the_panel_steps_are_not_met_on_nobodys_word(area: Any, role_users: Any) -> None:
    report = report_for(year_of_records(area=area, by=role_users["staff"]))
    compliance = evaluate(report)
    assert not compliance.all_met
    sent = _result(compliance, "sent-to-panel")
    assert not sent.met and "does not record" in sent.evidence.summary


def test_the_compliance_page_and_the_command_list_each_requirement(
    staff_client: Any, area: Any, role_users: Any
) -> None:
    plan = year_of_records(area=area, by=role_users["staff"])
    report = report_for(plan)
    annual_report_version_cut(report=report, by=role_users["staff"])
    html = staff_client.get(reverse("reports:compliance", kwargs={"report_id": report.pk})).content.decode()
    assert "Checked for <strong>V1</strong>" in html
    assert "5 of the 6 requirements are not met" in html
    assert "PRSR Act 2011 s12(2)" in html
    out = StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("check_annual_report", plan.slug, "2016/17", stdout=out)
    assert exit_code.value.code == 1
    text = out.getvalue()
    assert "[MET] The report sets out the progress made" in text
    assert "[NOT MET] The report was sent to the Police and Crime Panel" in text
