"""The HTML of the three documents, tested without rendering a PDF."""

import re
from datetime import UTC, datetime
from decimal import Decimal
from html import unescape
from typing import Any

import pytest

from performance.tests.factories import MeasureFactory, ReadingFactory, readings
from plans.models import District
from plans.services import version_cut
from plans.snapshot import PlanContent
from plans.tests.factories import PoliceAreaFactory
from publishing import documents
from publishing.documents import ACTOR_HEADINGS, DocumentError, build_document, images_without_alt
from publishing.templatetags.publishing_tags import pounds, rich_text_under

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _position(html: str, needle: str) -> int:
    index = html.find(needle)
    assert index >= 0, f"{needle!r} is not in the document"
    return index


def test_every_document_is_a_titled_english_html_page_with_the_small_print_stylesheet(version: Any) -> None:
    bristol = District.objects.get(area=version.plan.area, slug="bristol")
    for document in (
        build_document(version=version, format="full"),
        build_document(version=version, format="summary"),
        build_document(version=version, format="district", district=bristol),
    ):
        html = document.html()
        assert '<html lang="en-GB">' in html
        assert f"<title>{document.title}</title>" in html
        assert "/static/publishing/print.css" in html
        assert "govuk-frontend" not in html
        assert "<script" not in html


def test_the_full_plan_has_cover_foreword_contents_sections_objectives_grants_and_appendices(version: Any) -> None:
    content = PlanContent.from_json(version.content)
    html = build_document(version=version, format="full").html()
    text = _text(html)

    # Cover, then the contents, then the foreword (with the vision), then the plan at a glance.
    cover = _position(html, 'class="doc-cover"')
    contents = _position(html, ">Contents</h2>")
    foreword = _position(html, "Foreword and introduction</h2>")
    glance = _position(html, ">At a glance</h2>")
    assert cover < contents < foreword < glance
    assert content.vision in text

    # The contents link to every section and every objective; print CSS adds the page numbers.
    for section in content.sections:
        if section.title.startswith("Foreword") or section.district is not None:
            continue
        assert f'href="#{section.anchor}"' in html
        assert f'id="{section.anchor}"' in html
    for objective in content.objectives:
        if objective.district is None:
            assert f'href="#{objective.anchor}"' in html
        # Every objective, force-wide or District, with each commitment under its actor.
        assert objective.title in text
        for actor_label, commitments in objective.commitments_by_actor():
            if objective.district is None:
                assert ACTOR_HEADINGS[commitments[0].actor] in text
            else:
                assert f"{actor_label}:" in text
            for commitment in commitments:
                assert commitment.text in text


def test_the_full_plan_grants_table_has_a_caption_scoped_headers_amounts_and_a_total(version: Any) -> None:
    content = PlanContent.from_json(version.content)
    html = build_document(version=version, format="full").html()
    table = html[_position(html, 'class="govuk-table doc-table doc-grants"') :]
    table = table[: table.index("</table>")]
    assert "<caption" in table
    assert table.count('scope="col"') == 5
    for grant in content.grants:
        assert f'<th scope="row" class="govuk-table__header">{grant.recipient}</th>' in table
        assert pounds(grant.amount) in table
    total = sum(g.amount_decimal for g in content.grants)
    assert re.search(rf"Total</th>\s*<td[^>]*>{re.escape(pounds(total))}</td>", table)


def test_the_full_plan_puts_appendices_last_and_leaves_out_empty_sections(version: Any) -> None:
    plan = version.plan
    plan.sections.create(
        title="Appendix one: profile of Avon and Somerset", order=90, body="<p>1.6 million people.</p>"
    )
    plan.sections.create(title="Cover artwork", order=0, body="")
    from plans.services import version_cut

    v2 = version_cut(plan=plan, by=version.cut_by)
    html = build_document(version=v2, format="full").html()
    assert _position(html, 'id="grants"') < _position(html, "Appendix one: profile of Avon and Somerset</h2>")
    assert "Cover artwork" not in html


def test_the_full_plan_has_no_measures_chapter_for_a_plan_without_measures(version: Any) -> None:
    html = build_document(version=version, format="full").html()
    assert 'id="measures"' not in html
    assert "Measures of performance" not in html


