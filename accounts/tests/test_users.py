"""The Users pages: roles changed by the Publisher, every change recorded and shown."""

from typing import Any

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import AccountChange
from pcplan.roles import Role
from plans.tests.factories import PoliceAreaFactory

pytestmark = pytest.mark.django_db


def test_a_change_of_role_is_recorded_with_who_when_and_what_and_shown(client: Any, role_users: dict[str, Any]) -> None:
    force = role_users["force"]
    client.force_login(role_users["publisher"])
    url = reverse("accounts:user_role", kwargs={"user_id": force.pk})
    assert 'value="Force liaison"' in client.get(url).content.decode()
    response = client.post(url, {"role": Role.STAFF.value, "revision": force.area_membership.revision})
    assert response["Location"] == reverse("accounts:user_detail", kwargs={"user_id": force.pk})
    assert services.role_of(force) == Role.STAFF
    change = AccountChange.objects.get(user=force, kind=AccountChange.Kind.ROLE)
    assert (change.before, change.after, change.changed_by) == ("Force liaison", "OPCC staff", role_users["publisher"])
    page = client.get(response["Location"]).content.decode()
    assert "Role changed from Force liaison to OPCC staff" in page
    assert "Publisher1" in page  # who
    # The new role takes effect on the person's next page.
    client.force_login(force)
    assert client.get(reverse("plans:plan_create")).status_code == 200


def test_the_only_publisher_cannot_be_demoted_or_deactivated_and_nobody_deactivates_themselves(
    client: Any, role_users: dict[str, Any]
) -> None:
    publisher = role_users["publisher"]
    client.force_login(publisher)
    response = client.post(
        reverse("accounts:user_role", kwargs={"user_id": publisher.pk}),
        {"role": "OPCC staff", "revision": publisher.area_membership.revision},
    )
    assert "is the only Publisher of Avon and Somerset" in response.content.decode()
    assert services.role_of(publisher) == Role.PUBLISHER
    response = client.post(reverse("accounts:user_deactivate", kwargs={"user_id": publisher.pk}))
    assert "You cannot deactivate your own account" in response.content.decode()
    publisher.refresh_from_db()
    assert publisher.is_active


def test_a_publisher_manages_only_the_people_of_their_own_area(
    client: Any, role_users: dict[str, Any], make_user: Any
) -> None:
    elsewhere = make_user("devon1", Role.STAFF, PoliceAreaFactory())
    client.force_login(role_users["publisher"])
    listing = client.get(reverse("accounts:user_list")).content.decode()
    assert "Staff1" in listing and "Devon1" not in listing
    assert client.get(reverse("accounts:user_detail", kwargs={"user_id": elsewhere.pk})).status_code == 404
    assert client.post(reverse("accounts:user_deactivate", kwargs={"user_id": elsewhere.pk})).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.is_active


def test_inviting_someone_who_already_has_an_account_says_so_by_the_e_mail_address(
    client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    client.force_login(role_users["publisher"])
    response = client.post(
        reverse("accounts:user_invite"),
        {
            "first_name": "Staff",
            "last_name": "One",
            "email": "STAFF1@pcplan.example.org.uk",
            "role": "OPCC staff",
            "area": area.pk,
        },
    )
    assert response.status_code == 200
    assert "There is already an account for STAFF1@pcplan.example.org.uk" in response.content.decode()
