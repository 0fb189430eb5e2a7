"""Figures are signed off before they go public: a reading is a draft until someone other
than the person who entered it approves it; an unusual figure needs a note first."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.tests.helpers import Client
from performance import services
from performance.models import Reading
from performance.outliers import unusual_because
from performance.quarters import Quarter
from performance.services import ReadingsImportError, readings_import
from performance.tests.factories import MeasureFactory, ReadingFactory, readings
from plans.models import Plan

pytestmark = pytest.mark.django_db

Q1 = Quarter.parse("2016-17 Q1")


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"performance:{name}", kwargs=kwargs)


@pytest.fixture
def victims(plan: Any, objective: Any) -> Any:
    """A measure in per cent, as in Figure 1 of seed 002: victim satisfaction, baseline 31.5%."""
    return MeasureFactory(
        plan=plan,
        objective=objective,
        reference="M05",
        name="Percentage of victims satisfied with the service they received",
        unit="%",
        polarity="higher",
        baseline_value=Decimal("31.5"),
        baseline_period="2015-16",
        direction="improve",
        threshold_percent=Decimal("5"),
    )


def _client_for(user: Any) -> Any:
    client = Client()
    client.force_login(user)
    return client


# ---------------------------------------------------------------- drafts stay private


def test_a_draft_reading_appears_on_no_public_page_nor_in_the_open_data(
    client: Any, role_users: Any, plan: Any, victims: Any
) -> None:
    Plan.objects.filter(pk=plan.pk).update(stage=Plan.Stage.PUBLISHED)
    readings(victims, ["33.1"])  # 2016-17 Q1, signed off
    services.reading_record(
        measure=victims,
        quarter=Q1.next(),
        value=Decimal("12.5"),
        commentary="Survey sample changed this quarter",
        outlier_note="New survey provider; sample of 40 only",
        by=role_users["staff"],
    )
    where = {"area_slug": plan.area.slug, "plan_slug": plan.slug}
    page = client.get(url("public_plan", **where)).content.decode()
    data_csv = client.get(url("public_csv", **where)).content.decode()
    data_json = client.get(url("public_json", **where)).content.decode()
    for public in (page, data_csv, data_json):
        assert "33.1" in public
        assert "12.5" not in public and "2016-17 Q2" not in public
        assert "Survey sample changed" not in public
    # Staff see it, marked as a draft.
    staff = _client_for(role_users["staff"])
    measure_page = staff.get(victims.get_absolute_url()).content.decode()
    assert "12.5%" in measure_page and "Draft: not signed off" in measure_page
    assert "New survey provider" in measure_page


def test_the_one_who_entered_a_reading_cannot_approve_it(role_users: Any, victims: Any) -> None:
    reading = services.reading_record(measure=victims, quarter=Q1, value=Decimal("33.1"), by=role_users["staff"])
    assert not reading.is_approved
    with pytest.raises(ValidationError, match="someone else must sign it off"):
        services.reading_approve(reading=reading, by=role_users["staff"])
    assert services.readings_approve(plan=victims.plan, by=role_users["staff"]) == 0
    # The database holds the rule too, whatever writes the row.
    with pytest.raises(IntegrityError), transaction.atomic():
        Reading.objects.filter(pk=reading.pk).update(approved_by=role_users["staff"])
    approved = services.reading_approve(reading=reading, by=role_users["force"])
    assert approved.is_approved and approved.approved_by == role_users["force"]


def test_the_sign_off_page_offers_no_button_for_ones_own_readings(role_users: Any, victims: Any) -> None:
    reading = services.reading_record(measure=victims, quarter=Q1, value=Decimal("33.1"), by=role_users["staff"])
    staff = _client_for(role_users["staff"])
    html = staff.get(url("sign_off", plan_id=victims.plan_id)).content.decode()
    assert "You entered this: someone else signs it off" in html
    response = staff.post(url("sign_off", plan_id=victims.plan_id), {"reading": reading.pk}, follow=True)
    assert "someone else must sign it off" in response.content.decode()
    reading.refresh_from_db()
    assert not reading.is_approved
    force = _client_for(role_users["force"])
    force.post(url("sign_off", plan_id=victims.plan_id), {"reading": reading.pk})
    reading.refresh_from_db()
    assert reading.approved_by == role_users["force"]


def test_those_who_may_not_sign_off_are_turned_away(client: Any, role_users: Any, victims: Any) -> None:
    reading = ReadingFactory(measure=victims, draft=True, entered_by=role_users["staff"])
    address = url("sign_off", plan_id=victims.plan_id)
    assert client.post(address, {"reading": reading.pk}).status_code == 302  # to sign in
    panel = _client_for(role_users["panel"])
    assert panel.post(address, {"reading": reading.pk}).status_code == 403
    reading.refresh_from_db()
    assert not reading.is_approved


def test_changing_a_signed_off_reading_makes_it_a_draft_again(role_users: Any, victims: Any) -> None:
    (reading,) = readings(victims, ["33.1"])
    changed = services.reading_update(reading=reading, value=Decimal("33.4"), commentary="", by=role_users["staff"])
    assert not changed.is_approved and changed.entered_by == role_users["staff"]


# ---------------------------------------------------------------- unusual figures


def test_a_reading_far_from_the_baseline_needs_a_note(role_users: Any, victims: Any) -> None:
    """The issue's case: 12.5% against a 31.5% baseline is held and flagged."""
    with pytest.raises(ValidationError) as error:
        services.reading_record(measure=victims, quarter=Q1, value=Decimal("12.5"), by=role_users["staff"])
    assert "down 60.3% on the baseline (31.5%)" in error.value.message_dict["outlier_note"][0]
    assert not Reading.objects.exists()
    held = services.reading_record(
        measure=victims,
        quarter=Q1,
        value=Decimal("12.5"),
        outlier_note="New survey provider; sample of 40 only",
        by=role_users["staff"],
    )
    assert not held.is_approved and held.outlier_note == "New survey provider; sample of 40 only"


