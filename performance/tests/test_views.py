"""The performance pages through the test client: what staff, force liaison and the public
see and can do, with bad input answered by a clear message and nothing saved."""

import csv
import datetime
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.helpers import Client
from performance.models import Deliverable, Measure, QuarterlyReview, Reading
from performance.tests.factories import DeliverableFactory, MeasureFactory, big_plan, readings
from plans.models import Plan
from plans.tests.factories import ObjectiveFactory, PlanFactory, PoliceAreaFactory

MEASURE_POST = {
    "outcome": "To maintain frontline policing",
    "reference": "M07",
    "name": "Number of special constables",
    "description": "",
    "unit": "special constables",
    "data_source": "Special Constabulary records",
    "polarity": "higher",
    "baseline_value": "380",
    "baseline_period": "31 March 2016",
    "direction": "improve",
    "threshold_percent": "8",
    "reliability_risk": "low",
    "reliability_note": "Head count from the Special Constabulary's own records.",
    "validity_risk": "",
    "validity_note": "",
    "perverse_incentive_risk": "medium",
    "perverse_incentive_note": "",
}


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"performance:{name}", kwargs=kwargs)


@pytest.fixture
def measure(plan: Any, objective: Any) -> Any:
    return MeasureFactory(plan=plan, objective=objective, reference="M01")


# ---------------------------------------------------------------- measures


def test_staff_add_a_measure_and_see_it_on_the_dashboard(staff_client: Any, plan: Any, objective: Any) -> None:
    page = staff_client.get(url("measure_create", plan_id=plan.pk), {"objective": objective.pk})
    assert page.status_code == 200
    assert 'value="M01"' in page.content.decode()  # the next free reference is offered
    response = staff_client.post(
        url("measure_create", plan_id=plan.pk), {**MEASURE_POST, "objective": objective.pk, "baseline_value": "3,80"}
    )
    measure = Measure.objects.get()
    assert response.status_code == 302 and response["Location"] == measure.get_absolute_url()
    assert measure.baseline_value == Decimal(380) and measure.reliability_risk == "low"
    dashboard = staff_client.get(url("dashboard", plan_id=plan.pk)).content.decode()
    assert "Number of special constables" in dashboard and "No readings yet" in dashboard


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"direction": "improve", "threshold_percent": "15"}, "is a transformation"),
        ({"direction": "maintain", "threshold_percent": "-2"}, "0% or more"),
        ({"direction": "transform", "threshold_percent": "4"}, "at least 10% better"),
        ({"threshold_percent": "five"}, "Enter the threshold as a number"),
        ({"threshold_percent": "999999999"}, "Enter a threshold of less than 10,000%."),
        ({"baseline_value": "about 380"}, "Enter the baseline as a number"),
        ({"reference": "M 01"}, "letters, numbers and hyphens"),
        ({"name": ""}, "Enter the measure"),
    ],
)
def test_bad_measure_input_is_answered_next_to_the_field_and_nothing_is_saved(
    staff_client: Any, plan: Any, objective: Any, changes: dict[str, str], field_message: str
) -> None:
    data = {**MEASURE_POST, "objective": objective.pk, **changes}
    response = staff_client.post(url("measure_create", plan_id=plan.pk), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "govuk-error-summary" in html and field_message in html
    assert f'value="{data["outcome"]}"' in html  # what was typed is kept
    assert not Measure.objects.exists()


def test_a_reference_already_used_in_the_plan_is_refused(staff_client: Any, plan: Any, measure: Any) -> None:
    response = staff_client.post(
        url("measure_create", plan_id=plan.pk), {**MEASURE_POST, "objective": measure.objective_id, "reference": "m01"}
    )
    assert "already has the reference m01" in response.content.decode()
    assert Measure.objects.count() == 1


def test_staff_change_a_measure(staff_client: Any, plan: Any, measure: Any) -> None:
    data = {
        **MEASURE_POST,
        "objective": measure.objective_id,
        "reference": "M01",
        "threshold_percent": "6",
        "revision": measure.revision,
    }
    response = staff_client.post(url("measure_edit", plan_id=plan.pk, measure_id=measure.pk), data)
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.threshold_percent == Decimal(6)


def test_the_measure_page_shows_chart_figures_readings_and_risk(staff_client: Any, plan: Any, measure: Any) -> None:
    readings(measure, ["65.3", "62.0"])
    html = staff_client.get(measure.get_absolute_url()).content.decode()
    assert 'src="data:image/svg+xml;base64,' in html and "Line chart of Number of crimes per 1000 population" in html
    assert "Figures for Number of crimes per 1000 population" in html
    assert "On track" in html and "Off track" in html  # now, and after the first reading
    assert "Risk of a perverse incentive" in html and "Not yet assessed" in html


# ---------------------------------------------------------------- readings


def test_staff_add_change_and_remove_a_reading(staff_client: Any, plan: Any, measure: Any) -> None:
    add = url("reading_create", plan_id=plan.pk, measure_id=measure.pk)
    response = staff_client.post(add, {"quarter": "2016-17 Q2", "value": "61.9", "commentary": "Down on last year"})
    assert response.status_code == 302
    reading = Reading.objects.get()
    assert (reading.quarter_start, reading.value) == (datetime.date(2016, 7, 1), Decimal("61.9"))
    edit = url("reading_edit", plan_id=plan.pk, measure_id=measure.pk, reading_id=reading.pk)
    staff_client.post(edit, {"quarter": "2018-19 Q1", "value": "62.1", "commentary": "", "revision": reading.revision})
    reading.refresh_from_db()
    # The quarter of a recorded reading does not move; only its value and commentary.
    assert (reading.quarter_start, reading.value) == (datetime.date(2016, 7, 1), Decimal("62.1"))
    delete = url("reading_delete", plan_id=plan.pk, measure_id=measure.pk, reading_id=reading.pk)
    assert "Remove the reading for 2016-17 Q2?" in staff_client.get(delete).content.decode()
    staff_client.post(delete)
    assert not Reading.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quarter": "2016-17 Q2", "value": "sixty"}, "Enter the value as a number"),
        ({"quarter": "2016-17 Q2", "value": ""}, "Enter the value for the quarter"),
        ({"quarter": "2030-31 Q1", "value": "60"}, "Choose a quarter within the plan&#x27;s period, from 2016-17 Q1"),
        ({"quarter": "", "value": "60"}, "Choose the quarter this reading is for"),
        ({"quarter": "2016-17 Q1", "value": "60"}, "already has a reading for 2016-17 Q1"),
    ],
)
def test_bad_readings_are_refused_with_a_clear_message(
    staff_client: Any, plan: Any, measure: Any, data: dict[str, str], message: str
) -> None:
    readings(measure, ["63.0"])
    response = staff_client.post(url("reading_create", plan_id=plan.pk, measure_id=measure.pk), data)
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in html
    assert message in html
    assert Reading.objects.count() == 1


