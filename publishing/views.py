"""Public pages of the service as a whole (home, accessibility, privacy) and of published
plans; the staff pages that render a version's documents, show their progress and hand out
the files; the compliance page and the Publisher's publish page."""

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from consultation.models import OutcomeReport
from consultation.selectors import consultation_for_editing, consultations_listed
from consultation.services import OutcomeAlreadyPublishedError, OutcomeNotReadyError
from panel.selectors import member_home, published_review, published_reviews, review_for
from pcplan.access import allow
from pcplan.csv import csv_response, safe_cell
from pcplan.form_views import apply_service_error, expected_revision, refuse_stale_save
from pcplan.forms import add_revision_field
from pcplan.revisions import StaleSaveError
from pcplan.roles import EDITORS, PUBLIC, ROLE_DESCRIPTIONS, Role, roles_of
from pcplan.types import AuthenticatedHttpRequest
from plans.budget import BUDGET_FIELDS, budget_rows
from plans.models import District, PoliceArea, Version
from plans.selectors import milestones_due_in_area, user_area
from plans.snapshot import PlanContent

from . import branding, selectors, services
from . import open_data as open_data_module
from .documents import Format, build_document
from .formats import version_formats, version_has_easy_read
from .forms import BrandKitForm, PublishForm
from .models import Publication, RenderJob
from .requirements import evaluate

# Without JavaScript, the documents page reloads itself this often while renders run.
REFRESH_SECONDS = 5


