from typing import Any

from django.apps import AppConfig

from pcplan.navigation import NavItem
from pcplan.roles import EDITORS, PUBLIC, Role


class PanelConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "panel"
    verbose_name = "Panel"
    nav_items = [
        NavItem("Panel reviews", "panel:review_list", EDITORS | {Role.PANEL}, active_prefix="/panel/reviews/"),
        NavItem(
            "Chief Constable's comments",
            "panel:cc_version_list",
            EDITORS | {Role.FORCE},
            active_prefix="/panel/chief-constable/",
        ),
        NavItem("Panel responses", "panel:published_list", frozenset({PUBLIC}), active_prefix="/panel/responses/"),
    ]

    def seed_demo(self, **kwargs: Any) -> None:
        from .demo import seed

        seed(**kwargs)
