"""The demo's annual reports: 2016/17 drafted from the demo's records, cut for the Panel
in June 2017, answered and published; 2017/18 in draft."""

import datetime
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from performance.models import Measure
from reports.models import AnnualReport
from reports.tests.test_document import assert_each_measures_figures_appear_once


def test_the_demo_has_the_2016_17_report_cut_and_the_2017_18_one_in_draft(transactional_db: Any) -> None:
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    first = AnnualReport.objects.get(year_start=datetime.date(2016, 4, 1))
    second = AnnualReport.objects.get(year_start=datetime.date(2017, 4, 1))
    v1 = first.versions.get()
    assert timezone.localdate(v1.cut_at) == datetime.date(2017, 6, 5)
    assert not second.versions.exists() and second.plan == first.plan
    content = v1.content
    # Every priority of the plan, each measure with the year's four quarters and a status.
    assert len(content["objectives"]) == first.plan.objectives.count()
    measures = [m for o in content["objectives"] for m in o["measures"]]
    assert len(measures) == Measure.objects.filter(plan=first.plan, objective__isnull=False).count() > 0
    for measure in measures:
        assert [r["quarter"] for r in measure["readings"]] == ["2016-17 Q1", "2016-17 Q2", "2016-17 Q3", "2016-17 Q4"]
        assert measure["year_end_status"] in {"on_track", "some_concern", "off_track", "no_baseline"}
    notes = [n["month"] for o in content["objectives"] for n in o["review_notes"]]
    assert "January 2017" in notes and "April 2017" in notes
    assert "Police and Crime Board" in content["functions"]
    # Sent to the Panel in June, answered, and published in September 2017.
    review = first.review
    assert (review.sent_on, review.meeting_on) == (datetime.date(2017, 6, 9), datetime.date(2017, 6, 26))
    assert review.panel_reported_by.username == "panel" and "Recommendation 1" in review.panel_report
    assert review.response_published_on == datetime.date(2017, 9, 4)
    assert timezone.localdate(first.publication.published_at) == datetime.date(2017, 9, 14)
    assert first.publication.version == v1 and first.publication.pdf.open("rb").read(4) == b"%PDF"
    # The published PDF gives each of the fourteen measures' figures once, beside its chart,
    # in a dozen pages or so (it ran to 19, each measure's figures three times over).
    assert_each_measures_figures_appear_once(first.publication.pdf.open("rb").read(), v1.content)
    assert first.publication.page_count <= 13
    # The plan's public page links to the published report, whose page serves the PDF.
    plan = first.plan
    public = Client().get(f"/published/{plan.area.slug}/{plan.slug}/").content.decode()
    assert f'href="{first.publication.get_absolute_url()}"' in public
    assert "Recommendation 2: accepted in part" in Client().get(first.publication.get_absolute_url()).content.decode()
    # Seeding again adds nothing.
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    assert AnnualReport.objects.count() == 2 and first.versions.count() == 1
