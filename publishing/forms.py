"""Forms of publishing: validation and GOV.UK layout only."""

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms


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
