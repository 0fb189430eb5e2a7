"""Development settings: the base with DEBUG on and a key that is only for development.

`make run`, `make worker` and the test settings select these explicitly; nothing falls
back to them (a server started without DJANGO_SETTINGS_MODULE gets the base settings,
with DEBUG off and no secret key).
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="pcplan-development-only-not-for-production")
