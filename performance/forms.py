"""Forms: validation of what people type, and GOV.UK layout. The rules themselves live in
the models (a threshold that contradicts its tier) and services (a duplicate reading)."""

from decimal import Decimal
from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Fixed, Fluid, Layout, Size
from django import forms
from django.utils import timezone

from pcplan.forms import DateInputField, form_field, label_choices_with
from plans.models import District, Objective, Plan

from .models import Deliverable, Measure, RiskRating, quarter_problem
from .quarters import Quarter, quarters_overlapping
from .readings_csv import is_percent, parse_value
from .status import Direction, Polarity

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

DIRECTION_CHOICES = [
    Choice(
        Direction.MAINTAIN,
        Direction.MAINTAIN.label,
        hint="Generally satisfied with performance in this area: current good performance should be maintained.",
    ),
    Choice(
        Direction.IMPROVE,
        Direction.IMPROVE.label,
        hint="Some concerns about performance in this area: improvement in performance is expected.",
    ),
    Choice(
        Direction.TRANSFORM,
        Direction.TRANSFORM.label,
        hint="An area of significant concern: a transformation of performance is required.",
    ),
]
RISK_CHOICES = [("", "Not yet assessed"), *RiskRating.choices]


class ReviewDateField(DateInputField):
    """The GOV.UK date input, with a message for a date that does not exist."""

    invalid_date_message = "Enter a real date, for example 16 1 2017."


class NumberField(forms.CharField):
    """A number as people type it ("2,750", "62.4"), with a message in their words."""

    def __init__(self, *, what: str, percent: bool = False, **kwargs: Any) -> None:
        self.what = what
        # A measure in per cent takes "12.5%" as 12.5, as a spreadsheet shows it.
        self.percent = percent
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            from .status import format_number

            return format_number(value).replace(",", "")
        return value

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        number, problem = parse_value(text, percent=self.percent)
        if problem:
            raise forms.ValidationError(f"Enter {self.what} as a number, for example 62.4. {problem}".strip())
        return number


def _objective_label(objective: Objective) -> str:
    if objective.district is not None:
        return f"{objective.title} ({objective.district.name} District)"
    return objective.title


