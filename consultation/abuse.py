"""Abuse control for the public comment form: who is posting, and how often.

The rate limit counts posts per network address in the shared cache (Redis in
production). If that cache is unreachable, comments are still accepted: losing a
resident's comment is worse than letting a burst of spam through for a few minutes, and
the honeypot and moderation still stand (docs/decisions/0011-consultation-abuse-control.md).
"""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

RATE_GROUP = "consultation.comment"
DEFAULT_COMMENT_RATE = "30/h"


def client_ip(request: HttpRequest) -> str | None:
    """The poster's address: REMOTE_ADDR, or the header RATELIMIT_IP_META_KEY names when
    a proxy in front sets one (the same address the rate limit counts)."""
    meta_key = getattr(settings, "RATELIMIT_IP_META_KEY", None)
    raw = request.META.get(meta_key, "") if isinstance(meta_key, str) and meta_key else ""
    raw = raw or request.META.get("REMOTE_ADDR", "")
    # X-Forwarded-For lists every hop, and a client can forge the first ones: count back
    # from the end by the number of proxies we run (PROXY_COUNT, as for django-axes).
    hops = [hop.strip() for hop in raw.split(",") if hop.strip()] or [""]
    proxies = max(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 1, 1)
    candidate = hops[-min(proxies, len(hops))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def _ip_key(group: str, request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def comment_rate_wait(request: HttpRequest) -> int | None:
    """Count this post against its address: None when it may go, otherwise the seconds
    until the address may send again (the end of the rate limit's window).

    Fails open: any error reaching the cache (Redis down, a timeout) lets the post through.
    """
    return _rate_wait(request, RATE_GROUP, getattr(settings, "CONSULTATION_COMMENT_RATE", DEFAULT_COMMENT_RATE))


LOOKUP_RATE_GROUP = "consultation.your_response"
DEFAULT_LOOKUP_RATE = "10/h"


def lookup_rate_wait(request: HttpRequest) -> int | None:
    """The same count for "your response, by reference": a few tries an hour from one
    address, so nobody can try references and e-mail addresses in bulk."""
    return _rate_wait(request, LOOKUP_RATE_GROUP, getattr(settings, "CONSULTATION_LOOKUP_RATE", DEFAULT_LOOKUP_RATE))


def _rate_wait(request: HttpRequest, group: str, rate: str) -> int | None:
    try:
        usage = get_usage(request, group=group, key=_ip_key, rate=rate, method="POST", increment=True)
    except Exception:  # noqa: BLE001 - any cache failure: accept the comment rather than lose it
        logger.warning("Rate limit cache unavailable; accepting the comment without counting it", exc_info=True)
        return None
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, int(usage["time_left"]))
