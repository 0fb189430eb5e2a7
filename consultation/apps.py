from typing import Any

from django.apps import AppConfig

from pcplan.navigation import NavItem
from pcplan.roles import PUBLIC


class ConsultationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consultation"
    verbose_name = "Consultation"
    # One entry for everyone: the public list links editors on to the staff pages, which
    # live under the same prefix.
    nav_items = [
        NavItem("Consultations", "consultation:list", frozenset({PUBLIC}), active_prefix="/consultations/"),
    ]

    def ready(self) -> None:
        from plans.findings import register_findings

        from .findings import findings_for_version

        register_findings(findings_for_version)

    def seed_demo(self, **kwargs: Any) -> None:
        from .demo import seed

        seed(**kwargs)
