"""Shared reads: the overview every page, file and document is built from, the PDF
partial's data, and the charts."""

import base64
import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from performance import charts
from performance.quarters import Quarter
from performance.selectors import measures_for_document, performance_overview, status_counts
from performance.status import Status
from performance.tests.factories import MeasureFactory, big_plan, readings
from plans.tests.factories import DistrictFactory, ObjectiveFactory


def test_the_overview_groups_measures_by_priority_in_the_plans_order(plan: Any) -> None:
    first, second = plan.objectives.order_by("order")
    district = ObjectiveFactory(
        plan=plan,
        order=10,
        title="Improving road safety",
        district=DistrictFactory(area=plan.area, name="Mendip", slug="mendip"),
    )
    MeasureFactory(plan=plan, objective=second, reference="M02", order=2, name="Number of serious acquisitive offences")
    on_track = MeasureFactory(plan=plan, objective=second, reference="M01", order=1)
    readings(on_track, ["62.0"])
    orphan = MeasureFactory(plan=plan, objective=ObjectiveFactory(plan=plan), reference="M03")
    orphan.objective.delete()
    groups = performance_overview(plan)
    assert [g.title for g in groups] == [first.title, second.title, district.title, "Not linked to a priority"]
    assert groups[0].measures == []
    assert groups[2].district == "Mendip"
    assert [s.measure.reference for s in groups[1].measures] == ["M01", "M02"]
    assert groups[1].measures[0].assessment.status == Status.ON_TRACK
    assert groups[1].measures[1].assessment.status == Status.NO_READINGS
    assert {c.status: c.count for c in status_counts(groups)} == {Status.ON_TRACK: 1, Status.NO_READINGS: 2}


def test_the_overview_reads_a_big_plan_in_a_fixed_number_of_queries(area: Any) -> None:
    small = big_plan(area=area, measures=3, quarters=2)
    large = big_plan(area=area, measures=60, quarters=20)
    counts = []
    for plan in (small, large):
        with CaptureQueriesContext(connection) as queries:
            groups = performance_overview(plan)
        counts.append(len(queries))
    assert counts[0] == counts[1] == 3
    assert sum(len(s.readings) for g in groups for s in g.measures) == 1200


def test_measures_for_document_carries_status_baseline_direction_and_chart(plan: Any, objective: Any) -> None:
    measure = MeasureFactory(plan=plan, objective=objective)
    readings(measure, ["65.3", "66.0", "67.2"])
    MeasureFactory(plan=plan, objective=objective, baseline_value=None, baseline_period="", reference="M09")
    groups = measures_for_document(plan)
    summary = groups[0].measures[0]
    assert summary.assessment.status == Status.OFF_TRACK
    assert summary.baseline_display == "64.8 crimes per 1,000 population"
    assert summary.direction_label == "Improvement expected"
    assert summary.chart is not None and summary.chart.data_uri.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(summary.chart.data_uri.split(",", 1)[1]).decode()
    assert svg.startswith("<svg") and "<script" not in svg
    assert "2016-17 Q3" in svg
    assert groups[0].measures[1].chart is None

    html = render_to_string("performance/includes/measures_for_document.html", {"groups": groups})
    heading = f"measures-{groups[0].anchor}-title"
    assert f'<h3 id="{heading}">{escape(objective.title)}</h3>' in html
    # The heading names the priority's table; no caption says its name again.
    assert f'<table class="pcplan-measures__table" aria-labelledby="{heading}">' in html
    assert "Measures for " not in html
    # The target: an arrow for the way that is better, the tier in a word, the figure to reach.
    assert "\u2193</span> Improve: " in html and "crimes per 1,000 population or less" in html
    # The chart is drawn at a document's size, beside its figures, whose column names the unit once.
    assert f'width="{charts.PRINT_WIDTH}" height="{charts.PRINT_HEIGHT}"' in html
    assert svg.startswith(f'<svg xmlns="http://www.w3.org/2000/svg" width="{charts.PRINT_WIDTH}"')
    assert '<th scope="col">Value (crimes per 1,000 population)</th>' in html and "<td>65.3</td>" in html
    assert "Off track" in html and "To be agreed" in html
    assert 'src="data:image/svg+xml;base64,' in html and summary.chart.alt in html
    assert "govuk-" not in html and "<script" not in html
    assert f'<h2 id="{heading}">' in render_to_string(
        "performance/includes/measures_for_document.html", {"groups": groups, "heading_level": 2}
    )


