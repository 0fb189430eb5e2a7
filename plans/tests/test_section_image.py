"""Images in the plan's text: staff upload one into a section with its alternative text;
it is re-encoded without its metadata and appears in the documents."""

import io
import re
from html import unescape
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from plans.richtext import image_storage_name
from plans.services import version_cut
from plans.tests.factories import plan_with_content
from publishing.documents import build_document
from publishing.pdf import render_pdf

ALT = "The Commissioner with neighbourhood officers at Weston-super-Mare seafront"


def picture(kind: str = "JPEG", *, size: tuple[int, int] = (120, 80), exif: bool = False) -> bytes:
    image = Image.new("RGB", size, (29, 112, 184))
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "Camera maker"  # Make
        data[0x8825] = {2: (51.0, 21.0, 0.0)}  # GPS: the place the photo was taken
        image.save(out, kind, exif=data)
    else:
        image.save(out, kind)
    return out.getvalue()


@pytest.fixture
def section(area: Any) -> Any:
    plan = plan_with_content(area=area, sections=3, objectives=1)
    return plan.sections.order_by("order").first()


def _upload(client: Any, section: Any, data: bytes, name: str, alt: str) -> Any:
    url = reverse("plans:section_image", kwargs={"plan_id": section.plan_id, "section_id": section.pk})
    return client.post(url, {"revision": section.revision, "alt": alt, "image": SimpleUploadedFile(name, data)})


def _stored_images(body: str) -> list[tuple[str, str]]:
    return re.findall(r'<img src="([^"]+)" alt="([^"]*)"', body)


def test_staff_add_an_image_with_alt_text_at_the_end_of_the_section(staff_client: Any, section: Any) -> None:
    before = section.body
    response = _upload(staff_client, section, picture(exif=True), "seafront.jpg", ALT)
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body.startswith(before)
    [(src, alt)] = _stored_images(section.body)
    assert alt == ALT
    with default_storage.open(image_storage_name(src), "rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif(), "the photo's metadata (its location) is not kept"
    assert staff_client.get(src).status_code == 200


def test_an_image_without_alt_text_is_refused_with_a_message_by_the_field(staff_client: Any, section: Any) -> None:
    body = section.body
    response = _upload(staff_client, section, picture(), "seafront.jpg", "   ")
    page = response.content.decode()
    assert response.status_code == 200
    # The message is in the alternative text's own form group, tied to the field.
    group = re.search(r'<div id="div_id_alt".*?</textarea>', page, re.S).group(0)
    assert "Enter alternative text that says what the image shows" in group
    assert 'aria-describedby="id_alt_hint id_alt_1_error"' in group
    section.refresh_from_db()
    assert section.body == body


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"GIF89a not really", "logo.gif", "The file is not an image pcplan can read"),
        (picture("GIF"), "logo.gif", "The image must be a PNG, JPEG or WebP file."),
        (picture(size=(9000, 5000)), "huge.jpg", "The image is too large (9,000 by 5,000 pixels)"),
    ],
)
def test_a_file_that_is_not_an_image_we_take_is_refused_saying_why(
    staff_client: Any, section: Any, data: bytes, name: str, message: str
) -> None:
    page = _upload(staff_client, section, data, name, ALT).content.decode()
    assert message in page
    section.refresh_from_db()
    assert "<img" not in section.body


def test_a_webp_image_is_stored_as_a_jpeg_and_a_wide_one_scaled_down(staff_client: Any, section: Any) -> None:
    _upload(staff_client, section, picture("WEBP", size=(3000, 1000)), "wide.webp", ALT)
    section.refresh_from_db()
    [(src, _)] = _stored_images(section.body)
    assert src.endswith(".jpg")
    with default_storage.open(image_storage_name(src), "rb") as stored, Image.open(stored) as image:
        assert image.size == (2400, 800)


def test_the_image_is_in_the_full_plan_with_its_alt_text(
    staff_client: Any, section: Any, role_users: dict[str, Any]
) -> None:
    section.in_public_summary = True
    section.save()
    _upload(staff_client, section, picture("PNG"), "seafront.png", ALT)
    version = version_cut(plan=section.plan, by=role_users["staff"], note="V1")
    html = build_document(version=version, format="full").html()
    assert re.search(r'<img src="/files/plans/images/[0-9a-f-]+\.png" alt="' + re.escape(ALT) + '"', html)


def test_the_publisher_gives_a_district_a_picture_with_what_it_shows(publisher_client: Any, area: Any) -> None:
    mendip = area.districts.get(name="Mendip")
    url = reverse("plans:district_picture", kwargs={"district_id": mendip.pk})
    drawn = {"revision": mendip.revision}
    page = publisher_client.post(url, {**drawn, "picture": SimpleUploadedFile("tor.png", picture("PNG"))})
    assert "Enter what the picture shows" in page.content.decode()
    page = publisher_client.post(url, {**drawn, "alt": "Glastonbury Tor at sunrise"})
    assert "Choose a picture to upload" in page.content.decode()
    response = publisher_client.post(
        url, {**drawn, "picture": SimpleUploadedFile("tor.png", picture("PNG")), "alt": "Glastonbury Tor at sunrise"}
    )
    assert response.status_code == 302
    mendip.refresh_from_db()
    assert mendip.picture.startswith("/files/plans/images/") and mendip.picture_alt == "Glastonbury Tor at sunrise"
    assert 'alt="Glastonbury Tor at sunrise"' in publisher_client.get(reverse("plans:area_detail")).content.decode()


