"""Forms of the Word import: the upload, and the preview where staff map each part of the
document onto the plan. Validation and GOV.UK layout only; plans.services writes."""

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Fieldset, Fluid, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from ..forms import PlanPeriodForm, statutory_element_choices
from ..models import WordImport
from ..services.word_imports import LEAVE_OUT, NEW_SECTION, ImportTarget, PartMapping, suggested_target
from .reading import file_size, max_upload_bytes

DOCX_ACCEPT = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _helper(*fields: Any) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


class WordUploadForm(forms.Form):
    document = forms.FileField(
        label="Word document (.docx)",
        error_messages={
            "required": "Choose a Word document (.docx) to upload",
            "empty": "The file you chose is empty: choose a Word document (.docx)",
            "invalid": "Choose a Word document (.docx) to upload",
        },
        widget=forms.FileInput(attrs={"accept": DOCX_ACCEPT}),
    )
    submit_label = "Upload and preview"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = (
            f"A Word document of {file_size(max_upload_bytes())} or smaller, saved as .docx. Documents with "
            "macros are not accepted. Nothing is saved until you have checked the preview."
        )
        self.helper = _helper(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self) -> list[Any]:
        return [Field("document")]

    def clean_document(self) -> Any:
        document = self.cleaned_data["document"]
        limit = max_upload_bytes()
        if document.size > limit:
            raise ValidationError(
                f"The file is {file_size(document.size)}: upload a Word document of {file_size(limit)} or smaller"
            )
        return document


class NewPlanUploadForm(WordUploadForm, PlanPeriodForm):
    """A new plan from a Word document: its title and period, and the document."""

    field_order = ["title", "starts_on", "ends_on", "document"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].label = "Title of the new plan"

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("title", field_width=Fluid.TWO_THIRDS),
            Field("starts_on"),
            Field("ends_on"),
            Field("document"),
        ]

    @property
    def new_plan(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "starts_on": data["starts_on"].isoformat(),
            "ends_on": data["ends_on"].isoformat(),
        }


