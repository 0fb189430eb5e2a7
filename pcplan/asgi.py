"""The ASGI entry point. Without DJANGO_SETTINGS_MODULE it falls back to the base
settings: DEBUG off and no secret key, never the development ones."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcplan.settings.base")

application = get_asgi_application()
