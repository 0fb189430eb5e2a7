"""Forms for the Panel's pages: validation and GOV.UK layout only; services do the writing."""

from datetime import date, datetime, time
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from pcplan.forms import DateInputField, form_field, label_choices_with
from plans.models import Version
from plans.snapshot import PlanContent

from .models import PccResponse, Recommendation
from .validators import validate_pdf

WHOLE_PLAN = "plan"


class GovukDateField(DateInputField):
    """A GOV.UK date input whose messages name the date being asked for."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what
        super().__init__(**kwargs)
        self.invalid_date_message = f"{what[0].upper()}{what[1:]} must be a real date"
        self.error_messages["required"] = f"Enter {what}"
        self.error_messages["incomplete"] = f"Enter {what} as a day, month and year"
        for subfield, part in zip(self.fields, ("day", "month", "year"), strict=True):
            subfield.error_messages["incomplete"] = f"{what[0].upper()}{what[1:]} must include a {part}"
            subfield.validators = []

    def compress(self, data_list: Any) -> date | None:
        day, month, year = data_list
        if not (day and month and year):
            return None
        value = self.to_date(day, month, year)
        if value.year < 2000:
            raise ValidationError(f"{self.what[0].upper()}{self.what[1:]} must have a four-digit year, like 2016")
        return value


def _time_of_day(value: str) -> time:
    """17:00, 17.00 or 9:30 on the 24-hour clock."""
    try:
        hours, minutes = (int(part) for part in value.strip().replace(".", ":").split(":"))
        return time(hours, minutes)
    except (ValueError, OverflowError) as error:
        raise ValidationError("Enter the time as hours and minutes on the 24-hour clock, like 17:00") from error


def _helper(*fields: Any, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields, Button("submit", submit))
    return helper


class ReviewIssueForm(forms.Form):
    version = forms.ModelChoiceField(
        queryset=Version.objects.none(),
        label="Version to issue to the Panel",
        empty_label=None,
        error_messages={"required": "Choose the version to issue", "invalid_choice": "Choose a version of this plan"},
    )
    deadline_date = GovukDateField(
        what="the date of the comments deadline",
        label="Comments deadline",
        help_text="Members can make recommendations until then. For example, 12 8 2016",
    )
    deadline_time = forms.CharField(
        label="Time of the deadline",
        initial="17:00",
        help_text="Use the 24-hour clock, for example 17:00",
        error_messages={"required": "Enter the time of the deadline, for example 17:00"},
    )
    meeting_date = GovukDateField(
        what="the date of the Panel's meeting",
        label="Date of the Panel's meeting (optional)",
        help_text="The meeting at which the Panel considers the draft. For example, 20 9 2016",
        required=False,
        require_all_fields=False,
    )
    note = forms.CharField(
        label="Message to the Panel (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Added to the e-mail every member receives",
    )

    def __init__(self, *args: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "version", forms.ModelChoiceField)
        field.queryset = versions
        label_choices_with(
            field,
            lambda v: f"{v.label}, cut {timezone.localtime(v.cut_at):%d %B %Y}" + (f": {v.note}" if v.note else ""),
        )
        self.helper = _helper(
            Field.select("version"),
            Field("deadline_date", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("deadline_time", field_width=5),
            Field("meeting_date", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.textarea("note", rows=4),
            submit="Issue to the Panel",
        )

    def clean_deadline_time(self) -> time:
        return _time_of_day(self.cleaned_data["deadline_time"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, at = cleaned.get("deadline_date"), cleaned.get("deadline_time")
        if day and at:
            deadline = timezone.make_aware(datetime.combine(day, at))
            if deadline <= timezone.now():
                self.add_error("deadline_date", "Enter a comments deadline in the future")
            cleaned["comments_deadline"] = deadline
            meeting = cleaned.get("meeting_date")
            if meeting and meeting < day:
                self.add_error("meeting_date", "Enter a meeting date on or after the comments deadline")
        return cleaned


MESSAGE_TO_MEMBERS = "Added to the e-mail every member receives, and shown on the review"


class DeadlineExtendForm(forms.Form):
    deadline_date = GovukDateField(
        what="the date of the new deadline",
        label="New deadline",
        help_text="A later day than the current deadline. For example, 26 8 2016",
    )
    deadline_time = forms.CharField(
        label="Time of the new deadline",
        initial="17:00",
        help_text="Use the 24-hour clock, for example 17:00",
        error_messages={"required": "Enter the time of the new deadline, for example 17:00"},
    )
    reason = forms.CharField(
        label="Why the deadline is extended (optional)",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MESSAGE_TO_MEMBERS,
        error_messages={"max_length": "Keep the reason to 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("deadline_date", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("deadline_time", field_width=5),
            Field.textarea("reason", rows=4),
            submit="Extend the deadline",
        )

    def clean_deadline_time(self) -> time:
        return _time_of_day(self.cleaned_data["deadline_time"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, at = cleaned.get("deadline_date"), cleaned.get("deadline_time")
        if day and at:
            cleaned["new_deadline"] = timezone.make_aware(datetime.combine(day, at))
        return cleaned


class ReviewCloseForm(forms.Form):
    reason = forms.CharField(
        label="Why the review closes early (optional)",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MESSAGE_TO_MEMBERS + ". For example, The Panel agreed its report at its meeting on 20 September.",
        error_messages={"max_length": "Keep the reason to 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("reason", rows=4), submit="Close the review now")


def part_choices(content: PlanContent) -> list[Any]:
    """The parts of an issued version a recommendation can be about, grouped."""
    sections = [(f"section:{s.uid}", s.title) for s in content.sections if not s.is_empty]
    priorities = [
        (f"objective:{o.uid}", f"{o.title} ({o.district.name})" if o.district else o.title) for o in content.objectives
    ]
    return [(WHOLE_PLAN, "The whole plan"), ("Sections", sections), ("Priorities", priorities)]


class RecommendationForm(forms.Form):
    target = forms.ChoiceField(
        label="What is your recommendation about?",
        error_messages={"required": "Choose what your recommendation is about"},
    )
    text = forms.CharField(
        label="Your recommendation",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10_000,
        help_text="Say what you recommend the Commissioner changes, and why",
        error_messages={
            "required": "Enter your recommendation",
            "max_length": "Your recommendation must be 10,000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, content: PlanContent, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "target", forms.ChoiceField).choices = part_choices(content)
        self.helper = _helper(
            Field.select("target"),
            Field.textarea("text", label_size=Size.SMALL, rows=8, max_characters=10_000),
            submit="Save recommendation",
        )

    @staticmethod
    def initial_for(recommendation: Recommendation) -> dict[str, str]:
        target = WHOLE_PLAN if recommendation.target == Recommendation.Target.PLAN else recommendation.target_anchor
        return {"target": target.replace("-", ":", 1), "text": recommendation.text}

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError("Enter your recommendation")
        return text

    @property
    def target_parts(self) -> tuple[str, str]:
        value = self.cleaned_data["target"]
        if value == WHOLE_PLAN:
            return Recommendation.Target.PLAN, ""
        kind, _, uid = value.partition(":")
        return kind, uid


class ReportForm(forms.Form):
    text = forms.CharField(
        label="The Panel's report",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=10_000,
        help_text="The report or recommendations the Panel adopted, as it will be published",
        error_messages={
            "required": "Enter the Panel's report",
            "max_length": "The report must be 10,000 characters or fewer: attach the full report as a PDF",
        },
    )
    attachment = forms.FileField(
        label="The full report as a PDF (optional)",
        required=False,
        help_text="A PDF of 10 MB or smaller",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    remove_attachment = forms.BooleanField(label="Remove the attached PDF", required=False)

    def __init__(self, *args: Any, has_attachment: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A plain file input: the clearable widget's own "clear" box has no GOV.UK markup.
        self.fields["attachment"].widget = forms.FileInput(attrs={"accept": "application/pdf,.pdf"})
        fields: list[Any] = [Field.textarea("text", label_size=Size.SMALL), Field("attachment")]
        if has_attachment:
            self.fields["attachment"].label = "Replace the attached PDF (optional)"
            fields.append(Field.checkbox("remove_attachment", small=True))
        else:
            del self.fields["remove_attachment"]
        self.helper = _helper(*fields, submit="Submit the report")

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError("Enter the Panel's report")
        return text

    def clean_attachment(self) -> Any:
        attachment = self.cleaned_data.get("attachment")
        if attachment:
            validate_pdf(attachment)
        return attachment


NO_CHANGE = "none"


class ResponseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="The Commissioner's response",
        choices=PccResponse.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the recommendation is accepted"},
    )
    reasons = forms.CharField(
        label="Reasons",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text="Required when the recommendation is accepted in part or not accepted",
    )
    change = forms.ChoiceField(
        required=False,
        label="Did it lead to a change in a later version?",
        help_text="Choose the section or priority that changed, to link the recommendation to the new text",
        error_messages={"invalid_choice": "Choose a part of the plan that changed in a later version"},
    )

    def __init__(self, *args: Any, changes: list[tuple[Version, str, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.changes = {f"{v.pk}:{kind}:{uid}": (v, kind, uid) for v, kind, uid, _ in changes}
        kind_label = dict(PccResponse.ChangedKind.choices)
        form_field(self, "change", forms.ChoiceField).choices = [(NO_CHANGE, "No change to the plan")] + [
            (f"{v.pk}:{kind}:{uid}", f"{v.label}: {kind_label[kind]}: {title}") for v, kind, uid, title in changes
        ]
        self.helper = _helper(
            Field.radios("outcome", legend_size=Size.SMALL),
            Field.textarea("reasons", label_size=Size.SMALL, rows=5),
            Field.select("change"),
            submit="Save response",
        )

    @staticmethod
    def initial_for(response: PccResponse | None) -> dict[str, str]:
        if response is None:
            return {"change": NO_CHANGE}
        change = NO_CHANGE
        if response.changed_version_id:
            change = f"{response.changed_version_id}:{response.changed_kind}:{response.changed_uid}"
        return {"outcome": response.outcome, "reasons": response.reasons, "change": change}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        outcome = cleaned.get("outcome")
        if outcome and outcome != PccResponse.Outcome.ACCEPTED and not cleaned.get("reasons", "").strip():
            self.add_error("reasons", "Give the reasons, as the recommendation was not fully accepted")
        return cleaned

    @property
    def changed(self) -> tuple[Version | None, str, str]:
        value = self.cleaned_data.get("change") or NO_CHANGE
        if value == NO_CHANGE:
            return None, "", ""
        return self.changes[value]


class ChiefConstableCommentForm(forms.Form):
    recorded_on = GovukDateField(
        what="the date of the Chief Constable's comments",
        label="Date of the Chief Constable's comments",
        help_text="The date on the Chief Constable's letter or e-mail. For example, 28 7 2016",
    )
    text = forms.CharField(
        label="The Chief Constable's comments",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10_000,
        error_messages={
            "required": "Enter the Chief Constable's comments",
            "max_length": "The comments must be 10,000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("recorded_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.textarea("text", label_size=Size.SMALL),
            submit="Record the comments",
        )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError("Enter the Chief Constable's comments")
        return text

    def clean_recorded_on(self) -> date:
        value = self.cleaned_data["recorded_on"]
        if value > timezone.localdate():
            raise ValidationError("The date of the comments must be today or in the past")
        return value
