from django.apps import AppConfig


class PcplanConfig(AppConfig):
    """The project package as an app, for project-wide commands such as seed_demo."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pcplan"
    verbose_name = "pcplan"
