"""Annual report pages for staff: each financial year of a published plan, the working
draft drafted from the year's records, the Commissioner's sections, versions and their
comparison. Editors write; the Chief Constable's office reads."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcplan.access import allow
from pcplan.form_views import expected_revision, form_values, refuse_stale_save
from pcplan.forms import add_revision_field
from pcplan.revisions import StaleSaveError
from pcplan.roles import EDITORS, PUBLIC, Role, has_role, is_editor, roles_of
from pcplan.types import AuthenticatedHttpRequest
from performance.models import Reading
from plans.models import Plan
from plans.selectors import plan_for_editing, plan_for_reading

from . import services
from .compare import compare
from .drafting import draft_content, financial_years, with_statuses
from .forms import CutForm, MeetingForm, PanelReportForm, ResponseForm, SectionsForm, SendForm
from .models import AnnualReport, AnnualReportPublication, AnnualReportReview, AnnualReportVersion, financial_year_label
from .requirements import evaluate

READERS = EDITORS | {Role.FORCE}


def _report(request: AuthenticatedHttpRequest, report_id: int, *, editing: bool = False) -> AnnualReport:
    report = get_object_or_404(AnnualReport.objects.select_related("plan__area"), pk=report_id)
    # The plan's own rule: its area's people, editors to change it.
    (plan_for_editing if editing else plan_for_reading)(request.user, report.plan_id)
    return report


def _context(request: HttpRequest, report: AnnualReport, **extra: Any) -> dict[str, Any]:
    return {
        "report": report,
        "plan": report.plan,
        "can_edit": is_editor(request.user),
        "can_publish": has_role(request.user, {Role.PUBLISHER}),
        **extra,
    }


@allow(*READERS)
@require_http_methods(["GET", "POST"])
def plan_reports(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """Each financial year of the plan, with its report or a button to draft it."""
    plan = plan_for_reading(request.user, plan_id)
    if request.method == "POST":
        plan = plan_for_editing(request.user, plan_id)
        starts = {y.isoformat(): y for y in financial_years(plan.starts_on, plan.ends_on)}
        year = starts.get(request.POST.get("year", ""))
        if year is None:
            messages.error(request, "Choose a financial year of the plan's period.")
            return redirect("reports:plan_reports", plan_id=plan.pk)
        try:
            report = services.annual_report_create(plan=plan, year_start=year, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reports:plan_reports", plan_id=plan.pk)
        messages.success(request, f"{report.title} drafted from the year's records.")
        return redirect(report.get_absolute_url())
    reports = {r.year_start: r for r in AnnualReport.objects.filter(plan=plan)}
    years = [
        (year, financial_year_label(year), reports.get(year)) for year in financial_years(plan.starts_on, plan.ends_on)
    ]
    return render(
        request,
        "reports/plan_reports.html",
        {
            "plan": plan,
            "years": years,
            "can_edit": is_editor(request.user),
            "is_published": plan.stage == Plan.Stage.PUBLISHED,
        },
    )


@allow(*READERS)
def detail(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id)
    versions = list(report.versions.select_related("cut_by").defer("content").order_by("-number"))
    return render(
        request,
        "reports/detail.html",
        _context(
            request,
            report,
            content=with_statuses(draft_content(report)),
            versions=versions,
            form=CutForm(),
            unsigned=Reading.objects.filter(
                measure__plan=report.plan,
                approved_at__isnull=True,
                quarter_start__gte=report.year_start,
                quarter_start__lte=report.year_end,
            ).count(),
        ),
    )


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id, editing=True)
    initial = {"foreword": report.foreword, "functions": report.functions, "finances": report.finances}
    form = SectionsForm(request.POST if request.method == "POST" else None, initial=initial)
    add_revision_field(form, report)
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_sections_update(
                report=report, by=request.user, expected_revision=expected_revision(form), **form_values(form)
            )
        except StaleSaveError as stale:
            now = stale.current
            theirs = {"foreword": now.foreword, "functions": now.functions, "finances": now.finances}
            refuse_stale_save(form, stale, theirs=theirs, what="annual report")
        else:
            messages.success(request, "The Commissioner's sections are saved.")
            return redirect(report.get_absolute_url())
    return render(request, "reports/edit.html", _context(request, report, form=form))


@allow(*EDITORS)
@require_POST
def version_cut(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id, editing=True)
    form = CutForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(report.get_absolute_url())
    try:
        version = services.annual_report_version_cut(report=report, by=request.user, note=form.cleaned_data["note"])
    except services.NothingChangedError as error:
        messages.error(request, str(error))
        return redirect(report.get_absolute_url())
    messages.success(request, f"{version.label} of the {report.title.lower()} cut.")
    return redirect(version.get_absolute_url())


def _version(report: AnnualReport, number: int) -> AnnualReportVersion:
    version = report.versions.select_related("cut_by").filter(number=number).first()
    if version is None:
        raise Http404("No such version")
    return version


@allow(*READERS)
def version_detail(request: AuthenticatedHttpRequest, report_id: int, number: int) -> HttpResponse:
    report = _report(request, report_id)
    version = _version(report, number)
    return render(
        request,
        "reports/version_detail.html",
        _context(request, report, version=version, content=with_statuses(dict(version.content))),
    )


@allow(*READERS)
def version_compare(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    """Two versions side by side, word by word: ?from=1&to=2 (default the two latest)."""
    report = _report(request, report_id)
    numbers = list(report.versions.order_by("number").values_list("number", flat=True))
    if len(numbers) < 2:
        return render(request, "reports/compare.html", _context(request, report, changes=None, numbers=numbers))
    wanted = [_number(request.GET.get("from"), numbers[-2]), _number(request.GET.get("to"), numbers[-1])]
    if any(n not in numbers for n in wanted) or wanted[0] == wanted[1]:
        wanted = numbers[-2:]
    old, new = (_version(report, n) for n in wanted)
    return render(
        request,
        "reports/compare.html",
        _context(request, report, old=old, new=new, numbers=numbers, changes=compare(old.content, new.content)),
    )


@allow(*READERS, Role.PANEL)
def version_pdf(request: AuthenticatedHttpRequest, report_id: int, number: int) -> FileResponse:
    """The version as a tagged PDF, for staff to read and check before it goes out, and for
    the Panel once that version is sent to it: rendered on the first request, then served
    from storage."""
    report = _report(request, report_id)
    version = _version(report, number)
    if not has_role(request.user, READERS):
        _panel_may_see(report, version)
    stored = services.version_pdf(version=version)
    name = f"{report.plan.slug}-annual-report-{report.year_in_names}-{version.label.lower()}.pdf"
    response = FileResponse(stored.pdf.open("rb"), as_attachment=False, filename=name, content_type="application/pdf")
    # Drafts for staff and the Panel: never kept by a shared cache.
    response["Cache-Control"] = "private, no-cache"
    return response


@allow(*READERS)
def compliance(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    """Section 12's requirements for a version (?version=N; default the latest, or the
    working draft when none is cut)."""
    report = _report(request, report_id)
    versions = list(report.versions.defer("content").order_by("number"))
    wanted = _number(request.GET.get("version"), versions[-1].number if versions else 0)
    version = next((v for v in versions if v.number == wanted), versions[-1] if versions else None)
    if version is not None:
        version = _version(report, version.number)
    return render(
        request,
        "reports/compliance.html",
        _context(
            request,
            report,
            version=version,
            versions=versions,
            compliance=evaluate(report, version),
            publication=AnnualReportPublication.objects.filter(report=report).select_related("version").first(),
        ),
    )


def _number(value: str | None, default: int) -> int:
    try:
        return int((value or "").lstrip("Vv"))
    except ValueError:
        return default


# ---------------------------------------------------------------- the Panel (s12(2)-(5))

PANEL_PAGE = EDITORS | {Role.PANEL}


def _review_of(report: AnnualReport) -> AnnualReportReview | None:
    return (
        AnnualReportReview.objects.select_related("version", "sent_by", "panel_reported_by")
        .filter(report=report)
        .first()
    )


def _panel_may_see(report: AnnualReport, version: AnnualReportVersion | None = None) -> None:
    """The Panel sees a report once it is sent to it, and only the version sent."""
    review = AnnualReportReview.objects.filter(report=report).only("version_id").first()
    if review is None or (version is not None and review.version_id != version.pk):
        raise Http404("This report has not been sent to the Panel")


def _review_page(
    request: AuthenticatedHttpRequest, report: AnnualReport, status: int = 200, **forms: Any
) -> HttpResponse:
    review = _review_of(report)
    versions = list(report.versions.defer("content").order_by("number"))
    defaults: dict[str, Any] = {
        "send_form": SendForm(versions=versions),
        "meeting_form": MeetingForm(),
        "panel_form": PanelReportForm(),
        "response_form": ResponseForm(initial={"response": review.response} if review else None),
    }
    defaults.update(forms)
    return render(
        request,
        "reports/review.html",
        _context(
            request,
            report,
            review=review,
            versions=versions,
            is_panel=Role.PANEL in roles_of(request.user),
            publication=AnnualReportPublication.objects.filter(report=report).select_related("version").first(),
            **defaults,
        ),
        status=status,
    )


def _step(
    request: AuthenticatedHttpRequest,
    report: AnnualReport,
    form_name: str,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("reports:review", report_id=report.pk)
    return _review_page(request, report, status=400, **{form_name: form})


@allow(*PANEL_PAGE)
@require_GET
def review(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    """The report's passage through the Panel: sent, presented, the Panel's report, the
    Commissioner's response and its publication. Staff record each step; a Panel member
    records the Panel's report."""
    report = _report(request, report_id)
    if not is_editor(request.user):
        _panel_may_see(report)
    return _review_page(request, report)


