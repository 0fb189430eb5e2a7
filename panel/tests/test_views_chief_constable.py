"""The Force liaison records the Chief Constable's formal comments on a version."""

import datetime
from types import SimpleNamespace
from typing import Any

from django.urls import reverse
from django.utils import timezone

from panel.models import ChiefConstableComment
from panel.services import chief_constable_comment_record
from pcplan.roles import Role
from plans.models import Milestone, StatutoryStep
from plans.tests.factories import PoliceAreaFactory


def _url(name: str, **kwargs: Any) -> str:
    return reverse(f"panel:{name}", kwargs=kwargs)


def test_the_force_liaison_records_comments_with_their_date(client: Any, setup: SimpleNamespace) -> None:
    client.force_login(setup.users["force"])
    listing = client.get(_url("cc_version_list")).content.decode()
    assert _url("cc_comment_create", version_id=setup.v1.pk) in listing
    response = client.post(
        _url("cc_comment_create", version_id=setup.v1.pk),
        {
            "recorded_on_0": "29",
            "recorded_on_1": "7",
            "recorded_on_2": "2016",
            "text": "The Chief Constable supports the emphasis on protecting the most vulnerable.",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "have been recorded" in body
    assert "Dated 29 July 2016" in body
    comment = ChiefConstableComment.objects.get()
    assert (comment.recorded_by, comment.version) == (setup.users["force"], setup.v1)
    step = Milestone.objects.get(plan=setup.plan, statutory_step=StatutoryStep.CONSULT_CHIEF_CONSTABLE)
    assert step.completed_on.isoformat() == "2016-07-29"
    assert step.evidence_url == _url("cc_version_detail", version_id=setup.v1.pk)


def test_bad_comments_are_refused_with_a_message(client: Any, setup: SimpleNamespace) -> None:
    client.force_login(setup.users["force"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        _url("cc_comment_create", version_id=setup.v1.pk),
        {
            "recorded_on_0": str(tomorrow.day),
            "recorded_on_1": str(tomorrow.month),
            "recorded_on_2": str(tomorrow.year),
            "text": "  ",
        },
    )
    body = response.content.decode()
    assert "must be today or in the past" in body
    assert "Enter the Chief Constable&#x27;s comments" in body
    assert not ChiefConstableComment.objects.exists()


def test_the_force_liaison_sees_only_their_own_comments(client: Any, setup: SimpleNamespace, make_user: Any) -> None:
    colleague = make_user("force2", Role.FORCE)
    chief_constable_comment_record(
        version=setup.v1, text="Recorded by a colleague.", recorded_on=timezone.localdate(), by=colleague
    )
    chief_constable_comment_record(
        version=setup.v1, text="Recorded by me.", recorded_on=timezone.localdate(), by=setup.users["force"]
    )
    client.force_login(setup.users["force"])
    for url in (_url("cc_version_list"), _url("cc_version_detail", version_id=setup.v1.pk)):
        body = client.get(url).content.decode()
        assert "Recorded by me." in body
        assert "Recorded by a colleague." not in body


def test_the_force_liaison_reads_the_version_but_not_the_panels_pages(client: Any, setup: SimpleNamespace) -> None:
    client.force_login(setup.users["force"])
    body = client.get(_url("cc_version_detail", version_id=setup.v1.pk)).content.decode()
    assert "Bristol Community Safety Partnership" in body
    assert client.get(_url("review_detail", review_id=setup.review.pk)).status_code == 403


def test_another_areas_force_cannot_see_or_comment(client: Any, setup: SimpleNamespace, make_user: Any) -> None:
    client.force_login(make_user("devon_force", Role.FORCE, user_area=PoliceAreaFactory()))
    assert client.get(_url("cc_version_detail", version_id=setup.v1.pk)).status_code == 403
    response = client.post(
        _url("cc_comment_create", version_id=setup.v1.pk),
        {"recorded_on_0": "1", "recorded_on_1": "8", "recorded_on_2": "2016", "text": "Not ours."},
    )
    assert response.status_code == 403
    assert setup.plan.title not in client.get(_url("cc_version_list")).content.decode()
    assert not ChiefConstableComment.objects.exists()