class ImportMappingForm(forms.Form):
    """One block per part of the document: its title, where it goes and what it sets out;
    a description for each image the document gave none; the sections' revisions as the
    page showed them (a stale one is a conflict, as in the section editor)."""

    revisions = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, word_import: WordImport, targets: list[ImportTarget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.word_import = word_import
        self.parts = word_import.sections
        self.images_needing_alt = [
            (n, image) for n, image in enumerate(word_import.images, start=1) if not image["alt"]
        ]
        for_new_plan = word_import.plan is None
        target_choices = [
            (
                target.key,
                f"Into the section {target.title}" + (" (replaces its text)" if target.has_text else ""),
            )
            for target in targets
        ]
        choices = [*target_choices, (NEW_SECTION, "As a new section at the end"), (LEAVE_OUT, "Leave it out")]
        layout: list[Any] = []
        if not self.is_bound:
            self.initial["revisions"] = ",".join(
                f"{t.section.pk}:{t.section.revision}" for t in targets if t.section is not None
            )
        layout.append("revisions")
        for index, part in enumerate(self.parts):
            number = index + 1
            suggestion = suggested_target(part["title"], targets)
            self.fields[f"title_{index}"] = forms.CharField(
                label=f"Title of part {number}",
                max_length=300,
                required=False,
                initial=part["title"],
                help_text="Used for a new section, or as a heading when several parts go into one section",
                error_messages={"max_length": "Enter a title of 300 characters or fewer"},
            )
            self.fields[f"target_{index}"] = forms.ChoiceField(
                label=f"Where part {number} goes",
                choices=choices,
                initial=suggestion.key if suggestion else NEW_SECTION,
                error_messages={"invalid_choice": f"Choose where part {number} goes"},
            )
            self.fields[f"covers_{index}"] = forms.MultipleChoiceField(
                label=f"What part {number} sets out",
                help_text="The statutory elements of section 7(1) of the Act, added to what the section already "
                "covers. Select all that apply.",
                choices=statutory_element_choices,
                required=False,
                initial=list(suggestion.covers) if suggestion else [],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": "Choose statutory elements from the list"},
            )
            layout.append(
                HTML(f'{{% include "plans/includes/word_import_part.html" with part=parts.{index} number={number} %}}')
            )
            layout.append(
                Fieldset(
                    Field.text(f"title_{index}", field_width=Fluid.FULL),
                    Field.select(f"target_{index}"),
                    Field.checkboxes(f"covers_{index}", legend_size=Size.SMALL, small=True),
                    legend=f"Where part {number} goes in the plan",
                    legend_size=Size.SMALL,
                )
            )
        if self.images_needing_alt:
            layout.append(HTML('<h2 class="govuk-heading-m" id="images">Describe the images</h2>'))
            layout.append(
                HTML(
                    '<p class="govuk-body">The document gives no description of these images. Describe what each '
                    "shows, for people who cannot see it, or say it is decorative (screen readers then skip it).</p>"
                )
            )
        for number, _image in self.images_needing_alt:
            self.fields[f"alt_{number}"] = forms.CharField(
                label=f"Describe image {number}",
                max_length=500,
                required=False,
                help_text="For example, Map of the nine districts of Avon and Somerset",
                error_messages={"max_length": "Keep the description to 500 characters or fewer"},
            )
            self.fields[f"decorative_{number}"] = forms.BooleanField(
                label=f"Image {number} is decorative: it adds nothing to the text", required=False
            )
            layout.append(
                HTML(f'{{% include "plans/includes/word_import_image.html" with image=images.{number - 1} %}}')
            )
            layout.append(Field.text(f"alt_{number}", field_width=Fluid.FULL))
            layout.append(Field.checkbox(f"decorative_{number}", small=True))
        submit = "Create the plan from this document" if for_new_plan else "Import into the working draft"
        layout.append(Button("submit", submit))
        self.helper = _helper(*layout)

    def clean_revisions(self) -> dict[int, int]:
        revisions: dict[int, int] = {}
        for pair in (self.cleaned_data.get("revisions") or "").split(","):
            section, _, revision = pair.partition(":")
            digits = section.isascii() and section.isdigit() and revision.isascii() and revision.isdigit()
            if digits and len(section) < 19 and len(revision) < 10:
                revisions[int(section)] = int(revision)
        return revisions

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        targets = [data.get(f"target_{i}") for i in range(len(self.parts))]
        if targets and all(target == LEAVE_OUT for target in targets):
            self.add_error("target_0", "Choose where at least one part of the document goes")
        for index, target in enumerate(targets):
            title = (data.get(f"title_{index}") or "").strip()
            if target == NEW_SECTION and not title:
                self.add_error(f"title_{index}", f"Enter a title for part {index + 1}, as it becomes a new section")
        for number, _image in self.images_needing_alt:
            alt = (data.get(f"alt_{number}") or "").strip()
            decorative = data.get(f"decorative_{number}")
            if not alt and not decorative:
                self.add_error(f"alt_{number}", f"Describe image {number}, or say that it is decorative")
            elif alt and decorative:
                self.add_error(f"alt_{number}", f"Image {number} is either described or decorative, not both")
        return data

    @property
    def mapping(self) -> list[PartMapping]:
        data = self.cleaned_data
        return [
            PartMapping(
                index=index,
                title=(data.get(f"title_{index}") or "").strip(),
                target=data[f"target_{index}"],
                covers=tuple(data.get(f"covers_{index}") or ()),
            )
            for index in range(len(self.parts))
        ]

    @property
    def image_alts(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            image["uid"]: "" if data.get(f"decorative_{number}") else " ".join(data[f"alt_{number}"].split())
            for number, image in self.images_needing_alt
        }
