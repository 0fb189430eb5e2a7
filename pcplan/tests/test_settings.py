"""How settings are chosen: the embedded default, and production's refusals."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CONFIG_VARIABLES = (
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "REDIS_URL",
    "CELERY_RESULT_BACKEND",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def _run(code: str, settings_module: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    clean.update({"DJANGO_SETTINGS_MODULE": settings_module, "PCPLAN_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(  # noqa: S603 - the test's own interpreter and code
        [sys.executable, "-c", f"import django; django.setup(); from django.conf import settings as s; {code}"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_with_nothing_configured_pcplan_runs_on_sqlite_eager_celery_console_mail_and_local_files(
    tmp_path: Path,
) -> None:
    result = _run(
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, "
        "s.STORAGES['default']['BACKEND'], s.CACHES['default']['BACKEND'])",
        "pcplan.settings.base",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.files.storage.FileSystemStorage",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_database_url_and_broker_url_select_postgresql_redis_and_a_real_worker(tmp_path: Path) -> None:
    result = _run(
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.CELERY_TASK_ALWAYS_EAGER, "
        "s.CACHES['default']['BACKEND'])",
        "pcplan.settings.base",
        tmp_path,
        DATABASE_URL="postgres://pcplan@db.internal:5432/pcplan",
        CELERY_BROKER_URL="redis://redis.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "pcplan",
        "False",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_an_s3_bucket_moves_files_to_shared_storage(tmp_path: Path) -> None:
    result = _run(
        "print(s.STORAGES['default']['BACKEND'])",
        "pcplan.settings.base",
        tmp_path,
        AWS_STORAGE_BUCKET_NAME="opcc-pcplan-files",
    )
    assert result.stdout.strip() == "storages.backends.s3.S3Storage"


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _run("print('started')", "pcplan.settings.production", tmp_path, ALLOWED_HOSTS="pcplan.example.org.uk")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path: Path) -> None:
    result = _run("print('started')", "pcplan.settings.production", tmp_path, SECRET_KEY=secrets.token_urlsafe(64))
    assert result.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable" in result.stderr


def test_production_passes_the_deployment_checks(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "pcplan.settings.production",
            "PCPLAN_VAR_DIR": str(tmp_path),
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "pcplan.example.org.uk",
        }
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_cache_never_shares_the_brokers_redis_database(tmp_path: Path) -> None:
    result = _run(
        "print(s.CACHES['default']['LOCATION'])",
        "pcplan.settings.base",
        tmp_path,
        CELERY_BROKER_URL="redis://127.0.0.1:6379/4",
    )
    assert result.stdout.strip() == "redis://127.0.0.1:6379/5"


def test_a_server_started_without_choosing_settings_has_debug_off_and_no_usable_key(tmp_path: Path) -> None:
    """The README's steps without Docker, or a gunicorn started by hand: no debug pages,
    no tracebacks, and no published key to sign sessions with."""
    clean = {k: v for k, v in os.environ.items() if k not in (*CONFIG_VARIABLES, "DJANGO_SETTINGS_MODULE")}
    clean["PCPLAN_VAR_DIR"] = str(tmp_path)
    for entry in ("pcplan.wsgi", "pcplan.asgi", "pcplan.celery"):
        result = subprocess.run(  # noqa: S603 - the test's own interpreter and code
            [
                sys.executable,
                "-c",
                f"import {entry}; from django.conf import settings as s; print(s.DEBUG); "
                "from django.core.signing import dumps\n"
                "try:\n    dumps('x')\nexcept Exception as error:\n    print(type(error).__name__)",
            ],
            cwd=BASE_DIR,
            env=clean,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["False", "ImproperlyConfigured"], entry


def test_development_settings_are_chosen_explicitly_by_make(tmp_path: Path) -> None:
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "DEV_SETTINGS ?= pcplan.settings.development" in makefile
    assert "MANAGE := DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS)" in makefile
    result = _run("print(s.DEBUG, bool(s.SECRET_KEY))", "pcplan.settings.development", tmp_path)
    assert result.stdout.split() == ["True", "True"]


def test_every_apps_tests_are_in_the_suite_that_ci_runs() -> None:
    """`make test` runs pytest's testpaths: an app whose tests are left out is never run."""
    import configparser
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    config = configparser.ConfigParser()
    config.read(root / "pytest.ini")
    testpaths = set(config["pytest"]["testpaths"].split())
    with_tests = {path.parent.parent.name for path in root.glob("*/tests/__init__.py")}
    with_tests |= {"pcplan"} if any(root.glob("pcplan/*/tests/__init__.py")) else set()
    assert with_tests - testpaths == set()
