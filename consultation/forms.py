"""Forms for consultations: validation and GOV.UK layout only."""

import datetime
from typing import Any
from uuid import UUID

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Div, Field, Fieldset, Fixed, Fluid, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape, format_html

from pcplan.forms import DateInputField, form_field, label_choices_with
from plans.models import District, Plan, Version

from .models import COMMENT_MAX_LENGTH, Agreement, Consultation, EngagementEvent, RespondentType, Response, VictimAnswer
from .references import is_reference, normalise_reference
from .selectors import Draft
from .services import ResponseInput

AGREEMENT_CHOICES = [(str(level.value), level.label) for level in Agreement.Level]
SECTION_PREFIX = "section:"
OBJECTIVE_PREFIX = "objective:"


def _helper(*layout: Any) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


def part_choices(draft: Draft, whole_label: str) -> list[Any]:
    """The parts of a draft a comment can be about, for a <select> with groups."""
    return [
        ("", whole_label),
        ("Sections", [(f"{SECTION_PREFIX}{s.uid}", s.title) for s in draft.sections]),
        ("Priorities", [(f"{OBJECTIVE_PREFIX}{o.uid}", o.title) for o in draft.priorities]),
    ]


def split_part(value: str) -> tuple[UUID | None, UUID | None]:
    """'section:<uid>' or 'objective:<uid>' as (section_uid, objective_uid)."""
    if value.startswith(SECTION_PREFIX):
        return UUID(value.removeprefix(SECTION_PREFIX)), None
    if value.startswith(OBJECTIVE_PREFIX):
        return None, UUID(value.removeprefix(OBJECTIVE_PREFIX))
    return None, None


# ---------------------------------------------------------------- the public comment form


