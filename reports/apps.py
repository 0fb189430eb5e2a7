from typing import Any

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Annual reports"

    def seed_demo(self, **kwargs: Any) -> None:
        from .demo import seed

        seed(**kwargs)
