"""The WSGI entry point (gunicorn). Without DJANGO_SETTINGS_MODULE it falls back to the
base settings: DEBUG off and no secret key, never the development ones."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcplan.settings.base")

application = get_wsgi_application()
