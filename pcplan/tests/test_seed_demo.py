from io import StringIO
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"plans", "consultation", "panel", "performance", "publishing", "accounts", "otp_totp", "auth"}
        and not model._meta.label.startswith("auth.Permission")
    }


def test_seed_demo_prints_a_log_in_for_each_role_and_is_idempotent(transactional_db: Any) -> None:
    out = StringIO()
    call_command("seed_demo", allow_production=True, stdout=out)
    first = _counts()
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    assert _counts() == first
    printed = out.getvalue()
    for role, username in [
        ("OPCC staff", "staff"),
        ("Publisher", "publisher"),
        ("Panel member", "panel"),
        ("Force liaison", "force"),
    ]:
        assert role in printed
        assert username in printed
        user = get_user_model().objects.get(username=username)
        assert user.groups.filter(name=role).exists()
        assert user.check_password("pcplan-demo")
    # OPCC staff and the Publisher sign in with a code: the demo says how to get one.
    assert "demo_code staff" in printed


def test_seed_demo_refuses_to_run_with_debug_off(db: Any, settings: Any) -> None:
    import pytest
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())
