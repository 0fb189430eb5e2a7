"""The Commissioner's sections of an annual report, in the plan's rich-text editor."""

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django_prose_editor.widgets import ProseEditorWidget

from plans.forms import RICH_TEXT_EXTENSIONS

HINT = (
    "Use the toolbar for headings, lists, links and emphasis. Without JavaScript, type the text as HTML: a "
    "paragraph in &lt;p&gt;...&lt;/p&gt;. Scripts and styles are removed when you save."
)


def _editor() -> ProseEditorWidget:
    return ProseEditorWidget(config={"extensions": RICH_TEXT_EXTENSIONS}, preset="configurable", attrs={"rows": 10})


class SectionsForm(forms.Form):
    foreword = forms.CharField(label="The Commissioner's foreword", required=False, help_text=HINT, widget=_editor())
    functions = forms.CharField(
        label="The exercise of the Commissioner's functions in the year",
        required=False,
        help_text="What the Commissioner did in the year: holding the Chief Constable to account, commissioning, "
        "partnerships, engagement. " + HINT,
        widget=_editor(),
    )
    finances = forms.CharField(
        label="Finances",
        required=False,
        help_text="The budget for the year, the precept and how the money was spent. " + HINT,
        widget=_editor(),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The editor's own media is an inline import map the CSP refuses; the page loads
        # static/plans/rich_text_editor.js instead, as the plan's section page does.
        self.helper.include_media = False
        self.helper.layout = Layout(
            Field.textarea("foreword", rows=10),
            Field.textarea("functions", rows=10),
            Field.textarea("finances", rows=10),
            Button("submit", "Save the sections"),
        )


class CutForm(forms.Form):
    note = forms.CharField(
        label="Why is this version cut? (optional)",
        required=False,
        max_length=300,
        help_text="For example: for the Police and Crime Panel",
        error_messages={"max_length": "Enter a note of 300 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("note"), Button("submit", "Cut a version"))
