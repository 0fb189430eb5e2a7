from typing import Any

from django.apps import AppConfig

from pcplan.navigation import NavItem
from pcplan.roles import PUBLIC


class PerformanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "performance"
    verbose_name = "Performance"
    # One entry for everyone: the public list of published plans' performance, which also
    # links staff and force liaison to their own area's dashboards.
    nav_items = [
        NavItem("Performance", "performance:index", frozenset({PUBLIC}), active_prefix="/performance/"),
    ]

    def seed_demo(self, **kwargs: Any) -> None:
        from .demo import seed

        seed(**kwargs)
