"""The budget the plan sets out: staff enter its lines by year (optionally for one
District); the plan's page shows them as a table and a chart; versions keep them."""

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from plans.budget import budget_of, money
from plans.models import BudgetLine
from plans.services import budget_line_create, version_cut
from plans.snapshot import PlanContent, content_from_plan
from plans.tests.factories import PlanFactory


@pytest.fixture
def plan(area: Any) -> Any:
    return PlanFactory(area=area)


def test_staff_add_a_budget_line_and_see_it_in_the_table_and_chart(staff_client: Any, plan: Any) -> None:
    url = reverse("plans:budget_line_create", kwargs={"plan_id": plan.pk})
    response = staff_client.post(
        url, {"year": "2016", "kind": "funding", "label": "Police grant from the Home Office", "amount": "£163,100,000"}
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert (line.year_label, line.amount) == ("2016-17", Decimal("163100000"))
    page = staff_client.get(reverse("plans:plan_detail", kwargs={"plan_id": plan.pk})).content.decode()
    assert "Police grant from the Home Office" in page
    assert "£163,100,000" in page
    assert 'class="app-chart app-budget-chart"' in page
    assert "Funding £163.1m" in page, "the chart's alternative text gives its figures"


def test_a_year_outside_the_plan_and_a_missing_amount_are_refused_by_the_field(staff_client: Any, plan: Any) -> None:
    url = reverse("plans:budget_line_create", kwargs={"plan_id": plan.pk})
    page = staff_client.post(url, {"year": "2030", "kind": "funding", "label": "Precept"}).content.decode()
    assert "Choose a financial year of the plan" in page
    assert "Enter the amount of the line" in page
    assert not BudgetLine.objects.exists()


def test_a_version_keeps_the_budget_and_content_without_one_keeps_its_hash(plan: Any, role_users: Any) -> None:
    before = content_from_plan(plan)
    assert "budget" not in before.to_json(), "content cut before budgets existed keeps its hash"
    bristol = plan.area.districts.get(name="Bristol")
    budget_line_create(
        plan=plan,
        by=None,
        year=2016,
        kind="chief_constable",
        label="Neighbourhood policing",
        amount=Decimal(9e6),
        district=bristol,
    )
    version = version_cut(plan=plan, by=role_users["staff"], note="V1")
    content = PlanContent.from_json(version.content)
    [line] = content.budget
    assert (line.label, line.amount_decimal, line.district.name) == ("Neighbourhood policing", Decimal(9e6), "Bristol")
    assert content.budget_for("bristol") == [line] and content.budget_for("mendip") == []
    assert content.content_hash != before.content_hash


def test_the_budget_is_grouped_by_year_with_totals_by_part(plan: Any) -> None:
    for year, kind, label, amount in [
        (2016, "funding", "Police grant", "163100000"),
        (2016, "funding", "Council tax precept", "107300000"),
        (2016, "chief_constable", "Policing", "262400000"),
        (2017, "funding", "Police grant", "161500000"),
    ]:
        budget_line_create(plan=plan, by=None, year=year, kind=kind, label=label, amount=Decimal(amount))
    budget = budget_of(list(content_from_plan(plan).budget))
    first, second = budget.years
    assert first.label == "2016-17"
    assert [(t.label, money(t.amount)) for t in first.totals] == [
        ("Funding", "£270.4m"),
        ("Given to the Chief Constable", "£262.4m"),
    ]
    assert second.funding == Decimal("161500000")
    assert budget.chart is not None and budget.chart.data_uri.startswith("data:image/svg+xml;base64,")
