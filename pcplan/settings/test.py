"""Settings for the test suite: the base settings with fast hashing and eager Celery.

Tests that need a real worker turn eager mode off themselves (see conftest.py).
"""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False
AXES_FAILURE_LIMIT = 5