def test_charts_are_cached_by_what_they_show(plan: Any, objective: Any, monkeypatch: Any) -> None:
    # A name no earlier run has drawn: the cache may be a shared Redis, so it is not cleared.
    measure = MeasureFactory(plan=plan, objective=objective, name=f"Number of officers {uuid.uuid4()}")
    readings(measure, ["65.3", "66.0"])
    drawn = []
    real = charts.render_svg
    monkeypatch.setattr(charts, "render_svg", lambda spec: drawn.append(spec) or real(spec))
    first = measures_for_document(plan)[0].measures[0].chart
    again = measures_for_document(plan)[0].measures[0].chart
    assert len(drawn) == 1 and first == again
    readings(measure, ["67.2"], first=Quarter(2016, 3))
    changed = measures_for_document(plan)[0].measures[0].chart
    assert len(drawn) == 2 and changed != first


def test_a_cache_that_is_down_only_means_drawing(plan: Any, objective: Any, monkeypatch: Any) -> None:
    measure = MeasureFactory(plan=plan, objective=objective, baseline_value=Decimal(100))
    readings(measure, ["99"])

    def down(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(charts.cache, "get_many", down)
    monkeypatch.setattr(charts.cache, "set_many", down)
    assert measures_for_document(plan)[0].measures[0].chart is not None


def test_the_chart_alt_text_describes_the_trend() -> None:
    spec = charts.ChartSpec(
        name="Number of officers",
        unit="officers",
        quarters=(Quarter(2016, 1), Quarter(2016, 2)),
        values=(Decimal(2731), Decimal(2712)),
        baseline=Decimal(2750),
        target=Decimal(2695),
    )
    assert spec.alt == (
        "Line chart of Number of officers by quarter, 2016-17 Q1 to 2016-17 Q2, against the baseline of 2,750 "
        "officers and the target of 2,695 officers. Latest reading: 2,712 officers in 2016-17 Q2. The figures are "
        "in the table with the chart."
    )


def test_the_same_figures_give_the_same_chart_whatever_their_trailing_zeros() -> None:
    def spec(value: str) -> charts.ChartSpec:
        return charts.ChartSpec(
            "Number of officers", "officers", (Quarter(2016, 1),), (Decimal(value),), Decimal(2750), None
        )

    assert spec("2731").cache_key() == spec("2731.0000").cache_key() != spec("2731.5").cache_key()


def test_the_next_quarter_to_report_follows_the_latest_reading_within_the_plan(plan: Any, objective: Any) -> None:
    from performance.selectors import next_reporting_quarter, reportable_quarters

    today = datetime.date(2017, 2, 10)
    assert next_reporting_quarter(plan, today=today) == Quarter(2016, 1)
    measure = MeasureFactory(plan=plan, objective=objective)
    readings(measure, ["65.3", "66.0"])
    assert next_reporting_quarter(plan, today=today) == Quarter(2016, 3)
    readings(measure, ["67.0"], first=Quarter(2016, 3))
    # 2016-17 Q4 has not ended on 10 February 2017, so 2016-17 Q3 is still the latest to report.
    assert next_reporting_quarter(plan, today=today) == Quarter(2016, 3)
    assert next_reporting_quarter(plan, today=datetime.date(2030, 1, 1)) == Quarter(2016, 4)
    assert [q.label for q in reportable_quarters(plan, today=today)][:2] == ["2016-17 Q4", "2016-17 Q3"]
