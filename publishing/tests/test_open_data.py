"""Open data: the published plan, the Panel's recommendations with the responses, and a
consultation's outcome in figures, as JSON (each valid against its committed schema) and
CSV (formulas defused), listed on one Data page with their licence."""

import copy
import csv
import html
import io
import json
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from django.urls import reverse
from django.utils import timezone

from consultation.models import OutcomeReport, Theme
from consultation.tests.factories import ConsultationFactory, ResponseFactory, closed
from panel.models import PanelMember, ResponsePublication
from panel.tests.factories import (
    PanelFactory,
    PanelMemberFactory,
    PanelReviewFactory,
    PccResponseFactory,
    RecommendationFactory,
)
from plans.models import Commitment, Plan
from publishing.models import Publication
from publishing.open_data import SCHEMAS, schema_path

SECRET = "My neighbour at 12 Acacia Road"


def _schema(name: str) -> dict[str, Any]:
    schema = json.loads(schema_path(name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _validate(document: dict[str, Any], name: str) -> None:
    jsonschema.Draft202012Validator(_schema(name)).validate(document)


def _rejects_a_missing_field(document: dict[str, Any], name: str, field: str) -> None:
    broken = copy.deepcopy(document)
    del broken[field]
    with pytest.raises(jsonschema.ValidationError):
        _validate(broken, name)


def _publish(version: Any, by: Any) -> Publication:
    Plan.objects.filter(pk=version.plan_id).update(stage=Plan.Stage.PUBLISHED)
    return Publication.objects.create(version=version, published_at=timezone.now(), published_by=by)


def _csv(client: Any, url: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(client.get(url).streaming_content).decode())))


@pytest.fixture
def published(version: Any, role_users: dict[str, Any]) -> Publication:
    return _publish(version, role_users["publisher"])


def _plan_url(name: str, publication: Publication) -> str:
    plan = publication.version.plan
    return reverse(f"publishing:{name}", kwargs={"area_slug": plan.area.slug, "plan_slug": plan.slug})


def test_every_schema_is_a_valid_json_schema() -> None:
    for name in SCHEMAS:
        _schema(name)


def test_the_plan_as_json_validates_and_the_schema_can_fail(client: Any, published: Publication) -> None:
    document = client.get(_plan_url("open_plan_json", published)).json()
    _validate(document, "plan")
    assert document["plan"]["version"] == published.version.label
    assert document["objectives"] and document["objectives"][0]["commitments"]
    assert document["sections"] and document["grants"] and document["milestones"]
    assert document["licence"]["name"] == "Open Government Licence v3.0"
    _rejects_a_missing_field(document, "plan", "objectives")
    _rejects_a_missing_field(document, "plan", "budget")


def test_the_plan_as_json_carries_its_budget_lines(client: Any, version: Any, role_users: dict[str, Any]) -> None:
    from plans.models import financial_year_label, plan_financial_years
    from plans.services import budget_line_create, version_cut

    plan, staff = version.plan, role_users["staff"]
    bristol = plan.area.districts.get(name="Bristol")
    year, _ = plan_financial_years(plan)
    budget_line_create(
        plan=plan, by=staff, year=year, kind="funding", label="Council tax precept", amount=Decimal("107300000")
    )
    budget_line_create(
        plan=plan,
        by=staff,
        year=year,
        kind="chief_constable",
        label="Neighbourhood policing",
        amount=Decimal("14200000.50"),
        district=bristol,
    )
    published = _publish(version_cut(plan=plan, by=staff, note="With the budget"), role_users["publisher"])
    document = client.get(_plan_url("open_plan_json", published)).json()
    _validate(document, "plan")
    label = financial_year_label(year)
    assert document["budget"] == [
        {
            "financial_year": label,
            "part": "funding",
            "line": "Council tax precept",
            "district": None,
            "amount_gbp": 107300000.0,
        },
        {
            "financial_year": label,
            "part": "chief_constable",
            "line": "Neighbourhood policing",
            "district": "Bristol",
            "amount_gbp": 14200000.5,
        },
    ]
    broken = copy.deepcopy(document)
    del broken["budget"][1]["amount_gbp"]
    with pytest.raises(jsonschema.ValidationError):
        _validate(broken, "plan")


