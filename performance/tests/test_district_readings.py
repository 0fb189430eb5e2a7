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
from performance.services import ReadingsImportError, readings_import
from performance.tests.factories import MeasureFactory, readings


@pytest.fixture
def measure(plan: Any) -> Any:
    return MeasureFactory(
        plan=plan, reference="M01", name="Number of crimes per 1000 population", baseline_value=Decimal("64.8")
    )


def _import(plan: Any, text: str) -> Any:
    return readings_import(plan=plan, data=text.encode("utf-8"), by=None, today=datetime.date(2017, 6, 1))


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
    assert "Reading in Mendip for 2016-17 Q1 saved." in response.content.decode()
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
    _import(
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
    _import(plan, "measure,quarter,value,district\nM01,2016-17 Q1,71.4,Bristol\nM01,2016-17 Q3,69.9,Bristol\n")
    [bristol] = district_measures(plan, area.districts.get(name="Bristol"), charts=True)
    svg = base64.b64decode(bristol.chart.data_uri.split(",", 1)[1]).decode()
    assert svg.count('class="comparison-point"') == 2, "a square on each of Bristol's figures"
    assert 'class="comparison"' not in svg, "no line joins figures across the quarter Bristol has none"
    assert ">Force<" in svg and ">Bristol<" in svg and ">Baseline<" in svg
    assert "Bristol's own figures are drawn beside the force's; its latest is 69.9" in bristol.chart.alt
