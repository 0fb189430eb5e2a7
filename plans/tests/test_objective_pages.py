"""Objectives with their commitments by actor, and grants."""

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from plans.models import Commitment, Grant, Objective
from plans.tests.factories import DistrictFactory, PoliceAreaFactory


def _objective_url(objective: Objective, name: str = "plans:objective_edit") -> str:
    return reverse(name, kwargs={"plan_id": objective.plan_id, "objective_id": objective.pk})


def test_an_objective_is_added_for_a_district_with_commitments_by_each_actor(staff_client: Any, plan: Any) -> None:
    mendip = DistrictFactory(area=plan.area, name="Mendip", slug="mendip")
    response = staff_client.post(
        reverse("plans:objective_create", kwargs={"plan_id": plan.pk}),
        {
            "title": "Improving road safety for all road users",
            "theme": "Communities",
            "aim": "Fewer people killed or seriously injured on Mendip's rural roads.",
            "district": mendip.pk,
        },
    )
    objective = plan.objectives.get(title="Improving road safety for all road users")
    assert response["Location"] == _objective_url(objective)
    assert objective.district == mendip and objective.order == plan.objectives.count() - 1
    add = reverse("plans:commitment_create", kwargs={"plan_id": plan.pk, "objective_id": objective.pk})
    staff_client.post(
        add, {"actor": "chief_constable", "text": "Target speeding on the routes where collisions cluster."}
    )
    staff_client.post(add, {"actor": "partners", "text": "Fund road safety education in Mendip's schools."})
    page = staff_client.get(_objective_url(objective)).content.decode()
    assert "<strong>I expect the Chief Constable to</strong> Target speeding" in page
    assert "<strong>I will work with partners to</strong> Fund road safety" in page


def test_a_commitment_needs_an_actor_and_words(staff_client: Any, plan: Any) -> None:
    objective = plan.objectives.first()
    add = reverse("plans:commitment_create", kwargs={"plan_id": plan.pk, "objective_id": objective.pk})
    response = staff_client.post(add, {"actor": "", "text": "Champion victims' interests."})
    page = response.content.decode()
    assert "Choose who makes this commitment" in page and "Champion victims&#x27; interests." in page
    response = staff_client.post(add, {"actor": "pcc", "text": ""})
    assert "Enter the commitment" in response.content.decode()


def test_commitments_are_reordered_edited_and_removed(staff_client: Any, plan: Any) -> None:
    objective = plan.objectives.first()
    first, second, third = objective.commitments.order_by("order", "pk")
    move = reverse("plans:commitment_move", kwargs={"plan_id": plan.pk, "commitment_id": third.pk})
    response = staff_client.post(move, {"direction": "up"})
    assert response["Location"] == _objective_url(objective) + "#commitments"
    assert list(objective.commitments.order_by("order")) == [first, third, second]
    staff_client.post(move, {"direction": "up"})
    staff_client.post(move, {"direction": "up"})  # already first: nothing moves
    assert list(objective.commitments.order_by("order")) == [third, first, second]
    edit = reverse("plans:commitment_edit", kwargs={"plan_id": plan.pk, "commitment_id": second.pk})
    staff_client.post(
        edit,
        {"actor": "pcc", "text": "Commission a high quality service for all victims of crime.", "revision": 1},
    )
    second.refresh_from_db()
    assert second.actor == "pcc" and second.text.startswith("Commission a high quality")
    remove = reverse("plans:commitment_delete", kwargs={"plan_id": plan.pk, "commitment_id": first.pk})
    assert staff_client.post(remove).status_code == 302
    assert list(objective.commitments.order_by("order")) == [third, second]


def test_removing_an_objective_keeps_its_grants_unlinked(staff_client: Any, plan: Any) -> None:
    grant = plan.grants.get()
    objective = grant.objective
    staff_client.post(_objective_url(objective, "plans:objective_delete"))
    assert not Objective.objects.filter(pk=objective.pk).exists()
    assert not Commitment.objects.filter(objective_id=objective.pk).exists()
    grant.refresh_from_db()
    assert grant.objective is None


