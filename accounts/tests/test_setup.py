"""Setting up pcplan in the browser, from the one-time link of `manage.py create_area`."""

import re
from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import links, services
from accounts.models import SetupLink
from accounts.tests.helpers import code_for
from panel.models import Panel, PanelMember
from pcplan.roles import Role
from plans.models import District, PoliceArea

pytestmark = pytest.mark.django_db

PASSWORD = "Valley-Road-Portishead-2016"  # noqa: S105 - a test person's password


def _create_area_link() -> str:
    out = StringIO()
    call_command("create_area", stdout=out)
    found = re.search(r"https?://[^/\s]+(/setup/\S+/)", out.getvalue())
    assert found, out.getvalue()
    return found.group(1)


def _first_publisher(client: Any, link: str) -> Any:
    return client.post(
        link,
        {
            "first_name": "Sue",
            "last_name": "Mountstevens",
            "email": "sue.mountstevens@avonandsomerset.example.org.uk",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_the_first_publisher_sets_up_the_area_from_the_link_create_area_prints(
    client: Any, db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    link = _create_area_link()
    assert "Set up pcplan for your Office" in client.get(link).content.decode()
    response = _first_publisher(client, link)
    assert response["Location"] == reverse("accounts:setup")
    publisher = User.objects.get(username="sue.mountstevens@avonandsomerset.example.org.uk")
    assert services.role_of(publisher) == Role.PUBLISHER
    # A Publisher sets up the authenticator app before anything else.
    response = client.get(reverse("accounts:setup"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:authenticator_setup"))
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=publisher, confirmed=False)
    client.post(reverse("accounts:authenticator_setup"), {"code": code_for(device)})
    checklist = client.get(reverse("accounts:setup")).content.decode()
    assert "Not yet started" in checklist

    response = client.post(
        reverse("accounts:setup_area"),
        {
            "name": "Avon and Somerset",
            "force_name": "Avon and Somerset Constabulary",
            "opcc_name": "Office of the Police and Crime Commissioner for Avon and Somerset",
            "pcc_name": "Sue Mountstevens",
            "pcc_elected_on_0": "5",
            "pcc_elected_on_1": "5",
            "pcc_elected_on_2": "2016",
            "contact_email": "pcc@avonandsomerset.example.police.uk",
            "contact_phone": "01275 816377",
            "contact_address": "Valley Road, Portishead, Bristol BS20 8JJ",
            "website": "https://www.avonandsomerset-pcc.gov.uk/",
        },
    )
    assert response["Location"] == reverse("accounts:setup_districts")
    area = PoliceArea.objects.get(name="Avon and Somerset")
    assert (area.pcc_name, area.pcc_elected_on) == ("Sue Mountstevens", date(2016, 5, 5))
    assert publisher.area_membership.area == area

    client.post(reverse("accounts:setup_districts"), {"names": "Bristol\n\n  Mendip  \n"})
    assert sorted(District.objects.filter(area=area).values_list("name", flat=True)) == ["Bristol", "Mendip"]
    refused = client.post(reverse("accounts:setup_districts"), {"names": "Sedgemoor\nbristol"})
    assert "Avon and Somerset already has a District called bristol" in refused.content.decode()
    assert not District.objects.filter(name="Sedgemoor").exists()

    client.post(reverse("accounts:setup_panel"), {"name": "Avon and Somerset Police and Crime Panel"})
    panel = Panel.objects.get(area=area)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:setup_panel_member"),
            {
                "first_name": "Margaret",
                "last_name": "Hollis",
                "email": "margaret.hollis@councillors.example.org.uk",
                "panel_role": "chair",
                "term_starts_on_0": "1",
                "term_starts_on_1": "6",
                "term_starts_on_2": "2016",
            },
        )
    member = PanelMember.objects.get(panel=panel)
    assert member.role == "chair" and member.user.email == "margaret.hollis@councillors.example.org.uk"
    assert services.role_of(member.user) == Role.PANEL
    assert mail.outbox[-1].to == ["margaret.hollis@councillors.example.org.uk"]
    checklist = client.get(reverse("accounts:setup")).content.decode()
    assert "2: Bristol, Mendip" in checklist and "1 member" in checklist
    # New plans start with the Commissioner the area was set up with.
    form = client.get(reverse("plans:plan_create")).content.decode()
    assert 'value="Sue Mountstevens"' in form

    # The link worked once.
    client.logout()
    used = client.get(link)
    assert used.status_code == 410 and "already been used" in used.content.decode()


def test_an_expired_set_up_link_is_refused(client: Any, db: Any) -> None:
    link = services.setup_link_create(now=timezone.now() - timedelta(hours=25))
    url = reverse("accounts:setup_start", kwargs={"token": links.token_for("setup", link.pk)})
    response = client.get(url)
    assert response.status_code == 410 and "This set-up link has expired" in response.content.decode()
    assert _first_publisher(client, url).status_code == 410
    assert not User.objects.exists()
    link.refresh_from_db()
    assert isinstance(link, SetupLink) and link.used_at is None


def test_districts_are_added_changed_and_removed_from_the_police_area_page(
    client: Any, area: Any, role_users: dict[str, Any]
) -> None:
    client.force_login(role_users["publisher"])
    page = client.get(reverse("plans:area_detail")).content.decode()
    assert "Bristol" in page and "Add a District" in page
    client.post(reverse("plans:district_create"), {"name": "Somerset West and Taunton", "contact": ""})
    district = District.objects.get(area=area, name="Somerset West and Taunton")
    client.post(
        reverse("plans:district_edit", kwargs={"district_id": district.pk}),
        {"name": "Somerset West and Taunton", "contact": "Call 101.", "revision": district.revision},
    )
    district.refresh_from_db()
    assert district.contact == "Call 101."
    client.post(reverse("plans:district_remove", kwargs={"district_id": district.pk}))
    assert not District.objects.filter(pk=district.pk).exists()
    # Staff read the page but cannot change it.
    client.force_login(role_users["staff"])
    page = client.get(reverse("plans:area_detail")).content.decode()
    assert "Add a District" not in page
    assert client.get(reverse("plans:district_create")).status_code == 403


def test_a_district_that_content_refers_to_is_not_removed(client: Any, area: Any, role_users: dict[str, Any]) -> None:
    from plans.tests.factories import ObjectiveFactory, PlanFactory

    bristol = area.districts.get(name="Bristol")
    ObjectiveFactory(plan=PlanFactory(area=area), district=bristol)
    client.force_login(role_users["publisher"])
    response = client.post(reverse("plans:district_remove", kwargs={"district_id": bristol.pk}))
    assert (
        "Bristol cannot be removed: plans, consultation responses or documents refer to it" in response.content.decode()
    )
    assert District.objects.filter(pk=bristol.pk).exists()
