"""Exporting a version, or the working draft, as a Word document: opened with python-docx,
it has every section heading, every objective with its commitments, the lists and tables
of the sections, and the pictures with their descriptions."""

import io
from typing import Any

import docx
from django.urls import reverse

from plans.services import section_update, version_cut
from plans.snapshot import PlanContent
from plans.tests import word_documents as docs
from plans.word.reading import read_word_document
from plans.word.writing import DOCX_CONTENT_TYPE


def _open(response: Any) -> Any:
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    return docx.Document(io.BytesIO(response.content))


def _headings(document: Any, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_a_version_downloads_as_a_word_document_with_every_section_and_objective(
    staff_client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    version = version_cut(plan=plan, by=role_users["staff"], note="For the Panel")
    content = PlanContent.from_json(version.content)
    response = staff_client.get(reverse("plans:version_word", kwargs={"plan_id": plan.pk, "number": 1}))
    document = _open(response)
    assert response["Content-Disposition"] == f'attachment; filename="{plan.slug}-V1.docx"'
    assert document.core_properties.title == plan.title
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [plan.title]
    sections = _headings(document, 1)
    for section in content.sections:
        assert section.title in sections
    assert "Police and crime objectives" in sections
    objectives = _headings(document, 2)
    assert [o.title for o in content.objectives] == objectives
    text = "\n".join(p.text for p in document.paragraphs)
    for objective in content.objectives:
        for commitment in objective.commitments:
            assert commitment.text in text
    for actor in ("I will:", "I expect the Chief Constable to:", "I will work with partners to:"):
        assert actor in text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert content.objectives[0].commitments[0].text in bullets
    # The grants are a table, headed.
    grants = document.tables[-1]
    assert [cell.text for cell in grants.rows[0].cells] == ["Recipient", "Purpose and conditions", "Amount"]
    assert grants.rows[1].cells[2].text == "£125,000.00"


def test_lists_tables_and_pictures_of_an_imported_section_survive_the_export(
    staff_client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    from plans.services.word_imports import _store_image

    read = read_word_document("plan.docx", docs.seed_000_docx(image_description="Map of the districts"), _store_image)
    section = plan.sections.order_by("order").first()
    body = read.sections[0].body + read.sections[1].body + read.sections[4].body
    section_update(
        section=section,
        by=role_users["staff"],
        expected_revision=section.revision,
        title=section.title,
        body=body,
        covers=section.covers,
        addresses_spr=False,
        in_public_summary=False,
        district=None,
    )
    version_cut(plan=plan, by=role_users["staff"])
    document = _open(staff_client.get(reverse("plans:version_word", kwargs={"plan_id": plan.pk, "number": 1})))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert all(priority in bullets for priority in docs.PRIORITIES)
    assert "Proposed timeline" in _headings(document, 2)
    timeline = document.tables[0]
    assert [cell.text for cell in timeline.rows[2].cells] == list(docs.TIMELINE[2])
    assert timeline.rows[0].cells[0].paragraphs[0].runs[0].bold
    (picture,) = document.inline_shapes
    assert picture._inline.docPr.get("descr") == "Map of the districts"


def test_the_working_draft_downloads_for_staff_as_it_stands(staff_client: Any, plan: Any) -> None:
    section = plan.sections.order_by("order").first()
    section.title = "Foreword by the Commissioner"
    section.save()
    response = staff_client.get(reverse("plans:draft_word", kwargs={"plan_id": plan.pk}))
    document = _open(response)
    assert "Foreword by the Commissioner" in _headings(document, 1)
    assert "the working draft on" in "\n".join(p.text for p in document.paragraphs)
    assert "working-draft" in response["Content-Disposition"]


def test_the_force_liaison_downloads_versions_but_not_the_draft(
    force_client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    version_cut(plan=plan, by=role_users["staff"])
    assert force_client.get(reverse("plans:version_word", kwargs={"plan_id": plan.pk, "number": 1})).status_code == 200
    assert force_client.get(reverse("plans:draft_word", kwargs={"plan_id": plan.pk})).status_code == 403


def test_another_areas_version_is_refused(staff_client: Any, other_area_plan: Any, role_users: dict[str, Any]) -> None:
    version_cut(plan=other_area_plan, by=role_users["staff"])
    url = reverse("plans:version_word", kwargs={"plan_id": other_area_plan.pk, "number": 1})
    assert staff_client.get(url).status_code == 403
