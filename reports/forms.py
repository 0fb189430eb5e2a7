"""The Commissioner's sections of an annual report, in the plan's rich-text editor, and
the forms of its passage through the Panel."""

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django_prose_editor.widgets import ProseEditorWidget

from pcplan.forms import DateInputField, form_field
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


def _helper(*fields: Any, button: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.include_media = False
    helper.layout = Layout(*fields, Button("submit", button))
    return helper


class SendForm(forms.Form):
    version = forms.TypedChoiceField(label="Which version goes to the Panel?", coerce=int)
    sent_on = DateInputField(label="Date sent to the Panel", help_text="For example, 9 6 2017")
    # Not `meeting_on`: the meeting's own form is on the same page, and ids must differ.
    panel_meeting_on = DateInputField(
        label="Date of the Panel's meeting, if known",
        help_text="The public meeting at which the Commissioner presents the report; "
        "each member of the Panel is e-mailed a link to the report with this date",
        required=False,
    )

    def __init__(self, *args: Any, versions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "version", forms.TypedChoiceField).choices = [
            (v.number, f"{v.label}, cut {v.cut_at:%-d %B %Y}") for v in versions
        ]
        if versions:
            self.initial.setdefault("version", versions[-1].number)
        self.helper = _helper(
            Field.select("version"), Field("sent_on"), Field("panel_meeting_on"), button="Send to the Panel"
        )


class MeetingForm(forms.Form):
    meeting_on = DateInputField(
        label="Date of the Panel's public meeting",
        help_text="The meeting at which the Commissioner presents the report and answers questions",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("meeting_on"), button="Save the meeting date")


class PanelReportForm(forms.Form):
    panel_report = forms.CharField(
        label="The Panel's report and recommendations",
        help_text="One paragraph per recommendation. " + HINT,
        widget=_editor(),
        error_messages={"required": "Enter the Panel's report and recommendations"},
    )
    reported_on = DateInputField(label="Date of the Panel's report")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("panel_report", rows=8), Field("reported_on"), button="Record the Panel's report"
        )


class ResponseForm(forms.Form):
    response = forms.CharField(
        label="The Commissioner's response",
        help_text="An answer to each recommendation. " + HINT,
        widget=_editor(),
        error_messages={"required": "Enter the Commissioner's response"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("response", rows=8), button="Save the response")
