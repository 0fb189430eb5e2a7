"""OnceMiddleware: the same form key posted twice is answered once."""

import logging
import uuid
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from .keys import USED, posted_key
from .models import FormSubmission

logger = logging.getLogger(__name__)


class OnceMiddleware:
    """Around every POST that carries a form key, in one transaction with everything the
    view writes:

    - A key already kept (the form was done): the view does not run; the person is sent
      where the first answer sent them.
    - The view answers with a redirect (it did what was asked): the key is kept with where
      it sent the person, committed with the view's own writes.
    - The same key sent again while the first is still running (a double click): both run,
      but the database's unique index makes the second's key wait for the first's commit
      and then fail; everything the second wrote is undone, and it is sent where the first
      was. Either way one row, one reference.
    - Any other answer (the form shown again with its errors, a refusal): the key is not
      kept, so the corrected form can be sent. An answer of 400 or more also undoes
      whatever the view wrote, which a failed request must not leave half done.

    Late in MIDDLEWARE (it needs the session's user), inside DatabaseBlipMiddleware, whose
    "send again" page posts the same key back. The success path costs one indexed SELECT
    and one INSERT."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return self.get_response(request)
        key = posted_key(request)
        if key is None:
            return self.get_response(request)
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        if FormSubmission.objects.filter(key=key).exists():
            return self._answered_before(request, key, user_id)
        sent_twice_at_once = False
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 400:
                transaction.set_rollback(True)
                return response
            location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
            if not location:
                return response
            try:
                FormSubmission.objects.create(
                    key=key, path=request.path[:500], user_id=user_id, location=location[:2000]
                )
            except IntegrityError:
                # The transaction cannot go on after the failed INSERT, and must not: all
                # of it is undone, and the first answer given instead (below).
                transaction.set_rollback(True)
                sent_twice_at_once = True
        setattr(request, USED, True)
        if sent_twice_at_once:
            return self._answered_before(request, key, user_id)
        return response

    def _answered_before(self, request: HttpRequest, key: uuid.UUID, user_id: int | None) -> HttpResponse:
        setattr(request, USED, True)
        first = FormSubmission.objects.filter(key=key).first()
        if first is None or first.path != request.path[:500] or first.user_id != user_id:
            # Another form's key or another person's: never run the form on it.
            logger.warning("Form key %s sent again to %s but not answerable", key, request.path)
            return render(request, "once/sent_before.html", status=409)
        logger.info("Form key %s sent again to %s: answered with the first result", key, request.path)
        return HttpResponseRedirect(first.location)
