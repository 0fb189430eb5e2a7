"""Reference numbers a respondent can read out on the phone: "PCP-7K3Q-9D".

Six characters from an alphabet without the look-alikes (0/O, 1/I/L, U/V) give about 590
million references; a clash is caught by the unique constraint and a new one drawn.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
PREFIX = "PCP"
PATTERN = re.compile(rf"^{PREFIX}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}}$")


def new_reference() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(6))
    return f"{PREFIX}-{chars[:4]}-{chars[4:]}"


def normalise_reference(value: str) -> str:
    """As typed by a person: any case, spaces or missing dashes."""
    compact = re.sub(r"[^0-9A-Za-z]", "", value or "").upper()
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    if len(compact) != 6:
        return value.strip().upper()
    return f"{PREFIX}-{compact[:4]}-{compact[4:]}"


def is_reference(value: str) -> bool:
    return bool(PATTERN.match(value or ""))
