"""Forms of the plans pages: validation and GOV.UK layout only; services do the writing."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Fixed, Fluid, Layout, Size
from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django_prose_editor.widgets import ProseEditorWidget

from pcplan.forms import DateInputField, form_field, label_choices_with

from .models import (
    STATUTORY_ELEMENT_CITATIONS,
    STATUTORY_STEP_CITATIONS,
    BudgetLine,
    Commitment,
    District,
    Milestone,
    Objective,
    Plan,
    PoliceArea,
    StatutoryElement,
    StatutoryStep,
    financial_year_label,
    plan_financial_years,
)

# What the rich-text editor offers: exactly what plans/richtext.py keeps, so nothing typed
# in the editor is silently dropped on saving (headings start at h2: the page has the h1).
VARIATION_OF_UNPUBLISHED = (
    "A variation changes a published plan: choose a published plan, or choose annual refresh to start "
    "from a plan still in draft"
)

RICH_TEXT_EXTENSIONS: dict[str, Any] = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # Images come only from uploads and Word imports (the sanitiser keeps only pcplan's
    # own); the editor must know them, or editing a section would drop its images. Inline,
    # as they are stored (in a paragraph): as blocks, the editor moved them out of their
    # paragraphs, and a section ending in an image ended where typing cannot go.
    "Image": {"inline": True},
}


_MAX_120 = "Enter a name of 120 characters or fewer"


class GovDateField(DateInputField):
    """A GOV.UK date input (day, month, year) with messages that name the date."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.what = what
        self.invalid_date_message = f"Enter {what} as a real date, for example 31 3 2021"
        self.error_messages["required"] = f"Enter {what}"
        self.error_messages["incomplete"] = f"Enter {what} as a day, month and year"
        for sub in self.fields:
            sub.validators = []
            sub.error_messages["incomplete"] = f"Enter {what} as a day, month and year"

    def compress(self, data_list: Any) -> date | None:
        if not data_list:
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        if not (day or month or year):
            return None
        if not (day and month and year):
            raise ValidationError(f"Enter {self.what} as a day, month and year")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"Enter {self.what} as numbers, for example 5 5 2016")
        return self.to_date(day, month, year)


class PoundsField(forms.DecimalField):
    """An amount of money: accepts '£125,000' and '125000.50' alike."""

    # django-stubs checks this against IntegerField.to_python (int), DecimalField's base.
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # stubs compare it with IntegerField's
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").replace(" ", "")
        if value in self.empty_values:
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


def _helper(*fields: Any) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    # The editor's own media is an inline import map, which the CSP refuses; the section
    # page loads static/plans/rich_text_editor.js instead.
    helper.include_media = False
    helper.layout = Layout(*fields)
    return helper


# ---------------------------------------------------------------- plans


