"""Small helpers the Panel's views share."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def refused(
    request: HttpRequest, *, title: str, message: str, back_url: str, back_text: str, status: int
) -> HttpResponse:
    """A page that says plainly why something cannot be done now (closed, published)."""
    context: dict[str, Any] = {"title": title, "message": message, "back_url": back_url, "back_text": back_text}
    return render(request, "panel/refused.html", context, status=status)