class MeasureForm(forms.ModelForm):
    baseline_value = NumberField(
        what="the baseline",
        required=False,
        label="Baseline",
        help_text="The value performance is judged against. Leave empty until it is agreed with the Force.",
    )
    threshold_percent = forms.DecimalField(
        label="Threshold (%)",
        max_digits=6,
        decimal_places=2,
        error_messages={
            "required": "Enter the threshold for the expected direction, as a percentage of the baseline.",
            "invalid": "Enter the threshold as a number, for example 5.",
            # Django fills this message in with the limit (%(max)s), so a lone % is an error.
            "max_digits": "Enter a threshold of less than 10,000%%.",
            "max_decimal_places": "Enter the threshold with no more than 2 decimal places.",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        help_text=Measure._meta.get_field("threshold_percent").help_text,
    )
    polarity = forms.ChoiceField(
        label="Which way is better",
        choices=Polarity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether higher or lower is better for this measure."},
    )
    direction = forms.ChoiceField(
        label="Expected direction",
        choices=DIRECTION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the expected direction: maintain, improvement or transformation."},
    )
    reliability_risk = forms.ChoiceField(
        label="Reliability", choices=RISK_CHOICES, widget=forms.RadioSelect, required=False
    )
    validity_risk = forms.ChoiceField(label="Validity", choices=RISK_CHOICES, widget=forms.RadioSelect, required=False)
    perverse_incentive_risk = forms.ChoiceField(
        label="Risk of a perverse incentive", choices=RISK_CHOICES, widget=forms.RadioSelect, required=False
    )

    class Meta:
        model = Measure
        fields = [
            "objective",
            "outcome",
            "reference",
            "name",
            "description",
            "unit",
            "data_source",
            "polarity",
            "baseline_value",
            "baseline_period",
            "direction",
            "threshold_percent",
            "reliability_risk",
            "reliability_note",
            "validity_risk",
            "validity_note",
            "perverse_incentive_risk",
            "perverse_incentive_note",
        ]
        labels = {
            "reliability_note": "Note on reliability",
            "validity_note": "Note on validity",
            "perverse_incentive_note": "Note on the risk of a perverse incentive",
        }
        help_texts = {
            "reliability_note": "Are the figures recorded consistently, so this quarter compares with the last?",
            "validity_note": "Does the measure show the outcome it is meant to?",
            "perverse_incentive_note": "Could chasing this number make things worse elsewhere?",
        }
        error_messages = {
            "objective": {"required": "Choose the priority this measure serves."},
            "outcome": {"required": "Enter the outcome this measure serves, for example To reduce overall crime."},
            "reference": {"required": "Enter a short reference for the measure, for example M01."},
            "name": {"required": "Enter the measure, for example Number of crimes per 1,000 population."},
            "unit": {"required": "Enter the unit, for example crimes per 1,000 population, officers or %."},
            "data_source": {"required": "Enter where the figures come from, for example Police recorded crime."},
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        objectives = form_field(self, "objective", forms.ModelChoiceField)
        objectives.queryset = plan.objectives.select_related("district").order_by("order", "pk")
        label_choices_with(objectives, _objective_label)
        objectives.empty_label = "Choose a priority"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                Field.select("objective"),
                Field.text("outcome", field_width=Fluid.THREE_QUARTERS),
                Field.text("reference", field_width=Fixed.TEN),
                Field.text("name", field_width=Fluid.THREE_QUARTERS),
                Field.textarea("description", rows=3),
                Field.text("unit", field_width=Fluid.ONE_HALF),
                Field.text("data_source", field_width=Fluid.THREE_QUARTERS),
                legend="What is measured",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("polarity", inline=True),
                Field.text("baseline_value", field_width=Fixed.TEN),
                Field.text("baseline_period", field_width=Fluid.ONE_HALF),
                Field.radios("direction"),
                Field.text("threshold_percent", field_width=Fixed.FIVE),
                legend="Baseline and direction",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("reliability_risk", inline=True),
                Field.textarea("reliability_note", rows=2),
                Field.radios("validity_risk", inline=True),
                Field.textarea("validity_note", rows=2),
                Field.radios("perverse_incentive_risk", inline=True),
                Field.textarea("perverse_incentive_note", rows=2),
                legend="Risk assessment",
                legend_size=Size.MEDIUM,
            ),
            Button("submit", "Save measure"),
        )

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        clash = Measure.objects.filter(plan=self.plan, reference__iexact=reference)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"Another measure of this plan already has the reference {reference}.")
        return reference