class CommentForm(forms.Form):
    part = forms.ChoiceField(
        label="Which part of the draft are you commenting on?",
        required=False,
        error_messages={"invalid_choice": "Choose a part of the draft from the list"},
    )
    text = forms.CharField(
        label="Your comment",
        # crispy-forms-gds 2.0.1 needs help text on a field with a character count.
        help_text="Please do not include the names or addresses of other people.",
        widget=forms.Textarea,
        error_messages={"required": "Enter your comment"},
    )
    respondent_type = forms.ChoiceField(
        label="Which of these best describes you?",
        choices=RespondentType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select which of these best describes you",
            "invalid_choice": "Select which of these best describes you",
        },
    )
    district = forms.ModelChoiceField(
        label="Which District do you live or work in? (optional)",
        queryset=District.objects.none(),
        required=False,
        empty_label="Prefer not to say, or outside the area",
        error_messages={"invalid_choice": "Choose a District from the list"},
    )
    victim = forms.ChoiceField(
        label="Have you been a victim of crime? (optional)",
        help_text="The Commissioner must take account of victims' views. You do not have to answer.",
        choices=VictimAnswer.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose yes, no or prefer not to say"},
    )
    name = forms.CharField(
        label="Your name (optional)",
        max_length=120,
        required=False,
        error_messages={"max_length": "Your name must be 120 characters or fewer"},
    )
    email = forms.EmailField(
        label="Your e-mail address (optional)",
        help_text="We will e-mail you your reference number.",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an e-mail address in the correct format, like name@example.com"},
    )
    contact_consent = forms.BooleanField(
        label="I agree to the Office of the Police and Crime Commissioner keeping my name and e-mail "
        "address, as the privacy notice above says",
        required=False,
    )
    wants_outcome = forms.BooleanField(
        label="Tell me what happened: e-mail me once when the outcome of this consultation is published",
        help_text="One e-mail, with a link to what people said and what changed. It needs your e-mail address.",
        required=False,
    )
    may_publish_anonymously = forms.BooleanField(
        label="You may publish my comment, without my name or e-mail address",
        help_text="Staff check comments before publishing them and take out personal details.",
        required=False,
    )
    # The spam trap: hidden from everyone with its wrapper (display: none), so people and
    # assistive technology never reach it; scripts that fill every field do.
    website = forms.CharField(label="Leave this field empty", required=False)

    def __init__(
        self,
        *args: Any,
        draft: Draft,
        districts: QuerySet[District],
        asks_agreement: bool,
        retention_days: int,
        privacy_url: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.draft = draft
        form_field(self, "part", forms.ChoiceField).choices = part_choices(draft, "The draft as a whole")
        form_field(self, "district", forms.ModelChoiceField).queryset = districts
        self.fields["text"].widget.attrs.update({"rows": 8})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.agreement_fields: dict[str, UUID] = {}
        priority_layout: list[Any] = []
        if asks_agreement and draft.agreement_priorities:
            for number, priority in enumerate(draft.agreement_priorities, start=1):
                name = f"agree_{priority.uid}"
                # crispy-forms-gds prints labels unescaped: the title is escaped here.
                self.fields[name] = forms.ChoiceField(
                    label=f"Priority {number}: {escape(priority.title)}",
                    choices=AGREEMENT_CHOICES,
                    widget=forms.RadioSelect,
                    required=False,
                    error_messages={
                        "invalid_choice": "Choose how far you agree, from strongly agree to strongly disagree"
                    },
                )
                self.agreement_fields[name] = UUID(priority.uid)
                priority_layout.append(Field.radios(name, small=True, legend_size=Size.SMALL))
            priority_layout.insert(
                0,
                HTML(
                    '<h2 class="govuk-heading-m">The priorities</h2>'
                    '<p class="govuk-body">How far do you agree with each of the draft plan\'s priorities? '
                    "Answer as many as you like.</p>"
                ),
            )
        self._priority_layout = priority_layout
        self._retention_days = retention_days
        self._privacy_url = privacy_url

    @cached_property
    def helper(self) -> FormHelper:
        # Built only when the form is drawn: a valid post redirects without needing it.
        return _helper(
            Field.select("part"),
            Field.textarea("text", rows=8, max_characters=COMMENT_MAX_LENGTH),
            HTML('<h2 class="govuk-heading-m">About you</h2>'),
            Field.radios("respondent_type", legend_size=Size.SMALL, small=True),
            Field.select("district"),
            Field.radios("victim", legend_size=Size.SMALL, small=True),
            *self._priority_layout,
            HTML(
                format_html(
                    '<h2 class="govuk-heading-m">Your name and e-mail address (optional)</h2>'
                    '<div class="govuk-inset-text" id="privacy-notice">'
                    '<p class="govuk-body">You do not have to give your name or e-mail address. If you do, '
                    "the Office of the Police and Crime Commissioner will use them only to send you your "
                    "reference number and to find your comment if you ask us for a copy or to delete it. "
                    "We never publish them. We delete them, and the network address your comment came "
                    "from, {} days after you send your comment.</p>"
                    '<p class="govuk-body">Read the <a class="govuk-link" href="{}">privacy notice</a> '
                    "for your rights and how to contact us.</p></div>",
                    self._retention_days,
                    self._privacy_url,
                )
            ),
            Field.text("name", field_width=Fluid.ONE_HALF),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.checkbox("contact_consent", small=True),
            Field.checkbox("wants_outcome", small=True),
            Field.checkbox("may_publish_anonymously", small=True),
            Div(Field.text("website"), css_class="app-honeypot"),
            Button("submit", "Send comment"),
        )

    @property
    def is_spam_trap_filled(self) -> bool:
        return bool((self.data.get("website") or "").strip())

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Enter your comment")
        if len(text) > COMMENT_MAX_LENGTH:
            raise forms.ValidationError(
                f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer. It is {len(text):,} characters."
            )
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("name") or data.get("email")) and not data.get("contact_consent"):
            self.add_error(
                "contact_consent",
                "Tick the box to agree to us keeping your name and e-mail address, or leave them empty",
            )
        if data.get("wants_outcome") and not data.get("email"):
            self.add_error("email", "Enter your e-mail address so we can tell you what happened, or untick the box")
        return data

    def to_input(self) -> ResponseInput:
        data = self.cleaned_data
        section_uid, objective_uid = split_part(data.get("part") or "")
        agreements = {uid: int(data[name]) for name, uid in self.agreement_fields.items() if data.get(name)}
        return ResponseInput(
            respondent_type=data["respondent_type"],
            text=data["text"],
            section_uid=section_uid,
            objective_uid=objective_uid,
            district=data.get("district"),
            victim=data.get("victim") or "",
            name=data.get("name", "").strip(),
            email=data.get("email", "").strip(),
            contact_consent=bool(data.get("contact_consent")),
            may_publish_anonymously=bool(data.get("may_publish_anonymously")),
            wants_outcome=bool(data.get("wants_outcome")),
            agreements=agreements,
        )


