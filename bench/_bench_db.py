"""Shared by the consultation benchmarks: a scratch PostgreSQL database of their own
(pcplan_bench_consultation by default), created and migrated if missing, never the development one."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pcplan_bench_consultation"
)
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")


def bench_env(**extra: str) -> dict[str, str]:
    """The environment the app runs with during a benchmark."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pcplan.settings.development",
        "DATABASE_URL": BENCH_DATABASE_URL,
        "CELERY_BROKER_URL": BENCH_REDIS_URL,
        "CELERY_TASK_DEFAULT_QUEUE": "pcplan-bench",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "EMAIL_URL": "dummymail://",
        **extra,
    }


def ensure_database() -> None:
    """Create the benchmark database if it is missing, then migrate it."""
    import psycopg2
    from psycopg2 import sql

    name = BENCH_DATABASE_URL.rsplit("/", 1)[1]
    admin_url = BENCH_DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=bench_env(),
        check=True,
    )


def setup_django() -> None:
    os.environ.update(bench_env())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