@allow(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    context: dict[str, Any] = {
        "role_descriptions": [(role, ROLE_DESCRIPTIONS[role]) for role in sorted(roles)],
        "published": selectors.published_plans(),
        "open_consultations": consultations_listed(timezone.now()).open,
    }
    area = user_area(request.user)
    if roles & EDITORS and area is not None:
        context["today"] = timezone.localdate()
        context["milestones_due"] = milestones_due_in_area(area, today=context["today"])
    if Role.PANEL in roles:
        context["member_home"] = member_home(request.user)
    return render(request, "publishing/home.html", context)


@allow(PUBLIC)
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/accessibility.html")


@allow(PUBLIC)
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/privacy.html")


# ---------------------------------------------------------------- staff: documents


@allow(*EDITORS)
@require_GET
def document_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    plans = selectors.plans_for_documents(request.user)
    is_publisher = Role.PUBLISHER in roles_of(request.user) or request.user.is_superuser
    return render(request, "publishing/document_index.html", {"plans": plans, "is_publisher": is_publisher})


def _progress_summary(rows: list[selectors.DocumentRow]) -> str:
    done = sum(1 for row in rows if row.job and row.job.status == RenderJob.Status.DONE)
    failed = sum(1 for row in rows if row.job and row.job.status == RenderJob.Status.FAILED)
    active = sum(1 for row in rows if row.job and row.job.is_active)
    parts = [f"{done} of {len(rows)} documents rendered"]
    if active:
        parts.append(f"{active} rendering or queued")
    if failed:
        parts.append(f"{failed} failed")
    return ", ".join(parts) + "."


@allow(*EDITORS)
@require_GET
@never_cache
def version_documents(request: AuthenticatedHttpRequest, plan_id: int, number: int) -> HttpResponse:
    version = selectors.version_for_editing(request.user, plan_id, number, with_content=False)
    rows = selectors.document_rows(version)
    return render(
        request,
        "publishing/version_documents.html",
        {
            "plan": version.plan,
            "version": version,
            "rows": rows,
            "active": any(row.job and row.job.is_active for row in rows),
            "summary": _progress_summary(rows),
            "refresh_seconds": REFRESH_SECONDS,
            "publication": Publication.objects.filter(version=version).first(),
            "is_publisher": Role.PUBLISHER in roles_of(request.user) or request.user.is_superuser,
        },
    )


@allow(*EDITORS)
@require_GET
@never_cache
def version_documents_status(request: AuthenticatedHttpRequest, plan_id: int, number: int) -> JsonResponse:
    """The page's rows as JSON for its script: each row's state and its HTML, rendered by
    the same partial as the page, so the script only swaps rows that changed."""
    version = selectors.version_for_editing(request.user, plan_id, number, with_content=False)
    rows = selectors.document_rows(version)
    return JsonResponse(
        {
            "active": any(row.job and row.job.is_active for row in rows),
            "summary": _progress_summary(rows),
            "documents": [
                {
                    "key": row.key,
                    "state": row.state_token,
                    "status": row.job.status if row.job else None,
                    "progress": row.job.progress if row.job else None,
                    "row_html": render_to_string(
                        "publishing/includes/document_row.html", {"row": row, "version": version}, request=request
                    ),
                }
                for row in rows
            ],
        }
    )


@allow(*EDITORS)
@require_POST
def render_all(request: AuthenticatedHttpRequest, plan_id: int, number: int) -> HttpResponse:
    version = selectors.version_for_editing(request.user, plan_id, number)
    try:
        jobs = services.render_all_request(version=version, by=request.user)
    except services.RenderRefusedError as error:
        messages.error(request, str(error))
        return redirect("publishing:version_documents", plan_id=version.plan_id, number=version.number)
    if jobs:
        count = len(jobs)
        messages.success(request, f"{count} document{'s' if count != 1 else ''} of {version.label} queued to render.")
    else:
        messages.info(request, f"Every document of {version.label} is already queued or rendering.")
    return redirect("publishing:version_documents", plan_id=version.plan_id, number=version.number)


@allow(*EDITORS)
@require_POST
def job_retry(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    job = selectors.job_for_editing(request.user, job_id)
    try:
        services.render_job_retry(job=job, by=request.user)
    except services.RenderRefusedError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{job.document_label} queued to render again.")
    return redirect("publishing:version_documents", plan_id=job.version.plan_id, number=job.version.number)


@allow(*EDITORS)
@require_GET
def job_download(request: AuthenticatedHttpRequest, job_id: int) -> FileResponse:
    job = selectors.job_for_editing(request.user, job_id)
    if job.status != RenderJob.Status.DONE or not job.output:
        raise Http404("This render has no file yet")
    try:
        handle = job.output.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file of this render is missing") from error
    response = FileResponse(handle, as_attachment=True, filename=job.download_name, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- staff: HTML of each document


def _preview(request: HttpRequest, version: Version, format: str, district: District | None) -> HttpResponse:
    document = build_document(version=version, format=format, district=district)
    return render(
        request,
        "publishing/document_preview.html",
        {
            **document.context,
            "web_brand": branding.document_brand(version.plan.area),
            "document": document,
            "plan": version.plan,
            "version": version,
        },
    )


@allow(*EDITORS)
@require_GET
def document_preview(request: AuthenticatedHttpRequest, plan_id: int, number: int, format: str) -> HttpResponse:
    if format not in version_formats(True):
        raise Http404("No such document")
    version = selectors.version_for_editing(request.user, plan_id, number)
    if format == Format.EASY_READ and not version_has_easy_read(version):
        raise Http404("This version has no Easy Read version yet")
    return _preview(request, version, format, None)


@allow(*EDITORS)
@require_GET
def district_preview(request: AuthenticatedHttpRequest, plan_id: int, number: int, district: str) -> HttpResponse:
    version = selectors.version_for_editing(request.user, plan_id, number)
    found = get_object_or_404(District, area_id=version.plan.area_id, slug=district)
    return _preview(request, version, Format.DISTRICT, found)


# ---------------------------------------------------------------- staff: the statute and publishing


def _late_deadline(compliance: Any) -> str:
    """The deadline in words when it is the only thing unmet (the Publisher may acknowledge it)."""
    if not compliance.only_acknowledgeable_unmet or compliance.plan.issue_deadline is None:
        return ""
    return date_format(compliance.plan.issue_deadline, "j F Y")


@allow(*EDITORS)
@require_GET
@never_cache
def compliance(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """Every statutory requirement for a version of the plan (the latest unless asked),
    met or not, with its evidence. Editors only: the evidence links lead to staff pages."""
    plan = selectors.plan_for_compliance(request.user, plan_id)
    version = selectors.version_for_compliance(plan, request.GET.get("version"))
    readiness = services.publication_readiness(version=version) if version is not None else None
    result = readiness.compliance if readiness is not None else evaluate(plan, None)
    publications = selectors.publications_of(plan)
    return render(
        request,
        "publishing/compliance.html",
        {
            "plan": plan,
            "version": version,
            "compliance": result,
            "readiness": readiness,
            "versions": list(plan.versions.defer("content").order_by("-number")),
            "publications": publications,
            "version_published": version is not None and any(p.version_id == version.pk for p in publications),
            "is_publisher": Role.PUBLISHER in roles_of(request.user) or request.user.is_superuser,
        },
    )


@allow(Role.PUBLISHER)
@require_http_methods(["GET", "POST"])
@never_cache
def publish(request: AuthenticatedHttpRequest, plan_id: int, number: int) -> HttpResponse:
    """The Publisher's confirmation page, and the POST that publishes (plan_publish)."""
    version = selectors.version_for_editing(request.user, plan_id, number)
    plan = version.plan
    existing = Publication.objects.filter(version=version).first()
    if existing is not None:
        messages.info(
            request,
            f"{version.label} was published on {date_format(timezone.localtime(existing.published_at), 'j F Y')}.",
        )
        return redirect(existing.get_absolute_url())
    readiness = services.publication_readiness(version=version)
    late_deadline = _late_deadline(readiness.compliance)
    form = PublishForm(
        request.POST if request.method == "POST" else None, version_label=version.label, late_deadline=late_deadline
    )
    refused: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            publication = services.plan_publish(
                version=version,
                by=request.user,
                acknowledge_late=form.acknowledged_late,
            )
        except services.PublishRefusedError as error:
            refused = list(error.missing) or [str(error)]
        else:
            messages.success(
                request,
                f"{version.label} of the {plan.title} is published. Its documents are frozen, and a copy is "
                "being e-mailed to the Chief Constable's office.",
            )
            return redirect(publication.get_absolute_url())
    if request.method == "GET" or refused:
        refused = refused or readiness.missing(acknowledged_late=bool(late_deadline))
    return render(
        request,
        "publishing/publish.html",
        {
            "plan": plan,
            "version": version,
            "readiness": readiness,
            "form": form,
            "missing": refused,
            "posted_and_refused": request.method == "POST" and bool(refused),
            "late_deadline": late_deadline,
        },
        status=409 if request.method == "POST" and refused else 200,
    )


# ---------------------------------------------------------------- public: published plans


@allow(PUBLIC)
@require_GET
def published_list(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/published_list.html", {"items": selectors.published_plans()})


@allow(PUBLIC)
@require_GET
def published_plan(request: HttpRequest, area_slug: str, plan_slug: str) -> HttpResponse:
    plan, publications = selectors.published_plan(area_slug=area_slug, plan_slug=plan_slug)
    latest = publications[0]
    # Set on each publication by selectors.publications_of; the model does not declare it.
    documents: list[RenderJob] = latest.ordered_documents  # type: ignore[attr-defined]
    return render(
        request,
        "publishing/published_plan.html",
        {
            "plan": plan,
            "web_brand": branding.document_brand(plan.area),
            "publication": latest,
            "documents": documents,
            "has_districts": any(job.district_id for job in documents),
            "earlier": publications[1:],
            "page_picture": next((j for j in documents if j.format == Format.PAGE and j.picture), None),
            "has_budget": Version.objects.filter(pk=latest.version_id, content__has_key="budget").exists(),
            "panel_responses": list(published_reviews().filter(version__plan=plan)),
            "outcomes": list(
                OutcomeReport.objects.filter(consultation__version__plan=plan, published_at__isnull=False)
                .select_related("consultation")
                .order_by("published_at")
            ),
            "performance_url": reverse(
                "performance:public_plan", kwargs={"area_slug": plan.area.slug, "plan_slug": plan.slug}
            ),
        },
    )


@allow(PUBLIC)
def published_budget_csv(request: HttpRequest, area_slug: str, plan_slug: str) -> HttpResponse:
    """The published plan's budget, line by line, as open data."""
    plan, publications = selectors.published_plan(area_slug=area_slug, plan_slug=plan_slug)
    version = Version.objects.get(pk=publications[0].version_id)
    lines = list(PlanContent.from_json(version.content).budget)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, _ in BUDGET_FIELDS])
    for row in budget_rows(lines):
        writer.writerow([safe_cell(row[name]) for name, _ in BUDGET_FIELDS])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan.area.slug}-{plan.slug}-budget.csv"'
    return response


@allow(PUBLIC)
def published_budget_json(request: HttpRequest, area_slug: str, plan_slug: str) -> HttpResponse:
    plan, publications = selectors.published_plan(area_slug=area_slug, plan_slug=plan_slug)
    version = Version.objects.get(pk=publications[0].version_id)
    data = {
        "plan": {
            "title": plan.title,
            "police_area": plan.area.name,
            "version": version.label,
            "period_start": plan.starts_on.isoformat(),
            "period_end": plan.ends_on.isoformat(),
        },
        "fields": dict(BUDGET_FIELDS),
        "lines": budget_rows(list(PlanContent.from_json(version.content).budget)),
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="{plan.area.slug}-{plan.slug}-budget.json"'
    return response


def _published_page(
    request: HttpRequest, publication: Publication, format: str, district: District | None
) -> HttpResponse:
    """A published document's web page: the HTML frozen with its PDF when it was rendered,
    so the page and the PDF beside it never disagree; built again only for a document
    rendered before sources were frozen."""
    version = publication.version
    job = next(
        (
            j
            for j in publication.documents.all()
            if j.format == format and (district is None or j.district_id == district.pk)
        ),
        None,
    )
    if job is not None:
        job.version = version
    frozen = selectors.frozen_page(job)
    if frozen is not None:
        page = {
            "document_title": frozen.title,
            "office": frozen.office,
            "document_web_html": mark_safe(frozen.web_html),  # noqa: S308 - our own HTML, frozen as rendered
        }
    else:
        document = build_document(version=version, format=format, district=district)
        page = {
            "document_title": document.title,
            "office": document.context["office"],
            "document_web_html": mark_safe(document.web_html()),  # noqa: S308 - rendered by our templates
        }
    return render(
        request,
        "publishing/published_document.html",
        {
            **page,
            "web_brand": branding.document_brand(version.plan.area),
            "plan": version.plan,
            "version": version,
            "publication": publication,
            "job": job,
        },
    )


@allow(PUBLIC)
@require_GET
def published_document(request: HttpRequest, area_slug: str, plan_slug: str, number: int, format: str) -> HttpResponse:
    if format not in version_formats(True) or format == Format.DISTRICT:
        raise Http404("No such document")
    publication = selectors.published_version(area_slug=area_slug, plan_slug=plan_slug, number=number)
    # Only the documents it was published with: an earlier publication may have fewer.
    if format not in (Format.FULL, Format.SUMMARY) and not any(j.format == format for j in publication.documents.all()):
        raise Http404("This version was not published in that format")
    return _published_page(request, publication, format, None)


@allow(PUBLIC)
@require_GET
def published_district(
    request: HttpRequest, area_slug: str, plan_slug: str, number: int, district: str
) -> HttpResponse:
    publication = selectors.published_version(area_slug=area_slug, plan_slug=plan_slug, number=number)
    found = get_object_or_404(District, area_id=publication.version.plan.area_id, slug=district)
    return _published_page(request, publication, Format.DISTRICT, found)


def _pdf_response(job: RenderJob, *, public: bool) -> FileResponse:
    try:
        handle = job.output.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file of this document is missing") from error
    response = FileResponse(handle, as_attachment=True, filename=job.download_name, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        # A published file never changes (it is frozen), so caches may keep it; its sha256
        # names its content.
        response["Cache-Control"] = "public, max-age=86400"
        response["ETag"] = f'"{job.sha256}"'
    else:
        response["Cache-Control"] = "private, no-store"
    return response


@allow(PUBLIC)
@require_GET
def published_picture(request: HttpRequest, area_slug: str, plan_slug: str, number: int) -> FileResponse:
    """The published plan on a page as a PNG, for the web and social media."""
    publication = selectors.published_version(area_slug=area_slug, plan_slug=plan_slug, number=number)
    job = next((j for j in publication.documents.all() if j.format == Format.PAGE and j.picture), None)
    if job is None:
        raise Http404("This version has no picture of its plan on a page")
    try:
        handle = job.picture.open("rb")
    except FileNotFoundError as error:
        raise Http404("The picture of this document is missing") from error
    job.version = publication.version
    response = FileResponse(handle, filename=job.download_name.removesuffix(".pdf") + ".png", content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    # Opened on its own, the browser's image viewer styles the picture inline; it runs nothing.
    response["Content-Security-Policy"] = _IMAGE_POLICY
    return response


@allow(PUBLIC)
@require_GET
def published_file(request: HttpRequest, area_slug: str, plan_slug: str, number: int, document: str) -> FileResponse:
    publication = selectors.published_version(area_slug=area_slug, plan_slug=plan_slug, number=number)
    return _pdf_response(selectors.published_job(publication, document), public=True)


# ---------------------------------------------------------------- the Panel: the issued draft as a PDF


@allow(*EDITORS, Role.PANEL)
@require_GET
def review_full_plan(request: AuthenticatedHttpRequest, review_id: int) -> FileResponse:
    """The full plan PDF of the version issued to the Panel, for its members (and staff),
    once it has rendered. Who may read the review may download it (panel.selectors.review_for)."""
    access = review_for(request.user, review_id)
    job = selectors.latest_full_plan(access.review.version)
    if job is None:
        raise Http404("The full plan of this version has not been rendered yet")
    return _pdf_response(job, public=False)


# ---------------------------------------------------------------- consultation outcome reports


@allow(Role.PUBLISHER)
@require_POST
def outcome_publish(request: AuthenticatedHttpRequest, consultation_id: int) -> HttpResponse:
    """The Publisher publishes a consultation's outcome report and queues its PDF."""
    from .outcome import outcome_publish as publish

    consultation = consultation_for_editing(request.user, consultation_id)
    try:
        publish(consultation=consultation, by=request.user)
    except (OutcomeNotReadyError, OutcomeAlreadyPublishedError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Outcome report published. Its PDF is being made.")
    return redirect("consultation:outcome_manage", consultation_id=consultation.pk)


@allow(PUBLIC)
@require_GET
def outcome_pdf(request: HttpRequest, consultation_id: int) -> HttpResponseBase:
    """The published outcome report's PDF; a short page while it is still being made."""
    from .outcome import outcome_pdf_job

    if not OutcomeReport.objects.filter(consultation_id=consultation_id, published_at__isnull=False).exists():
        raise Http404("The outcome of this consultation has not been published")
    job = outcome_pdf_job(consultation_id)
    if job is None:
        pending = render(
            request,
            "publishing/outcome_pdf_pending.html",
            {"outcome_url": reverse("consultation:outcome", kwargs={"consultation_id": consultation_id})},
        )
        pending["Cache-Control"] = "no-store"
        return pending
    return _pdf_response(job, public=True)


# ---------------------------------------------------------------- open data


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _json_file(document: dict[str, Any], filename: str) -> HttpResponse:
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@allow(PUBLIC)
@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    """Every open data file, with its licence and, for JSON, its schema."""
    return render(
        request,
        "publishing/open_data.html",
        {
            "groups": open_data_module.data_files(),
            "licence": open_data_module.LICENCE,
            "schemas": open_data_module.SCHEMAS,
        },
    )


@allow(PUBLIC)
@require_GET
def open_data_schema(request: HttpRequest, name: str) -> HttpResponse:
    if name not in open_data_module.SCHEMAS:
        raise Http404("No such schema")
    response = HttpResponse(
        open_data_module.schema_path(name).read_bytes(), content_type="application/schema+json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _latest_publication(area_slug: str, plan_slug: str) -> Publication:
    _plan, publications = selectors.published_plan(area_slug=area_slug, plan_slug=plan_slug)
    return publications[0]


@allow(PUBLIC)
@require_GET
def open_plan_json(request: HttpRequest, area_slug: str, plan_slug: str) -> HttpResponse:
    publication = _latest_publication(area_slug, plan_slug)
    document = open_data_module.plan_document(publication, base=_base(request))
    return _json_file(document, f"{plan_slug}.json")


@allow(PUBLIC)
@require_GET
def open_plan_objectives(request: HttpRequest, area_slug: str, plan_slug: str) -> HttpResponseBase:
    publication = _latest_publication(area_slug, plan_slug)
    return csv_response(open_data_module.plan_objectives_rows(publication), f"{plan_slug}-priorities.csv", public=True)


@allow(PUBLIC)
@require_GET
def open_plan_grants(request: HttpRequest, area_slug: str, plan_slug: str) -> HttpResponseBase:
    publication = _latest_publication(area_slug, plan_slug)
    return csv_response(open_data_module.plan_grants_rows(publication), f"{plan_slug}-grants.csv", public=True)


def _recommendations(request: HttpRequest, review_id: int) -> dict[str, Any]:
    review = published_review(review_id)
    return open_data_module.recommendations_document(review, base=_base(request))


@allow(PUBLIC)
@require_GET
def open_recommendations_json(request: HttpRequest, review_id: int) -> HttpResponse:
    return _json_file(_recommendations(request, review_id), f"panel-recommendations-{review_id}.json")


@allow(PUBLIC)
@require_GET
def open_recommendations_csv(request: HttpRequest, review_id: int) -> HttpResponseBase:
    rows = open_data_module.recommendations_rows(_recommendations(request, review_id))
    return csv_response(rows, f"panel-recommendations-{review_id}.csv", public=True)


def _outcome(request: HttpRequest, consultation_id: int) -> dict[str, Any]:
    report = (
        OutcomeReport.objects.select_related("consultation__version__plan")
        .filter(consultation_id=consultation_id, published_at__isnull=False)
        .first()
    )
    if report is None:
        raise Http404("The outcome of this consultation has not been published")
    return open_data_module.outcome_document(report.consultation, report, base=_base(request))


@allow(PUBLIC)
@require_GET
def open_outcome_json(request: HttpRequest, consultation_id: int) -> HttpResponse:
    return _json_file(_outcome(request, consultation_id), f"consultation-{consultation_id}-outcome.json")


@allow(PUBLIC)
@require_GET
def open_outcome_csv(request: HttpRequest, consultation_id: int) -> HttpResponseBase:
    rows = open_data_module.outcome_rows(_outcome(request, consultation_id))
    return csv_response(rows, f"consultation-{consultation_id}-outcome.csv", public=True)


# ---------------------------------------------------------------- the brand kit


@allow(Role.PUBLISHER)
@require_http_methods(["GET", "POST"])
@never_cache
def brand_kit(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The Publisher sets the brand of their area's documents and public plan pages."""
    area = user_area(request.user)
    if area is None:
        raise Http404("You are not a member of a police area")
    kit = branding.brand_kit_of(area)
    initial = {
        "primary_colour": kit.primary_colour if kit else branding.DEFAULT_PRIMARY,
        "secondary_colour": kit.secondary_colour if kit else branding.DEFAULT_SECONDARY,
        "logo_alt": kit.logo_alt if kit else "",
        "cover_alt": kit.cover_alt if kit else "",
        "cover_credit": kit.cover_credit if kit else "",
    }
    form = BrandKitForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        has_logo=bool(kit and kit.logo),
        has_cover=bool(kit and kit.cover_image),
    )
    add_revision_field(form, kit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            branding.brand_kit_update(
                area=area,
                by=request.user,
                primary_colour=data["primary_colour"],
                secondary_colour=data["secondary_colour"],
                logo=data["logo"],
                logo_alt=data["logo_alt"],
                remove_logo=data.get("remove_logo", False),
                cover_image=data["cover_image"],
                cover_alt=data["cover_alt"],
                cover_credit=data["cover_credit"],
                remove_cover=data.get("remove_cover", False),
                expected_revision=expected_revision(form),
            )
        except StaleSaveError as stale:
            current = stale.current
            theirs = {
                "primary_colour": current.primary_colour,
                "secondary_colour": current.secondary_colour,
                "logo_alt": current.logo_alt,
                "cover_alt": current.cover_alt,
                "cover_credit": current.cover_credit,
            }
            refuse_stale_save(form, stale, theirs=theirs, what="brand")
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Saved the brand of {area.name}. Documents rendered from now on carry it.")
            return redirect("publishing:brand_kit")
    return render(
        request,
        "publishing/brand_kit.html",
        {"form": form, "area": area, "brand": branding.document_brand(area), "kit": kit},
    )


# A brand image runs nothing, whatever it is: an SVG opened on its own is sandboxed.
_IMAGE_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"
_IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "svg": "image/svg+xml"}


@allow(PUBLIC)
@require_GET
def brand_image(request: HttpRequest, area_slug: str, name: str) -> FileResponse:
    """A logo or cover image of an area's brand (named by its content, so it never changes)."""
    stem, _, extension = name.rpartition(".")
    if extension not in _IMAGE_TYPES or not stem.isalnum():
        raise Http404("No such image")
    area = get_object_or_404(PoliceArea, slug=area_slug)
    path = f"brand/{area.slug}/{name}"
    if not default_storage.exists(path):
        raise Http404("No such image")
    response = FileResponse(default_storage.open(path, "rb"), content_type=_IMAGE_TYPES[extension])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = _IMAGE_POLICY
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@allow(PUBLIC)
@require_GET
def brand_css(request: HttpRequest, area_slug: str) -> HttpResponse:
    """The brand's colours for the public plan pages, as a stylesheet (the pages' policy
    allows no inline style)."""
    area = get_object_or_404(PoliceArea, slug=area_slug)
    brand = branding.document_brand(area)
    css = render_to_string("publishing/brand.css", {"brand": brand})
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
