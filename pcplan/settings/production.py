"""Production settings: select with DJANGO_SETTINGS_MODULE=pcplan.settings.production.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS, and turns on every protection
that `manage.py check --deploy` asks for.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env

for required in ("SECRET_KEY", "ALLOWED_HOSTS"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"Set the {required} environment variable for production.")

SECRET_KEY = env.str("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("pcplan-development"):
    raise ImproperlyConfigured("SECRET_KEY must be a random value of at least 50 characters.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DEBUG = False

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# pcplan runs behind a TLS proxy (nginx, a load balancer) that ends HTTPS and passes the
# request on over HTTP with X-Forwarded-Proto: https. The proxy must set that header on
# every request, overwriting any a client sent; see the README.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# The health check answers over plain HTTP inside the cluster (and HealthCheckMiddleware
# answers it before this redirect and the host check in any case).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
