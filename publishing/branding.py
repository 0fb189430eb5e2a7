"""A police area's brand as the documents use it: colours, logo and cover image, with the
contrast rule every colour must meet.

Both colours are printed behind white text (the cover band, each priority's band) and
as text on white paper (headings), so each must give white text at least 4.5:1 (WCAG 2.2
AA for normal text); the same ratio holds for the colour as text on white.
"""

import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from pcplan.history import attribute
from pcplan.revisions import check_revision
from plans.models import PoliceArea

from .brand_images import CheckedImage
from .models import BrandKit

# pcplan's own colours, for an area that has set no brand: a navy and GOV.UK's blue.
DEFAULT_PRIMARY = "#1d3a5f"
DEFAULT_SECONDARY = "#1d70b8"
WHITE, BLACK = "#ffffff", "#0b0c0c"
MINIMUM_CONTRAST = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of a #rrggbb colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White where it reads on the colour, otherwise near-black."""
    return WHITE if contrast_ratio(WHITE, background) >= MINIMUM_CONTRAST else BLACK


def validate_brand_colour(colour: str, *, name: str = "This colour") -> None:
    """Refuse a colour on which white text falls below 4.5:1, saying the measured ratio."""
    ratio = contrast_ratio(WHITE, colour)
    if ratio < MINIMUM_CONTRAST:
        # Rounded down, so a colour at 4.499:1 never reads as "4.50:1" in a refusal.
        shown = int(ratio * 100) / 100
        raise ValidationError(
            f"{name} {colour} is too light: white text on it has a contrast ratio of {shown:.2f}:1, "
            f"below the {MINIMUM_CONTRAST}:1 that WCAG AA needs. Choose a darker colour.",
            code="contrast",
        )


@dataclass(frozen=True)
class DocumentBrand:
    """What the templates need: colours (and the text colour on each), and the URLs and
    words of the logo and the cover image ("" where there is none)."""

    primary: str = DEFAULT_PRIMARY
    secondary: str = DEFAULT_SECONDARY
    logo_url: str = ""
    logo_alt: str = ""
    cover_url: str = ""
    cover_alt: str = ""
    cover_credit: str = ""

    @property
    def primary_text(self) -> str:
        return text_colour_on(self.primary)

    @property
    def secondary_text(self) -> str:
        return text_colour_on(self.secondary)


_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def normalised_colour(value: str) -> str:
    """ "#1D3A5F", "1d3a5f" or "#1d3a5f" as "#1d3a5f"; a ValueError for anything else."""
    colour = value.strip().lower()
    if not colour.startswith("#"):
        colour = "#" + colour
    if not _HEX.match(colour):
        raise ValueError(value)
    return colour


def brand_kit_of(area: PoliceArea) -> BrandKit | None:
    return BrandKit.objects.filter(area=area).first()


def document_brand(area: PoliceArea, *, asset_base: str = "") -> DocumentBrand:
    """The area's brand, or pcplan's own colours where it has none. Images are given as
    media URLs under `asset_base` (the print HTML's base, which WeasyPrint's fetcher serves
    from storage), or, without it, as the public brand image pages."""
    kit = brand_kit_of(area)
    if kit is None:
        return DocumentBrand()
    return DocumentBrand(
        primary=kit.primary_colour,
        secondary=kit.secondary_colour,
        logo_url=_image_url(kit, "logo", asset_base) if kit.logo else "",
        logo_alt=kit.logo_alt,
        cover_url=_image_url(kit, "cover", asset_base) if kit.cover_image else "",
        cover_alt=kit.cover_alt,
        cover_credit=kit.cover_credit,
    )


def _image_url(kit: BrandKit, which: str, asset_base: str) -> str:
    from django.conf import settings
    from django.urls import reverse

    field = kit.logo if which == "logo" else kit.cover_image
    if asset_base:
        return asset_base.rstrip("/") + "/" + settings.MEDIA_URL.strip("/") + "/" + field.name
    name = field.name.rsplit("/", 1)[-1]
    return reverse("publishing:brand_image", kwargs={"area_slug": kit.area.slug, "name": name})


@transaction.atomic
def brand_kit_update(
    *,
    area: PoliceArea,
    by: User | None,
    primary_colour: str,
    secondary_colour: str,
    logo: CheckedImage | None,
    logo_alt: str,
    remove_logo: bool,
    cover_image: CheckedImage | None,
    cover_alt: str,
    cover_credit: str,
    remove_cover: bool,
    expected_revision: int | None = None,
) -> BrandKit:
    """Set the area's brand. A new logo or cover image replaces the old one (whose file is
    kept, for documents rendered with it); `remove_*` takes it off. Refuses a colour white
    text cannot be read on, and an image without its alternative text."""
    existing = BrandKit.objects.select_for_update().filter(area=area).first()
    if existing is not None:
        # A form drawn before any brand was set carries revision 0: one set meanwhile is newer.
        check_revision(existing, expected_revision)
    kit = existing or BrandKit(area=area)
    errors: dict[str, list[str]] = {}
    for field, value, name in (
        ("primary_colour", primary_colour, "The primary colour"),
        ("secondary_colour", secondary_colour, "The secondary colour"),
    ):
        try:
            colour = normalised_colour(value)
            validate_brand_colour(colour, name=name)
        except ValueError:
            errors[field] = [f"Enter {name.lower()[4:]} as a hex code, like #1d3a5f"]
            continue
        except ValidationError as error:
            errors[field] = error.messages
            continue
        setattr(kit, field, colour)
    kit.logo_alt, kit.cover_alt, kit.cover_credit = logo_alt.strip(), cover_alt.strip(), cover_credit.strip()
    has_logo = logo is not None or (bool(kit.logo) and not remove_logo)
    has_cover = cover_image is not None or (bool(kit.cover_image) and not remove_cover)
    if has_logo and not kit.logo_alt:
        errors["logo_alt"] = ["Enter the logo's alternative text, for people who cannot see it"]
    if has_cover and not kit.cover_alt:
        errors["cover_alt"] = ["Enter the cover image's alternative text, for people who cannot see it"]
    if errors:
        raise ValidationError(errors)
    if remove_logo and logo is None:
        kit.logo = ""
    if logo is not None:
        kit.logo.save(logo.name, ContentFile(logo.data), save=False)
    if remove_cover and cover_image is None:
        kit.cover_image = ""
    if cover_image is not None:
        kit.cover_image.save(cover_image.name, ContentFile(cover_image.data), save=False)
    if not has_logo:
        kit.logo_alt = ""
    if not has_cover:
        kit.cover_alt = kit.cover_credit = ""
    kit.updated_by = by
    attribute(kit, by, "Brand set by the Publisher")
    kit.full_clean()
    kit.save()
    return kit
