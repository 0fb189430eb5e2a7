"""Public pages of the service as a whole (home, accessibility, privacy), and the staff
pages that render a version's documents, show their progress and hand out the files."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from pcplan.access import allow
from pcplan.roles import EDITORS, PUBLIC, ROLE_DESCRIPTIONS, roles_of
from plans.models import District, Version

from . import selectors, services
from .documents import Format, build_document
from .models import RenderJob

# Without JavaScript, the documents page reloads itself this often while renders run.
REFRESH_SECONDS = 5


@allow(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    return render(
        request,
        "publishing/home.html",
        {"role_descriptions": [(role, ROLE_DESCRIPTIONS[role]) for role in sorted(roles)]},
    )


@allow(PUBLIC)
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/accessibility.html")


@allow(PUBLIC)
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/privacy.html")


# ---------------------------------------------------------------- staff: documents


@allow(*EDITORS)
@require_GET
def document_index(request: HttpRequest) -> HttpResponse:
    plans = selectors.plans_for_documents(request.user)
    return render(request, "publishing/document_index.html", {"plans": plans})


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
def version_documents(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
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
        },
    )


@allow(*EDITORS)
@require_GET
@never_cache
def version_documents_status(request: HttpRequest, plan_id: int, number: int) -> JsonResponse:
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
def render_all(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    version = selectors.version_for_editing(request.user, plan_id, number)
    jobs = services.render_all_request(version=version, by=request.user)
    if jobs:
        count = len(jobs)
        messages.success(request, f"{count} document{'s' if count != 1 else ''} of {version.label} queued to render.")
    else:
        messages.info(request, f"Every document of {version.label} is already queued or rendering.")
    return redirect("publishing:version_documents", plan_id=version.plan_id, number=version.number)


@allow(*EDITORS)
@require_POST
def job_retry(request: HttpRequest, job_id: int) -> HttpResponse:
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
def job_download(request: HttpRequest, job_id: int) -> FileResponse:
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
        {**document.context, "document": document, "plan": version.plan, "version": version},
    )


@allow(*EDITORS)
@require_GET
def document_preview(request: HttpRequest, plan_id: int, number: int, format: str) -> HttpResponse:
    if format not in (Format.FULL, Format.SUMMARY):
        raise Http404("No such document")
    version = selectors.version_for_editing(request.user, plan_id, number)
    return _preview(request, version, format, None)


@allow(*EDITORS)
@require_GET
def district_preview(request: HttpRequest, plan_id: int, number: int, district: str) -> HttpResponse:
    version = selectors.version_for_editing(request.user, plan_id, number)
    found = get_object_or_404(District, area_id=version.plan.area_id, slug=district)
    return _preview(request, version, Format.DISTRICT, found)