def test_a_district_of_another_area_cannot_be_posted(staff_client: Any, plan: Any) -> None:
    plymouth = DistrictFactory(area=PoliceAreaFactory(), name="Plymouth", slug="plymouth")
    objective = plan.objectives.first()
    response = staff_client.post(
        _objective_url(objective), {"title": objective.title, "theme": "", "aim": "", "district": plymouth.pk}
    )
    assert "Choose a District of this police area" in response.content.decode()
    objective.refresh_from_db()
    assert objective.district is None


def _grant_data(**overrides: str) -> dict[str, str]:
    return {
        "recipient": "Somerset Community Safety Partnership",
        "purpose": "Domestic abuse services across the five districts of Somerset",
        "amount": "286500",
        "conditions": "Services commissioned in line with the Victims' Code; annual outcomes report.",
        "objective": "",
        **overrides,
    }


def test_a_grant_is_recorded_with_an_amount_written_as_people_write_it(staff_client: Any, plan: Any) -> None:
    objective = plan.objectives.first()
    url = reverse("plans:grant_create", kwargs={"plan_id": plan.pk})
    response = staff_client.post(url, _grant_data(amount="£286,500.50", objective=str(objective.pk)))
    assert response.status_code == 302 and response["Location"].endswith("#grants")
    grant = plan.grants.get(recipient="Somerset Community Safety Partnership")
    assert grant.amount == Decimal("286500.50") and grant.objective == objective
    assert "£286,500.50" in staff_client.get(plan.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("two hundred thousand", "Enter the amount as a number of pounds, like 125000 or 125000.50"),
        ("NaN", "Enter the amount as a number of pounds, like 125000 or 125000.50"),
        ("-500", "Enter an amount of £0 or more"),
        ("12.345", "Enter the amount to the nearest penny"),
        ("", "Enter the amount of the grant"),
        ("1e400", "Enter an amount below £10,000,000,000"),
    ],
)
def test_an_amount_that_is_not_a_sum_of_money_is_refused_by_the_field(
    staff_client: Any, plan: Any, amount: str, message: str
) -> None:
    response = staff_client.post(reverse("plans:grant_create", kwargs={"plan_id": plan.pk}), _grant_data(amount=amount))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(message) == 2, "in the error summary and by the field"
    assert f'value="{amount}"' in page if amount else True
    assert "Somerset Community Safety Partnership" in page
    assert not plan.grants.filter(recipient="Somerset Community Safety Partnership").exists()


def test_a_grant_is_edited_and_removed(staff_client: Any, plan: Any) -> None:
    grant = plan.grants.get()
    url = reverse("plans:grant_edit", kwargs={"plan_id": plan.pk, "grant_id": grant.pk})
    page = staff_client.get(url).content.decode()
    assert 'value="125000.00"' in page
    staff_client.post(url, _grant_data(recipient=grant.recipient, amount="130000", revision=str(grant.revision)))
    grant.refresh_from_db()
    assert grant.amount == Decimal("130000")
    staff_client.post(reverse("plans:grant_delete", kwargs={"plan_id": plan.pk, "grant_id": grant.pk}))
    assert not Grant.objects.filter(pk=grant.pk).exists()


def test_a_grant_or_objective_of_another_plan_is_not_found(staff_client: Any, plan: Any, area: Any) -> None:
    from plans.tests.factories import plan_with_content

    other = plan_with_content(area=area)
    grant = other.grants.get()
    url = reverse("plans:grant_edit", kwargs={"plan_id": plan.pk, "grant_id": grant.pk})
    assert staff_client.get(url).status_code == 404
    objective = other.objectives.first()
    url = reverse("plans:objective_edit", kwargs={"plan_id": plan.pk, "objective_id": objective.pk})
    assert staff_client.post(url, {"title": "Hijacked"}).status_code == 404
    response = staff_client.post(
        reverse("plans:grant_create", kwargs={"plan_id": plan.pk}), _grant_data(objective=str(objective.pk))
    )
    assert "Choose an objective of this plan" in response.content.decode()
