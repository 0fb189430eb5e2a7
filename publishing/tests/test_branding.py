"""The brand kit: colours white text can be read on, images that are only images, and a
brand that reaches the documents and the public pages."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from publishing import branding
from publishing.brand_images import BrandImageError, checked_image, sanitised_svg
from publishing.documents import build_document

ASSETS = Path(branding.__file__).with_name("demo_assets")


def _png(width: int = 40, height: int = 20) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 50, 92)).save(out, format="PNG")
    return out.getvalue()


def _update(area: Any, by: Any = None, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "primary_colour": "#14325c",
        "secondary_colour": "#006f62",
        "logo": None,
        "logo_alt": "",
        "remove_logo": False,
        "cover_image": None,
        "cover_alt": "",
        "cover_credit": "",
        "remove_cover": False,
    }
    values.update(changes)
    return branding.brand_kit_update(area=area, by=by, **values)


def test_the_contrast_ratio_is_wcags() -> None:
    assert round(branding.contrast_ratio("#ffffff", "#000000"), 1) == 21.0
    assert round(branding.contrast_ratio("#ffffff", "#1d70b8"), 2) == 5.17
    assert branding.text_colour_on("#14325c") == "#ffffff"
    assert branding.text_colour_on("#ffdd00") == "#0b0c0c"


@pytest.mark.parametrize(("colour", "ratio"), [("#ffdd00", "1.34:1"), ("#5694ca", "3.23:1"), ("#00a33b", "3.33:1")])
def test_a_colour_white_text_cannot_be_read_on_is_refused_with_its_ratio(area: Any, colour: str, ratio: str) -> None:
    with pytest.raises(ValidationError) as refused:
        _update(area, primary_colour=colour)
    message = refused.value.message_dict["primary_colour"][0]
    assert f"contrast ratio of {ratio}" in message and "4.5:1" in message
    assert branding.brand_kit_of(area) is None


def test_a_colour_must_be_a_hex_code(area: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        _update(area, secondary_colour="navy")
    assert refused.value.message_dict["secondary_colour"] == ["Enter secondary colour as a hex code, like #1d3a5f"]


def test_a_logo_or_cover_image_needs_its_alternative_text(area: Any) -> None:
    logo = checked_image(_png(), what="logo", allow_svg=True)
    with pytest.raises(ValidationError) as refused:
        _update(area, logo=logo)
    assert "logo_alt" in refused.value.message_dict
    kit = _update(area, logo=logo, logo_alt="Avon and Somerset Police and Crime Commissioner", primary_colour="1D3A5F")
    assert kit.primary_colour == "#1d3a5f" and kit.logo.name.endswith(".png")
    # Taking the logo off keeps the colours.
    kit = _update(area, remove_logo=True, primary_colour="#1d3a5f")
    assert not kit.logo and kit.logo_alt == ""


def test_an_svg_logo_keeps_its_drawing_and_loses_everything_active() -> None:
    hostile = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"'
        b' onload="alert(1)"><script>alert(2)</script><style>rect{fill:url(http://evil.example/x)}</style>'
        b'<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs>'
        b'<rect width="10" height="10" fill="url(#g)" onclick="alert(3)"/>'
        b'<a href="javascript:alert(4)"><text x="1" y="5">Logo</text></a>'
        b'<image href="https://evil.example/track.png" width="1" height="1"/>'
        b'<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/></foreignObject>'
        b'<use xlink:href="https://evil.example/sprite.svg#a"/><circle r="2" style="fill:red"/></svg>'
    )
    clean = sanitised_svg(hostile).decode()
    for gone in ("onload", "script", "alert", "style", "evil.example", "foreignObject", "iframe", "<a", "image"):
        assert gone not in clean, gone
    assert 'fill="url(#g)"' in clean and "<circle" in clean and "linearGradient" in clean
    # The demo's own logo passes unchanged in what it draws.
    demo = sanitised_svg((ASSETS / "logo.svg").read_bytes()).decode()
    assert demo.count("<path") == 5 and "Police and Crime Commissioner" in demo


@pytest.mark.parametrize(
    ("data", "allow_svg", "message"),
    [
        (b"GIF89a not really", True, "must be a PNG, JPEG or SVG file"),
        (b"<html><script>alert(1)</script></html>", True, "must be a PNG, JPEG or SVG file"),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "b">]><svg/>', True, "declares a DTD"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', True, "needs a viewBox"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>', False, "must be a PNG or JPEG file"),
    ],
)
def test_what_is_not_an_accepted_image_is_refused_with_a_reason(data: bytes, allow_svg: bool, message: str) -> None:
    with pytest.raises(BrandImageError, match=message):
        checked_image(data, what="logo", allow_svg=allow_svg)


def test_a_png_is_stored_afresh_without_what_was_appended_and_a_cover_as_a_jpeg() -> None:
    logo = checked_image(_png() + b"<script>alert(1)</script>", what="logo", allow_svg=True)
    assert logo.extension == "png" and b"script" not in logo.data
    assert Image.open(io.BytesIO(logo.data)).size == (40, 20)
    cover = checked_image(_png(160, 80), what="cover image", allow_svg=False)
    assert cover.extension == "jpg" and Image.open(io.BytesIO(cover.data)).format == "JPEG"


def test_the_brand_reaches_the_print_html_and_the_public_image_is_inert(area: Any, version: Any, client: Any) -> None:
    logo = checked_image((ASSETS / "logo.svg").read_bytes(), what="logo", allow_svg=True)
    cover = checked_image(_png(160, 80), what="cover image", allow_svg=False)
    _update(area, logo=logo, logo_alt="Avon and Somerset PCC", cover_image=cover, cover_alt="The Avon Gorge")
    html = build_document(version=version, format="full").html()
    assert "--brand: #14325c" in html and "--accent: #006f62" in html
    assert f'/files/brand/avon-and-somerset/{logo.name}" alt="Avon and Somerset PCC"' in html
    assert 'alt="The Avon Gorge"' in html

    image = client.get(f"/brand/avon-and-somerset/{logo.name}")
    assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml"
    assert "sandbox" in image["Content-Security-Policy"] and "script-src" not in image["Content-Security-Policy"]
    assert image["X-Content-Type-Options"] == "nosniff"
    assert client.get("/brand/avon-and-somerset/../secret.svg").status_code == 404
    assert client.get("/brand/avon-and-somerset/nothing.svg").status_code == 404
    css = client.get("/brand/avon-and-somerset.css")
    assert css["Content-Type"].startswith("text/css") and "background: #14325c" in css.content.decode()


def test_only_the_publisher_may_open_the_brand_page(client: Any, role_users: dict[str, Any]) -> None:
    for name in ("staff", "panel", "force", "norole"):
        client.force_login(role_users[name])
        assert client.get("/documents/brand/").status_code in (302, 403), name
    client.logout()
    assert client.get("/documents/brand/").status_code == 302
    client.force_login(role_users["publisher"])
    page = client.get("/documents/brand/")
    assert page.status_code == 200 and "Brand of the documents" in page.content.decode()
    refused = client.post(
        "/documents/brand/", {"primary_colour": "#ffdd00", "secondary_colour": "#006f62", "revision": 0}
    )
    assert refused.status_code == 200
    assert "white text on it has a contrast ratio of 1.34:1" in refused.content.decode()
