"""Forms of publishing: validation and GOV.UK layout only."""

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Layout
from django import forms

from .brand_images import MAX_BYTES, BrandImageError, CheckedImage, checked_image


class PublishForm(forms.Form):
    """The Publisher's confirmation. A new plan issued after its statutory deadline needs
    an explicit acknowledgement that it is late (publishing/requirements.py)."""

    acknowledge_late = forms.BooleanField(required=False)

    def __init__(self, *args: Any, version_label: str, late_deadline: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.late_deadline = late_deadline
        layout: list[Any] = []
        if late_deadline:
            field = self.fields["acknowledge_late"]
            field.required = True
            field.label = f"I understand that this new plan is issued after its deadline of {late_deadline}"
            field.error_messages["required"] = (
                f"Confirm that you understand the plan is issued after its deadline of {late_deadline}"
            )
            layout.append(Field.checkbox("acknowledge_late"))
        else:
            del self.fields["acknowledge_late"]
        layout.append(Button("publish", f"Publish {version_label}"))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*layout)

    @property
    def acknowledged_late(self) -> bool:
        return bool(self.cleaned_data.get("acknowledge_late"))


class BrandKitForm(forms.Form):
    """The Publisher's brand for the area's documents and public plan pages."""

    primary_colour = forms.CharField(
        label="Primary colour",
        max_length=7,
        help_text=(
            "A hex code, like #1d3a5f. Used for the cover, each priority's band and headings, with white text on it."
        ),
        error_messages={"required": "Enter the primary colour as a hex code, like #1d3a5f"},
    )
    secondary_colour = forms.CharField(
        label="Secondary colour",
        max_length=7,
        help_text="A hex code, like #1d70b8. Used for rules and the cover when there is no cover image.",
        error_messages={"required": "Enter the secondary colour as a hex code, like #1d70b8"},
    )
    logo = forms.FileField(
        label="Logo",
        required=False,
        help_text="A PNG, JPEG or SVG file, smaller than 5 MB. An SVG is cleaned of anything but shapes and text.",
    )
    logo_alt = forms.CharField(
        label="Alternative text of the logo",
        max_length=200,
        required=False,
        help_text=(
            "What the logo says, for people who cannot see it. "
            "For example, Avon and Somerset Police and Crime Commissioner"
        ),
    )
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)
    cover_image = forms.FileField(
        label="Cover image",
        required=False,
        help_text="A PNG or JPEG file, smaller than 5 MB, wider than it is tall.",
    )
    cover_alt = forms.CharField(
        label="Alternative text of the cover image",
        max_length=300,
        required=False,
        help_text="What the picture shows. For example, The Clifton Suspension Bridge over the Avon Gorge at dusk",
    )
    cover_credit = forms.CharField(
        label="Credit for the cover image", max_length=200, required=False, help_text="For example, Photograph: OPCC"
    )
    remove_cover = forms.BooleanField(label="Remove the cover image", required=False)

    def __init__(self, *args: Any, has_logo: bool = False, has_cover: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        layout: list[Any] = [
            Field.text("primary_colour", field_width=Fluid.ONE_QUARTER),
            Field.text("secondary_colour", field_width=Fluid.ONE_QUARTER),
            Field("logo"),
            Field.text("logo_alt", field_width=Fluid.TWO_THIRDS),
        ]
        if has_logo:
            layout.append(Field.checkbox("remove_logo", small=True))
        else:
            del self.fields["remove_logo"]
        layout += [Field("cover_image"), Field.text("cover_alt", field_width=Fluid.FULL)]
        layout.append(Field.text("cover_credit", field_width=Fluid.TWO_THIRDS))
        if has_cover:
            layout.append(Field.checkbox("remove_cover", small=True))
        else:
            del self.fields["remove_cover"]
        layout.append(Button("save", "Save the brand"))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*layout)

    def _image(self, name: str, what: str, *, allow_svg: bool) -> CheckedImage | None:
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The {what} must be smaller than 5 MB.")
        try:
            return checked_image(upload.read(), what=what, allow_svg=allow_svg)
        except BrandImageError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_logo(self) -> CheckedImage | None:
        return self._image("logo", "logo", allow_svg=True)

    def clean_cover_image(self) -> CheckedImage | None:
        return self._image("cover_image", "cover image", allow_svg=False)
