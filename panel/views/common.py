"""Small helpers the Panel's views share."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def add_service_errors(form: forms.Form, error: ValidationError, field_map: dict[str, str] | None = None) -> None:
    """Show a service's refusal next to the field it concerns, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        name = (field_map or {}).get(field, field)
        form.add_error(name if name in form.fields else None, messages)


def refused(
    request: HttpRequest, *, title: str, message: str, back_url: str, back_text: str, status: int
) -> HttpResponse:
    """A page that says plainly why something cannot be done now (closed, published)."""
    context: dict[str, Any] = {"title": title, "message": message, "back_url": back_url, "back_text": back_text}
    return render(request, "panel/refused.html", context, status=status)
