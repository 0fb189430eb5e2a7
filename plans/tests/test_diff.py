"""Word-level comparison: what a reader of "compare V1 with V2" sees."""

from typing import Any

from plans.demo import seed_area, seed_plan, seed_users
from plans.diff import ChangeStatus, compare_contents, diff_text_html, section_diff_html
from plans.snapshot import PlanContent


def test_inserted_and_deleted_words_are_marked_with_words_not_only_colour() -> None:
    html = diff_text_html("Keep crime levels low.", "Keep crime and harm levels very low.")
    assert '<ins><span class="govuk-visually-hidden">[inserted: </span>and harm ' in html
    assert "[inserted: </span> very<" in html
    assert "<del>" not in html
    html = diff_text_html("Publish findings every quarter.", "Publish findings.")
    assert '<del><span class="govuk-visually-hidden">[deleted: </span> every quarter' in html


def test_text_is_escaped_so_markup_in_a_plan_cannot_reach_the_page() -> None:
    html = diff_text_html("Safe", "Safe <script>alert(1)</script>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_marks_never_span_paragraphs() -> None:
    html = diff_text_html("First.", "First.\nA new paragraph.\nAnother.")
    assert html.count("<p") == 3
    assert all(p.count("<ins>") == p.count("</ins>") for p in html.split("</p>"))


def test_comparing_the_demo_v1_with_v2_lists_the_changed_parts(db: Any) -> None:
    area = seed_area()
    users = seed_users(area)
    plan = seed_plan(area, users["staff"])
    v1, v2 = (PlanContent.from_json(v.content) for v in plan.versions.order_by("number"))
    comparison = compare_contents(v1, v2)
    changed = {part.title for part in comparison.changed_parts}
    assert changed == {"Foreword and introduction", "Legitimacy", "Protect the most vulnerable from harm"}
    foreword = next(p for p in comparison.parts if p.title == "Foreword and introduction")
    assert foreword.status is ChangeStatus.CHANGED
    assert "hate crime" in foreword.diff_html
    assert "<ins>" in foreword.diff_html
    legitimacy = v2.sections[5]
    assert "representative" in section_diff_html(v1.section(legitimacy.uid), legitimacy)


def test_an_added_section_is_listed_as_added() -> None:
    from plans.snapshot import SectionContent

    base = {
        "title": "Police and Crime Plan 2016-21",
        "area": "Avon and Somerset",
        "starts_on": "2016-05-05",
        "ends_on": "2021-03-31",
        "kind": "new",
        "vision": "Safe.",
        "pcc_name": "",
    }
    section = SectionContent(
        uid="u1",
        title="Resources",
        order=0,
        body="<p>Budget.</p>",
        covers=(),
        in_public_summary=False,
        addresses_spr=False,
        district=None,
    )
    comparison = compare_contents(PlanContent(**base), PlanContent(**base, sections=(section,)))
    part = comparison.part("section", "u1")
    assert part is not None
    assert part.status is ChangeStatus.ADDED
    assert part.anchor == "section-u1"


def test_a_rewritten_phrase_reads_as_one_deletion_and_one_insertion() -> None:
    html = diff_text_html(
        "Hold the Chief Constable to account through scrutiny meetings.",
        "Hold the Chief Constable to account in public meetings.",
    )
    assert "[deleted: </span>through scrutiny<" in html
    assert "[inserted: </span>in public<" in html
    assert html.count("<del>") == 1 and html.count("<ins>") == 1
