"""Links that carry a row's id signed with the site's secret key: nothing secret is stored,
and a link whose signature does not match is no link at all. Whether it has expired or
been used is the row's to say."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALTS = {
    "setup": "pcplan.accounts.setup-link",
    "invitation": "pcplan.accounts.invitation",
}


def token_for(kind: str, pk: int) -> str:
    return signing.dumps(pk, salt=SALTS[kind])


def pk_from(kind: str, token: str) -> int | None:
    try:
        value = signing.loads(token, salt=SALTS[kind])
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def absolute(path: str) -> str:
    return settings.PCPLAN_BASE_URL.rstrip("/") + path


def setup_url(pk: int) -> str:
    return absolute(reverse("accounts:setup_start", kwargs={"token": token_for("setup", pk)}))


def invitation_url(pk: int) -> str:
    return absolute(reverse("accounts:invitation", kwargs={"token": token_for("invitation", pk)}))
