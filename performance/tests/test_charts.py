"""Trend charts as a reader sees them: baseline and target drawn across the plot even over
one reading, quarters spaced by time with gaps where a quarter has no reading, a value
axis that holds every figure, and nothing drawn outside the picture. Checked on charts
drawn here and on every chart of the demo's published documents and public pages."""

from decimal import Decimal
from io import StringIO
from typing import Any
from xml.etree import ElementTree

from django.core.management import call_command

from performance.charts import ChartSpec, render_svg, value_axis
from performance.quarters import Quarter
from performance.tests.chart_checks import chart_problems, charts_in, of_class
from plans.models import Plan
from publishing.models import Publication
from publishing.snapshot import Snapshot


def _chart(spec: ChartSpec) -> ElementTree.Element:
    return ElementTree.fromstring(render_svg(spec))  # noqa: S314 - our own chart, just drawn


def test_one_reading_is_drawn_with_its_baseline_and_target_across_the_plot() -> None:
    root = _chart(
        ChartSpec("Number of officers", "officers", (Quarter(2016, 1),), (Decimal(2731),), Decimal(2750), Decimal(2695))
    )
    assert len(of_class(root, "baseline")) == len(of_class(root, "target")) == len(of_class(root, "point")) == 1
    assert chart_problems(root) == []
    # A count of officers is drawn from zero, so a point's height reads as its size.
    assert (
        value_axis(
            ChartSpec("Number of officers", "officers", (Quarter(2016, 1),), (Decimal(2731),), Decimal(2750), None)
        ).low
        == 0
    )


def test_a_quarter_without_a_reading_is_a_gap_in_the_line_at_its_place_in_time() -> None:
    quarters = (Quarter(2015, 1), Quarter(2015, 2), Quarter(2015, 4), Quarter(2016, 1))
    root = _chart(
        ChartSpec(
            "All crime",
            "crimes per 1,000 population",
            quarters,
            (Decimal("64.8"), Decimal("65.3"), Decimal("31.9"), Decimal("66.1")),
            Decimal("64.8"),
            Decimal("61.56"),
        )
    )
    runs = [line.get("points", "").split() for line in of_class(root, "reading")]
    assert [len(run) for run in runs] == [2, 2]  # Q1-Q2, then Q4-Q1 of the next year: Q3 left out
    xs = [float(point.get("cx", 0)) for point in of_class(root, "point")]
    step = xs[1] - xs[0]
    assert abs((xs[2] - xs[1]) - 2 * step) < 0.2 and abs((xs[3] - xs[2]) - step) < 0.2
    labels = {text.text for text in root.iter("{http://www.w3.org/2000/svg}text")}
    assert "2015-16 Q3" in labels  # the missing quarter keeps its place on the axis
    assert chart_problems(root) == []


def test_the_value_axis_holds_the_readings_baseline_and_target_with_room_to_spare() -> None:
    # 31.9 was once drawn above an axis that topped at 31.8, and 7,050 above 7,000.
    for values, baseline, target, unit in (
        (("31.9", "30.2"), "30", "31.5", "%"),
        (("7050", "6900"), "7000", "6650", "offences"),
        (("-2.5", "1.5"), "0", "1", "% change"),
    ):
        spec = ChartSpec(
            "Measure",
            unit,
            (Quarter(2016, 1), Quarter(2016, 2)),
            tuple(Decimal(v) for v in values),
            Decimal(baseline),
            Decimal(target),
        )
        axis = value_axis(spec)
        figures = [float(v) for v in (*values, baseline, target)]
        span = max(figures) - min(figures)
        assert axis.high >= max(figures) + span * 0.1 - 1e-9
        assert axis.low <= min(figures) - span * 0.1 + 1e-9 or axis.low == 0 <= min(figures)
        assert chart_problems(_chart(spec)) == []


def test_twenty_quarters_are_labelled_without_crowding_or_running_off_the_picture() -> None:
    quarters = [Quarter(2012, 1)]
    while len(quarters) < 20:
        quarters.append(quarters[-1].next())
    spec = ChartSpec(
        "Public confidence in the police and crime commissioner's office and the constabulary",
        "% of residents who agree the police and the council deal with the issues that matter locally",
        tuple(quarters),
        tuple(Decimal(80 + i % 5) for i in range(20)),
        Decimal("85.6"),
        Decimal("89.88"),
    )
    root = _chart(spec)
    assert chart_problems(root) == []
    shown = [
        t for t in root.iter("{http://www.w3.org/2000/svg}text") if (t.text or "").endswith(("Q1", "Q2", "Q3", "Q4"))
    ]
    assert 4 <= len(shown) < 20


def test_every_chart_of_the_demo_has_its_baseline_and_target_and_nothing_outside_its_plot(
    transactional_db: Any, client: Any
) -> None:
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    plan = Plan.objects.get(area__slug="avon-and-somerset", slug="police-and-crime-plan-2016-21")
    publication = Publication.objects.get(version__plan=plan)
    # The HTML each published document was rendered from, as frozen with it, and the pages.
    sources = {}
    for job in publication.documents.all():
        with job.source.open("rb") as file:
            sources[job.document_label] = Snapshot.from_bytes(file.read()).html
    sources["the public performance page"] = client.get(f"/performance/avon-and-somerset/{plan.slug}/").content.decode()

    assert len(charts_in(sources["Full plan"])) >= 10
    # The full plan charts the quarters before its version was cut: one reading each.
    assert any(len(of_class(chart, "point")) == 1 for chart in charts_in(sources["Full plan"]))
    assert len(charts_in(sources["the public performance page"])) >= 10
    for where, html in sources.items():
        for chart in charts_in(html):
            assert len(of_class(chart, "baseline")) == 1 and len(of_class(chart, "target")) == 1, where
            assert chart_problems(chart) == [], where
