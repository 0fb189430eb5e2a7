"""The plan list, creating a plan, and the plan's overview page."""

from typing import Any

import pytest
from django.urls import reverse

from plans.forms import VARIATION_OF_UNPUBLISHED
from plans.models import Plan
from plans.services import section_update
from plans.snapshot import content_from_plan


def _create(client: Any, **overrides: Any) -> Any:
    data = {
        "kind": "new",
        "predecessor": "",
        "title": "Police and Crime Plan 2021-25",
        "starts_on_0": "13",
        "starts_on_1": "5",
        "starts_on_2": "2021",
        "ends_on_0": "31",
        "ends_on_1": "3",
        "ends_on_2": "2025",
        "pcc_name": "Mark Shelford",
        "pcc_elected_on_0": "",
        "pcc_elected_on_1": "",
        "pcc_elected_on_2": "",
        "vision": "",
    }
    return client.post(reverse("plans:plan_create"), {**data, **overrides})


def test_staff_create_a_plan_from_the_template_and_land_on_its_page(staff_client: Any, area: Any) -> None:
    response = _create(staff_client)
    plan = Plan.objects.get(title="Police and Crime Plan 2021-25")
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert plan.area == area and plan.sections.count() == 11 and plan.milestones.count() == 30
    page = staff_client.get(response["Location"]).content.decode()
    assert "Created Police and Crime Plan 2021-25" in page
    # A new plan has no text yet, so every statutory element is missing, in words.
    assert page.count(">Missing<") == 7
    assert "0 of 7 covered, 7 missing" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "Enter a title for the plan"),
        ({"ends_on_2": "2020"}, "ends_on", "Enter an end date after the start date of the period"),
        ({"starts_on_0": "", "starts_on_1": "", "starts_on_2": ""}, "starts_on", "Enter the date the period starts"),
        ({"starts_on_0": "31", "starts_on_1": "2"}, "starts_on", "Enter the date the period starts as a real date"),
        ({"ends_on_1": "March"}, "ends_on", "Enter the date the period ends as numbers"),
        ({"kind": "refresh"}, "predecessor", "Choose the plan this one refreshes or varies"),
    ],
)
def test_bad_input_is_shown_by_the_field_and_what_was_typed_is_kept(
    staff_client: Any, overrides: dict[str, str], field: str, message: str
) -> None:
    response = _create(staff_client, **{"title": "Police and Crime Plan 2021-25", **overrides})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(message) >= 2, "in the error summary and by the field"
    assert "<title>Error: Create a plan" in page
    assert response.context["form"].errors[field]
    if overrides.get("title", "x").strip():
        assert 'value="Police and Crime Plan 2021-25"' in page
    assert 'value="Mark Shelford"' in page
    assert not Plan.objects.exists()


def test_a_refresh_is_created_from_its_predecessor(staff_client: Any, plan: Any) -> None:
    response = _create(
        staff_client, kind="refresh", predecessor=str(plan.pk), title="Police and Crime Plan 2016-21: refresh"
    )
    refresh = Plan.objects.get(title="Police and Crime Plan 2016-21: refresh")
    assert response.status_code == 302
    assert refresh.predecessor == plan and refresh.kind == Plan.Kind.REFRESH
    assert refresh.sections.count() == plan.sections.count()
    page = staff_client.get(refresh.get_absolute_url()).content.decode()
    assert f'following <a class="govuk-link" href="{plan.get_absolute_url()}">{plan.title}</a>' in page


def test_a_variation_is_only_of_a_published_plan(staff_client: Any, plan: Any) -> None:
    """PRSR Act s5: a variation varies the plan in force, so its predecessor is a published plan."""
    response = _create(staff_client, kind="variation", predecessor=str(plan.pk), title="Variation 2018")
    assert response.status_code == 200
    assert response.context["form"].errors["predecessor"] == [VARIATION_OF_UNPUBLISHED]
    assert not Plan.objects.filter(title="Variation 2018").exists()

    Plan.objects.filter(pk=plan.pk).update(stage=Plan.Stage.PUBLISHED)
    response = _create(staff_client, kind="variation", predecessor=str(plan.pk), title="Variation 2018")
    variation = Plan.objects.get(title="Variation 2018")
    assert response.status_code == 302 and variation.kind == Plan.Kind.VARIATION and variation.predecessor == plan


def test_a_plan_of_another_area_cannot_be_chosen_as_predecessor(staff_client: Any, other_area_plan: Any) -> None:
    response = _create(staff_client, kind="variation", predecessor=str(other_area_plan.pk))
    assert response.status_code == 200
    assert "Choose a plan of your police area" in response.content.decode()
    assert Plan.objects.count() == 1