class PlanPeriodForm(forms.Form):
    """A plan's title and period: what a new plan needs, however it is made."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Police and Crime Plan 2021-25",
        error_messages={
            "required": "Enter a title for the plan",
            "max_length": "Enter a title of 200 characters or fewer",
        },
    )
    starts_on = GovDateField(
        label="Period starts", what="the date the period starts", help_text="For example, 5 5 2021"
    )
    ends_on = GovDateField(label="Period ends", what="the date the period ends", help_text="For example, 31 3 2025")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", "Enter an end date after the start date of the period")
        return data


class PlanDetailsForm(PlanPeriodForm):
    pcc_name = forms.CharField(label="Police and Crime Commissioner", max_length=120, required=False)
    pcc_elected_on = GovDateField(
        label="Date the PCC was elected",
        what="the date the PCC was elected",
        required=False,
        help_text="A new plan is due by 31 March of the financial year of the election",
    )
    vision = forms.CharField(label="Vision", widget=forms.Textarea(attrs={"rows": 4}), required=False)


class PlanCreateForm(PlanDetailsForm):
    kind = forms.ChoiceField(
        label="What kind of plan is it?",
        choices=Plan.Kind.choices,
        initial=Plan.Kind.NEW,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of plan it is"},
    )
    predecessor = forms.ModelChoiceField(
        label="The plan it refreshes or varies",
        queryset=Plan.objects.none(),
        required=False,
        empty_label="None: this is a new plan",
        help_text="A refresh or a variation starts as a copy of that plan's sections, objectives and grants",
        error_messages={"invalid_choice": "Choose a plan of your police area"},
    )
    field_order = ["kind", "predecessor", "title", "starts_on", "ends_on", "pcc_name", "pcc_elected_on", "vision"]

    def __init__(self, *args: Any, area: PoliceArea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "predecessor", forms.ModelChoiceField).queryset = Plan.objects.filter(area=area).order_by(
            "-starts_on", "title"
        )
        self.fields["kind"].help_text = "A new plan starts from the template: the sections of a plan and the timeline"
        self.helper = _helper(
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.select("predecessor"),
            Field.text("title", field_width=Fluid.TWO_THIRDS),
            Field("starts_on"),
            Field("ends_on"),
            Field.text("pcc_name", field_width=Fluid.ONE_HALF),
            Field("pcc_elected_on"),
            Field.textarea("vision", rows=4),
            Button("submit", "Create the plan"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, predecessor = data.get("kind"), data.get("predecessor")
        if kind and kind != Plan.Kind.NEW and predecessor is None and "predecessor" not in self.errors:
            self.add_error("predecessor", "Choose the plan this one refreshes or varies")
        if kind == Plan.Kind.NEW and predecessor is not None:
            self.add_error("predecessor", "Leave this empty for a new plan, or choose annual refresh or variation")
        if kind == Plan.Kind.VARIATION and predecessor is not None and predecessor.stage != Plan.Stage.PUBLISHED:
            self.add_error("predecessor", VARIATION_OF_UNPUBLISHED)
        return data


class PlanEditForm(PlanDetailsForm):
    stage = forms.ChoiceField(label="Stage", choices=Plan.Stage.choices, widget=forms.RadioSelect)
    population = forms.IntegerField(
        label="Population of the police area",
        required=False,
        min_value=0,
        help_text="For the full plan's page of key figures. For example, 1650000",
        error_messages={"invalid": "Enter the population as a whole number, like 1650000"},
    )
    police_officers = forms.IntegerField(
        label="Police officers (full-time equivalent)",
        required=False,
        min_value=0,
        help_text="For example, 2750",
        error_messages={"invalid": "Enter the number of officers as a whole number, like 2750"},
    )
    police_staff = forms.IntegerField(
        label="Police staff (full-time equivalent)",
        required=False,
        min_value=0,
        help_text="Staff who are not officers, PCSOs included. For example, 2400",
        error_messages={"invalid": "Enter the number of staff as a whole number, like 2400"},
    )
    area_km2 = forms.IntegerField(
        label="Size of the police area, in square kilometres",
        required=False,
        min_value=1,
        help_text="For example, 4804 (1,855 square miles)",
        error_messages={"invalid": "Enter the size in whole square kilometres, like 4804"},
    )
    annual_budget = forms.DecimalField(
        label="The Chief Constable's revenue budget for the plan's first year, in pounds",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=0,
        help_text="For example, 268900000 for £268.9 million",
        error_messages={"invalid": "Enter the budget in whole pounds, like 268900000"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "Published" comes only from publishing a version (behind the statutory gate), and
        # a published plan stays published: offer only the choices a person can make.
        if self.initial.get("stage") == Plan.Stage.PUBLISHED:
            form_field(self, "stage", forms.ChoiceField).choices = [
                (Plan.Stage.PUBLISHED.value, Plan.Stage.PUBLISHED.label)
            ]
        else:
            form_field(self, "stage", forms.ChoiceField).choices = [
                c for c in Plan.Stage.choices if c[0] != Plan.Stage.PUBLISHED
            ]
        self.helper = _helper(
            Field.text("title", field_width=Fluid.TWO_THIRDS),
            Field("starts_on"),
            Field("ends_on"),
            Field.radios("stage", legend_size=Size.SMALL),
            Field.text("pcc_name", field_width=Fluid.ONE_HALF),
            Field("pcc_elected_on"),
            Field.textarea("vision", rows=5),
            Field.text("population", field_width=Fluid.ONE_THIRD),
            Field.text("police_officers", field_width=Fluid.ONE_THIRD),
            Field.text("police_staff", field_width=Fluid.ONE_THIRD),
            Field.text("area_km2", field_width=Fluid.ONE_THIRD),
            Field.text("annual_budget", field_width=Fluid.ONE_THIRD),
            Button("submit", "Save the plan's details"),
        )


# ---------------------------------------------------------------- sections


def statutory_element_choices() -> list[tuple[str, str]]:
    return [(e.value, f"{e.label} ({STATUTORY_ELEMENT_CITATIONS[e]})") for e in StatutoryElement]


class SectionForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={
            "required": "Enter a title for the section",
            "max_length": "Enter a title of 300 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Text",
        required=False,
        help_text=(
            "Use the toolbar for headings, lists, links, tables and emphasis. "
            # Hints are rendered as HTML by crispy-forms-gds, so the tags are escaped here.
            "Without JavaScript, type the text as HTML: a paragraph in &lt;p&gt;...&lt;/p&gt;, "
            "a heading in &lt;h2&gt;...&lt;/h2&gt;. "
            "Scripts and styles are removed when you save."
        ),
        widget=ProseEditorWidget(
            config={"extensions": RICH_TEXT_EXTENSIONS}, preset="configurable", attrs={"rows": 18}
        ),
    )
    covers = forms.MultipleChoiceField(
        label="Which statutory elements does this section set out?",
        help_text="Police Reform and Social Responsibility Act 2011, section 7(1). Select all that apply.",
        choices=statutory_element_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    addresses_spr = forms.BooleanField(
        label="This section sets out the plan's regard to the Strategic Policing Requirement", required=False
    )
    in_public_summary = forms.BooleanField(label="Include this section in the public summary", required=False)
    district = forms.ModelChoiceField(
        label="District",
        queryset=District.objects.none(),
        required=False,
        empty_label="Force-wide: the whole police area",
        help_text="Choose a District only for content that belongs in that District's plan",
        error_messages={"invalid_choice": "Choose a District of this police area"},
    )

    def __init__(self, *args: Any, area: PoliceArea, submit_label: str = "Save the section", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "district", forms.ModelChoiceField).queryset = District.objects.filter(area=area).order_by(
            "name"
        )
        self.helper = _helper(*self.layout_fields(), Button("submit", submit_label))

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("title", field_width=Fluid.FULL),
            Field.textarea("body", rows=18),
            Field.checkboxes("covers", legend_size=Size.SMALL, small=True),
            Fieldset(
                Field.checkbox("addresses_spr", small=True),
                Field.checkbox("in_public_summary", small=True),
                legend="Where this section is used",
                legend_size=Size.SMALL,
            ),
            Field.select("district"),
        ]


class SectionEditForm(SectionForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def layout_fields(self) -> list[Any]:
        return ["revision", *super().layout_fields()]


class SectionImageForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    image = forms.FileField(
        label="Image",
        help_text="A PNG, JPEG or WebP file smaller than 10 MB. It goes at the end of the section's text.",
        error_messages={"required": "Choose an image to upload", "empty": "The file is empty: choose an image"},
    )
    alt = forms.CharField(
        label="Alternative text",
        max_length=300,
        required=False,
        help_text=(
            "Say what the image shows for people who cannot see it, for example: The Commissioner meeting "
            "neighbourhood officers in Weston-super-Mare. It is read out by screen readers and kept in the PDFs."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Enter alternative text of 300 characters or fewer"},
    )
    decorative = forms.BooleanField(
        label="The image is decorative: it adds nothing to the text",
        help_text="Screen readers then skip it; leave the alternative text empty.",
        required=False,
    )

    def __init__(self, *args: Any, submit_label: str = "Add the image", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["image"].widget.attrs["accept"] = ".png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp"
        self.helper = _helper(
            "revision",
            Field("image"),
            Field.textarea("alt", rows=3),
            Field.checkbox("decorative", small=True),
            Button("submit", submit_label),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        alt, decorative = " ".join((data.get("alt") or "").split()), data.get("decorative")
        if "alt" in data and not alt and not decorative:
            self.add_error("alt", "Enter alternative text that says what the image shows")
        elif alt and decorative:
            self.add_error("alt", "The image is either described or decorative, not both")
        return data


class EasyReadForm(forms.Form):
    text = forms.CharField(
        label="Easy Read text",
        help_text=(
            "Short sentences in everyday words, one idea a sentence, each on its own line. For example: "
            "We will keep people safe from harm."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the Easy Read text: short sentences, one idea a sentence"},
    )
    picture = forms.FileField(
        label="Picture",
        required=False,
        help_text="A PNG, JPEG or WebP picture that shows the idea, shown to the left of the text.",
        error_messages={"empty": "The file is empty: choose a picture"},
    )
    alt = forms.CharField(
        label="What the picture shows",
        max_length=300,
        help_text="Read out by screen readers. For example: A police officer helping an older woman.",
        error_messages={
            "required": "Enter what the picture shows",
            "max_length": "Enter 300 characters or fewer",
        },
    )

    def __init__(self, *args: Any, submit_label: str = "Save the Easy Read version", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["picture"].widget.attrs["accept"] = ".png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp"
        self.helper = _helper(
            Field.textarea("text", rows=5), Field("picture"), Field.text("alt"), Button("submit", submit_label)
        )


class RestoreForm(forms.Form):
    revision = forms.IntegerField(min_value=1)


# ---------------------------------------------------------------- objectives and commitments


class ObjectiveForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=300,
        help_text="For example, Protect the most vulnerable from harm",
        error_messages={
            "required": "Enter a title for the objective",
            "max_length": "Enter a title of 300 characters or fewer",
        },
    )
    theme = forms.CharField(
        label="Theme",
        max_length=80,
        required=False,
        help_text="For example Victims, Offenders, Communities or Transformation",
        error_messages={"max_length": "Enter a theme of 80 characters or fewer"},
    )
    aim = forms.CharField(
        label="Aim",
        required=False,
        help_text="What the objective is meant to achieve",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    district = forms.ModelChoiceField(
        label="District",
        queryset=District.objects.none(),
        required=False,
        empty_label="Force-wide: the whole police area",
        help_text="Choose a District for an objective of that District's plan only",
        error_messages={"invalid_choice": "Choose a District of this police area"},
    )

    def __init__(self, *args: Any, area: PoliceArea, submit_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "district", forms.ModelChoiceField).queryset = District.objects.filter(area=area).order_by(
            "name"
        )
        self.helper = _helper(
            Field.text("title", field_width=Fluid.FULL),
            Field.text("theme", field_width=Fixed.TWENTY),
            Field.textarea("aim", rows=4),
            Field.select("district"),
            Button("submit", submit_label),
        )


class CommitmentForm(forms.Form):
    actor = forms.ChoiceField(
        label="Who commits to it?",
        choices=Commitment.Actor.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who makes this commitment"},
    )
    text = forms.CharField(
        label="The commitment",
        help_text="It follows the words chosen above, for example: Champion victims' interests.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the commitment"},
    )

    def __init__(self, *args: Any, submit_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("actor", legend_size=Size.SMALL),
            Field.textarea("text", rows=3),
            Button("submit", submit_label),
        )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


# ---------------------------------------------------------------- grants


class GrantForm(forms.Form):
    recipient = forms.CharField(
        label="Recipient",
        max_length=200,
        help_text="For example, Bristol Community Safety Partnership",
        error_messages={
            "required": "Enter who receives the grant",
            "max_length": "Enter a recipient of 200 characters or fewer",
        },
    )
    purpose = forms.CharField(
        label="Purpose",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the grant is for"},
    )
    amount = PoundsField(
        label="Amount, in pounds",
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(0),
        help_text="For example, 125000 or 125000.50",
        error_messages={
            "required": "Enter the amount of the grant",
            "invalid": "Enter the amount as a number of pounds, like 125000 or 125000.50",
            "min_value": "Enter an amount of £0 or more",
            "max_digits": "Enter an amount below £10,000,000,000",
            "max_whole_digits": "Enter an amount below £10,000,000,000",
            "max_decimal_places": "Enter the amount to the nearest penny, with at most two numbers after the point",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    conditions = forms.CharField(
        label="Conditions",
        required=False,
        help_text="The conditions the PCC attaches to the grant (statutory element 7)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    objective = forms.ModelChoiceField(
        label="Objective it serves",
        queryset=Objective.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose an objective of this plan"},
    )
    district = forms.ModelChoiceField(
        label="District",
        queryset=District.objects.none(),
        required=False,
        empty_label="Across the police area",
        help_text="The District the grant is made in: it is listed in that District's plan",
        error_messages={"invalid_choice": "Choose a District of this police area"},
    )

    def __init__(self, *args: Any, plan: Plan, submit_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "objective", forms.ModelChoiceField).queryset = plan.objectives.order_by("order", "pk")
        form_field(self, "district", forms.ModelChoiceField).queryset = District.objects.filter(
            area_id=plan.area_id
        ).order_by("name")
        self.helper = _helper(
            Field.text("recipient", field_width=Fluid.TWO_THIRDS),
            Field.textarea("purpose", rows=3),
            Field.text("amount", field_width=Fixed.TEN),
            Field.textarea("conditions", rows=3),
            Field.select("objective"),
            Field.select("district"),
            Button("submit", submit_label),
        )


class BudgetLineForm(forms.Form):
    year = forms.TypedChoiceField(
        label="Financial year",
        coerce=int,
        error_messages={
            "required": "Choose the financial year of the line",
            "invalid_choice": "Choose a financial year of the plan",
        },
    )
    kind = forms.ChoiceField(
        label="Part of the budget",
        choices=BudgetLine.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which part of the budget the line is"},
    )
    label = forms.CharField(
        label="Line",
        max_length=200,
        help_text="For example, Police grant from the Home Office, or Victim services",
        error_messages={
            "required": "Enter what the line is, for example Council tax precept",
            "max_length": "Enter a line of 200 characters or fewer",
        },
    )
    amount = PoundsField(
        label="Amount, in pounds",
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        help_text="For example, 163100000 or £163,100,000",
        error_messages={
            "required": "Enter the amount of the line",
            "invalid": "Enter the amount as a number of pounds, like 163100000 or £163,100,000",
            "min_value": "Enter an amount of £0 or more",
            "max_digits": "Enter an amount below £1,000,000,000,000",
            "max_whole_digits": "Enter an amount below £1,000,000,000,000",
            "max_decimal_places": "Enter the amount to the nearest penny, with at most two numbers after the point",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    district = forms.ModelChoiceField(
        label="District",
        queryset=District.objects.none(),
        required=False,
        empty_label="The whole police area",
        help_text="Choose a District for a line of that District's own: it is shown in the District's plan",
        error_messages={"invalid_choice": "Choose a District of this police area"},
    )

    def __init__(self, *args: Any, plan: Plan, submit_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        first, last = plan_financial_years(plan)
        form_field(self, "year", forms.TypedChoiceField).choices = [("", "Choose a year")] + [
            (year, financial_year_label(year)) for year in range(first, last + 1)
        ]
        form_field(self, "district", forms.ModelChoiceField).queryset = District.objects.filter(
            area_id=plan.area_id
        ).order_by("name")
        self.helper = _helper(
            Field.select("year"),
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            Field.text("label", field_width=Fluid.TWO_THIRDS),
            Field.text("amount", field_width=Fixed.TWENTY),
            Field.select("district"),
            Button("submit", submit_label),
        )


# ---------------------------------------------------------------- milestones


def statutory_step_choices() -> list[tuple[str, str]]:
    return [("", "Not a statutory step")] + [
        (step.value, f"{step.label} ({STATUTORY_STEP_CITATIONS[step]})") for step in StatutoryStep
    ]


def possible_owners(area: PoliceArea) -> QuerySet[User]:
    """The people who may own a milestone: anyone of the area with an account in use."""
    return User.objects.filter(area_membership__area=area, is_active=True).order_by("first_name", "last_name", "pk")


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=400,
        error_messages={
            "required": "Enter a title for the milestone",
            "max_length": "Enter a title of 400 characters or fewer",
        },
    )
    starts_on = GovDateField(label="Starts", what="the date the milestone starts", help_text="For example, 1 7 2016")
    ends_on = GovDateField(label="Ends", what="the date the milestone ends", help_text="For example, 18 7 2016")
    owner = forms.ModelChoiceField(
        label="Owner",
        queryset=User.objects.none(),
        required=False,
        empty_label="Nobody yet",
        help_text="They are e-mailed each morning while it is due within 7 days or overdue",
        error_messages={"invalid_choice": "Choose a person who works for this police area"},
    )
    owner_note = forms.CharField(
        label="Owner (note)",
        max_length=120,
        required=False,
        help_text="Optional: a team or role, for example Head of Strategy and Planning",
        error_messages={"max_length": "Enter a note of 120 characters or fewer"},
    )
    phase = forms.TypedChoiceField(
        label="Phase",
        choices=Milestone.Phase.choices,
        coerce=int,
        error_messages={"required": "Choose the phase"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Milestone.Status.choices,
        widget=forms.RadioSelect,
        initial=Milestone.Status.NOT_STARTED,
        error_messages={"required": "Choose the status"},
    )
    statutory_step = forms.ChoiceField(
        label="Statutory step",
        choices=statutory_step_choices,
        required=False,
        help_text="Mark a step the Act requires before a plan is issued or varied",
    )
    citation = forms.CharField(
        label="Citation",
        max_length=200,
        required=False,
        help_text="Left empty, the step's section of the Act is filled in",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, area: PoliceArea, submit_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = form_field(self, "owner", forms.ModelChoiceField)
        owner.queryset = possible_owners(area)
        label_choices_with(owner, lambda user: user.get_full_name() or user.get_username())
        self.helper = _helper(
            Field.text("title", field_width=Fluid.FULL),
            Field("starts_on"),
            Field("ends_on"),
            Field.select("owner"),
            Field.text("owner_note", field_width=Fluid.ONE_THIRD),
            Field.select("phase"),
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            Field.select("statutory_step"),
            Field.text("citation", field_width=Fluid.TWO_THIRDS),
            Field.textarea("notes", rows=3),
            Button("submit", submit_label),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "Enter an end date on or after the start date")
        return data


# ---------------------------------------------------------------- versions


class VersionCutForm(forms.Form):
    note = forms.CharField(
        label="Why are you cutting this version?",
        max_length=300,
        required=False,
        help_text="For example, Draft V1 for the Strategic Planning Working Group and the Panel",
        error_messages={"max_length": "Enter a note of 300 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("note", field_width=Fluid.FULL), Button("submit", "Cut the version"))


DRAFT = "draft"


class CompareForm(forms.Form):
    """Pick two states to compare (by GET, so the page works without JavaScript and the
    URL can be shared): ?from=1&to=2, or to=draft for the working draft."""

    def __init__(self, *args: Any, numbers: list[int], draft_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(n), f"V{n}") for n in sorted(numbers)]
        to_choices = [*choices, (DRAFT, "The working draft")] if draft_allowed else choices
        self.fields["from"] = forms.ChoiceField(
            label="Compare",
            choices=choices,
            error_messages={"invalid_choice": "Choose a version of this plan to compare from"},
        )
        self.fields["to"] = forms.ChoiceField(
            label="with",
            choices=to_choices,
            error_messages={"invalid_choice": "Choose a version of this plan to compare with"},
        )
        # The template adds a plain button: a named one would add itself to the shared URL.
        self.helper = _helper(Field.select("from"), Field.select("to"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from") and data.get("from") == data.get("to"):
            self.add_error("to", "Choose two different versions to compare")
        return data


# ---------------------------------------------------------------- the police area


class AreaForm(forms.Form):
    name = forms.CharField(
        label="Police area",
        max_length=120,
        help_text="For example, Avon and Somerset",
        error_messages={"required": "Enter the name of the police area", "max_length": _MAX_120},
    )
    force_name = forms.CharField(
        label="Police force",
        max_length=160,
        help_text="For example, Avon and Somerset Constabulary",
        error_messages={
            "required": "Enter the name of the police force",
            "max_length": "Enter a force name of 160 characters or fewer",
        },
    )
    opcc_name = forms.CharField(
        label="Name of the Office",
        max_length=200,
        help_text="For example, Office of the Police and Crime Commissioner for Avon and Somerset",
        error_messages={
            "required": "Enter the name of the Office of the Police and Crime Commissioner",
            "max_length": "Enter a name of 200 characters or fewer",
        },
    )
    pcc_name = forms.CharField(
        label="Police and Crime Commissioner",
        max_length=120,
        required=False,
        help_text="A new plan starts with the Commissioner in office",
        error_messages={"max_length": _MAX_120},
    )
    pcc_elected_on = GovDateField(
        label="Date the Commissioner was elected",
        what="the date the Commissioner was elected",
        required=False,
        help_text="A new plan is due by 31 March of the financial year of the election. For example, 5 5 2016",
    )
    contact_email = forms.EmailField(
        label="The Office's e-mail address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an e-mail address like pcc@example.police.uk"},
    )
    contact_phone = forms.CharField(
        label="The Office's telephone number",
        max_length=40,
        required=False,
        error_messages={"max_length": "Enter a telephone number of 40 characters or fewer"},
    )
    contact_address = forms.CharField(
        label="The Office's postal address",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Enter an address of 1,000 characters or fewer"},
    )
    website = forms.URLField(
        label="The Office's website",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address like https://www.example-pcc.gov.uk/"},
    )

    def __init__(self, *args: Any, submit_label: str = "Save the police area", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["contact_phone"].widget.attrs.update({"autocomplete": "tel"})
        self.helper = _helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("force_name", field_width=Fluid.TWO_THIRDS),
            Field.text("opcc_name", field_width=Fluid.FULL),
            Field.text("pcc_name", field_width=Fluid.ONE_HALF),
            Field("pcc_elected_on"),
            Field.text("contact_email", field_width=Fluid.TWO_THIRDS),
            Field.text("contact_phone", field_width=Fixed.TWENTY),
            Field.textarea("contact_address", rows=3),
            Field.text("website", field_width=Fluid.TWO_THIRDS),
            Button("submit", submit_label),
        )


class DistrictForm(forms.Form):
    name = forms.CharField(
        label="Name of the District",
        max_length=120,
        help_text="The local authority area, for example Bristol or Mendip",
        error_messages={"required": "Enter the District's name", "max_length": _MAX_120},
    )
    contact = forms.CharField(
        label="Who residents contact, and how",
        required=False,
        max_length=2000,
        help_text="Printed in the District's plan",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Enter 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, submit_label: str = "Save the District", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.textarea("contact", rows=3),
            Button("submit", submit_label),
        )


class DistrictPictureForm(forms.Form):
    picture = forms.FileField(
        label="Picture",
        help_text="A PNG, JPEG or WebP picture of the District, smaller than 10 MB, for its plan's first page",
        error_messages={"required": "Choose a picture to upload", "empty": "The file is empty: choose a picture"},
    )
    alt = forms.CharField(
        label="What the picture shows",
        max_length=300,
        help_text="Read out by screen readers and kept in the PDF. For example: Glastonbury Tor at sunrise.",
        error_messages={"required": "Enter what the picture shows", "max_length": "Enter 300 characters or fewer"},
    )

    def __init__(
        self, *args: Any, submit_label: str = "Save the picture", has_picture: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if has_picture:
            # The picture it has stays unless another is chosen: what it shows can be changed alone.
            self.fields["picture"].required = False
            self.fields["picture"].help_text += ". Leave empty to keep the picture it has"
        self.fields["picture"].widget.attrs["accept"] = ".png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp"
        self.helper = _helper(Field("picture"), Field.text("alt"), Button("submit", submit_label))


class DistrictsForm(forms.Form):
    """Several Districts at once, one a line (setting up a new area)."""

    names = forms.CharField(
        label="Districts",
        help_text="The local authority areas in the police area: enter each on its own line. "
        "You can add, rename or remove Districts later.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 9}),
        error_messages={
            "required": "Enter at least one District",
            "max_length": "Enter 5,000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, submit_label: str = "Add the Districts", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("names", rows=9), Button("submit", submit_label))

    def clean_names(self) -> list[str]:
        names = [" ".join(line.split()) for line in self.cleaned_data["names"].splitlines()]
        names = [name for name in names if name]
        if not names:
            raise ValidationError("Enter at least one District")
        too_long = next((name for name in names if len(name) > 120), None)
        if too_long:
            raise ValidationError(f"Enter District names of 120 characters or fewer: {too_long[:40]}...")
        return names


class DistrictRemoveForm(forms.Form):
    """Nothing to fill in: the button confirms."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Button.warning("submit", "Remove the District"))
