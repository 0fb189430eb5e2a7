"""The demo's second factor: the demo OPCC staff and Publisher accounts (whose role needs
one) come with an authenticator already set up, on a key printed with the demo log-ins, so
a person trying the demo can add it to an authenticator app, or ask
`python manage.py demo_code USER` for the code of the moment. Development only: seed_demo
refuses to run without DEBUG. Idempotent."""

from base64 import b32encode
from binascii import unhexlify
from typing import Any

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from pcplan.roles import SECOND_FACTOR_REQUIRED
from plans.demo import DEMO_USERS

from .services.second_factor import AUTHENTICATOR_NAME

# Published in the README and printed by seed_demo: never a key for a real account.
DEMO_TOTP_KEY = "7063706c616e2d64656d6f2d6b65792d6f6e6c79"  # hex of "pcplan-demo-key-only"


def demo_key_base32() -> str:
    return b32encode(unhexlify(DEMO_TOTP_KEY)).decode()


def demo_second_factor_users() -> list[str]:
    return [username for username, _, _, role in DEMO_USERS if role in SECOND_FACTOR_REQUIRED]


def seed(*, stdout: Any, style: Any) -> None:
    user_model = get_user_model()
    for username in demo_second_factor_users():
        user = user_model.objects.get(username=username)
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, key=DEMO_TOTP_KEY, confirmed=True)
    names = " and ".join(f"'{name}'" for name in demo_second_factor_users())
    stdout.write(style.SUCCESS(f"Second factor for {names} (OPCC staff and the Publisher sign in with a code):"))
    stdout.write(f"  add the key {demo_key_base32()} to an authenticator app (time-based, 6 digits, 30 seconds),")
    stdout.write("  or run `.venv/bin/python manage.py demo_code staff` for the code of the moment.")
