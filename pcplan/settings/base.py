"""Settings for pcplan, read from the environment with embedded defaults.

With nothing configured pcplan runs on a SQLite file, runs Celery tasks in-process,
prints e-mail to the console and keeps files on local disk. Setting DATABASE_URL
(PostgreSQL) and CELERY_BROKER_URL (Redis) moves it to the production shape.

These are the settings `wsgi.py`, `asgi.py`, `celery.py` and `manage.py` fall back to
when DJANGO_SETTINGS_MODULE is unset, so they are safe on their own: DEBUG off and no
secret key (Django refuses to sign anything until SECRET_KEY is set). `make run` and
the tests select `pcplan.settings.development` (or `test`) explicitly; production selects
`pcplan.settings.production`. See docs/decisions/0003-settings.md.
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("PCPLAN_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(str(BASE_DIR / ".env"))

# No usable default: development.py brings a development-only key, production.py refuses
# to start without a real one, and these settings alone sign nothing.
SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_prose_editor",
    # The task outbox first: every app queues its Celery tasks through it.
    "pcplan.outbox",
    # One-time form keys: a POST is done once.
    "pcplan.once",
    # pcplan, core first: each app builds only on those above it.
    "plans",
    "consultation",
    "panel",
    "performance",
    "publishing",
    # The Commissioner's annual reports (s12): drafted from plans and performance records.
    "reports",
    # Accounts, invitations, the second factor and setting up an area: above plans and panel.
    "accounts",
    # Last: project-wide commands (seed_demo) that call each app in turn.
    "pcplan",
]

MIDDLEWARE = [
    # First: /healthz answers whatever the Host and without HTTPS (a container's own check).
    "pcplan.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "pcplan.middleware.RequestSizeLimitMiddleware",
    # Around everything that reads the database: a GET that lost its connection is run
    # again once; a POST gets a page that says nothing was saved and keeps what was typed.
    "pcplan.middleware.DatabaseBlipMiddleware",
    # Django's gzip pads responses against BREACH; public pages with charts shrink ~15x.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified once the second factor has been given this session.
    "django_otp.middleware.OTPMiddleware",
    "pcplan.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends a signed-in session left idle for PCPLAN_IDLE_TIMEOUT.
    "accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # A POST is done once: its form key is kept with the answer, in the view's transaction.
    "pcplan.once.middleware.OnceMiddleware",
    # Last, so it sees the resolved view: denies any view that does not declare its roles.
    "pcplan.access.AccessMiddleware",
]

ROOT_URLCONF = "pcplan.urls"
WSGI_APPLICATION = "pcplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pcplan.context_processors.service",
            ],
            # {% form_key %} sits beside {% csrf_token %} in every form, without a load.
            "builtins": ["pcplan.once.templatetags.form_key"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The largest request body pcplan reads (a 10 MB Panel report and its form): a bigger one
# is refused with 413 before it is read. The proxy in front should refuse it too
# (nginx: client_max_body_size 12m).
PCPLAN_MAX_REQUEST_BYTES = env.int("PCPLAN_MAX_REQUEST_BYTES", default=12 * 1024 * 1024)


def _next_redis_db(url: str) -> str:
    """The broker's Redis with the next database number: the cache must not share the
    broker's database, or clearing the cache would wipe Celery's queues."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{number + 1}"))


# Redis serves the cache (rate limits need atomic increments shared by every process)
# when configured; otherwise a per-process memory cache is enough for one developer.
_broker_for_cache = env.str("CELERY_BROKER_URL", default="")
REDIS_URL = env.str("REDIS_URL", default="") or (
    _next_redis_db(_broker_for_cache) if _broker_for_cache.startswith("redis") else ""
)
if REDIS_URL.startswith("redis"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Five failed sign-ins in a row pause that user name from that network address only: not
# the address for everyone (a whole Office shares one) and not the account from
# everywhere. The pause grows with the user name's failures from every address (2
# minutes, doubling to an hour; pcplan/signin.py), and the page says when to try again.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = "pcplan.signin.cool_off"
AXES_LOCKOUT_CALLABLE = "pcplan.signin.locked_out"
# Every failure is kept (up to 1,000 per user name): the pause grows from that record.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# A try while paused does not move the time the page gave.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# Sessions end with the browser, and a signed-in session left idle this many seconds ends
# (accounts.middleware.IdleTimeoutMiddleware); SESSION_COOKIE_AGE bounds the stored session.
PCPLAN_IDLE_TIMEOUT = env.int("PCPLAN_IDLE_TIMEOUT", default=30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
# Links in invitations and password reset e-mails, and the one-time set-up link, expire.
PCPLAN_INVITATION_DAYS = env.int("PCPLAN_INVITATION_DAYS", default=7)
PCPLAN_SETUP_LINK_HOURS = env.int("PCPLAN_SETUP_LINK_HOURS", default=24)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60)
# The second factor (docs/decisions/0028-two-factor-sign-in.md): the name authenticator
# apps show beside the code, and a growing wait after each wrong code (1 s, 2 s, 4 s...).
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="pcplan")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploaded and rendered files are never served directly: views check access and stream them.
MEDIA_URL = "/files/"

STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# S3-compatible storage lets several web and worker machines share rendered and uploaded
# files. Set AWS_STORAGE_BUCKET_NAME (and AWS_S3_ENDPOINT_URL for non-AWS services).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="pcplan@opcc.example.org.uk")
# Absolute links in e-mails (the Panel's link to an issued draft) are built from this.
PCPLAN_BASE_URL = env.str("PCPLAN_BASE_URL", default="http://127.0.0.1:8000")

# Celery: a real broker when CELERY_BROKER_URL is set; otherwise tasks run in-process.
# Every task goes through the outbox (pcplan/outbox): requests write a row, the relay
# (`manage.py outbox_relay`) hands it to the broker. docs/decisions/0022-outbox.md and
# 0023-tasks-survive-a-lost-worker.md explain the settings below.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or "")
# Results live in the database rows the tasks write; nothing waits on Celery's, so
# publishing a task never subscribes to the result backend (the ping task opts in).
CELERY_TASK_IGNORE_RESULT = True
# Short timeouts: whoever talks to Redis (the relay, a worker, the health of a task) is
# told within seconds that it is down, rather than hanging.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # A message taken by a worker that then vanished whole (kill -9, a lost machine) is
    # given back by Redis after this many seconds; longer than any task may run (the
    # hard time limit) and than the longest retry countdown (retry_backoff_max, 600 s),
    # or Redis would hand a running or waiting task to a second worker.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_RESULT_BACKEND_ALWAYS_RETRY = False
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"timeout": 2.0}}
# A task comes back when its worker dies: acknowledged only after it ran (acks_late), and
# given back to the queue when its pool process is killed (reject_on_worker_lost). Tasks
# are therefore written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=400_000)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Seconds between the relay's looks at an empty outbox.
PCPLAN_OUTBOX_POLL_SECONDS = env.float("PCPLAN_OUTBOX_POLL_SECONDS", default=0.5)
# Beat's crontab schedules (the morning reminders) are in UK time.
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # A render whose whole worker died is queued again once its heartbeat has stopped for
    # 30 seconds (publishing/services.py), found by this sweep within 10 more.
    "publishing-sweep-stale-renders": {"task": "publishing.sweep_stale_renders", "schedule": 10.0},
    # Milestone owners hear of what is due within a week or overdue, once a morning.
    "plans-milestone-reminders": {"task": "plans.queue_milestone_reminders", "schedule": crontab(hour=7, minute=0)},
    # One-time form keys older than a day are forgotten (pcplan/once).
    "once-forget-form-keys": {"task": "once.forget_form_keys", "schedule": 60 * 60},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Content Security Policy: no inline script or style; the one inline script of the
# GOV.UK page template carries a per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# The Office this instance serves: its name goes in the header, the footer and PDFs.
PCPLAN_OPCC_NAME = env.str(
    "PCPLAN_OPCC_NAME", default="Office of the Police and Crime Commissioner for Avon and Somerset"
)
PCPLAN_SERVICE_NAME = env.str("PCPLAN_SERVICE_NAME", default="Police and Crime Plan")
# CI sets this so tests that need PostgreSQL, Redis, a worker or Chromium fail, not skip.
PCPLAN_REQUIRE_SERVICES = env.bool("PCPLAN_REQUIRE_SERVICES", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools report each step of a render at INFO: noise in a worker log.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# ---- consultation ----
# The public comment form's limit per network address (django-ratelimit syntax, e.g.
# "30/h"); the load benchmark raises it. Counted in the shared cache above.
CONSULTATION_COMMENT_RATE = env.str("CONSULTATION_COMMENT_RATE", default="30/h")
# If the cache is unreachable, accept comments rather than refuse them all.
RATELIMIT_FAIL_OPEN = True
# Behind a proxy, the request header that carries the client's address (for example
# HTTP_X_FORWARDED_FOR, counted back by PROXY_COUNT); REMOTE_ADDR when empty.
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="") or None
CELERY_BEAT_SCHEDULE["consultation-anonymise-responses"] = {
    "task": "consultation.anonymise_responses",
    "schedule": 60 * 60 * 24,
}
