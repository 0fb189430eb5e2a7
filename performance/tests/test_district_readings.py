"""District readings: a measure's figure for one District, entered by staff or imported
by CSV, shown against the force's figure for the District's plan."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from performance.models import DistrictReading, Reading
from performance.quarters import Quarter
from performance.selectors import district_measures
from performance.services import ReadingsImportError, readings_approve, readings_import
from performance.tests.factories import MeasureFactory, readings
from plans.tests.factories import UserFactory


@pytest.fixture
def measure(plan: Any) -> Any:
    return MeasureFactory(
        plan=plan, reference="M01", name="Number of crimes per 1000 population", baseline_value=Decimal("64.8")
    )


def _import(plan: Any, text: str) -> Any:
    return readings_import(plan=plan, data=text.encode("utf-8"), by=None, today=datetime.date(2017, 6, 1))


def _signed_off(plan: Any, text: str) -> Any:
    """Imported, and signed off by someone other than the importer."""
    summary = _import(plan, text)
    readings_approve(plan=plan, by=UserFactory(username="performance.lead"))
    return summary


def test_a_csv_file_with_a_district_column_imports_district_and_force_readings(plan: Any, measure: Any) -> None:
    summary = _import(
        plan,
        "measure,quarter,value,district\n"
        "M01,2016-17 Q1,63.1,\n"
        "M01,2016-17 Q1,71.4,Bristol\n"
        "M01,2016-17 Q2,58.0,mendip\n",
    )
    assert summary.created == 3
    assert Reading.objects.get(measure=measure).value == Decimal("63.1")
    bristol = DistrictReading.objects.get(district__name="Bristol")
    assert (bristol.value, bristol.quarter_start) == (Decimal("71.4"), datetime.date(2016, 4, 1))
    assert DistrictReading.objects.get(district__name="Mendip").value == Decimal("58.0")


def test_a_district_that_does_not_exist_refuses_the_file_naming_its_row(plan: Any, measure: Any) -> None:
    with pytest.raises(ReadingsImportError) as error:
        _import(
            plan,
            "measure,quarter,value,district\nM01,2016-17 Q1,63.1,\nM01,2016-17 Q1,71.4,Bristle\n",
        )
    [problem] = error.value.result.problems
    assert problem.line == 3
    assert problem.problems[0].startswith("Line 3: there is no District “Bristle” in Avon and Somerset.")
    assert "Bristol" in problem.problems[0]
    assert not Reading.objects.exists() and not DistrictReading.objects.exists()


def test_the_import_page_shows_the_row_with_the_unknown_district(staff_client: Any, plan: Any, measure: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("readings.csv", b"measure,quarter,value,district\nM01,2016-17 Q1,71.4,Atlantis\n")
    response = staff_client.post(reverse("performance:readings_import", kwargs={"plan_id": plan.pk}), {"file": upload})
    page = response.content.decode()
    assert "there is no District “Atlantis” in Avon and Somerset" in page
    assert not DistrictReading.objects.exists()


def test_a_second_district_reading_for_the_same_quarter_is_refused(plan: Any, measure: Any) -> None:
    _import(plan, "measure,quarter,value,district\nM01,2016-17 Q1,71.4,Bristol\n")
    with pytest.raises(ReadingsImportError) as error:
        _import(plan, "measure,quarter,value,district\nM01,2016-17 Q1,70,Bristol\n")
    assert "M01 in Bristol already has a reading for 2016-17 Q1" in error.value.result.problems[0].problems[0]


def test_staff_add_a_district_reading_on_the_form_and_see_it_on_the_measure(
    staff_client: Any, plan: Any, measure: Any, area: Any
) -> None:
    mendip = area.districts.get(name="Mendip")
    url = reverse("performance:reading_create", kwargs={"plan_id": plan.pk, "measure_id": measure.pk})
    assert "District (optional)" in staff_client.get(url).content.decode()
    response = staff_client.post(url, {"quarter": "2016-17 Q1", "district": mendip.pk, "value": "55.2"}, follow=True)
    assert "Reading in Mendip for 2016-17 Q1 saved as a draft." in response.content.decode()
    assert DistrictReading.objects.get(district=mendip).value == Decimal("55.2")
    assert not Reading.objects.exists(), "a District's figure is not the force's"
    page = staff_client.get(measure.get_absolute_url()).content.decode()
    assert "Readings by District" in page and "Mendip" in page


def test_a_district_of_another_area_is_refused_on_the_form(staff_client: Any, plan: Any, measure: Any) -> None:
    from plans.models import District, PoliceArea

    other = PoliceArea.objects.create(name="Devon and Cornwall", slug="devon-and-cornwall", force_name="D&C")
    plymouth = District.objects.create(area=other, name="Plymouth", slug="plymouth")
    url = reverse("performance:reading_create", kwargs={"plan_id": plan.pk, "measure_id": measure.pk})
    response = staff_client.post(url, {"quarter": "2016-17 Q1", "district": plymouth.pk, "value": "55.2"})
    assert "Choose a District of this police area, or the whole force." in response.content.decode()
    assert not DistrictReading.objects.exists()


def test_the_district_line_runs_beside_the_forces_with_gaps_where_either_has_none(
    plan: Any, measure: Any, area: Any
) -> None:
    readings(measure, ["63.1", "62.0", "61.5"], first=Quarter(2016, 1))
    _signed_off(
        plan,
        "measure,quarter,value,district\nM01,2016-17 Q1,71.4,Bristol\nM01,2016-17 Q3,69.9,Bristol\n",
    )
    MeasureFactory(plan=plan, reference="M02")  # no Bristol figures: not in Bristol's list
    [bristol] = district_measures(plan, area.districts.get(name="Bristol"))
    series = bristol.series()
    assert series["labels"] == ["2016-17 Q1", "2016-17 Q2", "2016-17 Q3"]
    assert series["lines"] == [
        {"name": "Force", "values": [Decimal("63.1"), Decimal("62.0"), Decimal("61.5")]},
        {"name": "Bristol", "values": [Decimal("71.4"), None, Decimal("69.9")]},
    ]
    assert series["baseline"] == Decimal("64.8")
    assert district_measures(plan, area.districts.get(name="Mendip")) == []


def test_the_districts_chart_draws_its_line_against_the_forces(plan: Any, measure: Any, area: Any) -> None:
    import base64

    readings(measure, ["63.1", "62.0", "61.5"], first=Quarter(2016, 1))
    _signed_off(plan, "measure,quarter,value,district\nM01,2016-17 Q1,71.4,Bristol\nM01,2016-17 Q3,69.9,Bristol\n")
    [bristol] = district_measures(plan, area.districts.get(name="Bristol"), charts=True)
    svg = base64.b64decode(bristol.chart.data_uri.split(",", 1)[1]).decode()
    assert svg.count('class="comparison-point"') == 2, "a square on each of Bristol's figures"
    assert 'class="comparison"' not in svg, "no line joins figures across the quarter Bristol has none"
    assert ">Force<" in svg and ">Bristol<" in svg and ">Baseline<" in svg
    assert "Bristol's own figures are drawn beside the force's; its latest is 69.9" in bristol.chart.alt


# ---------------------------------------------------------------- sign-off


def test_a_draft_district_reading_is_in_no_district_plan_nor_open_data_until_someone_else_signs_it_off(
    client: Any, role_users: Any, plan: Any, measure: Any, area: Any
) -> None:
    import json

    import jsonschema
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    from accounts.tests.helpers import Client
    from performance import services
    from plans.models import Plan
    from plans.services import version_cut
    from publishing.documents import build_document
    from publishing.open_data import schema_path

    readings(measure, ["63.1", "62.0"], first=Quarter(2016, 1))
    bristol = area.districts.get(name="Bristol")
    draft = services.reading_record(
        measure=measure,
        quarter=Quarter(2016, 1),
        value=Decimal("71.4"),
        commentary="The night-time economy of the city centre",
        district=bristol,
        by=role_users["staff"],
    )
    assert not draft.is_approved
    Plan.objects.filter(pk=plan.pk).update(stage=Plan.Stage.PUBLISHED)
    where = {"plan_slug": plan.slug, "area_slug": area.slug}
    version = version_cut(plan=plan, by=role_users["publisher"], note="For publication")

    def public() -> tuple[dict[str, Any], str, str]:
        data = json.loads(client.get(reverse("performance:public_json", kwargs=where)).content)
        jsonschema.Draft202012Validator(json.loads(schema_path("performance").read_text())).validate(data)
        csv = client.get(reverse("performance:public_csv", kwargs=where)).content.decode()
        district_plan = build_document(version=version, format="district", district=bristol).html()
        return data, csv, district_plan

    data, csv, district_plan = public()
    assert data["measures"][0]["district_readings"] == []
    assert "71.4" not in csv and "night-time economy" not in csv
    assert "71.4" not in district_plan and "Bristol and the force" not in district_plan
    assert district_measures(plan, bristol) == []

    # The one who entered it cannot sign it off, not even by writing the row.
    with pytest.raises(ValidationError, match="someone else must sign it off"):
        services.district_reading_approve(reading=draft, by=role_users["staff"])
    with pytest.raises(IntegrityError), transaction.atomic():
        DistrictReading.objects.filter(pk=draft.pk).update(approved_by=role_users["staff"])
    staff = Client()
    staff.force_login(role_users["staff"])
    page = staff.get(reverse("performance:sign_off", kwargs={"plan_id": plan.pk})).content.decode()
    assert "1 District reading waiting to be signed off" in page
    assert "You entered this: someone else signs it off" in page

    # Force liaison signs it off from the measure's page: it goes public.
    force = Client()
    force.force_login(role_users["force"])
    assert "Draft: not signed off" in force.get(measure.get_absolute_url()).content.decode()
    response = force.post(
        reverse("performance:sign_off", kwargs={"plan_id": plan.pk}),
        {"district_reading": draft.pk, "back": "measure"},
        follow=True,
    )
    assert "M01 in Bristol for 2016-17 Q1 signed off." in response.content.decode()
    draft.refresh_from_db()
    assert draft.approved_by == role_users["force"]
    data, csv, district_plan = public()
    assert data["measures"][0]["district_readings"] == [
        {
            "district": "Bristol",
            "quarter": "2016-17 Q1",
            "quarter_start": "2016-04-01",
            "quarter_end": "2016-06-30",
            "value": 71.4,
            "commentary": "The night-time economy of the city centre",
        }
    ]
    [row] = [line for line in csv.splitlines() if line.endswith(",Bristol")]
    assert ",2016-17 Q1,2016-04-01,2016-06-30,71.4,,The night-time economy of the city centre,Bristol" in row
    assert "71.4" in district_plan and "Bristol and the force" in district_plan
