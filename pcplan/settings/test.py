"""Settings for the test suite: the development settings with fast hashing, eager Celery
and DEBUG off (as in production).

Tests that need a real worker turn eager mode off themselves (see conftest.py).
"""

from .development import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False
AXES_FAILURE_LIMIT = 5