def _upload(client: Any, plan: Any, text: str, name: str = "readings.csv") -> Any:
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(url("readings_import", plan_id=plan.pk), {"file": upload})


def test_importing_a_quarter_from_the_template_changes_the_status_once_signed_off(
    staff_client: Any, role_users: Any, plan: Any, measure: Any
) -> None:
    template = staff_client.get(url("readings_template", plan_id=plan.pk), {"quarter": "2016-17 Q3"})
    assert template["Content-Disposition"].endswith('-readings-2016-17-Q3.csv"')
    text = template.content.decode().replace("2016-17 Q3,,", "2016-17 Q3,62.0,")
    response = _upload(staff_client, plan, text)
    assert response.status_code == 302 and response["Location"] == url("sign_off", plan_id=plan.pk)
    sign_off = staff_client.get(response["Location"]).content.decode()
    assert "1 reading imported for 2016-17 Q3, as drafts" in sign_off
    assert "You entered this: someone else signs it off" in sign_off
    # The importer cannot sign off their own figures: the status waits for someone else.
    staff_client.post(url("sign_off", plan_id=plan.pk), {"all": "1"})
    assert "No readings are waiting" not in staff_client.get(url("sign_off", plan_id=plan.pk)).content.decode()
    force = Client()
    force.force_login(role_users["force"])
    force.post(url("sign_off", plan_id=plan.pk), {"all": "1"})
    assert "On track" in staff_client.get(url("dashboard", plan_id=plan.pk)).content.decode()


def test_a_bad_file_is_refused_with_its_rows_listed(staff_client: Any, plan: Any, measure: Any) -> None:
    response = _upload(staff_client, plan, "measure,quarter,value\nM01,2016-17 Q1,62\nM01,2016-17 Q2,lots\nM7,x,1\n")
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in html
    assert "The file was not imported: 2 rows have problems" in html
    assert "Rows with problems" in html
    assert "“lots” is not a number" in html and "no measure “M7”" in html
    assert not Reading.objects.exists()


def test_uploading_nothing_or_a_huge_file_is_refused(staff_client: Any, plan: Any, measure: Any) -> None:
    assert "Choose a CSV file to upload" in staff_client.post(url("readings_import", plan_id=plan.pk)).content.decode()
    huge = "measure,quarter,value\n" + "M01,2016-17 Q1,1\n" * 330_000
    assert "smaller than 5 MB" in _upload(staff_client, plan, huge).content.decode()


# ---------------------------------------------------------------- who may do what


