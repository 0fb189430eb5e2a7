"""The one-time key a form carries, and how a request's key is read."""

import uuid

from django.http import HttpRequest

FIELD_NAME = "form_key"
# Set on a request whose key has been used up: the page it draws gets a fresh key.
USED = "_pcplan_form_key_used"


def posted_key(request: HttpRequest) -> uuid.UUID | None:
    """The key this POST carries, or None (no key, or not a key: anything typed is refused
    quietly, the form then works as one without a key)."""
    value = request.POST.get(FIELD_NAME, "")
    if not value or len(value) > 40:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def key_for_form(request: HttpRequest | None) -> str:
    """A fresh key; but a form drawn again after it was refused (its errors shown, the
    database unavailable) keeps the key it was sent with, so sending it again is still
    recognised if the first attempt went through after all."""
    if request is not None and request.method == "POST" and not getattr(request, USED, False):
        key = posted_key(request)
        if key is not None:
            return str(key)
    return str(uuid.uuid4())
