"""The Easy Read version of a priority: plain-language text and a picture with what it
shows, written by staff and kept in the versions."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.services import version_cut
from plans.snapshot import PlanContent, content_from_plan
from plans.tests.factories import plan_with_content
from plans.tests.test_section_image import picture


@pytest.fixture
def objective(area: Any) -> Any:
    return plan_with_content(area=area, objectives=1).objectives.get()


def _url(objective: Any) -> str:
    return reverse("plans:objective_easy_read", kwargs={"plan_id": objective.plan_id, "objective_id": objective.pk})


def test_staff_write_the_easy_read_version_with_a_picture(
    staff_client: Any, objective: Any, role_users: dict[str, Any]
) -> None:
    plan = objective.plan
    before = content_from_plan(plan)
    assert "easy_read_text" not in before.to_json()["objectives"][0], "content without it keeps its hash"
    response = staff_client.post(
        _url(objective),
        {
            "text": "We will keep people safe from harm.\r\n\r\n  We will help victims.  ",
            "alt": "A shield around a person",
            "picture": SimpleUploadedFile("shield.png", picture("PNG")),
            "revision": objective.revision,
        },
    )
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.easy_read_text == "We will keep people safe from harm.\nWe will help victims."
    assert objective.easy_read_picture.startswith("/files/plans/images/")
    page = staff_client.get(response.url).content.decode()
    assert 'alt="A shield around a person"' in page
    [kept] = PlanContent.from_json(version_cut(plan=plan, by=role_users["staff"], note="V1").content).objectives
    assert kept.has_easy_read and kept.easy_read_sentences == [
        "We will keep people safe from harm.",
        "We will help victims.",
    ]


def test_a_picture_and_what_it_shows_are_needed(staff_client: Any, objective: Any) -> None:
    drawn = {"text": "We will keep people safe.", "revision": objective.revision}
    page = staff_client.post(_url(objective), {**drawn, "alt": ""}).content.decode()
    assert "Enter what the picture shows" in page
    page = staff_client.post(_url(objective), {**drawn, "alt": "A shield"}).content.decode()
    assert "Choose a picture for this priority" in page
    objective.refresh_from_db()
    assert objective.easy_read_text == ""
