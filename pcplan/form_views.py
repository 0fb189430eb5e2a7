"""One way to write a form view: a service's refusal put onto its form, and a stale save
refused with what was saved meanwhile shown beside what the person typed.

A view checks access, binds a form, calls one service and responds; these helpers are the
parts every app's form views share (function views and class-based alike)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags

from .forms import REVISION_FIELD, add_revision_field
from .history import last_change, person
from .revisions import StaleSaveError


def apply_service_error(
    form: forms.BaseForm, error: ValidationError, field_map: Mapping[str, str] | None = None
) -> None:
    """Put a service's ValidationError next to the field it names (through `field_map`
    when the service's name differs from the form's), or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, field_messages in error.message_dict.items():
        name = (field_map or {}).get(field, field)
        form.add_error(name if name in form.fields else None, field_messages)


def expected_revision(form: forms.BaseForm) -> int | None:
    """The revision the form was drawn from (pcplan.forms.add_revision_field)."""
    value = form.cleaned_data.get(REVISION_FIELD)
    return int(value) if value is not None else None


def form_values(form: forms.BaseForm, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The cleaned data a service takes: everything but the revision (and `exclude`)."""
    skip = {REVISION_FIELD, *exclude}
    return {name: value for name, value in form.cleaned_data.items() if name not in skip}


@dataclass(frozen=True)
class Difference:
    label: str
    theirs: str
    yours: str


@dataclass(frozen=True)
class StaleSave:
    """What a refused person is shown: who saved, when, and each field that differs."""

    who: str
    when: str
    differences: list[Difference]


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "just now"
    local = timezone.localtime(moment)
    when = date_format(local, "H:i")
    if local.date() != timezone.localdate():
        when = f"{when} on {date_format(local, 'j F Y')}"
    return when


def _shown(field: forms.Field, value: Any) -> str:
    """A value as a person reads it on the page: a choice's label, a date in words."""
    if value in (None, "", [], ()):
        return "(blank)"
    if isinstance(field, forms.ModelChoiceField) and field.queryset is None:
        return str(value)
    if isinstance(field, forms.ModelMultipleChoiceField) and field.queryset is not None:
        chosen = value if not isinstance(value, str | int) else [value]
        pks = [getattr(item, "pk", item) for item in chosen]
        return ", ".join(field.label_from_instance(obj) for obj in field.queryset.filter(pk__in=pks)) or "(none)"
    if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
        obj = value if isinstance(value, Model) else field.queryset.filter(pk=value).first()
        return field.label_from_instance(obj) if obj is not None else "(none)"
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, forms.ChoiceField):
        labels = _flat_choices(field.choices)
        if isinstance(value, list | tuple):
            return ", ".join(str(labels.get(str(item), item)) for item in value)
        return str(labels.get(str(value), value))
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    text = strip_tags(str(value)).strip()
    return text or "(blank)"


def _flat_choices(choices: Any) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat.update({str(k): v for k, v in label})
        else:
            flat[str(key)] = label
    return flat


def refuse_stale_save(form: forms.BaseForm, stale: StaleSaveError, *, theirs: Mapping[str, Any], what: str) -> None:
    """Turn a valid form refused as stale into one shown again: what this person typed
    stays in it, now based on the revision saved meanwhile (so saving again, having
    looked at both, goes through); an error says what happened; and `form.stale_save`
    lists each field where what was saved differs from theirs (drawn by the error
    summary, templates/gds/layout/error_summary.html).

    `theirs` is the form's initial values for the record as it now is (what the page
    would show if opened now); `what` names the record ("grant", "objective")."""
    current = stale.current
    yours = dict(form.cleaned_data)
    who, moment = last_change(current)
    differences = []
    for name, field in form.fields.items():
        if name == REVISION_FIELD or field.widget.is_hidden or name not in theirs:
            continue
        shown_theirs, shown_yours = _shown(field, theirs[name]), _shown(field, yours.get(name))
        if shown_theirs != shown_yours:
            differences.append(Difference(str(field.label or name), shown_theirs, shown_yours))
    data = form.data.copy()  # type: ignore[attr-defined]  # a bound form's data is a QueryDict
    data[form.add_prefix(REVISION_FIELD)] = str(current.revision)
    form.data = data
    name = person(who) if who is not None else "Someone else"
    at = f" at {_when(moment)}" if moment is not None else ""
    # A browser cannot put a chosen file back into a form: say so, rather than promise it.
    chosen = [
        str(field.label or key).lower()
        for key, field in form.fields.items()
        if isinstance(field, forms.FileField) and form.files.get(form.add_prefix(key))
    ]
    again = f" Choose the {' and the '.join(chosen)} again before saving." if chosen else ""
    form.add_error(
        None,
        f"{name} saved this {what}{at}, after you opened it, so your change was not saved. "
        "What they saved is shown beside yours; your change is still in the form. Save again to keep yours." + again,
    )
    form.stale_save = StaleSave(who=name, when=at.strip(), differences=differences)  # type: ignore[attr-defined]


class ServiceFormMixin:
    """For a FormView whose `save(form)` calls one service: a ValidationError the service
    raises is put onto the form, and the page shown again with what was typed.

    An edit form names its record with `get_record()` and the form's values for it with
    `initial_for(record)`: the form then carries the record's revision, `save` passes
    `self.expected_revision` to the service, and a stale save is refused with what was
    saved meanwhile beside this person's input (`refuse_stale`)."""

    what = "record"
    expected_revision: int | None = None
    # A service's field names that differ from the form's: {"opens_at": "opens_on"}.
    service_field_map: Mapping[str, str] = {}

    def get_record(self) -> Any:
        """The record an edit form changes; None for a form that creates."""
        return None

    def initial_for(self, record: Any) -> dict[str, Any]:
        return {}

    def record_changed(self, record: Any) -> None:
        """Told the record as it now is, after a refused stale save (views that cache it
        show the new state)."""

    def get_initial(self) -> dict[str, Any]:
        record = self.get_record()
        if record is not None:
            return self.initial_for(record)
        return super().get_initial()  # type: ignore[misc]  # a mixin: FormView follows it

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)  # type: ignore[misc]  # a mixin: FormView follows it
        record = self.get_record()
        if record is not None and REVISION_FIELD not in form.fields:
            add_revision_field(form, record)
        return form

    def save(self, form: Any) -> Any:
        raise ImproperlyConfigured(f"{type(self).__name__} must define save(form), calling one service.")

    def success_message(self, obj: Any) -> str:
        return ""

    def success_url_for(self, obj: Any) -> str:
        raise ImproperlyConfigured(f"{type(self).__name__} must define success_url_for(obj).")

    def refuse_stale(self, form: Any, stale: StaleSaveError) -> HttpResponse:
        refuse_stale_save(form, stale, theirs=self.initial_for(stale.current), what=self.what)
        self.record_changed(stale.current)
        return self.form_invalid(form)  # type: ignore[attr-defined]  # FormView's

    def form_valid(self, form: Any) -> HttpResponse:
        self.expected_revision = expected_revision(form)
        form.cleaned_data.pop(REVISION_FIELD, None)
        try:
            obj = self.save(form)
        except StaleSaveError as stale:
            return self.refuse_stale(form, stale)
        except ValidationError as error:
            apply_service_error(form, error, self.service_field_map)
            return self.form_invalid(form)  # type: ignore[attr-defined]  # FormView's
        message = self.success_message(obj)
        if message:
            messages.success(self.request, message)  # type: ignore[attr-defined]  # View's
        return redirect(self.success_url_for(obj))
