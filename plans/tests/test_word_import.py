"""Importing a plan from Word: upload, preview with each part mapped, then saved; bad files
refused with a message; the section editor's conflict check."""

import datetime
import re
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import Plan, Section, WordImport
from plans.richtext import image_storage_name
from plans.services import section_update
from plans.tests import word_documents as docs
from plans.word.reading import WordFileError, read_word_document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _upload(client: Any, url: str, data: bytes, name: str = "police-and-crime-plan-2016-21.docx", **fields: Any) -> Any:
    return client.post(url, {"document": SimpleUploadedFile(name, data, DOCX), **fields})


def _new_plan_fields() -> dict[str, str]:
    return {
        "title": docs.TITLE,
        "starts_on_0": "5",
        "starts_on_1": "5",
        "starts_on_2": "2016",
        "ends_on_0": "31",
        "ends_on_1": "3",
        "ends_on_2": "2021",
    }


def _form_values(page: str) -> dict[str, Any]:
    """What the preview's form sends as it stands: its text inputs, selected options and
    ticked boxes (the choices pcplan suggested)."""
    values: dict[str, Any] = {}
    for name, value in re.findall(r'<input type="(?:text|hidden)" name="([^"]+)" value="([^"]*)"', page):
        values[name] = value
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*checked', page):
        values.setdefault(name, []).append(value)
    for select, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        if chosen:
            values[select] = chosen.group(1)
    return values


# ---------------------------------------------------------------- reading


def _stored(data: bytes, extension: str, mime: str) -> Any:
    from plans.services.word_imports import _store_image

    return _store_image(data, extension, mime)


def test_the_document_is_split_at_its_headings_keeping_lists_tables_and_the_picture(db: Any) -> None:
    document = read_word_document("plan.docx", docs.seed_000_docx(), _stored)
    assert document.title == docs.TITLE
    assert [s.title for s in document.sections] == docs.HEADINGS
    foreword, priorities, resources, performance, timescale = document.sections
    assert docs.PURPOSE in foreword.text
    assert re.search(r'<img alt="" src="/files/plans/images/[0-9a-f-]{36}\.png">', foreword.body)
    assert "<ul><li>Vulnerability</li>" in priorities.body
    assert "<ol><li>Continuous Improvement" in performance.body
    assert all(item in resources.text for item in docs.RESOURCES)
    # The sub-heading sits under the part's title; the table keeps its header row.
    assert "<h3>Proposed timeline</h3>" in timescale.body
    assert '<th scope="col">' in timescale.body and "Draft V1 developed" in timescale.body
    # The picture is a media file, re-encoded as a PNG, with no description yet.
    (image,) = document.images
    assert image.section == 0 and image.alt == ""
    stored = image_storage_name(image.src)
    assert stored and default_storage.open(stored).read()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_picture_described_in_word_keeps_its_description(db: Any) -> None:
    document = read_word_document(
        "plan.docx", docs.seed_000_docx(image_description="Map of the districts of Avon and Somerset"), _stored
    )
    assert document.images[0].alt == "Map of the districts of Avon and Somerset"
    assert 'alt="Map of the districts of Avon and Somerset"' in document.sections[0].body


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.docx", b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n", "not a Word document (.docx)"),
        ("plan.pdf", b"%PDF-1.7\n%%EOF\n", "whose name ends in .docx"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Word 97-2003"),
        ("plan.docm", b"PK\x03\x04", "macros"),
        ("plan.docx", None, "macros"),
        ("plan.docx", b"", "not a Word document"),
    ],
    ids=["pdf-named-docx", "pdf", "word-97", "docm", "vba-project", "empty"],
)
def test_files_that_are_not_plain_word_documents_are_refused_with_a_reason(
    name: str, data: bytes | None, message: str
) -> None:
    content = docs.with_macros(docs.seed_000_docx()) if data is None else data
    with pytest.raises(WordFileError, match=re.escape(message)):
        read_word_document(name, content, _stored)


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    with pytest.raises(WordFileError, match="unpacks to far more than its size suggests"):
        read_word_document("plan.docx", docs.zip_bomb(), _stored)


# ---------------------------------------------------------------- pages


