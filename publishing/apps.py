from typing import Any

from django.apps import AppConfig

from pcplan.navigation import NavItem
from pcplan.roles import EDITORS, PUBLIC


class PublishingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publishing"
    verbose_name = "Publishing"
    nav_items = [
        NavItem("Documents", "publishing:document_index", EDITORS, active_prefix="/documents/"),
        NavItem("Published plans", "publishing:published_list", frozenset({PUBLIC}), active_prefix="/published/"),
    ]

    def seed_demo(self, **kwargs: Any) -> None:
        from .demo import seed

        seed(**kwargs)
