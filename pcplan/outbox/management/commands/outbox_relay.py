"""Run the outbox relay: hand waiting tasks to Celery whenever the broker answers.

One process beside the workers is enough (docker-compose.yml runs it as `relay`); more
can run side by side safely. Stops cleanly on SIGTERM or Ctrl+C.
"""

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from pcplan.outbox.services import relay_due, relay_forever


class Command(BaseCommand):
    help = "Hand waiting tasks from the outbox to Celery whenever the broker answers."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Hand over what is waiting now, then stop.")
        parser.add_argument(
            "--poll",
            type=float,
            default=getattr(settings, "PCPLAN_OUTBOX_POLL_SECONDS", 0.5),
            help="Seconds between looks at the outbox when it is empty (default 0.5).",
        )

    def handle(self, *args: Any, once: bool = False, poll: float = 0.5, **options: Any) -> None:
        if once:
            result = relay_due()
            self.stdout.write(f"{result.sent} handed over, {result.refused} refused")
            if result.broker_down:
                self.stderr.write(f"The broker is unreachable: {result.error}")
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"Outbox relay started (polling every {poll:g} s)")
        relay_forever(stop=stop, poll_seconds=poll)
        self.stdout.write("Outbox relay stopped")
