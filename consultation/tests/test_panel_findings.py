"""The Panel sees the consultation's findings with the draft issued to it: counts only,
never a comment or a name; and the outcome report once it is published."""

import html
from typing import Any

from django.urls import reverse
from django.utils import timezone

from consultation.models import OutcomeReport, Response, Theme
from consultation.tests.factories import ConsultationFactory, ResponseFactory, closed, cut_later_version_with_change
from panel.models import PanelMember
from panel.tests.factories import PanelFactory, PanelMemberFactory, PanelReviewFactory

SECRET = "Dave Smith at 12 Acacia Road deals drugs"


def test_the_panel_sees_the_findings_but_no_comment_or_name(
    client: Any, version: Any, role_users: dict[str, Any]
) -> None:
    consultation = ConsultationFactory(version=version, **closed())
    theme = Theme.objects.create(consultation=consultation, name="Drugs and county lines")
    for _ in range(3):
        ResponseFactory(consultation=consultation, text=SECRET, name="Sam Hughes", email="sam@example.com").themes.add(
            theme
        )
    ResponseFactory(consultation=consultation, text=SECRET, state=Response.State.REDACTED, redacted_text="[removed]")
    v2, _section = cut_later_version_with_change(version, by=role_users["staff"])
    panel = PanelFactory(area=version.plan.area, name="Avon and Somerset Police and Crime Panel")
    PanelMemberFactory(panel=panel, user=role_users["panel"], role=PanelMember.Role.CHAIR)
    review = PanelReviewFactory(panel=panel, version=v2, issued_by=role_users["staff"])
    url = reverse("panel:review_detail", kwargs={"review_id": review.pk})

    client.force_login(role_users["panel"])
    page = html.unescape(client.get(url).content.decode())
    assert "What the public consultation found" in page
    assert consultation.title in page
    assert "Drugs and county lines" in page
    assert "4 responses" in page
    assert SECRET not in page and "Sam Hughes" not in page and "sam@example.com" not in page
    assert "Read the published outcome report" not in page

    OutcomeReport.objects.create(consultation=consultation, summary="<p>Thanks</p>", published_at=timezone.now())
    page = client.get(url).content.decode()
    assert reverse("consultation:outcome", kwargs={"consultation_id": consultation.pk}) in page
