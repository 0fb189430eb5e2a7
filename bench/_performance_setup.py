"""Set up Django for a performance bench script on a throwaway database.

SQLite in a temporary directory by default. Set BENCH_DATABASE_URL (a PostgreSQL URL) to
run against PostgreSQL instead: a throwaway test_<name> database is created there and
dropped afterwards. Celery runs eagerly and the cache is the in-process one, as in tests.
"""

import os
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def django_on_a_throwaway_database() -> Iterator[str]:
    tmp = tempfile.mkdtemp(prefix="pcplan-bench-")
    url = os.environ.get("BENCH_DATABASE_URL", "")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "pcplan.settings.development",
            "DATABASE_URL": url or f"sqlite:///{tmp}/bench.sqlite3",
            "PCPLAN_VAR_DIR": tmp,
            "CELERY_BROKER_URL": "",
            "REDIS_URL": "",
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    # Static files are not collected for a bench; whitenoise's warning would only be noise.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if url:
        name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        name = connection.settings_dict["NAME"]
        call_command("migrate", verbosity=0)
    try:
        yield f"{connection.vendor} ({name})"
    finally:
        if url:
            connection.creation.destroy_test_db(name, verbosity=0)


def staff_user(area: Any) -> Any:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from pcplan.roles import Role
    from plans.models import AreaMembership

    user = get_user_model().objects.create_user(username="bench-staff")
    user.groups.add(Group.objects.get(name=Role.STAFF.value))
    AreaMembership.objects.create(user=user, area=area)
    return user


def describe_machine() -> str:
    import platform

    cpus = os.cpu_count()
    return f"{platform.node()}: {cpus} CPUs, Python {platform.python_version()}, {platform.platform(terse=True)}"