def test_the_overview_shows_which_sections_cover_each_statutory_element(
    staff_client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    # plan_with_content: four written sections between them covering the seven elements.
    page = staff_client.get(plan.get_absolute_url()).content.decode()
    assert "7 of 7 covered." in page
    resources = next(s for s in plan.sections.all() if "resources" in s.covers)
    section_update(
        section=resources,
        by=role_users["staff"],
        expected_revision=resources.revision,
        title=resources.title,
        body="<p> </p>",
        covers=resources.covers,
        addresses_spr=False,
        in_public_summary=False,
        district=None,
    )
    page = staff_client.get(plan.get_absolute_url()).content.decode()
    missing = len(resources.covers)
    assert f"{7 - missing} of 7 covered, {missing} missing." in page
    assert page.count(">Missing<") == missing
    assert "no section with text sets this out yet" in page


def test_the_overview_lists_sections_objectives_grants_and_versions(staff_client: Any, big_plan: Any) -> None:
    page = staff_client.get(big_plan.get_absolute_url()).content.decode()
    assert page.count('id="section-') == 40
    assert page.count('id="objective-') == 20
    assert "Bristol Community Safety Partnership" in page and "£125,000.00" in page
    assert "V2</a>, cut" in page and "Compare V2 with the working draft" in page


def test_the_overview_runs_a_fixed_number_of_queries(
    staff_client: Any, big_plan: Any, django_assert_max_num_queries: Any
) -> None:
    staff_client.get(big_plan.get_absolute_url())
    # +1 since two-factor sign-in: the device that verified the session, read once a request;
    # +1 for the budget lines.
    with django_assert_max_num_queries(14):
        response = staff_client.get(big_plan.get_absolute_url())
    assert response.status_code == 200


def test_another_areas_plan_is_refused(staff_client: Any, other_area_plan: Any) -> None:
    for name in ("plans:plan_detail", "plans:plan_edit", "plans:milestone_list", "plans:version_list"):
        response = staff_client.get(reverse(name, kwargs={"plan_id": other_area_plan.pk}))
        assert response.status_code == 403, name


def test_an_unknown_plan_is_not_found(staff_client: Any, db: Any) -> None:
    assert staff_client.get(reverse("plans:plan_detail", kwargs={"plan_id": 999})).status_code == 404


def test_the_plan_list_links_editors_to_the_plan_and_force_liaison_to_its_versions(
    client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    client.force_login(role_users["staff"])
    page = client.get(reverse("plans:plan_list")).content.decode()
    assert plan.get_absolute_url() in page and "Create a plan" in page
    client.force_login(role_users["force"])
    page = client.get(reverse("plans:plan_list")).content.decode()
    assert reverse("plans:version_list", kwargs={"plan_id": plan.pk}) in page
    assert plan.get_absolute_url() + '"' not in page and "Create a plan" not in page


def test_changing_the_plans_details(staff_client: Any, plan: Any) -> None:
    url = reverse("plans:plan_edit", kwargs={"plan_id": plan.pk})
    data = {
        "title": plan.title,
        "starts_on_0": "5",
        "starts_on_1": "5",
        "starts_on_2": "2016",
        "ends_on_0": "31",
        "ends_on_1": "3",
        "ends_on_2": "2021",
        "stage": "consultation",
        "pcc_name": "Sue Mountstevens",
        "vision": "Avon and Somerset will be a place where people feel safe, and are safe.",
        "revision": plan.revision,
    }
    assert staff_client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert plan.stage == Plan.Stage.CONSULTATION and plan.vision.startswith("Avon and Somerset will be a place")
    data["revision"] = plan.revision  # the page drawn again after the save
    response = staff_client.post(url, {**data, "ends_on_2": "2015"})
    assert "Enter an end date after the start date of the period" in response.content.decode()
    plan.refresh_from_db()
    assert plan.ends_on.year == 2021

    # The area's key figures, for the full plan's page "At a glance"; a version carries them.
    figures = {
        "population": "1600000",
        "police_officers": "2750",
        "police_staff": "2400",
        "area_km2": "4804",
        "annual_budget": "268900000",
    }
    assert staff_client.post(url, {**data, **figures}).status_code == 302
    plan.refresh_from_db()
    assert (plan.population, plan.police_officers, plan.annual_budget) == (1_600_000, 2_750, 268_900_000)
    assert (plan.police_staff, plan.area_km2) == (2_400, 4_804)
    assert content_from_plan(plan).annual_budget == "268900000"
    data["revision"] = plan.revision
    refused = staff_client.post(url, {**data, "population": "1.6 million"}).content.decode()
    assert "Enter the population as a whole number, like 1650000" in refused


def test_recent_changes_say_who_changed_what(staff_client: Any, plan: Any, role_users: dict[str, Any]) -> None:
    objective = plan.objectives.first()
    staff_client.post(
        reverse("plans:objective_edit", kwargs={"plan_id": plan.pk, "objective_id": objective.pk}),
        {
            "title": "Putting victims first",
            "theme": "Victims",
            "aim": objective.aim,
            "district": "",
            "revision": objective.revision,
        },
    )
    page = staff_client.get(reverse("plans:plan_changes", kwargs={"plan_id": plan.pk})).content.decode()
    assert "Objective: Putting victims first" in page
    assert f"Title: was {objective.title}, now Putting victims first" in page
    assert role_users["staff"].get_full_name() in page
