"""Print the code of the moment for a demo account's authenticator, for a person trying
the demo without an authenticator app. Runs only with DEBUG on, for the demo accounts."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_TOTP_KEY, demo_second_factor_users


class Command(BaseCommand):
    help = "Print the current sign-in code of a demo account (staff or publisher)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username", choices=demo_second_factor_users())

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_code is for the demo only; it runs only with DEBUG on.")
        device = TOTPDevice.objects.filter(
            user__username=options["username"], confirmed=True, key=DEMO_TOTP_KEY
        ).first()
        if device is None:
            raise CommandError(f"{options['username']} has no demo authenticator: run `manage.py seed_demo` first.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        remaining = device.step - int(totp.time - device.t0) % device.step
        self.stdout.write(f"{totp.token():0{device.digits}d}  (for another {remaining} seconds)")