def test_force_liaison_read_the_dashboard_but_are_offered_no_changes(client: Any, role_users: Any, plan: Any) -> None:
    client.force_login(role_users["force"])
    MeasureFactory(plan=plan, objective=plan.objectives.first())
    html = client.get(url("dashboard", plan_id=plan.pk)).content.decode()
    assert "Number of crimes per 1000 population" in html
    assert "Add a measure" not in html and "Import readings" not in html
    assert client.get(url("measure_create", plan_id=plan.pk)).status_code == 403


def test_another_areas_plan_is_refused(staff_client: Any, role_users: Any) -> None:
    other = PlanFactory(area=PoliceAreaFactory())
    measure = MeasureFactory(plan=other)
    assert staff_client.get(url("dashboard", plan_id=other.pk)).status_code == 403
    assert staff_client.get(url("measure_create", plan_id=other.pk)).status_code == 403
    assert staff_client.get(url("measure_detail", plan_id=other.pk, measure_id=measure.pk)).status_code == 403
    assert staff_client.get(url("dashboard", plan_id=99999)).status_code == 404


def test_a_measure_of_another_plan_is_not_found_under_this_one(staff_client: Any, plan: Any, area: Any) -> None:
    elsewhere = MeasureFactory(plan=PlanFactory(area=area))
    assert staff_client.get(url("measure_detail", plan_id=plan.pk, measure_id=elsewhere.pk)).status_code == 404


# ---------------------------------------------------------------- reviews and deliverables


def test_staff_record_a_quarterly_review(staff_client: Any, plan: Any, measure: Any, objective: Any) -> None:
    readings(measure, ["62.0"])
    form = staff_client.get(url("review_create", plan_id=plan.pk)).content.decode()
    assert f"Narrative: {objective.title}" in form
    field = f"narrative_{objective.uid.hex}"
    bad = staff_client.post(
        url("review_create", plan_id=plan.pk), {"held_on_0": "16", "held_on_1": "2", "held_on_2": "2017"}
    )
    assert "January, April, July or October" in bad.content.decode()
    response = staff_client.post(
        url("review_create", plan_id=plan.pk),
        {"held_on_0": "16", "held_on_1": "1", "held_on_2": "2017", "summary": "First review", field: "Going well"},
    )
    review = QuarterlyReview.objects.get()
    assert response["Location"] == review.get_absolute_url()
    html = staff_client.get(review.get_absolute_url()).content.decode()
    assert "Quarterly review, January 2017" in html and "Going well" in html and "On track" in html
    staff_client.post(
        url("review_edit", plan_id=plan.pk, review_id=review.pk),
        {"summary": "Edited", field: "Now", "revision": review.revision},
    )
    review.refresh_from_db()
    assert review.summary == "Edited" and review.narratives[0]["text"] == "Now"
    assert "Quarterly review, January 2017" in staff_client.get(url("review_list", plan_id=plan.pk)).content.decode()


def test_staff_add_and_change_deliverables(staff_client: Any, plan: Any, objective: Any) -> None:
    response = staff_client.post(
        url("deliverable_create", plan_id=plan.pk),
        {
            "heading": "1. Anti-social Behaviour",
            "deliverable": "Improve the way that agencies work together in relation to ASB",
            "outcome": "ASB Satisfaction and resolution",
            "objective": objective.pk,
            "timetable": "Ongoing",
            "lead_officer": "ALH",
            "status": "in_progress",
            "progress_notes": "",
        },
    )
    assert response.status_code == 302
    deliverable = Deliverable.objects.get()
    edit = url("deliverable_edit", plan_id=plan.pk, deliverable_id=deliverable.pk)
    bad = staff_client.post(edit, {"deliverable": "", "status": "complete"})
    assert "Enter the deliverable" in bad.content.decode()
    html = staff_client.get(url("deliverable_list", plan_id=plan.pk)).content.decode()
    assert "1. Anti-social Behaviour" in html and "In progress" in html and "ALH" in html


# ---------------------------------------------------------------- public


@pytest.fixture
def published(plan: Any, measure: Any) -> Any:
    readings(measure, ["65.3", "62.0"])
    plan.stage = Plan.Stage.PUBLISHED
    plan.save()
    return plan


def _public(name: str, plan: Any) -> str:
    return url(name, area_slug=plan.area.slug, plan_slug=plan.slug)


@pytest.mark.parametrize("name", ["public_plan", "public_csv", "public_json"])
def test_an_unpublished_plan_has_no_public_performance(client: Any, plan: Any, measure: Any, name: str) -> None:
    assert client.get(_public(name, plan)).status_code == 404


def test_the_public_see_each_priority_with_status_and_chart(client: Any, published: Any) -> None:
    index = client.get(url("index")).content.decode()
    assert _public("public_plan", published) in index
    html = client.get(_public("public_plan", published)).content.decode()
    assert "How the Police and Crime Plan 2016-21 is doing" in html
    assert "Protect the most vulnerable from harm" in html
    assert "On track" in html and 'src="data:image/svg+xml;base64,' in html
    assert "No measures have been set for this priority yet." in html  # the second priority
    assert "measure_reference" in html  # the fields of the data are documented