def test_the_plan_as_csv_has_a_row_per_commitment_and_defuses_formulas(
    client: Any, version: Any, role_users: dict[str, Any]
) -> None:
    from plans.services import version_cut

    commitment = Commitment.objects.filter(objective__plan=version.plan).first()
    assert commitment is not None
    Commitment.objects.filter(pk=commitment.pk).update(text='=HYPERLINK("http://example.com")')
    later = version_cut(plan=version.plan, by=role_users["staff"], note="V2")
    publication = Publication.objects.create(
        version=later, published_at=timezone.now(), published_by=role_users["publisher"]
    )
    reply = client.get(_plan_url("open_plan_objectives", publication))
    rows = list(csv.reader(io.StringIO(b"".join(reply.streaming_content).decode())))
    assert rows[0] == ["Priority", "Aim", "Theme", "District", "Actor", "Commitment"]
    assert '\'=HYPERLINK("http://example.com")' in [row[5] for row in rows]
    assert len(rows) - 1 == Commitment.objects.filter(objective__plan=version.plan).count()
    grants = list(
        csv.reader(
            io.StringIO(b"".join(client.get(_plan_url("open_plan_grants", publication)).streaming_content).decode())
        )
    )
    assert grants[0][0] == "Recipient" and len(grants) == 2


def test_an_unpublished_plan_has_no_open_data(client: Any, version: Any) -> None:
    plan = version.plan
    url = reverse("publishing:open_plan_json", kwargs={"area_slug": plan.area.slug, "plan_slug": plan.slug})
    assert client.get(url).status_code == 404


def test_the_recommendations_and_responses_once_published(
    client: Any, version: Any, role_users: dict[str, Any]
) -> None:
    panel = PanelFactory(area=version.plan.area, name="Avon and Somerset Police and Crime Panel")
    chair = PanelMemberFactory(panel=panel, user=role_users["panel"], role=PanelMember.Role.CHAIR)
    review = PanelReviewFactory(panel=panel, version=version, issued_by=role_users["staff"])
    first = RecommendationFactory(review=review, author=chair)
    RecommendationFactory(review=review, author=chair, text="=cmd|' /C calc'!A0")
    PccResponseFactory(recommendation=first)
    json_url = reverse("publishing:open_recommendations_json", kwargs={"review_id": review.pk})
    csv_url = reverse("publishing:open_recommendations_csv", kwargs={"review_id": review.pk})
    assert client.get(json_url).status_code == 404  # not before the response is published
    ResponsePublication.objects.create(review=review, published_at=timezone.now(), published_by=role_users["publisher"])
    document = client.get(json_url).json()
    _validate(document, "recommendations")
    assert [r["number"] for r in document["recommendations"]] == [1, 2]
    assert document["recommendations"][0]["response"]["outcome"] == "accepted"
    assert document["recommendations"][1]["response"] is None
    _rejects_a_missing_field(document, "recommendations", "recommendations")
    rows = _csv(client, csv_url)
    assert rows[2][4] == "'=cmd|' /C calc'!A0"


def test_the_outcome_in_figures_has_counts_and_no_comment(client: Any, version: Any) -> None:
    consultation = ConsultationFactory(version=version, **closed())
    theme = Theme.objects.create(consultation=consultation, name="101 non-emergency service")
    for _ in range(3):
        ResponseFactory(consultation=consultation, text=SECRET, name="Sam Hughes").themes.add(theme)
    url = reverse("publishing:open_outcome_json", kwargs={"consultation_id": consultation.pk})
    assert client.get(url).status_code == 404
    OutcomeReport.objects.create(consultation=consultation, summary="<p>Thanks</p>", published_at=timezone.now())
    reply = client.get(url)
    assert SECRET not in reply.content.decode() and "Sam Hughes" not in reply.content.decode()
    document = reply.json()
    _validate(document, "outcome")
    assert document["responses_counted"] == 3
    assert document["by_theme"][0] == {"theme": "101 non-emergency service", "responses": 3, "changes": []}
    _rejects_a_missing_field(document, "outcome", "responses_counted")
    rows = _csv(client, reverse("publishing:open_outcome_csv", kwargs={"consultation_id": consultation.pk}))
    assert ["Theme", "101 non-emergency service", "3"] in rows


def test_the_performance_json_validates_against_its_schema(client: Any, published: Publication) -> None:
    plan = published.version.plan
    document = client.get(
        reverse("performance:public_json", kwargs={"area_slug": plan.area.slug, "plan_slug": plan.slug})
    ).json()
    _validate(document, "performance")


def test_the_data_page_lists_every_file_with_its_licence_and_schema(client: Any, published: Publication) -> None:
    page = html.unescape(client.get(reverse("publishing:open_data")).content.decode())
    assert "Open Government Licence v3.0" in page
    for name in ("open_plan_json", "open_plan_objectives", "open_plan_grants"):
        assert _plan_url(name, published) in page
    assert reverse("publishing:open_data_schema", kwargs={"name": "plan"}) in page
    schema = client.get(reverse("publishing:open_data_schema", kwargs={"name": "plan"}))
    assert schema["Content-Type"].startswith("application/schema+json")
    assert client.get(reverse("publishing:open_data_schema", kwargs={"name": "nothing"})).status_code == 404