# ---------------------------------------------------------------- staff: the consultation


def _time_field(label: str, initial: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        initial=initial,
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        help_text="Use the 24-hour clock, for example 09:00 or 23:59",
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as hours and minutes, like 09:00",
        },
    )


class ConsultationForm(forms.Form):
    version = forms.ModelChoiceField(
        label="Version to consult on",
        queryset=Version.objects.none(),
        empty_label=None,
        error_messages={
            "required": "Choose the version to consult on",
            "invalid_choice": "Choose a version of this plan",
        },
        help_text="Consultations are always on a cut version, so everyone comments on the same words.",
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title for the consultation"}
    )
    introduction = forms.CharField(
        label="Introduction (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="Shown above the draft: what you are asking and why. Plain text.",
    )
    audience = forms.ChoiceField(
        label="Who is it for?",
        choices=Consultation.Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the consultation is for"},
    )
    opens_on = DateInputField(label="Opening date", help_text="For example, 24 6 2016")
    opens_time = _time_field("Opening time", "09:00")
    closes_on = DateInputField(label="Closing date", help_text="For example, 12 8 2016")
    closes_time = _time_field("Closing time", "23:59")
    asks_agreement = forms.BooleanField(
        label="Ask how far people agree with each priority (a five-point scale)", required=False, initial=True
    )
    retention_days = forms.IntegerField(
        label="Keep names, e-mail and network addresses for this many days",
        min_value=30,
        max_value=3650,
        initial=365,
        help_text="After this, they are removed automatically. Between 30 and 3650 days.",
        error_messages={
            "required": "Enter how many days to keep personal details",
            "invalid": "Enter a whole number of days, like 365",
            "min_value": "Keep personal details for at least 30 days",
            "max_value": "Keep personal details for no more than 3650 days",
        },
    )

    @staticmethod
    def initial_for(consultation: Consultation) -> dict[str, Any]:
        opens = timezone.localtime(consultation.opens_at)
        closes = timezone.localtime(consultation.closes_at)
        return {
            "version": consultation.version_id,
            "title": consultation.title,
            "introduction": consultation.introduction,
            "audience": consultation.audience,
            "opens_on": opens.date(),
            "opens_time": opens.strftime("%H:%M"),
            "closes_on": closes.date(),
            "closes_time": closes.strftime("%H:%M"),
            "asks_agreement": consultation.asks_agreement,
            "retention_days": consultation.retention_days,
        }

    def __init__(self, *args: Any, plan: Plan, consultation: Consultation | None = None, **kwargs: Any) -> None:
        if consultation is not None and not kwargs.get("initial"):
            kwargs["initial"] = self.initial_for(consultation)
        super().__init__(*args, **kwargs)
        version = form_field(self, "version", forms.ModelChoiceField)
        version.queryset = plan.versions.defer("content").order_by("-number")
        label_choices_with(version, lambda v: f"{v.label}: {v.note or 'no note'}")
        editing = consultation is not None
        if editing:
            # Responses already refer to the version's sections: it cannot change.
            del self.fields["version"]
        for name in ("opens_on", "closes_on"):
            self.fields[name].error_messages.update(
                {
                    "required": f"Enter the {self._lower_label(name)}",
                    "incomplete": f"Enter the {self._lower_label(name)} as a day, month and year",
                }
            )
        self.helper = _helper(
            *([] if editing else [Field.select("version")]),
            Field.text("title"),
            Field.textarea("introduction", rows=5),
            Field.radios("audience", legend_size=Size.SMALL, small=True),
            Fieldset(
                Field("opens_on"),
                Field.text("opens_time", field_width=Fixed.FIVE),
                legend="Opens",
                legend_size=Size.SMALL,
            ),
            Fieldset(
                Field("closes_on"),
                Field.text("closes_time", field_width=Fixed.FIVE),
                legend="Closes",
                legend_size=Size.SMALL,
            ),
            Field.checkbox("asks_agreement", small=True),
            Field.text("retention_days", field_width=Fixed.FIVE),
            Button("submit", "Save changes" if editing else "Open the consultation"),
        )

    def clean_opens_on(self) -> datetime.date:
        return self._valid_date("opens_on")

    def clean_closes_on(self) -> datetime.date:
        return self._valid_date("closes_on")

    def _valid_date(self, name: str) -> datetime.date:
        value = self.cleaned_data.get(name)
        if value is None:
            raise forms.ValidationError(f"Enter a real {self._lower_label(name)}")
        return value

    def _lower_label(self, name: str) -> str:
        # Both date fields are declared with a label; str() turns a lazy one into text.
        return str(self.fields[name].label).lower()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens_on, opens_time = data.get("opens_on"), data.get("opens_time")
        closes_on, closes_time = data.get("closes_on"), data.get("closes_time")
        if opens_on is not None and opens_time is not None and closes_on is not None and closes_time is not None:
            data["opens_at"] = timezone.make_aware(datetime.datetime.combine(opens_on, opens_time))
            data["closes_at"] = timezone.make_aware(datetime.datetime.combine(closes_on, closes_time))
            if data["closes_at"] <= data["opens_at"]:
                self.add_error("closes_on", "Enter a closing date after the opening date")
        return data


