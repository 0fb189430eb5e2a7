"""A police area's brand as the documents use it: colours, logo and cover image, with the
contrast rule every colour must meet.

Both colours are printed behind white text (the cover band, each priority's band) and
as text on white paper (headings), so each must give white text at least 4.5:1 (WCAG 2.2
AA for normal text); the same ratio holds for the colour as text on white.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from plans.models import PoliceArea

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
        # Rounded down, so a colour at 4.48:1 never reads as "4.5:1" in a refusal.
        shown = int(ratio * 10) / 10
        raise ValidationError(
            f"{name} {colour} is too light: white text on it has a contrast ratio of {shown:.1f}:1, "
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


def document_brand(area: PoliceArea) -> DocumentBrand:
    """The area's brand, or pcplan's own colours where it has none."""
    return DocumentBrand()