def test_the_public_download_the_data_as_csv_and_json(client: Any, published: Any) -> None:
    response = client.get(_public("public_csv", published))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["quarter"], r["value"], r["status"]) for r in rows] == [
        ("2016-17 Q1", "65.3", "off_track"),
        ("2016-17 Q2", "62", "on_track"),
    ]
    assert rows[0]["measure_reference"] == "M01" and rows[0]["better_when"] == "lower"
    assert rows[0]["police_area"] == "Avon and Somerset" and rows[0]["quarter_end"] == "2016-06-30"

    data = json.loads(client.get(_public("public_json", published)).content)
    (measure,) = data["measures"]
    assert measure["latest_status"] == "on_track" and measure["baseline"] == 64.8
    assert measure["readings"][-1] == {
        "quarter": "2016-17 Q2",
        "quarter_start": "2016-07-01",
        "quarter_end": "2016-09-30",
        "value": 62.0,
        "status": "on_track",
        "commentary": "",
    }
    assert "value" in data["fields"]["reading"] and data["plan"]["page"].endswith(_public("public_plan", published))


def test_commentary_that_looks_like_a_formula_is_defused_in_the_csv(client: Any, published: Any) -> None:
    Reading.objects.filter(quarter_start="2016-04-01").update(commentary="=1+1")
    rows = list(csv.DictReader(io.StringIO(client.get(_public("public_csv", published)).content.decode())))
    assert rows[0]["commentary"] == "'=1+1"


# ---------------------------------------------------------------- speed: a fixed number of queries


def _queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_dashboard_runs_a_fixed_number_of_queries_however_big(
    staff_client: Any, area: Any, django_assert_max_num_queries: Any
) -> None:
    small = big_plan(area=area, measures=3, quarters=2)
    large = big_plan(area=area, measures=60, quarters=20)
    _queries(staff_client, url("dashboard", plan_id=small.pk))  # warm the session
    assert _queries(staff_client, url("dashboard", plan_id=small.pk)) == _queries(
        staff_client, url("dashboard", plan_id=large.pk)
    )
    # +1 since two-factor sign-in: the device that verified the session, read once a request;
    # +1 for the count of readings waiting to be signed off, +1 for the Districts' waiting.
    with django_assert_max_num_queries(12):
        staff_client.get(url("dashboard", plan_id=large.pk))


def test_the_public_page_and_data_run_a_fixed_number_of_queries_however_big(
    client: Any, area: Any, django_assert_max_num_queries: Any
) -> None:
    plans = [big_plan(area=area, measures=3, quarters=2), big_plan(area=area, measures=60, quarters=20)]
    Plan.objects.update(stage=Plan.Stage.PUBLISHED)
    for name in ("public_plan", "public_csv", "public_json"):
        counts = [_queries(client, _public(name, p)) for p in plans]
        assert counts[0] == counts[1], name
    with django_assert_max_num_queries(4):
        client.get(_public("public_plan", plans[1]))


def test_the_index_lists_published_plans_and_staff_their_own(client: Any, role_users: Any, plan: Any) -> None:
    published = PlanFactory(area=plan.area, title="Police and Crime Plan 2013-17", stage=Plan.Stage.PUBLISHED)
    ObjectiveFactory(plan=published)
    html = client.get(url("index")).content.decode()
    assert "Police and Crime Plan 2013-17" in html and "Your area" not in html
    client.force_login(role_users["staff"])
    html = client.get(url("index")).content.decode()
    assert url("dashboard", plan_id=plan.pk) in html and url("dashboard", plan_id=published.pk) in html


def test_performance_is_in_everyones_menu(client: Any, db: Any) -> None:
    html = client.get(reverse("home")).content.decode()
    assert f'href="{url("index")}"' in html


def test_deliverables_list_is_grouped_under_headings(staff_client: Any, plan: Any) -> None:
    DeliverableFactory(plan=plan)
    DeliverableFactory(plan=plan, heading="", deliverable="Out and about days")
    html = staff_client.get(url("deliverable_list", plan_id=plan.pk)).content.decode()
    assert html.index("1. Anti-social Behaviour") < html.index("Other deliverables")


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "4", "2017", "Enter a real date, for example 16 1 2017."),
        ("", "", "", "Enter the date of the review."),
        ("x", "1", "2017", "Enter a valid date"),
    ],
)
def test_a_review_date_that_does_not_exist_is_refused_clearly(
    staff_client: Any, plan: Any, day: str, month: str, year: str, message: str
) -> None:
    response = staff_client.post(
        url("review_create", plan_id=plan.pk), {"held_on_0": day, "held_on_1": month, "held_on_2": year}
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not QuarterlyReview.objects.exists()