# ---------------------------------------------------------------- staff: responses


class ResponseFilterForm(forms.Form):
    """The filters over a consultation's responses, read from the query string."""

    section = forms.ChoiceField(label="Section", required=False)
    priority = forms.ChoiceField(label="Priority", required=False)
    respondent_type = forms.ChoiceField(
        label="Respondent", choices=[("", "Any respondent")] + RespondentType.choices, required=False
    )
    district = forms.ModelChoiceField(
        label="District", queryset=District.objects.none(), required=False, empty_label="Any District"
    )
    theme = forms.ChoiceField(label="Theme", required=False)
    state = forms.ChoiceField(label="Moderation", choices=[("", "Any state")] + Response.State.choices, required=False)
    victim = forms.ChoiceField(
        label="Victim of crime", choices=[("", "Any answer")] + VictimAnswer.choices, required=False
    )
    q = forms.CharField(label="Words in the comment, or a reference", required=False, max_length=100)

    NO_THEME = "none"

    def __init__(
        self, *args: Any, draft: Draft, districts: QuerySet[District], themes: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        section = form_field(self, "section", forms.ChoiceField)
        section.choices = [("", "Any section")] + [(s.uid, s.title) for s in draft.sections]
        priority = form_field(self, "priority", forms.ChoiceField)
        priority.choices = [("", "Any priority")] + [(o.uid, o.title) for o in draft.priorities]
        form_field(self, "district", forms.ModelChoiceField).queryset = districts
        theme = form_field(self, "theme", forms.ChoiceField)
        theme.choices = [("", "Any theme"), (self.NO_THEME, "Not yet tagged")] + [(str(t.pk), t.name) for t in themes]
        self.helper = _helper(
            Field.select("section"),
            Field.select("priority"),
            Field.select("respondent_type"),
            Field.select("district"),
            Field.select("theme"),
            Field.select("state"),
            Field.select("victim"),
            Field.text("q"),
            Button("filter", "Apply filters", css_class="govuk-button--secondary"),
        )

    def criteria(self) -> dict[str, Any]:
        """The cleaned filters, empty ones left out (an invalid form filters nothing)."""
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}


class BulkActionForm(forms.Form):
    ACTIONS = [
        ("tag", "Tag with the theme"),
        ("publish", "Publish"),
        ("reject", "Reject as spam"),
    ]
    responses = forms.TypedMultipleChoiceField(coerce=int, error_messages={"required": "Select at least one response"})
    action = forms.ChoiceField(choices=ACTIONS, error_messages={"required": "Choose what to do"})
    theme = forms.ChoiceField(required=False)
    new_theme = forms.CharField(required=False, max_length=80)
    next = forms.CharField(required=False)

    def __init__(self, *args: Any, response_ids: list[int], themes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "responses", forms.ChoiceField).choices = [(pk, pk) for pk in response_ids]
        form_field(self, "theme", forms.ChoiceField).choices = [("", "")] + [(str(t.pk), t.name) for t in themes]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "tag" and not data.get("theme") and not (data.get("new_theme") or "").strip():
            self.add_error("theme", "Choose a theme, or type a new one, to tag the responses with")
        return data


