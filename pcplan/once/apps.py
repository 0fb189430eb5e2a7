from django.apps import AppConfig


class OnceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pcplan.once"
    label = "once"
    verbose_name = "Forms sent once"
