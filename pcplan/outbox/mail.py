"""Send a list of e-mails, each at most once, over one connection.

    with transaction.atomic():
        ...lock what the e-mails are about...
        sending = send_each_once([(f"panel.review:{review.pk}:member:{m.pk}", message), ...])
        if sending.error is None:
            ...record that everyone was told...
    sending.raise_error()          # after the block: what went out stays recorded

Each message carries a key naming what it is and to whom. One already in the ledger
(`SentEmail`) is skipped; each one sent is recorded as it goes. If the mail server fails
partway, sending stops and the error is kept, not raised: the caller's transaction commits
the record of those that went, then `raise_error()` raises it for the task to retry the
rest. Raised inside the block, the rollback would forget who had been written to.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.mail import EmailMessage, get_connection

from .models import SentEmail


@dataclass
class Sending:
    sent_keys: list[str] = field(default_factory=list)
    skipped_keys: list[str] = field(default_factory=list)  # sent before: in the ledger already
    error: OSError | None = None

    @property
    def sent(self) -> int:
        return len(self.sent_keys)

    def raise_error(self) -> None:
        if self.error is not None:
            raise self.error


def send_each_once(messages: Iterable[tuple[str, EmailMessage]]) -> Sending:
    pending = list(messages)
    already = set(SentEmail.objects.filter(key__in=[key for key, _ in pending]).values_list("key", flat=True))
    sending = Sending(skipped_keys=sorted(already))
    pending = [(key, message) for key, message in pending if key not in already]
    if not pending:
        return sending
    with get_connection() as connection:
        for key, message in pending:
            try:
                connection.send_messages([message])
            except OSError as error:  # SMTP errors and a dropped connection are OSErrors
                sending.error = error
                break
            SentEmail.objects.create(key=key)
            sending.sent_keys.append(key)
    return sending
