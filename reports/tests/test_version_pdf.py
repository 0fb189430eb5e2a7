"""A version's PDF is rendered once and then served from storage: a staff member or a Panel
member opening it again costs no WeasyPrint render, and a change to the document's design
(new print HTML) renders it afresh."""

from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.urls import reverse

from reports import services
from reports.document import annual_report_html, render_annual_report
from reports.models import AnnualReportVersionPdf
from reports.tests.factories import report_for, year_of_records
from reports.tests.test_document import _text

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(area: Any, role_users: Any) -> Any:
    report = report_for(year_of_records(area=area, by=role_users["staff"]))
    return services.annual_report_version_cut(report=report, by=role_users["staff"], note="For the Panel")


def _url(version: Any) -> str:
    return reverse("reports:version_pdf", kwargs={"report_id": version.report_id, "number": version.number})


def _get(client: Any, version: Any) -> bytes:
    response = client.get(_url(version))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def _counting_renders() -> Any:
    return mock.patch("reports.services.render_annual_report", wraps=render_annual_report)


def test_the_second_request_is_served_from_storage_without_rendering(
    client: Any, version: Any, role_users: Any
) -> None:
    client.force_login(role_users["staff"])
    with _counting_renders() as renders:
        first = _get(client, version)
        assert renders.call_count == 1
        again = _get(client, version)
        assert renders.call_count == 1
    assert first.startswith(b"%PDF") and again == first
    assert "DRAFT V1, not the published report" in _text(first)
    stored = AnnualReportVersionPdf.objects.get()
    assert stored.page_count >= 2 and stored.pdf.name.endswith(".pdf")

    # The Panel: refused until the version is sent to it, then the same stored file.
    client.force_login(role_users["panel"])
    assert client.get(_url(version)).status_code == 404
    services.send_to_panel(version=version, sent_on=version.cut_at.date(), by=role_users["staff"], notify=False)
    with _counting_renders() as renders:
        assert _get(client, version) == first
        assert renders.call_count == 0


def test_a_changed_design_renders_the_version_afresh(client: Any, version: Any, role_users: Any) -> None:
    client.force_login(role_users["staff"])
    before = _get(client, version)

    def redesigned(v: Any, **kwargs: Any) -> str:
        return annual_report_html(v, **kwargs).replace("</body>", "<p>Printed on recycled paper.</p></body>")

    with _counting_renders() as renders, mock.patch("reports.services.annual_report_html", redesigned):
        after = _get(client, version)
        assert renders.call_count == 1
        assert _get(client, version) == after
        assert renders.call_count == 1
    assert after != before
    assert "Printed on recycled paper." in _text(after) and "Printed on recycled paper." not in _text(before)
    assert AnnualReportVersionPdf.objects.filter(version=version).count() == 2


def test_two_first_requests_at_once_keep_one_whole_file(
    client: Any, version: Any, role_users: Any, media_root: Path
) -> None:
    """While this request's WeasyPrint runs, another request renders and stores the same
    PDF first: this one drops its own file and serves the stored one."""
    client.force_login(role_users["staff"])
    other: list[AnnualReportVersionPdf] = []
    renders: list[str] = []

    def render_while_another_request_stores(html: str) -> Any:
        renders.append(html)
        if len(renders) == 1:
            other.append(services.version_pdf(version=version))
        return render_annual_report(html)

    with mock.patch("reports.services.render_annual_report", side_effect=render_while_another_request_stores):
        served = _get(client, version)
    assert len(renders) == 2
    stored = AnnualReportVersionPdf.objects.get()
    assert stored.pk == other[0].pk
    assert served == stored.pdf.open("rb").read()
    assert len(list(media_root.rglob("*.pdf"))) == 1


def test_a_stored_file_gone_from_storage_is_rendered_again(client: Any, version: Any, role_users: Any) -> None:
    client.force_login(role_users["staff"])
    first = _get(client, version)
    AnnualReportVersionPdf.objects.get().pdf.delete(save=False)
    with _counting_renders() as renders:
        assert _text(_get(client, version)) == _text(first)
        assert renders.call_count == 1


def test_publishing_renders_its_own_pdf_dated_the_day_not_the_stored_draft(
    client: Any, role_users: Any, area: Any
) -> None:
    import datetime

    from reports.tests.test_panel import FUNCTIONS, _through_the_panel

    report = report_for(year_of_records(area=area, by=role_users["staff"]))
    services.annual_report_sections_update(report=report, foreword="", functions=FUNCTIONS, finances="", by=None)
    v1 = services.annual_report_version_cut(report=report, by=role_users["staff"], note="For the Panel")
    client.force_login(role_users["staff"])
    draft = _get(client, v1)
    _through_the_panel(v1, role_users)
    on = datetime.datetime(2017, 9, 14, 10, 0, tzinfo=datetime.UTC)
    publication = services.publish(version=v1, by=role_users["publisher"], at=on)
    published = publication.pdf.open("rb").read()
    assert published != draft
    assert "Published 14 September 2017" in _text(published) and "DRAFT" not in _text(published)
    # The draft staff and the Panel read stays the draft.
    assert _get(client, v1) == draft
