"""Cutting, reading and comparing versions; a cut version never changes."""

from typing import Any

import pytest
from django.urls import reverse

from plans.models import Version
from plans.services import section_update, version_cut
from plans.snapshot import PlanContent


def _compare(plan: Any, query: str = "") -> str:
    return reverse("plans:version_compare", kwargs={"plan_id": plan.pk}) + query


def _edit_body(section: Any, by: Any, body: str) -> Any:
    return section_update(
        section=section,
        by=by,
        expected_revision=section.revision,
        title=section.title,
        body=body,
        covers=section.covers,
        addresses_spr=section.addresses_spr,
        in_public_summary=section.in_public_summary,
        district=section.district,
    )


def test_staff_cut_a_version_with_a_note(staff_client: Any, plan: Any, role_users: dict[str, Any]) -> None:
    url = reverse("plans:version_cut", kwargs={"plan_id": plan.pk})
    assert "Cut V1" in staff_client.get(url).content.decode()
    response = staff_client.post(url, {"note": "Draft V1 for the Strategic Planning Working Group"})
    version = plan.versions.get()
    assert response["Location"] == version.get_absolute_url()
    assert version.number == 1 and version.note.startswith("Draft V1") and version.cut_by == role_users["staff"]


def test_cutting_when_nothing_changed_is_refused_with_a_clear_message(
    staff_client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    version_cut(plan=plan, by=role_users["staff"])
    response = staff_client.post(reverse("plans:version_cut", kwargs={"plan_id": plan.pk}), {"note": "Again"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing has changed since V1, so there is nothing to cut. Change the working draft first." in page
    assert "<title>Error: " in page and 'value="Again"' in page
    assert plan.versions.count() == 1


def test_a_version_shows_the_whole_snapshot_read_only(client: Any, big_plan: Any, role_users: dict[str, Any]) -> None:
    v1 = big_plan.versions.get(number=1)
    content = PlanContent.from_json(v1.content)
    for role in ("staff", "force"):
        client.force_login(role_users[role])
        page = client.get(v1.get_absolute_url()).content.decode()
        assert f"{content.area}: V1, read-only" in page
        assert page.count('class="app-plan-content__section"') == 40
        assert all(f'id="section-{s.uid}"' in page for s in content.sections)
        assert all(f'id="objective-{o.uid}"' in page for o in content.objectives)
        assert "Bristol Community Safety Partnership" in page
        assert "<form" not in page.split("</header>")[1]


def test_comparing_two_versions_lists_the_changed_parts_then_marks_the_words(
    client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    staff = role_users["staff"]
    version_cut(plan=plan, by=staff)
    section = plan.sections.order_by("order").first()
    _edit_body(section, staff, "<p>The Commissioner will hold the Chief Constable to account in public meetings.</p>")
    version_cut(plan=plan, by=staff)
    for role in ("staff", "publisher", "force"):
        client.force_login(role_users[role])
        page = client.get(_compare(plan, "?from=1&to=2")).content.decode()
        assert '<h1 class="govuk-heading-l">Compare V1 with V2</h1>' in page
        assert "1 part of the plan changed between V1 and V2" in page
        assert f'<a class="govuk-link" href="#section-{section.uid}">{section.title}</a> (changed)' in page
        assert f'<section class="app-compare__part" id="section-{section.uid}"' in page
        assert "[inserted: </span>in public<" in page and "[deleted: </span>through scrutiny<" in page
        # Unchanged parts keep their anchors, so links from other pages land somewhere.
        other = plan.sections.order_by("order").last()
        assert f'<li id="section-{other.uid}">{other.title}: unchanged</li>' in page


def test_by_default_staff_compare_the_latest_version_with_the_working_draft(
    staff_client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    version_cut(plan=plan, by=role_users["staff"])
    page = staff_client.get(_compare(plan)).content.decode()
    assert "Compare V1 with the working draft" in page and "Nothing changed between V1 and the working draft" in page
    _edit_body(plan.sections.first(), role_users["staff"], "<p>Victims first, in every district.</p>")
    page = staff_client.get(_compare(plan)).content.decode()
    assert "1 part of the plan changed between V1 and the working draft" in page
    assert "[inserted: </span>Victims first, in every district" in page


def test_force_liaison_compares_versions_but_never_sees_the_working_draft(
    force_client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    version_cut(plan=plan, by=role_users["staff"])
    _edit_body(plan.sections.first(), role_users["staff"], "<p>An unpublished draft sentence.</p>")
    assert force_client.get(_compare(plan, "?from=1&to=draft")).status_code == 403
    page = force_client.get(_compare(plan)).content.decode()
    assert "An unpublished draft sentence" not in page and "working draft" not in page
    assert "Only one version has been cut so far" in page
    version_cut(plan=plan, by=role_users["staff"])
    page = force_client.get(_compare(plan)).content.decode()
    assert "Compare V1 with V2" in page
    for name in ("plans:plan_detail", "plans:version_cut", "plans:milestone_list"):
        assert force_client.get(reverse(name, kwargs={"plan_id": plan.pk})).status_code == 403


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=7&to=1", "Choose a version of this plan to compare from"),
        ("?from=1&to=banana", "Choose a version of this plan to compare with"),
        ("?from=1&to=1", "Choose two different versions to compare"),
        ("?to=2", "This field is required"),
    ],
)
def test_a_bad_choice_of_versions_gets_a_message_not_an_error(
    staff_client: Any, plan: Any, role_users: dict[str, Any], query: str, message: str
) -> None:
    version_cut(plan=plan, by=role_users["staff"])
    _edit_body(plan.sections.first(), role_users["staff"], "<p>Changed for V2.</p>")
    version_cut(plan=plan, by=role_users["staff"])
    response = staff_client.get(_compare(plan, query))
    assert response.status_code == 200
    assert message in response.content.decode()


def test_comparing_two_40_section_versions_runs_a_fixed_number_of_queries(
    staff_client: Any, big_plan: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(9):
        assert staff_client.get(_compare(big_plan, "?from=1&to=2")).status_code == 200
    # The working draft is read in five queries (content_from_plan), budget lines included.
    with django_assert_max_num_queries(14):
        assert staff_client.get(_compare(big_plan, "?from=2&to=draft")).status_code == 200


def test_the_version_list_offers_comparisons(staff_client: Any, big_plan: Any) -> None:
    page = staff_client.get(reverse("plans:version_list", kwargs={"plan_id": big_plan.pk})).content.decode()
    assert "?from=1&amp;to=2" in page and "?from=2&amp;to=draft" in page


# ---------------------------------------------------------------- a cut version never changes


def test_no_page_changes_a_cut_version(staff_client: Any, plan: Any, role_users: dict[str, Any]) -> None:
    """Posting edits at a version's pages is refused; editing the draft afterwards leaves
    the version exactly as it was cut."""
    v1 = Version.objects.get(pk=version_cut(plan=plan, by=role_users["staff"], note="For the Panel").pk)
    before = (v1.content, v1.content_hash, v1.note)
    section = plan.sections.order_by("order").first()
    for url in (v1.get_absolute_url(), _compare(plan, "?from=1&to=draft")):
        response = staff_client.post(url, {"note": "Rewritten", "body": "<p>Rewritten.</p>", "content": "{}"})
        assert response.status_code == 405
    response = staff_client.post(
        reverse("plans:section_edit", kwargs={"plan_id": plan.pk, "section_id": section.pk}),
        {"revision": section.revision, "title": section.title, "body": "<p>A new draft sentence after V1.</p>"},
    )
    assert response.status_code == 302
    v1 = Version.objects.get(pk=v1.pk)
    assert (v1.content, v1.content_hash, v1.note) == before
    assert "A new draft sentence after V1" not in staff_client.get(v1.get_absolute_url()).content.decode()
    assert plan.versions.count() == 1


def test_another_areas_versions_are_refused(client: Any, other_area_plan: Any, role_users: dict[str, Any]) -> None:
    version = version_cut(plan=other_area_plan, by=role_users["staff"])
    for role in ("staff", "force"):
        client.force_login(role_users[role])
        assert client.get(version.get_absolute_url()).status_code == 403
        assert client.get(_compare(other_area_plan, "?from=1&to=draft")).status_code == 403
    client.force_login(role_users["staff"])
    cut = reverse("plans:version_cut", kwargs={"plan_id": other_area_plan.pk})
    assert client.post(cut, {"note": "Not ours"}).status_code == 403
    assert other_area_plan.versions.count() == 1


def test_an_unknown_version_is_not_found(staff_client: Any, plan: Any) -> None:
    url = reverse("plans:version_detail", kwargs={"plan_id": plan.pk, "number": 3})
    assert staff_client.get(url).status_code == 404
