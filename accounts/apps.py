from typing import Any

from django.apps import AppConfig

from pcplan.navigation import NavItem
from pcplan.roles import ANY_ACCOUNT, Role


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Accounts"
    nav_items = [
        NavItem("Users", "accounts:user_list", frozenset({Role.PUBLISHER}), active_prefix="/users/"),
        NavItem("Your account", "accounts:account", frozenset({ANY_ACCOUNT}), active_prefix="/accounts/"),
    ]

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from . import sessions

        def signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
            if request is not None and hasattr(request, "session"):
                sessions.remember(request, user)

        def signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
            if request is not None and hasattr(request, "session"):
                sessions.forget(request.session.session_key)

        user_logged_in.connect(signed_in, dispatch_uid="pcplan_accounts_signed_in", weak=False)
        user_logged_out.connect(signed_out, dispatch_uid="pcplan_accounts_signed_out", weak=False)

    def seed_demo(self, **kwargs: Any) -> None:
        from .demo import seed

        seed(**kwargs)