class ResponseThemesForm(forms.Form):
    themes = forms.MultipleChoiceField(
        label="Themes this response raises", required=False, widget=forms.CheckboxSelectMultiple
    )
    new_theme = forms.CharField(
        label="Add a new theme (optional)", max_length=80, required=False, help_text="For example, 101 service"
    )

    def __init__(self, *args: Any, themes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "themes", forms.ChoiceField).choices = [(str(t.pk), t.name) for t in themes]
        layout: list[Any] = [Field.checkboxes("themes", small=True, legend_size=Size.SMALL)] if themes else []
        self.helper = _helper(
            *layout,
            Field.text("new_theme", field_width=Fluid.TWO_THIRDS),
            Button("save_themes", "Save themes", css_class="govuk-button--secondary"),
        )


class RedactForm(forms.Form):
    redacted_text = forms.CharField(
        label="The comment as it will be published",
        widget=forms.Textarea,
        help_text="Take out names, addresses and anything else that identifies someone. The original is kept "
        "for audit and only staff can see it.",
        error_messages={"required": "Enter the comment as it should be published"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("redacted_text", rows=8),
            Button("redact", "Publish the redacted comment"),
        )


class ViewOriginalForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to see the original text?",
        help_text="For example, 'checking the redaction before publishing the outcome report'. "
        "Your name, the time and this reason go into the moderation history.",
        max_length=500,
        error_messages={"required": "Enter why you need to see the original text"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("reason"),
            Button("view", "Show the original text", css_class="govuk-button--secondary"),
        )


class ThemeForm(forms.Form):
    name = forms.CharField(label="Theme name", max_length=80, error_messages={"required": "Enter a name for the theme"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("name", field_width=Fluid.TWO_THIRDS), Button("add", "Add theme"))


# ---------------------------------------------------------------- staff: events and personal data


class EngagementEventForm(forms.ModelForm):
    held_on = DateInputField(label="Date", help_text="For example, 20 6 2016")

    class Meta:
        model = EngagementEvent
        fields = ["title", "held_on", "kind", "district", "audience", "attendance", "consultation", "notes"]
        labels = {
            "title": "What was it?",
            "kind": "Kind of event",
            "district": "District (optional)",
            "attendance": "How many people attended? (optional)",
            "consultation": "Part of which consultation? (optional)",
            "notes": "Notes (optional)",
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "title": {"required": "Enter what the event was, for example 'Public meeting in Taunton'"},
            "kind": {"required": "Select the kind of event"},
            "audience": {"required": "Enter who took part"},
            "attendance": {"invalid": "Enter the number of people as a whole number, like 45"},
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "kind", forms.ChoiceField).choices = EngagementEvent.Kind.choices
        district = form_field(self, "district", forms.ModelChoiceField)
        district.queryset = plan.area.districts.all()
        district.empty_label = "Force-wide, or not in one District"
        consultation = form_field(self, "consultation", forms.ModelChoiceField)
        consultation.queryset = Consultation.objects.filter(version__plan=plan).defer("version__content")
        consultation.empty_label = "None"
        self.fields["held_on"].error_messages.update(
            {"required": "Enter the date of the event", "incomplete": "Enter the date as a day, month and year"}
        )
        self.helper = _helper(
            Field.text("title"),
            Field("held_on"),
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            Field.select("district"),
            Field.text("audience", field_width=Fluid.TWO_THIRDS),
            Field.text("attendance", field_width=Fixed.FIVE),
            Field.select("consultation"),
            Field.textarea("notes", rows=4),
            Button("submit", "Save event"),
        )

    def clean_held_on(self) -> datetime.date:
        value = self.cleaned_data.get("held_on")
        if value is None:
            raise forms.ValidationError("Enter a real date")
        return value


class EmailLookupForm(forms.Form):
    email = forms.CharField(
        label="E-mail address or reference number",
        help_text="An e-mail address finds every response given with it, whatever its capitals; "
        "a reference (like PCP-7K3Q-9D) finds that one response.",
        max_length=254,
        error_messages={"required": "Enter the e-mail address the person gave, or their reference number"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})
        self.helper = _helper(
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Button("find", "Find responses"),
        )

    def clean_email(self) -> str:
        value = self.cleaned_data["email"].strip()
        reference = normalise_reference(value)
        if is_reference(reference):
            return reference
        try:
            validate_email(value)
        except ValidationError:
            raise forms.ValidationError(
                "Enter an e-mail address in the correct format, like name@example.com, "
                "or a reference number like PCP-7K3Q-9D"
            ) from None
        return value


class EraseForm(forms.Form):
    email = forms.CharField(widget=forms.HiddenInput, max_length=254)
    confirm = forms.BooleanField(
        label="I have checked this person's identity and they have asked for their responses to be erased",
        error_messages={"required": "Confirm you have checked the person's identity before erasing"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "email",
            Field.checkbox("confirm", small=True),
            Button("erase", "Erase these responses", css_class="govuk-button--warning"),
        )


# ---------------------------------------------------------------- the outcome report


def _rich_text_field(label: str, help_text: str, rows: int = 8) -> forms.CharField:
    from django_prose_editor.widgets import ProseEditorWidget

    from plans.forms import RICH_TEXT_EXTENSIONS

    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text + " Without JavaScript, type the text as HTML: a paragraph in &lt;p&gt;...&lt;/p&gt;. "
        "Scripts and styles are removed when you save.",
        max_length=50_000,
        widget=ProseEditorWidget(
            config={"extensions": RICH_TEXT_EXTENSIONS}, preset="configurable", attrs={"rows": rows}
        ),
    )


def _rich_text_helper(*layout: Any) -> FormHelper:
    # The editor's own scripts need an inline import map, which the CSP refuses: the page
    # loads plans/rich_text_editor.js instead (see that file).
    helper = _helper(*layout)
    helper.include_media = False
    return helper


class OutcomeSummaryForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["summary"] = _rich_text_field(
            "Summary",
            "What the consultation asked, how people took part and the main changes it led to. "
            "The counts and charts are added for you.",
        )
        self.helper = _rich_text_helper(Field("summary"), Button("save", "Save the summary"))


class ThemeOutcomeForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people_said"] = _rich_text_field(
            "What people said", "In your words: what the responses tagged with this theme said.", rows=6
        )
        self.fields["we_did"] = _rich_text_field(
            "What we did", "What the Commissioner did about it. Link the changes to the plan below.", rows=6
        )
        self.helper = _rich_text_helper(Field("people_said"), Field("we_did"), Button("save", "Save the theme"))


class ChangeLinkForm(forms.Form):
    change = forms.ChoiceField(
        label="Which change to the plan did it lead to?",
        help_text="The sections and priorities that changed in a later version of the plan",
        error_messages={
            "required": "Choose a part of the plan that changed in a later version",
            "invalid_choice": "Choose a part of the plan that changed in a later version",
        },
    )

    def __init__(self, *args: Any, changes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = {"section": "Section", "objective": "Priority"}
        form_field(self, "change", forms.ChoiceField).choices = [("", "Choose a change")] + [
            (c.key, f"{c.version.label}: {kinds.get(c.kind, c.kind)}: {c.title}") for c in changes
        ]
        self.helper = _helper(
            Field.select("change"), Button("link", "Link to this change", css_class="govuk-button--secondary")
        )


class YourResponseForm(forms.Form):
    reference = forms.CharField(
        label="Your reference number",
        help_text="It is on the page you saw after commenting, and in the e-mail we sent you. For example, PCP-7K3Q-9D",
        max_length=20,
        error_messages={"required": "Enter your reference number"},
    )
    email = forms.EmailField(
        label="The e-mail address you gave with your comment",
        max_length=254,
        error_messages={
            "required": "Enter the e-mail address you gave with your comment",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})
        self.fields["email"].widget.attrs.update({"spellcheck": "false", "autocomplete": "email"})
        self.helper = _helper(
            Field.text("reference", field_width=Fixed.TEN),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Button("send", "Send me a link"),
        )

    def clean_reference(self) -> str:
        value = normalise_reference(self.cleaned_data["reference"])
        if not is_reference(value):
            raise forms.ValidationError("Enter your reference number as it was given to you, like PCP-7K3Q-9D")
        return value