def test_the_full_plan_shows_each_measure_with_its_trend_chart_and_figures(version: Any) -> None:
    objective = version.plan.objectives.filter(district__isnull=True).order_by("order").first()
    measure = MeasureFactory(plan=version.plan, objective=objective)
    readings(measure, ["65.3", "62.0", "61.0"])
    html = build_document(version=version, format="full").html()
    assert images_without_alt(html) == []
    assert 'href="#measures"' in html  # in the contents
    chapter = html[_position(html, 'id="measures"') : _position(html, 'id="grants"')]
    assert objective.title in chapter
    assert "Number of crimes per 1000 population" in chapter
    assert 'src="data:image/svg+xml;base64,' in chapter
    assert 'alt="Line chart of Number of crimes per 1000 population by quarter, 2016-17 Q1 to 2016-17 Q3' in chapter
    assert "Figures for Number of crimes per 1000 population" in chapter


def test_the_measures_of_a_version_are_those_known_when_it_was_cut(version: Any, role_users: dict[str, Any]) -> None:
    """Every render of a version, and its web page, show the same figures: the readings of
    the quarters ended before the version was cut (later ones are on the performance page)."""
    plan = version.plan
    measure = MeasureFactory(plan=plan, objective=plan.objectives.filter(district__isnull=True).first())
    readings(measure, ["65.3", "62.0", "61.0"])  # 2016-17 Q1 (April to June 2016), Q2, Q3
    section = plan.sections.order_by("order").first()
    section.body = "<p>The Commissioner will publish her scrutiny findings every quarter.</p>"
    section.save()
    autumn = version_cut(plan=plan, by=role_users["staff"], cut_at=datetime(2016, 10, 1, 9, tzinfo=UTC))
    text = _text(build_document(version=autumn, format="full").html())
    assert "2016-17 Q2" in text and "2016-17 Q3" not in text
    assert "the quarters ended before 1 October 2016" in text


def test_a_draft_reading_is_in_no_document(version: Any) -> None:
    """Only signed-off figures reach a document: a draft reading waits for its sign-off."""
    objective = version.plan.objectives.filter(district__isnull=True).order_by("order").first()
    measure = MeasureFactory(plan=version.plan, objective=objective)
    readings(measure, ["65.3", "62.0"])
    ReadingFactory(measure=measure, quarter_start="2016-10-01", value="49.7", draft=True)
    text = _text(build_document(version=version, format="full").html())
    assert "2016-17 Q2" in text
    assert "2016-17 Q3" not in text and "49.7" not in text


def test_the_measures_chapter_names_each_priority_as_the_version_does(version: Any) -> None:
    """A priority renamed in the working draft after the cut keeps its old name in that
    version's documents: a published PDF never shows words its version does not have."""
    objective = version.plan.objectives.filter(district__isnull=True).order_by("order").first()
    in_version = objective.title
    readings(MeasureFactory(plan=version.plan, objective=objective), ["65.3", "62.0"])
    objective.title = "Keep people safe from harm"
    objective.save()
    html = build_document(version=version, format="full").html()
    chapter = html[_position(html, 'id="measures"') : _position(html, 'id="grants"')]
    assert in_version in chapter
    assert "Keep people safe from harm" not in chapter


def test_section_headings_nest_under_the_section_title() -> None:
    body = "<h2>Governance</h2><p>Text</p><h3>Reporting</h3>"
    assert str(rich_text_under(body, 2)) == "<h3>Governance</h3><p>Text</p><h4>Reporting</h4>"
    # Headings already below the section title are left as the author wrote them.
    assert str(rich_text_under("<h3>How you can get involved</h3>", 2)) == "<h3>How you can get involved</h3>"
    assert "<script" not in str(rich_text_under("<p>Hi</p><script>alert(1)</script>", 2))


def test_the_public_summary_has_vision_plan_on_a_page_involvement_and_contacts(version: Any) -> None:
    content = PlanContent.from_json(version.content)
    plan = version.plan
    html = build_document(version=version, format="summary").html()
    text = _text(html)
    assert content.vision in text
    page = html[_position(html, 'id="plan-on-a-page"') :]
    page = page[: page.index("</section>")]
    for objective in content.force_wide_objectives:
        assert objective.title in page
    # District objectives belong in their District plans, not in the leaflet.
    assert "Improving road safety for all road users" not in page
    assert "How to get involved" in text
    assert "How to get in touch" in text
    area = plan.area
    for value in (area.opcc_name, area.contact_phone, area.contact_email, area.website):
        assert value and value in text
    assert "/static/publishing/print-a5.css" in html


