from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from crispy_forms_gds import fields as gds_fields
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Layout
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

FieldT = TypeVar("FieldT", bound=forms.Field)


def form_field(form: forms.BaseForm, name: str, kind: type[FieldT]) -> FieldT:
    """A bound form's field as the class it was declared with.

    `form.fields` is typed as plain `Field`s, so setting a field's `queryset` or `choices`
    in `__init__` needs the declared class; a field of another class is a programming
    error and fails loudly here rather than as an AttributeError later.
    """
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def label_choices_with(field: forms.ModelChoiceField, label: Callable[[Any], str]) -> None:
    """Label each option of a model choice field with `label(obj)` instead of `str(obj)`.

    Django reads `label_from_instance` from the field instance, so replacing it there is
    enough; the stubs know it only as a method, hence the one ignore here.
    """
    field.label_from_instance = label  # type: ignore[method-assign,assignment]  # see the docstring


class DateInputField(gds_fields.DateInputField):
    """The GOV.UK date input (day, month, year), for every date people type in pcplan.

    crispy-forms-gds's own field answers a day, month or year too large for a date (a
    script's "99999999999999999999") with an OverflowError, a server error, and 30 February
    with Python's "day is out of range for month". Here both are refused with
    `invalid_date_message`, which subclasses word for the date they ask for.
    """

    invalid_date_message = "Enter a real date, for example 24 6 2016"

    def compress(self, data_list: Any) -> date | None:
        day, month, year = data_list
        if not (day and month and year):
            return None
        return self.to_date(day, month, year)

    def to_date(self, day: Any, month: Any, year: Any) -> date:
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError(self.invalid_date_message, code="invalid_date") from None


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Enter a correct user name and password. Both are case-sensitive. After 5 wrong "
            "passwords in a row, signing in as this user from your network pauses for at least 2 minutes."
        ),
        "inactive": "This account has been switched off. Ask the OPCC for help.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django sets the limit on the field after creating it, so only the browser knows
        # it; checked here, a name no account can have is never tried (nor recorded by axes,
        # whose column a longer name would overflow).
        username = form_field(self, "username", forms.CharField)
        longest = username.max_length or 150
        username.validators.append(
            MaxLengthValidator(longest, message=f"Enter a user name of {longest} characters or fewer")
        )
        self.fields["username"].label = "User name"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("username", field_width=Fluid.ONE_HALF),
            Field.text("password", field_width=Fluid.ONE_HALF),
            Button("submit", "Sign in"),
        )


REVISION_FIELD = "revision"


def add_revision_field(form: forms.BaseForm, record: Any) -> None:
    """Carry the revision of the record an edit form was drawn from, as a hidden field
    (pcplan.revisions). Posted back, it is the revision the service expects; a page drawn
    again after a refused save carries the revision saved meanwhile, so saving again (the
    person having looked at both) goes through. A form that records something once (a
    response, not yet recorded) passes `record=None`: revision 0, "none yet"."""
    field = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        initial=record.revision if record is not None else 0,
        error_messages={
            "required": "This page was out of date. Open it again, and make your change again",
            "invalid": "This page was out of date. Open it again, and make your change again",
            "min_value": "This page was out of date. Open it again, and make your change again",
        },
    )
    form.fields[REVISION_FIELD] = field
    helper = getattr(form, "helper", None)
    if helper is not None:
        # Layouts name only the fields a person sees; crispy then draws hidden ones too.
        helper.render_hidden_fields = True
