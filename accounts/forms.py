"""Forms of the accounts pages: validation and GOV.UK layout only; services do the writing.

Django's own password forms (change, reset, set) keep their checks and get the GOV.UK
layout and messages written for the person reading them."""

from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Fluid, Layout, Size
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import User

from panel.models import PanelMember
from pcplan.forms import form_field
from pcplan.roles import ROLE_DESCRIPTIONS, Role
from plans.forms import GovDateField
from plans.models import PoliceArea


def _helper(*fields: Any) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


def _role_hints(form: forms.Form, name: str) -> None:
    """Each role's radio with what the role can do as its hint."""
    form_field(form, name, forms.ChoiceField).choices = [
        Choice(role.value, role.value, hint=ROLE_DESCRIPTIONS[role]) for role in Role
    ]


def _password_widget_attrs(form: forms.Form, *names: str) -> None:
    for name in names:
        form.fields[name].widget.attrs.update({"autocomplete": "new-password"})


# A hint shown to people, not a password.
PASSWORD_HINT = "At least 8 characters, not only numbers, not a common password, not like your name"  # noqa: S105


# ---------------------------------------------------------------- the second factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=40,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes",
        error_messages={
            "required": "Enter the code from your authenticator app, or a recovery code",
            "max_length": "Enter the 6-digit code from your authenticator app, or a recovery code",
        },
    )

    def __init__(self, *args: Any, submit_label: str = "Continue", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"autocomplete": "one-time-code", "spellcheck": "false"})
        self.helper = _helper(Field.text("code", field_width=Fixed.TEN), Button("submit", submit_label))


class AuthenticatorConfirmForm(CodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, submit_label="Set up the authenticator app", **kwargs)
        self.fields["code"].help_text = "The 6-digit code your authenticator app shows for pcplan"
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


# ---------------------------------------------------------------- passwords


class PasswordsMixin:
    """The GOV.UK layout for Django's forms that set a new password."""

    def lay_out(self, *fields: Any, submit_label: str) -> None:
        form: Any = self
        form.fields["new_password1"].label = "New password"
        form.fields["new_password1"].help_text = PASSWORD_HINT
        form.fields["new_password2"].label = "Confirm the new password"
        form.fields["new_password2"].help_text = ""
        form.error_messages["password_mismatch"] = "Enter the same password twice"  # noqa: S105 - a message
        _password_widget_attrs(form, "new_password1", "new_password2")
        form.helper = _helper(
            *fields,
            Field.text("new_password1", field_width=Fluid.ONE_HALF),
            Field.text("new_password2", field_width=Fluid.ONE_HALF),
            Button("submit", submit_label),
        )


class SetPasswordForm(PasswordsMixin, auth_forms.SetPasswordForm):
    def __init__(self, *args: Any, submit_label: str = "Set the password", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lay_out(submit_label=submit_label)


class PasswordChangeForm(PasswordsMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Your current password"
        wrong = "Your current password is not right: enter it again"
        self.error_messages["password_incorrect"] = wrong
        self.fields["old_password"].widget.attrs["autocomplete"] = "current-password"
        self.lay_out(Field.text("old_password", field_width=Fluid.ONE_HALF), submit_label="Change the password")


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        email = form_field(self, "email", forms.EmailField)
        email.label = "Your e-mail address"
        email.help_text = "The address your account was set up with"
        email.error_messages.update(
            {"required": "Enter your e-mail address", "invalid": "Enter an e-mail address like name@example.org.uk"}
        )
        email.widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.helper = _helper(Field.text("email", field_width=Fluid.TWO_THIRDS), Button("submit", "Send the link"))


# ---------------------------------------------------------------- people


class PersonFields(forms.Form):
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={"required": "Enter the first name", "max_length": "Enter 150 characters or fewer"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        error_messages={"required": "Enter the last name", "max_length": "Enter 150 characters or fewer"},
    )
    email = forms.EmailField(
        label="E-mail address",
        max_length=150,
        help_text="The invitation goes here, and it is the person's user name",
        error_messages={
            "required": "Enter the e-mail address",
            "invalid": "Enter an e-mail address like name@example.org.uk",
            "max_length": "Enter an e-mail address of 150 characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"spellcheck": "false"})

    def person_layout(self) -> list[Any]:
        return [
            Field.text("first_name", field_width=Fluid.ONE_HALF),
            Field.text("last_name", field_width=Fluid.ONE_HALF),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
        ]


class InviteForm(PersonFields):
    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the person's role", "invalid_choice": "Choose one of the roles"},
    )
    area = forms.ModelChoiceField(
        label="Police area",
        queryset=PoliceArea.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the police area", "invalid_choice": "Choose a police area you manage"},
    )

    def __init__(self, *args: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _role_hints(self, "role")
        form_field(self, "area", forms.ModelChoiceField).queryset = areas
        self.helper = _helper(
            *self.person_layout(),
            Field.radios("role", legend_size=Size.SMALL),
            Field.select("area"),
            Button("submit", "Send the invitation"),
        )

    def clean_role(self) -> Role:
        return Role(self.cleaned_data["role"])


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role", "invalid_choice": "Choose one of the roles"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _role_hints(self, "role")
        self.helper = _helper(Field.radios("role", legend_size=Size.MEDIUM), Button("submit", "Change the role"))

    def clean_role(self) -> Role:
        return Role(self.cleaned_data["role"])


class ConfirmForm(forms.Form):
    """Nothing to fill in: the button confirms."""

    def __init__(self, *args: Any, submit_label: str, warning: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        button = Button.warning("submit", submit_label) if warning else Button("submit", submit_label)
        self.helper = _helper(button)


class FirstPublisherForm(PersonFields):
    password1 = forms.CharField(
        label="Password",
        strip=False,
        max_length=4096,
        help_text=PASSWORD_HINT,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter a password", "max_length": "Enter a shorter password"},
    )
    password2 = forms.CharField(
        label="Confirm the password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter the password again", "max_length": "Enter a shorter password"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "Your user name: you sign in with it"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        _password_widget_attrs(self, "password1", "password2")
        self.helper = _helper(
            *self.person_layout(),
            Field.text("password1", field_width=Fluid.ONE_HALF),
            Field.text("password2", field_width=Fluid.ONE_HALF),
            Button("submit", "Create your account"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "Enter the same password twice")
        return data


# ---------------------------------------------------------------- the Panel


class PanelForm(forms.Form):
    name = forms.CharField(
        label="Name of the Panel",
        max_length=200,
        help_text="For example, Avon and Somerset Police and Crime Panel",
        error_messages={"required": "Enter the Panel's name", "max_length": "Enter 200 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("name", field_width=Fluid.TWO_THIRDS), Button("submit", "Save the Panel"))


class PanelMemberForm(PersonFields):
    panel_role = forms.ChoiceField(
        label="Place on the Panel",
        choices=PanelMember.Role.choices,
        initial=PanelMember.Role.MEMBER,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the member's place", "invalid_choice": "Choose one of the places"},
    )
    term_starts_on = GovDateField(
        label="Term starts", what="the date the member's term starts", help_text="For example, 1 6 2024"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "The member's invitation goes here, and it is their user name"
        self.helper = _helper(
            *self.person_layout(),
            Field.radios("panel_role", legend_size=Size.SMALL, inline=True),
            Field("term_starts_on"),
            Button("submit", "Add the member and send the invitation"),
        )


def user_label(user: User) -> str:
    return user.get_full_name() or user.get_username()
