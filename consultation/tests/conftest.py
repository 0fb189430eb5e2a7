"""Fixtures for the consultation tests: a cut version of a plan in the demo area, and an
open consultation on it."""

import uuid
from typing import Any

import pytest

from consultation.tests.factories import ConsultationFactory, cut_version


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings: Any) -> None:
    # Every test posts from 127.0.0.1: give each its own counters in the shared cache
    # (Redis when run against real services) instead of flushing the broker's database.
    settings.RATELIMIT_CACHE_PREFIX = f"rl:test:{uuid.uuid4().hex}:"


@pytest.fixture
def version(area: Any, role_users: dict[str, Any]) -> Any:
    return cut_version(area=area, by=role_users["staff"])


@pytest.fixture
def consultation(version: Any) -> Any:
    return ConsultationFactory(version=version)