def test_the_reading_form_asks_for_the_note_and_keeps_it(role_users: Any, victims: Any) -> None:
    staff = _client_for(role_users["staff"])
    address = url("reading_create", plan_id=victims.plan_id, measure_id=victims.pk)
    refused = staff.post(address, {"quarter": "2016-17 Q1", "value": "12.5%"}).content.decode()
    assert "<title>Error: " in refused and "a change of more than 50%" in refused
    staff.post(address, {"quarter": "2016-17 Q1", "value": "12.5%", "outlier_note": "Sample of 40"})
    assert Reading.objects.get().value == Decimal("12.5")


@pytest.mark.parametrize(
    ("value", "unusual"),
    [
        ("33.0", False),  # within the run's usual spread
        ("34.9", True),  # more than 3 median absolute deviations from the last eight
        ("16.0", True),  # half the reading before
    ],
)
def test_a_figure_is_judged_against_the_last_eight_readings(value: str, unusual: bool) -> None:
    run = [Decimal(v) for v in ("40", "40", "32.1", "32.8", "33.0", "32.4", "33.3", "32.7", "32.9", "33.1")]
    why = unusual_because(value=Decimal(value), earlier=run, baseline=Decimal("31.5"), unit="%")
    assert bool(why) is unusual


# ---------------------------------------------------------------- the import


def test_a_percentage_cell_imports_as_the_number_it_shows(role_users: Any, victims: Any) -> None:
    readings(victims, ["31.9"])
    text = "measure,quarter,value\nM05,2016-17 Q2,32.4%\n"
    readings_import(plan=victims.plan, data=text.encode(), by=role_users["staff"])
    reading = Reading.objects.get(quarter_start=datetime.date(2016, 7, 1))
    assert reading.value == Decimal("32.4")
    assert not reading.is_approved  # imported readings are signed off like any other


def test_the_issues_12_5_per_cent_imports_as_12_5_with_its_note(role_users: Any, victims: Any) -> None:
    text = "measure,quarter,value\nM05,2016-17 Q1,12.5%\n"
    with pytest.raises(ReadingsImportError) as error:
        readings_import(plan=victims.plan, data=text.encode(), by=role_users["staff"])
    (problem,) = error.value.result.problems
    assert "say why it is right in the note column" in problem.problems[0]
    with_note = "measure,quarter,value,note\nM05,2016-17 Q1,12.5%,New survey provider\n"
    readings_import(plan=victims.plan, data=with_note.encode(), by=role_users["staff"])
    reading = Reading.objects.get()
    assert (reading.value, reading.outlier_note, reading.is_approved) == (
        Decimal("12.5"),
        "New survey provider",
        False,
    )


def test_an_upload_lands_on_the_sign_off_page(role_users: Any, victims: Any) -> None:
    staff = _client_for(role_users["staff"])
    upload = SimpleUploadedFile("r.csv", b"measure,quarter,value\nM05,2016-17 Q1,32.0%\n", content_type="text/csv")
    response = staff.post(url("readings_import", plan_id=victims.plan_id), {"file": upload}, follow=True)
    html = response.content.decode()
    assert "1 reading waiting to be signed off" in html and "32%" in html