@allow(*EDITORS)
@require_POST
def send(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id, editing=True)
    versions = list(report.versions.defer("content").order_by("number"))
    form = SendForm(request.POST, versions=versions)

    def save(data: dict[str, Any]) -> object:
        version = _version(report, data["version"])
        return services.send_to_panel(
            version=version, sent_on=data["sent_on"], meeting_on=data.get("panel_meeting_on"), by=request.user
        )

    return _step(
        request,
        report,
        "send_form",
        form,
        save,
        "The report is recorded as sent to the Panel. Each member of the Panel is being e-mailed a link to it.",
    )


@allow(*EDITORS)
@require_POST
def meeting(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id, editing=True)
    return _step(
        request,
        report,
        "meeting_form",
        MeetingForm(request.POST),
        lambda data: services.record_meeting(report=report, meeting_on=data["meeting_on"], by=request.user),
        "The Panel's meeting date is saved.",
    )


@allow(*PANEL_PAGE)
@require_POST
def panel_report(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id)
    if not is_editor(request.user):
        _panel_may_see(report)
    return _step(
        request,
        report,
        "panel_form",
        PanelReportForm(request.POST),
        lambda data: services.record_panel_report(
            report=report, text=data["panel_report"], reported_on=data["reported_on"], by=request.user
        ),
        "The Panel's report is recorded.",
    )


