"""`manage.py check_compliance`: the compliance page in a terminal, and its exit codes."""

from typing import Any

import pytest

from publishing.tests.factories import statute_met

pytestmark = pytest.mark.django_db


def test_exit_code_0_when_every_requirement_is_met(area: Any, role_users: dict[str, Any], run_command: Any) -> None:
    version = statute_met(area=area, users=role_users, render=False)
    code, out, _ = run_command("check_compliance", version.plan.slug)
    assert code == 0
    assert "Police and Crime Plan 2016-21 (Avon and Somerset), V1" in out
    assert out.count("[MET]") == 15
    assert "10. [MET] The Chief Constable was consulted on the draft" in out
    assert f"by {role_users['force'].get_full_name()}" in out
    assert f"Record: http://127.0.0.1:8000/panel/chief-constable/versions/{version.pk}/" in out
    assert "All 15 requirements that apply are met." in out


def test_exit_code_1_with_what_is_missing_when_any_is_not_met(
    area: Any, role_users: dict[str, Any], run_command: Any
) -> None:
    version = statute_met(area=area, users=role_users, chief_constable=False, render=False)
    code, out, err = run_command("check_compliance", str(version.plan_id), "--version", "V1")
    assert code == 1
    assert "10. [NOT MET] The Chief Constable was consulted on the draft" in out
    assert "To do: Ask the Force liaison to record the Chief Constable's comments on a draft version." in out
    assert "1 of the 15 requirements that apply is not met." in err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["no-such-plan"], "No plan with the slug or id 'no-such-plan'."),
        (["{slug}", "--version", "V9"], "has no version V9 (its versions: V1)."),
        (["{slug}", "--version", "second"], "Give the version as V2 or 2, not 'second'."),
    ],
)
def test_exit_code_2_for_a_plan_or_version_that_does_not_exist(
    area: Any,
    role_users: dict[str, Any],
    run_command: Any,
    arguments: list[str],
    message: str,
) -> None:
    version = statute_met(area=area, users=role_users, render=False)
    code, _, err = run_command("check_compliance", *[a.replace("{slug}", version.plan.slug) for a in arguments])
    assert code == 2
    assert message in err
