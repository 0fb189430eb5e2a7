"""Saving a section: sanitised, against the revision the editor started from, restorable."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from plans.models import Section
from plans.services import SectionConflictError, section_create, section_restore, section_update
from plans.tests.factories import DistrictFactory, PoliceAreaFactory


def _save(section: Section, by: Any, body: str, revision: int | None = None, **kwargs: Any) -> Section:
    values = {
        "title": section.title,
        "covers": section.covers,
        "addresses_spr": section.addresses_spr,
        "in_public_summary": section.in_public_summary,
        "district": section.district,
    }
    return section_update(
        section=section,
        by=by,
        expected_revision=section.revision if revision is None else revision,
        body=body,
        **{**values, **kwargs},
    )


def test_a_save_bumps_the_revision_and_records_who_saved(plan: Any, role_users: dict[str, Any]) -> None:
    section = plan.sections.first()
    saved = _save(section, role_users["staff"], "<p>Neighbourhood teams remain the foundation of policing.</p>")
    assert saved.revision == section.revision + 1
    assert saved.updated_by == role_users["staff"]
    assert saved.history.first().history_user == role_users["staff"]


def test_scripts_event_handlers_and_javascript_links_never_reach_the_database(
    plan: Any, role_users: dict[str, Any]
) -> None:
    section = plan.sections.first()
    saved = _save(
        section,
        role_users["staff"],
        '<h2 onclick="steal()">Victims</h2><script>alert(1)</script>'
        '<p style="color:red">Call <a href="javascript:alert(1)">101</a> or '
        '<a href="https://www.avonandsomerset.police.uk/">report online</a>.</p>'
        "<table><tr><th>Measure</th></tr><tr><td>Repeat victims</td></tr></table>",
    )
    saved.refresh_from_db()
    assert "script" not in saved.body and "onclick" not in saved.body and "style" not in saved.body
    assert "javascript:" not in saved.body
    assert '<a href="https://www.avonandsomerset.police.uk/" rel="noopener noreferrer">report online</a>' in saved.body
    assert "<h2>Victims</h2>" in saved.body and '<th scope="col">Measure</th>' in saved.body


def test_table_headers_written_in_the_editor_say_what_they_head(plan: Any, role_users: dict[str, Any]) -> None:
    """The editor writes header cells without a scope: a row of them heads the columns, a
    header cell beside data cells heads its row, and a scope already given is kept."""
    saved = _save(
        plan.sections.first(),
        role_users["staff"],
        "<table><tbody><tr><th>District</th><th>Officers</th></tr>"
        "<tr><th>Bath and North East Somerset</th><td>212</td></tr>"
        '<tr><th scope="col">Bristol</th><td>1,018</td></tr></tbody></table>',
    )
    saved.refresh_from_db()
    assert '<th scope="col">District</th><th scope="col">Officers</th>' in saved.body
    assert '<th scope="row">Bath and North East Somerset</th><td>212</td>' in saved.body
    assert '<th scope="col">Bristol</th>' in saved.body
    assert saved.body.count("scope=") == 4


def test_a_stale_revision_is_a_conflict_and_nothing_is_overwritten(plan: Any, role_users: dict[str, Any]) -> None:
    section = plan.sections.first()
    opened_at = section.revision
    _save(section, role_users["staff"], "<p>Priya's text.</p>")
    with pytest.raises(SectionConflictError) as conflict:
        _save(section, role_users["publisher"], "<p>Tom's text.</p>", revision=opened_at)
    assert conflict.value.current.body == "<p>Priya's text.</p>"
    assert conflict.value.current.updated_by == role_users["staff"]
    section.refresh_from_db()
    assert section.body == "<p>Priya's text.</p>" and section.revision == opened_at + 1
    # Saving again against the new revision (after merging) goes through.
    merged = _save(section, role_users["publisher"], "<p>Priya's text. Tom's text.</p>", revision=opened_at + 1)
    assert merged.revision == opened_at + 2


def test_saving_the_same_content_writes_nothing(plan: Any, role_users: dict[str, Any]) -> None:
    section = plan.sections.first()
    before = section.history.count()
    same = _save(section, role_users["staff"], section.body)
    assert same.revision == section.revision
    assert section.history.count() == before


def test_a_district_of_another_area_is_refused(plan: Any, role_users: dict[str, Any]) -> None:
    elsewhere = DistrictFactory(area=PoliceAreaFactory(), name="Plymouth", slug="plymouth")
    section = plan.sections.first()
    with pytest.raises(ValidationError) as error:
        _save(section, role_users["staff"], "<p>Text</p>", district=elsewhere)
    assert "district" in error.value.message_dict


def test_an_unknown_statutory_element_is_refused(plan: Any, role_users: dict[str, Any]) -> None:
    section = plan.sections.first()
    with pytest.raises(ValidationError):
        _save(section, role_users["staff"], "<p>Text</p>", covers=["objectives", "budget"])


def test_restoring_an_earlier_state_is_itself_a_new_change(plan: Any, role_users: dict[str, Any]) -> None:
    section = plan.sections.first()
    original = section.body
    first_record = section.history.get()
    changed = _save(section, role_users["staff"], "<p>A rewrite that the Panel did not like.</p>", title="Rewritten")
    restored = section_restore(
        section=changed, by=role_users["publisher"], history_id=first_record.history_id, expected_revision=2
    )
    assert restored.body == original and restored.title == section.title
    assert restored.revision == 3
    latest = restored.history.first()
    assert latest.history_user == role_users["publisher"]
    assert latest.history_change_reason.startswith("Restored the state of")
    assert restored.history.count() == 3


def test_a_restore_from_a_stale_history_page_is_a_conflict(plan: Any, role_users: dict[str, Any]) -> None:
    section = plan.sections.first()
    first_record = section.history.get()
    _save(section, role_users["staff"], "<p>Second state.</p>")
    with pytest.raises(SectionConflictError):
        section_restore(
            section=section, by=role_users["staff"], history_id=first_record.history_id, expected_revision=1
        )


def test_a_new_section_goes_at_the_end(plan: Any, role_users: dict[str, Any]) -> None:
    last = plan.sections.order_by("-order").first()
    section = section_create(
        plan=plan, by=role_users["staff"], title="Appendix three: glossary", body="<p>PEEL: police effectiveness.</p>"
    )
    assert section.order == last.order + 1
    assert plan.sections.order_by("order").last() == section