def test_the_public_summary_carries_only_the_sections_marked_for_it(version: Any) -> None:
    plan = version.plan
    plan.sections.create(
        title="How you can help", order=70, body="<p>Volunteer as a Special Constable.</p>", in_public_summary=True
    )
    plan.sections.create(title="Medium Term Financial Plan", order=71, body="<p>Savings of £17 million.</p>")
    from plans.services import version_cut

    html = build_document(version=version_cut(plan=plan, by=version.cut_by), format="summary").html()
    assert "Volunteer as a Special Constable." in html
    assert "Medium Term Financial Plan" not in html


def test_a_district_plan_has_its_own_content_and_contacts_and_no_other_districts(version: Any) -> None:
    content = PlanContent.from_json(version.content)
    area = version.plan.area
    bristol = District.objects.get(area=area, slug="bristol")
    html = build_document(version=version, format="district", district=bristol).html()
    text = _text(html)
    for objective in content.force_wide_objectives:
        assert objective.title in text
    assert "Tackling anti-social behaviour and reducing its impact on victims and communities" in text
    assert "Safer Bristol Partnership" in text
    assert "Community safety in Bristol" in text
    assert bristol.contact in text
    # Mendip's objective and content are only in Mendip's plan.
    assert "Improving road safety for all road users" not in text
    assert "Community safety in Mendip" not in text
    # The force-wide objectives in brief point to Bristol's own objective on the same theme.
    local = next(o for o in content.objectives if o.district and o.district.slug == "bristol")
    assert f'In Bristol: <a class="govuk-link" href="#{local.anchor}">' in html
    assert html.index("Priorities for Bristol") < html.index("The force-wide objectives")

    mendip = District.objects.get(area=area, slug="mendip")
    mendip_text = _text(build_document(version=version, format="district", district=mendip).html())
    assert "Improving road safety for all road users" in mendip_text
    assert "Safer Bristol Partnership" not in mendip_text


def test_a_district_plan_without_objectives_of_its_own_says_so(version: Any) -> None:
    sedgemoor = District.objects.get(area=version.plan.area, slug="sedgemoor")
    text = _text(build_document(version=version, format="district", district=sedgemoor).html())
    assert "Sedgemoor has no priorities of its own in this version" in text


def test_documents_refuse_what_cannot_be_built(version: Any) -> None:
    elsewhere = District.objects.create(area=PoliceAreaFactory(), name="Plymouth", slug="plymouth")
    with pytest.raises(DocumentError, match="one of the plan's own Districts"):
        build_document(version=version, format="district", district=elsewhere)
    with pytest.raises(DocumentError, match="needs one of the plan's own Districts"):
        build_document(version=version, format="district")
    bristol = District.objects.get(area=version.plan.area, slug="bristol")
    with pytest.raises(DocumentError, match="Only a District plan"):
        build_document(version=version, format="full", district=bristol)
    with pytest.raises(DocumentError, match="Unknown document format"):
        build_document(version=version, format="leaflet")