def test_staff_import_a_new_plan_map_its_parts_and_save_it(
    staff_client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    response = _upload(staff_client, reverse("plans:word_import_new"), docs.seed_000_docx(), **_new_plan_fields())
    assert response.status_code == 302
    word_import = WordImport.objects.get()
    preview = staff_client.get(response["Location"])
    page = preview.content.decode()
    # Before anything is saved: no plan, and the preview shows every part.
    assert not Plan.objects.filter(title=docs.TITLE).exists()
    for number, heading in enumerate(docs.HEADINGS, start=1):
        assert f"Part {number}: {heading}" in page
    assert "Describe image 1" in page
    values = _form_values(page)
    # pcplan suggests the template's sections by their titles; the timeline is new.
    assert values["target_0"] == "template:1"  # Foreword and introduction
    assert values["target_1"] == "template:2"  # Priorities and expected outcomes
    assert values["target_2"] == "template:7"  # Resources
    assert values["target_3"] == "template:8"  # Performance and outcomes
    assert values["target_4"] == "new"
    assert values["covers_1"] == ["objectives"]
    # Saving without describing the picture is refused, next to the field.
    refused = staff_client.post(response["Location"], values)
    assert refused.status_code == 200
    assert "Describe image 1, or say that it is decorative" in refused.content.decode()
    assert not Plan.objects.filter(title=docs.TITLE).exists()
    values["alt_1"] = "Map of the districts of Avon and Somerset"
    values["covers_4"] = ["reporting"]
    saved = staff_client.post(response["Location"], values)
    assert saved.status_code == 302
    plan = Plan.objects.get(title=docs.TITLE)
    assert saved["Location"] == plan.get_absolute_url()
    assert plan.starts_on == datetime.date(2016, 5, 5)
    sections = {s.title: s for s in plan.sections.all()}
    assert docs.PURPOSE in sections["Foreword and introduction"].body
    assert 'alt="Map of the districts of Avon and Somerset"' in sections["Foreword and introduction"].body
    assert "Vulnerability" in sections["Priorities and expected outcomes"].body
    assert sections["Priorities and expected outcomes"].covers == ["objectives"]
    assert "Medium Term Financial Plan" in sections["Resources"].body
    timeline = sections["Timescale and approach"]
    assert timeline.order == max(s.order for s in sections.values())
    assert timeline.covers == ["reporting"] and "Draft V1 developed" in timeline.body
    # Who imported it, and from what, is in the section's history.
    record = timeline.history.first()
    assert record.history_user == role_users["staff"]
    assert record.history_change_reason == "Imported from the Word document police-and-crime-plan-2016-21.docx"
    word_import.refresh_from_db()
    assert word_import.is_applied and word_import.plan == plan
    # A second post (a double click, the back button) imports nothing more.
    again = staff_client.post(response["Location"], values)
    assert again.status_code == 302 and Plan.objects.filter(title=docs.TITLE).count() == 1


def test_importing_into_the_working_draft_replaces_the_chosen_sections_and_adds_new_ones(
    staff_client: Any, plan: Any
) -> None:
    target = plan.sections.order_by("order").first()
    before = plan.sections.count()
    response = _upload(
        staff_client,
        reverse("plans:word_import", kwargs={"plan_id": plan.pk}),
        docs.seed_000_docx(image_description="Map of the districts"),
    )
    assert response.status_code == 302
    values = _form_values(staff_client.get(response["Location"]).content.decode())
    values.update(target_0=f"section:{target.pk}", target_1=f"section:{target.pk}", target_2="skip")
    values.update(target_3="skip", target_4="new", covers_0=["objectives"])
    assert staff_client.post(response["Location"], values).status_code == 302
    target.refresh_from_db()
    # Two parts into one section follow each other, each under its own heading.
    assert "<h3>Foreword and Introduction</h3>" in target.body
    assert "<h3>PCC Strategic Priorities and expected Outcomes</h3>" in target.body
    assert "Medium Term Financial Plan" not in target.body
    assert "objectives" in target.covers
    assert plan.sections.count() == before + 1
    assert plan.sections.filter(title="Timescale and approach").exists()


def test_a_section_saved_by_someone_else_since_the_preview_is_not_overwritten(
    staff_client: Any, plan: Any, role_users: dict[str, Any]
) -> None:
    target = plan.sections.order_by("order").first()
    response = _upload(
        staff_client,
        reverse("plans:word_import", kwargs={"plan_id": plan.pk}),
        docs.seed_000_docx(image_description="Map of the districts"),
    )
    values = _form_values(staff_client.get(response["Location"]).content.decode())
    values.update({f"target_{i}": "skip" for i in range(5)})
    values.update(target_0=f"section:{target.pk}", target_4="new")
    # Meanwhile, a colleague saves the section.
    theirs = "<p>The Commissioner will publish the findings of her scrutiny panels every quarter.</p>"
    section_update(
        section=target,
        by=role_users["publisher"],
        expected_revision=target.revision,
        title=target.title,
        body=theirs,
        covers=target.covers,
        addresses_spr=target.addresses_spr,
        in_public_summary=target.in_public_summary,
        district=None,
    )
    count = plan.sections.count()
    conflict = staff_client.post(response["Location"], values)
    page = conflict.content.decode()
    assert conflict.status_code == 200
    assert "Nothing has been imported" in page and "Publisher1 saved the section" in page
    target.refresh_from_db()
    assert target.body == theirs
    assert plan.sections.count() == count, "nothing of the import is half-saved"
    # Importing again, knowingly, goes through.
    assert staff_client.post(response["Location"], _form_values(page)).status_code == 302
    target.refresh_from_db()
    assert docs.PURPOSE in target.body


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + bytes(range(256)), "whose name ends in .docx"),
        ("police-and-crime-plan.docm", None, "macros"),
        ("police-and-crime-plan.docx", b"This is not a Word document.", "not a Word document (.docx)"),
    ],
    ids=["program", "macros", "text"],
)
def test_a_bad_file_gets_a_message_by_the_field_and_nothing_is_kept(
    staff_client: Any, plan: Any, name: str, data: bytes | None, message: str
) -> None:
    content = docs.with_macros(docs.seed_000_docx()) if data is None else data
    response = _upload(staff_client, reverse("plans:word_import", kwargs={"plan_id": plan.pk}), content, name=name)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and 'href="#id_document"' in page
    assert not WordImport.objects.exists()