@allow(*EDITORS)
@require_POST
def response(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id, editing=True)
    return _step(
        request,
        report,
        "response_form",
        ResponseForm(request.POST),
        lambda data: services.record_response(report=report, text=data["response"], by=request.user),
        "The Commissioner's response is saved. Publish it when it is final.",
    )


@allow(*EDITORS)
@require_POST
def response_publish(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id, editing=True)
    try:
        services.publish_response(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The Commissioner's response is published.")
    return redirect("reports:review", report_id=report.pk)


# ---------------------------------------------------------------- publication (s12(6))


@allow(Role.PUBLISHER)
@require_POST
def publish(request: AuthenticatedHttpRequest, report_id: int, number: int) -> HttpResponse:
    """Publish a version once every s12 requirement holds; refused with what is missing."""
    report = _report(request, report_id, editing=True)
    version = _version(report, number)
    try:
        publication = services.publish(version=version, by=request.user)
    except services.GateClosedError as error:
        versions = list(report.versions.defer("content").order_by("number"))
        return render(
            request,
            "reports/compliance.html",
            _context(
                request,
                report,
                version=version,
                versions=versions,
                compliance=evaluate(report, version),
                refused=error.missing,
            ),
            status=409,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:compliance", report_id=report.pk)
    messages.success(request, f"The {report.title.lower()} ({version.label}) is published.")
    return redirect(publication.get_absolute_url())


def _publication(report_id: int) -> AnnualReportPublication:
    publication = (
        AnnualReportPublication.objects.select_related("report__plan__area", "version", "report__review")
        .filter(report_id=report_id)
        .first()
    )
    if publication is None:
        raise Http404("This annual report is not published")
    return publication


@allow(PUBLIC)
@require_GET
def public(request: HttpRequest, report_id: int) -> HttpResponse:
    """The published annual report as a web page, built from the published version's content
    (HTML first, as GOV.UK asks), its PDF as published, the Panel's report on it and the
    Commissioner's published response."""
    publication = _publication(report_id)
    report = publication.report
    review = getattr(report, "review", None)
    try:
        pdf_size: int | None = publication.pdf.size
    except FileNotFoundError:
        pdf_size = None
    return render(
        request,
        "reports/public.html",
        {
            "publication": publication,
            "report": report,
            "plan": report.plan,
            # The version as published, never the live records: the page and the PDF agree.
            "content": with_statuses(dict(publication.version.content)),
            "pdf_size": pdf_size,
            "review": review if review is not None and review.response_published_on else None,
        },
    )


@allow(PUBLIC)
@require_GET
def public_pdf(request: HttpRequest, report_id: int) -> FileResponse:
    publication = _publication(report_id)
    try:
        handle = publication.pdf.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file of this report is missing") from error
    report = publication.report
    name = f"{report.plan.slug}-annual-report-{report.year_in_names}.pdf"
    response = FileResponse(handle, as_attachment=False, filename=name, content_type="application/pdf")
    response["Cache-Control"] = "public, max-age=86400"
    response["ETag"] = f'"{publication.sha256}"'
    return response