class ReadingForm(forms.Form):
    quarter = forms.ChoiceField(
        label="Quarter",
        error_messages={"required": "Choose the quarter this reading is for."},
    )
    value = NumberField(
        what="the value", label="Value", error_messages={"required": "Enter the value for the quarter."}
    )
    commentary = forms.CharField(
        label="Commentary (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Published with the figures once the plan is published, so write for the public.",
    )
    district = forms.ModelChoiceField(
        label="District (optional)",
        queryset=District.objects.none(),
        required=False,
        empty_label="The whole force",
        help_text="Choose a District for its own figure, shown beside the force's in its District plan",
        error_messages={"invalid_choice": "Choose a District of this police area, or the whole force."},
    )
    outlier_note = forms.CharField(
        label="Note on an unusual figure (if needed)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A figure far from the measure's recent readings needs a note saying why it is right. The person "
        "who signs the reading off sees it; it is not published.",
    )

    def __init__(self, *args: Any, measure: Measure, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measure = measure
        plan = measure.plan
        form_field(self, "district", forms.ModelChoiceField).queryset = District.objects.filter(
            area_id=plan.area_id
        ).order_by("name")
        today = timezone.localdate()
        quarters = [q for q in quarters_overlapping(plan.starts_on, plan.ends_on) if q.start <= today]
        choices = [("", "Choose a quarter")] + [(q.label, q.long_label) for q in reversed(quarters)]
        form_field(self, "quarter", forms.ChoiceField).choices = choices
        self.fields["quarter"].error_messages["invalid_choice"] = (
            f"Choose a quarter within the plan's period, from {Quarter.containing(plan.starts_on).label} "
            f"to {Quarter.containing(min(plan.ends_on, today)).label}."
        )
        self.fields["value"].help_text = f"In {measure.unit}" if measure.unit.strip() != "%" else "As a percentage"
        form_field(self, "value", NumberField).percent = is_percent(measure.unit)
        if editing:
            self.fields["quarter"].disabled = True
            # A reading changed stays the force's; a District's is removed and added again.
            del self.fields["district"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("quarter"),
            *([] if editing else [Field.select("district")]),
            Field.text("value", field_width=Fixed.TEN),
            Field.textarea("commentary"),
            Field.textarea("outlier_note"),
            Button("submit", "Save reading"),
        )

    def clean_quarter(self) -> Quarter:
        quarter = Quarter.parse(self.cleaned_data["quarter"])
        problem = quarter_problem(quarter, self.measure.plan)
        if problem:
            raise forms.ValidationError(problem)
        return quarter


class ReadingsImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file of readings",
        help_text="Columns: measure (its reference), quarter (for example 2016-17 Q1), value, and commentary, "
        "note and district (optional; a District's name for its own figure, empty for the force's). Any problem "
        "in any row stops the whole file, and nothing is imported.",
        error_messages={
            "required": "Choose a CSV file to upload.",
            "empty": "The file is empty. Download the template, fill it in and upload it.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("file"), Button("submit", "Import readings"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 5 MB. Split it into smaller files.")
        return upload


class ReviewForm(forms.Form):
    held_on = ReviewDateField(
        label="Date of the review",
        help_text="Quarterly reviews are held in January, April, July and October. For example, 16 1 2017",
        require_all_fields=False,
    )
    summary = forms.CharField(label="Overall summary", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, plan: Plan, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["held_on"].error_messages.update(
            {"required": "Enter the date of the review.", "incomplete": "Enter the date of the review."}
        )
        self.narrative_fields: list[tuple[str, Objective]] = []
        fields = []
        for objective in plan.objectives.select_related("district").order_by("order", "pk"):
            name = f"narrative_{objective.uid.hex}"
            self.fields[name] = forms.CharField(
                label=f"Narrative: {_objective_label(objective)}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.narrative_fields.append((name, objective))
            fields.append(Field.textarea(name))
        if editing:
            del self.fields["held_on"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *([] if editing else [Field("held_on")]),
            Field.textarea("summary"),
            Fieldset(*fields, legend="Progress on each priority", legend_size=Size.MEDIUM),
            Button("submit", "Save review"),
        )

    def narratives(self) -> dict[str, str]:
        return {str(objective.uid): self.cleaned_data.get(name, "") for name, objective in self.narrative_fields}

    @staticmethod
    def initial_for(narratives: list[dict[str, str]]) -> dict[str, str]:
        from uuid import UUID

        initial = {}
        for item in narratives:
            try:
                initial[f"narrative_{UUID(item['objective_uid']).hex}"] = item["text"]
            except (KeyError, ValueError):
                continue
        return initial


class DeliverableForm(forms.ModelForm):
    status = forms.ChoiceField(
        choices=Deliverable.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the deliverable's status."},
    )

    class Meta:
        model = Deliverable
        fields = [
            "heading",
            "deliverable",
            "outcome",
            "objective",
            "timetable",
            "lead_officer",
            "status",
            "progress_notes",
        ]
        error_messages = {
            "deliverable": {
                "required": "Enter the deliverable, for example Commission a range of Restorative Justice services."
            }
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        objectives = form_field(self, "objective", forms.ModelChoiceField)
        objectives.queryset = plan.objectives.select_related("district").order_by("order", "pk")
        label_choices_with(objectives, _objective_label)
        objectives.empty_label = "Not linked to a priority"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("heading", field_width=Fluid.TWO_THIRDS),
            Field.textarea("deliverable", rows=3),
            Field.text("outcome", field_width=Fluid.TWO_THIRDS),
            Field.select("objective"),
            Field.text("timetable", field_width=Fluid.ONE_THIRD),
            Field.text("lead_officer", field_width=Fluid.ONE_THIRD),
            Field.radios("status", inline=True),
            Field.textarea("progress_notes", rows=4),
            Button("submit", "Save deliverable"),
        )