def test_what_a_districts_picture_shows_changes_without_uploading_it_again(publisher_client: Any, area: Any) -> None:
    mendip = area.districts.get(name="Mendip")
    url = reverse("plans:district_picture", kwargs={"district_id": mendip.pk})
    publisher_client.post(
        url,
        {
            "revision": mendip.revision,
            "picture": SimpleUploadedFile("tor.png", picture("PNG")),
            "alt": "Glastonbury Tor at sunrise",
        },
    )
    mendip.refresh_from_db()
    stored = mendip.picture
    assert "Leave empty to keep the picture it has" in publisher_client.get(url).content.decode()
    response = publisher_client.post(url, {"revision": mendip.revision, "alt": "Glastonbury Tor in the mist"})
    assert response.status_code == 302
    mendip.refresh_from_db()
    assert (mendip.picture, mendip.picture_alt) == (stored, "Glastonbury Tor in the mist")


def test_a_picture_refused_as_a_stale_save_asks_to_be_chosen_again(publisher_client: Any, area: Any) -> None:
    """A browser cannot put a chosen file back into a form: the message says so."""
    mendip = area.districts.get(name="Mendip")
    url = reverse("plans:district_picture", kwargs={"district_id": mendip.pk})
    opened = mendip.revision
    first = {"revision": opened, "picture": SimpleUploadedFile("tor.png", picture("PNG")), "alt": "Glastonbury Tor"}
    assert publisher_client.post(url, first).status_code == 302
    second = {"revision": opened, "picture": SimpleUploadedFile("wells.png", picture("PNG")), "alt": "Wells Cathedral"}
    page = publisher_client.post(url, second).content.decode()
    assert "so your change was not saved" in page
    assert "Choose the picture again before saving." in page
    mendip.refresh_from_db()
    assert mendip.picture_alt == "Glastonbury Tor"


# ---------------------------------------------------------------- decorative images


def _upload_decorative(client: Any, section: Any, alt: str = "") -> Any:
    url = reverse("plans:section_image", kwargs={"plan_id": section.plan_id, "section_id": section.pk})
    data = {"revision": section.revision, "alt": alt, "decorative": "on"}
    return client.post(url, {**data, "image": SimpleUploadedFile("border.png", picture("PNG", size=(600, 40)))})


def test_an_image_marked_decorative_needs_no_alt_text_and_screen_readers_skip_it(
    staff_client: Any, section: Any, role_users: dict[str, Any]
) -> None:
    edit_page = reverse("plans:section_image", kwargs={"plan_id": section.plan_id, "section_id": section.pk})
    assert "The image is decorative: it adds nothing to the text" in staff_client.get(edit_page).content.decode()
    response = _upload_decorative(staff_client, section)
    assert response.status_code == 302
    section.refresh_from_db()
    [(src, alt)] = _stored_images(section.body)
    assert alt == ""
    version = version_cut(plan=section.plan, by=role_users["staff"], note="V1")
    assert f'<img src="{src}" alt="">' in build_document(version=version, format="full").web_html()


def test_an_image_is_described_or_decorative_not_both(staff_client: Any, section: Any) -> None:
    body = section.body
    page = _upload_decorative(staff_client, section, alt="A blue border").content.decode()
    assert "The image is either described or decorative, not both" in page
    section.refresh_from_db()
    assert section.body == body


def test_the_editor_saves_a_decorative_image_and_refuses_one_without_alt(staff_client: Any, section: Any) -> None:
    _upload_decorative(staff_client, section)
    section.refresh_from_db()
    [(src, _)] = _stored_images(section.body)
    url = reverse("plans:section_edit", kwargs={"plan_id": section.plan_id, "section_id": section.pk})
    data = {"title": section.title, "revision": section.revision, "covers": section.covers or []}
    refused = staff_client.post(url, {**data, "body": f'<p>Our area.</p><p><img src="{src}"></p>'})
    assert refused.status_code == 200
    assert 'Give each image alternative text that says what it shows (alt="..."), or alt="" if decorative' in (
        unescape(refused.content.decode())
    )
    saved = staff_client.post(url, {**data, "body": f'<p>Our area.</p><p><img src="{src}" alt=""></p>'})
    assert saved.status_code == 302
    section.refresh_from_db()
    assert section.body == f'<p>Our area.</p><p><img src="{src}" alt=""></p>'


def test_a_decorative_image_is_an_artifact_of_the_pdf_not_a_figure(
    staff_client: Any, section: Any, role_users: dict[str, Any]
) -> None:
    _upload_decorative(staff_client, section)
    section.refresh_from_db()
    _upload(staff_client, section, picture("PNG"), "seafront.png", ALT)
    version = version_cut(plan=section.plan, by=role_users["staff"], note="V1")
    document = build_document(version=version, format="full")
    html = document.html()
    assert 'class="pcplan-decorative-image"' in html and 'alt=""' not in html
    reader = PdfReader(io.BytesIO(render_pdf(html).data))
    figures = _figures(reader.trailer["/Root"]["/StructTreeRoot"])
    assert ALT in [alt for _, alt in figures], "the described image is a Figure with its alternative text"
    assert all(alt for _, alt in figures), "no Figure lacks alternative text"
    sizes = {image.image.size for page in reader.pages for image in page.images}
    assert (600, 40) in sizes, "the decorative image is still drawn"


def _figures(node: Any) -> list[tuple[str, str]]:
    node = node.get_object()
    found = [(str(node.get("/S")), str(node.get("/Alt", "")))] if node.get("/S") == "/Figure" else []
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        if hasattr(kid.get_object(), "get"):
            found += _figures(kid)
    return found
