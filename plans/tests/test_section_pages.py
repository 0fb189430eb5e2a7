"""The section editor, its conflict page, and the section's history."""

import datetime
import re
from typing import Any

from django.urls import reverse

from plans.models import Section
from plans.services import plan_create_from_template, section_update
from plans.tests.factories import DistrictFactory


def _url(section: Section, name: str = "plans:section_edit") -> str:
    return reverse(name, kwargs={"plan_id": section.plan_id, "section_id": section.pk})


def _form(section: Section, **overrides: Any) -> dict[str, Any]:
    data = {
        "revision": section.revision,
        "title": section.title,
        "body": section.body,
        "covers": list(section.covers),
        "district": section.district_id or "",
    }
    if section.addresses_spr:
        data["addresses_spr"] = "on"
    if section.in_public_summary:
        data["in_public_summary"] = "on"
    return {**data, **overrides}


def test_the_editor_shows_the_section_with_its_guidance_and_a_plain_textarea(
    staff_client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    plan = plan_create_from_template(
        area=area,
        title="Police and Crime Plan 2021-25",
        starts_on=datetime.date(2021, 5, 13),
        ends_on=datetime.date(2025, 3, 31),
        by=role_users["staff"],
    )
    section = plan.sections.get(title="Resources")
    page = staff_client.get(_url(section)).content.decode()
    assert "What this section should set out" in page
    assert "Medium Term Financial Plan" in page
    # Without JavaScript the body is a textarea of HTML; the editor script enhances it.
    assert '<textarea name="body"' in page and "data-django-prose-editor-configurable" in page
    assert "plans/rich_text_editor.js" in page
    # The editor knows only what the server keeps: no h1, no colours; images, which come only
    # from uploads and Word imports, so that editing a section keeps them, in their paragraphs.
    assert "&quot;levels&quot;:[2,3,4]" in page and "&quot;Image&quot;:{&quot;inline&quot;:true}" in page
    assert "&quot;Color&quot;" not in page and "&quot;Bold&quot;:true" in page
    # No inline script (the import map django-prose-editor would add) and no inline style.
    assert 'type="importmap"' not in page and "style=" not in page
    assert f'value="{section.revision}"' in page
    # The covered elements are ticked.
    assert page.count('checked="checked"') >= 2


def test_saving_a_section_sanitises_it_and_returns_to_the_plan(
    staff_client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    section = plan.sections.order_by("order").first()
    bristol = DistrictFactory(area=plan.area)
    response = staff_client.post(
        _url(section),
        _form(
            section,
            title="Foreword",
            body='<p>I will put victims first.</p><script>alert("x")</script><p onmouseover="x()">Call 101.</p>',
            covers=["objectives", "services"],
            in_public_summary="on",
            district=bristol.pk,
        ),
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#section-{section.uid}")
    section.refresh_from_db()
    assert section.title == "Foreword"
    assert section.body == "<p>I will put victims first.</p><p>Call 101.</p>"
    assert section.covers == ["objectives", "services"] and section.in_public_summary
    assert section.district == bristol and section.updated_by == role_users["staff"]


def test_an_empty_title_is_refused_by_the_field_and_the_text_typed_is_kept(staff_client: Any, plan: Any) -> None:
    section = plan.sections.first()
    response = staff_client.post(_url(section), _form(section, title="", body="<p>New words typed.</p>"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Enter a title for the section") == 2
    assert "<title>Error: " in page
    assert "&lt;p&gt;New words typed.&lt;/p&gt;" in page
    section.refresh_from_db()
    assert "New words typed" not in section.body


def test_a_second_save_does_not_overwrite_the_first(client: Any, plan: Any, role_users: dict[str, Any]) -> None:
    """Priya and Tom open the same section; Priya saves first; Tom's save is held back,
    with both texts shown and his own kept in the form to merge."""
    section = plan.sections.first()
    role_users["staff"].first_name, role_users["staff"].last_name = "Priya", "Shah"
    role_users["staff"].save()
    toms_form = _form(section, body="<p>Tom's paragraph about the 101 service.</p>")
    client.force_login(role_users["staff"])
    client.post(_url(section), _form(section, body="<p>Priya's paragraph about victims.</p>"))
    client.force_login(role_users["publisher"])
    response = client.post(_url(section), toms_form)
    page = response.content.decode()
    assert response.status_code == 200
    section.refresh_from_db()
    assert section.body == "<p>Priya's paragraph about victims.</p>"
    assert "Priya Shah saved this section at " in page and "since you started editing" in page
    assert "Your changes have not been saved" in page
    # Theirs as saved, yours as typed, and the difference with words, not colour alone.
    assert "<p>Priya's paragraph about victims.</p>" in page
    assert "<p>Tom's paragraph about the 101 service.</p>" in page
    assert "[inserted: </span>Tom" in page and "[deleted: </span>Priya" in page
    # The form keeps Tom's text, now based on Priya's revision, so saving again goes through.
    assert "&lt;p&gt;Tom&#x27;s paragraph about the 101 service.&lt;/p&gt;" in page
    assert response.context["form"]["revision"].value() == str(section.revision)
    merged = _form(section, body="<p>Priya's paragraph about victims.</p><p>Tom's paragraph about the 101 service.</p>")
    merged["revision"] = response.context["form"]["revision"].value()
    assert client.post(_url(section), merged).status_code == 302
    section.refresh_from_db()
    assert "Priya's paragraph" in section.body and "Tom's paragraph" in section.body


def test_the_editor_runs_a_fixed_number_of_queries(
    staff_client: Any, big_plan: Any, django_assert_max_num_queries: Any
) -> None:
    section = big_plan.sections.order_by("order").last()
    staff_client.get(_url(section))
    # +1 since two-factor sign-in: the device that verified the session, read once a request.
    with django_assert_max_num_queries(9):
        assert staff_client.get(_url(section)).status_code == 200
    with django_assert_max_num_queries(16):
        response = staff_client.post(_url(section), _form(section, body="<p>Quarterly, in public.</p>"))
    assert response.status_code == 302


def test_a_section_of_another_plan_is_not_found_and_another_areas_is_refused(
    staff_client: Any, plan: Any, other_area_plan: Any
) -> None:
    foreign = other_area_plan.sections.first()
    wrong_plan = reverse("plans:section_edit", kwargs={"plan_id": plan.pk, "section_id": foreign.pk})
    assert staff_client.get(wrong_plan).status_code == 404
    assert staff_client.get(_url(foreign)).status_code == 403
    assert staff_client.post(_url(foreign), _form(foreign, body="<p>Taken over.</p>")).status_code == 403
    foreign.refresh_from_db()
    assert "Taken over" not in foreign.body


def test_force_liaison_and_panel_members_cannot_open_the_editor(
    client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    section = plan.sections.first()
    for role in ("force", "panel"):
        client.force_login(role_users[role])
        assert client.get(_url(section)).status_code == 403
        assert client.post(_url(section), _form(section, body="<p>Changed.</p>")).status_code == 403
    section.refresh_from_db()
    assert "Changed." not in section.body


def test_the_history_shows_who_changed_what_with_the_words_and_restores(
    staff_client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    section = plan.sections.first()
    original = section.body
    section_update(
        section=section,
        by=role_users["publisher"],
        expected_revision=section.revision,
        title=section.title,
        body="<p>The Commissioner will hold the Chief Constable to account in public meetings.</p>",
        covers=["reporting", "performance"],
        addresses_spr=False,
        in_public_summary=False,
        district=None,
    )
    page = staff_client.get(_url(section, "plans:section_history")).content.decode()
    assert f"Changed by {role_users['publisher'].get_full_name()}" in page
    assert "[inserted: </span>in public<" in page and "[deleted: </span>through scrutiny<" in page
    assert "Covers: was The PCC&#x27;s police and crime objectives, How the Chief Constable&#x27;s performance" in page
    assert "now How the Chief Constable will report to the PCC, How" in page
    assert page.count("Restore this version") == 1
    first = section.history.order_by("history_date").first()
    restore = reverse(
        "plans:section_restore", kwargs={"plan_id": plan.pk, "section_id": section.pk, "history_id": first.history_id}
    )
    response = staff_client.post(restore, {"revision": 2}, follow=True)
    assert "Restored an earlier state" in response.content.decode()
    section.refresh_from_db()
    assert section.body == original and section.revision == 3
    assert section.history.first().history_user == role_users["staff"]
    # A restore posted from a page opened before that restore is held back, not applied.
    response = staff_client.post(restore, {"revision": 2}, follow=True)
    assert "saved this section since you opened its history" in response.content.decode()
    assert section.history.count() == 3


def test_the_history_page_runs_a_fixed_number_of_queries(
    staff_client: Any, big_plan: Any, django_assert_max_num_queries: Any
) -> None:
    section = big_plan.sections.order_by("order").last()
    with django_assert_max_num_queries(10):
        assert staff_client.get(_url(section, "plans:section_history")).status_code == 200


def test_a_long_history_goes_back_page_by_page_to_the_first_text(
    staff_client: Any, plan: Any, role_users: dict[str, Any], monkeypatch: Any
) -> None:
    monkeypatch.setattr("plans.history.SECTION_LIMIT", 3)
    section = plan.sections.first()
    for n in range(1, 7):
        section = section_update(
            section=section,
            by=role_users["staff"],
            expected_revision=section.revision,
            title=section.title,
            body=f"<p>Draft {n} of the Commissioner's foreword.</p>",
            covers=section.covers,
            addresses_spr=False,
            in_public_summary=False,
            district=None,
        )
    newest = staff_client.get(_url(section, "plans:section_history")).content.decode()
    assert newest.count('class="app-history__entry"') == 3 and "Current</strong>" in newest
    revisions = re.compile(r"Revision (\d+)\b")
    assert revisions.findall(newest) == ["7", "6", "5"]
    older_url = re.search(r'href="(\?before=\d+)" rel="next"', newest)
    assert older_url, "a link to the older changes"
    older = staff_client.get(_url(section, "plans:section_history") + older_url.group(1)).content.decode()
    assert revisions.findall(older) == ["4", "3", "2"] and "Current</strong>" not in older
    assert "Newest changes" in older and older.count("Restore this version<") == 3
    oldest = staff_client.get(
        _url(section, "plans:section_history") + re.search(r'href="(\?before=\d+)" rel="next"', older).group(1)
    ).content.decode()
    assert revisions.findall(oldest) == ["1"]
    assert "The text as first saved" in oldest and 'rel="next"' not in oldest
    # A page address typed by hand that is not a history id shows the newest changes.
    assert "Current</strong>" in staff_client.get(_url(section, "plans:section_history") + "?before=x").content.decode()


def test_adding_and_removing_a_section(staff_client: Any, plan: Any) -> None:
    response = staff_client.post(
        reverse("plans:section_create", kwargs={"plan_id": plan.pk}),
        {"title": "Appendix three: glossary", "body": "<p>PEEL: police effectiveness, efficiency and legitimacy.</p>"},
    )
    section = plan.sections.get(title="Appendix three: glossary")
    assert response.status_code == 302
    confirm = staff_client.get(_url(section, "plans:section_delete")).content.decode()
    assert "Remove the section?" in confirm and "Versions already cut keep it" in confirm
    staff_client.post(_url(section, "plans:section_delete"))
    assert not plan.sections.filter(pk=section.pk).exists()
    assert section.history.first().history_type == "-"
