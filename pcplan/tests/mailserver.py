"""A mail server that goes away partway through a list of e-mails, for the tests of
"nobody gets the same e-mail twice" (pcplan/outbox/mail.py)."""

import smtplib
from typing import Any

import pytest
from django.core.mail.backends import locmem


class DropsMidway(locmem.EmailBackend):
    """Takes e-mails into `mail.outbox` until the `fails_at`-th, which it drops with the
    error a closed SMTP connection raises (an OSError, so the tasks retry)."""

    fails_at = 0
    calls = 0

    def send_messages(self, messages: Any) -> int:
        type(self).calls += 1
        if type(self).calls == type(self).fails_at:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def server_drops_at(settings: Any) -> Any:
    """`server_drops_at(3)`: the mail server fails on the third e-mail sent, once."""

    def drop(n: int) -> None:
        DropsMidway.fails_at, DropsMidway.calls = n, 0
        settings.EMAIL_BACKEND = f"{__name__}.DropsMidway"

    return drop