def test_an_image_without_alternative_text_stops_the_document(version: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert images_without_alt('<img src="a.svg" alt="Crimes per 1,000 people, 2015 to 2016">') == []
    assert images_without_alt('<img src="a.svg" alt="" role="presentation">') == []
    assert images_without_alt('<img src="chart.svg"><img src="b.svg" alt=" ">') == ["chart.svg", "b.svg"]
    monkeypatch.setattr(
        documents, "render_to_string", lambda *args, **kwargs: '<p><img src="data:image/svg+xml;base64,AAAA"></p>'
    )
    with pytest.raises(DocumentError, match="alternative text"):
        build_document(version=version, format="full").html()


def test_building_a_document_reads_the_database_a_fixed_number_of_times(
    area: Any, role_users: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    from publishing.tests.large_plan import build_large_plan

    large = build_large_plan(area=area, author=role_users["staff"])
    large = type(large).objects.get(pk=large.pk)
    # The plan's objectives, measures and readings for the measures chapter, besides the
    # version's plan and area.
    # And whether it is published or final, its planned publication date and its Districts.
    with django_assert_max_num_queries(9):
        html = build_document(version=large, format="full").html()
    # Six priorities, each opening on its own page, and nine Districts' five objectives each.
    assert html.count('class="doc-priority"') == 6
    assert html.count('class="app-objective"') == 9 * 5


def test_the_full_plan_gives_the_plans_key_figures_at_a_glance(version: Any, role_users: dict[str, Any]) -> None:
    from decimal import Decimal

    from plans.services import plan_update, version_cut

    plan = version.plan
    plan_update(
        plan=plan,
        by=role_users["staff"],
        title=plan.title,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        stage=plan.stage,
        pcc_name=plan.pcc_name,
        pcc_elected_on=plan.pcc_elected_on,
        vision=plan.vision,
        population=1_600_000,
        police_officers=2_750,
        police_staff=2_400,
        area_km2=4_804,
        annual_budget=Decimal(268_900_000),
    )
    # The version cut before the figures were entered has none; the next one has them.
    assert "people live in the police area" not in _text(build_document(version=version, format="full").html())
    text = _text(build_document(version=version_cut(plan=plan, by=role_users["staff"]), format="full").html())
    glance = text[text.index("At a glance") :]
    assert "1.6 million people live in the police area" in glance
    assert "2,750 police officers (full-time equivalent)" in glance
    assert "2,400 police staff (full-time equivalent)" in glance
    assert "4,804 km\u00b2 the size of the police area (1,855 square miles)" in glance
    assert "£268.9 million the Chief Constable's revenue budget for the first year" in glance


# ---------------------------------------------------------------- the budget and District grants


def test_the_full_plan_and_district_plan_show_the_budget_with_its_chart(area: Any, role_users: dict[str, Any]) -> None:
    from plans.services import budget_line_create, grant_create, version_cut
    from plans.tests.factories import PlanFactory

    plan = PlanFactory(area=area)
    bristol = area.districts.get(name="Bristol")
    budget_line_create(
        plan=plan, by=None, year=2016, kind="funding", label="Council tax precept", amount=Decimal(107e6)
    )
    budget_line_create(
        plan=plan,
        by=None,
        year=2016,
        kind="chief_constable",
        label="Neighbourhood policing",
        amount=Decimal(14.2e6),
        district=bristol,
    )
    grant_create(
        plan=plan,
        by=None,
        recipient="Bristol Community Safety Partnership",
        purpose="Early intervention",
        amount=Decimal(412000),
        district=bristol,
    )
    version = version_cut(plan=plan, by=role_users["staff"], note="V1")
    full = build_document(version=version, format="full").html()
    assert "Resources and grants" in full and "The budget" in full and "Council tax precept" in full
    assert "£107,000,000" in full
    assert 'class="app-chart app-budget-chart"' in full
    assert "Budget lines by District" in full
    district = build_document(version=version, format="district", district=bristol).html()
    assert "The budget in Bristol" in district and "£14,200,000" in district
    assert "Council tax precept" not in district, "a District plan shows the District's own lines"
    assert "Grants made in Bristol" in district and "Bristol Community Safety Partnership" in district
    mendip = build_document(version=version, format="district", district=area.districts.get(name="Mendip")).html()
    assert "The budget in Mendip" not in mendip and "Grants made in Mendip" not in mendip


def test_the_summary_leaflet_is_filled_out_with_the_plan_at_a_glance_before_notes_pages(version: Any) -> None:
    summary = build_document(version=version, format="summary")
    assert 'id="at-a-glance"' not in summary.html()
    # Two pages short of a multiple of 4: the key figures on a page, then one notes page.
    html = summary.with_filler_pages(2).html()
    assert html.count('id="at-a-glance"') == 1 and html.count('class="doc-notes"') == 1
    assert html.index('id="at-a-glance"') < html.index('id="plan-on-a-page"')
    assert re.search(r"\d+ priorit(y|ies) in this plan", _text(html))
    html = summary.with_filler_pages(3).html()
    assert html.count('id="at-a-glance"') == 1 and html.count('class="doc-notes"') == 2
    # How to get in touch is said once, on the back cover.
    assert _text(html).count("How to get in touch") == 1