def test_a_file_over_the_limit_is_refused(staff_client: Any, plan: Any, settings: Any) -> None:
    settings.PCPLAN_WORD_IMPORT_MAX_BYTES = 10 * 1024
    response = _upload(staff_client, reverse("plans:word_import", kwargs={"plan_id": plan.pk}), docs.seed_000_docx())
    assert response.status_code == 200
    assert "upload a Word document of 10.0 KB or smaller" in response.content.decode()
    assert not WordImport.objects.exists()


def test_another_areas_import_is_refused(client: Any, make_user: Any, plan: Any, other_area_plan: Any) -> None:
    from pcplan.roles import Role

    staff = make_user("officer-devon", Role.STAFF, user_area=other_area_plan.area)
    client.force_login(staff)
    response = _upload(client, reverse("plans:word_import", kwargs={"plan_id": plan.pk}), docs.seed_000_docx())
    assert response.status_code == 403


def test_the_imported_image_is_served_at_its_address_and_nothing_else_is(client: Any, db: Any) -> None:
    document = read_word_document("plan.docx", docs.seed_000_docx(), _stored)
    response = client.get(document.images[0].src)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert client.get("/files/plans/images/../../settings.py").status_code == 404
    assert client.get("/files/plans/images/not-a-uuid.png").status_code == 404


def test_a_section_with_an_imported_image_keeps_it_when_sanitised_and_cut(staff_client: Any, plan: Any) -> None:
    section = Section.objects.filter(plan=plan).first()
    document = read_word_document("plan.docx", docs.seed_000_docx(image_description="Map"), _stored)
    body = document.sections[0].body + '<img src="https://tracker.example.com/pixel.gif" alt="">'
    section_update(
        section=section,
        by=None,
        expected_revision=section.revision,
        title=section.title,
        body=body,
        covers=section.covers,
        addresses_spr=False,
        in_public_summary=False,
        district=None,
    )
    section.refresh_from_db()
    assert document.images[0].src in section.body and "tracker.example.com" not in section.body


def test_a_document_of_more_parts_than_one_preview_holds_is_refused(monkeypatch: Any, db: Any) -> None:
    monkeypatch.setattr("plans.word.reading.MAX_PARTS", 3)
    with pytest.raises(WordFileError, match="has 5 headings at its top level; pcplan imports up to 3 parts"):
        read_word_document("plan.docx", docs.seed_000_docx(), _stored)
