from django.apps import AppConfig

from pcplan.navigation import NavItem
from pcplan.roles import EDITORS


class PublishingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publishing"
    verbose_name = "Publishing"
    nav_items = [
        NavItem("Documents", "publishing:document_index", EDITORS, active_prefix="/documents/"),
    ]
