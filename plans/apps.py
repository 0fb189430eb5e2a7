from typing import Any

from django.apps import AppConfig

from pcplan.navigation import NavItem
from pcplan.roles import EDITORS, Role


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plans"
    verbose_name = "Plans"
    nav_items = [
        NavItem("Plans", "plans:plan_list", EDITORS | {Role.FORCE}, active_prefix="/plans/"),
    ]

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .roles_sync import sync_role_permissions

        post_migrate.connect(sync_role_permissions, dispatch_uid="pcplan_sync_role_permissions")

    def seed_demo(self, **kwargs: Any) -> None:
        from .demo import seed

        seed(**kwargs)
