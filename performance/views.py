"""Performance pages. Staff (editors) manage measures, readings, reviews and deliverables;
force liaison may read the staff pages (the Chief Constable reports to the PCC on
performance) but not change them; the Panel has no staff pages here. The public sees each
published plan's performance page and its data files.
"""

from contextlib import suppress
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from pcplan.access import allow
from pcplan.form_views import apply_service_error, expected_revision, refuse_stale_save
from pcplan.forms import add_revision_field
from pcplan.revisions import StaleSaveError
from pcplan.roles import EDITORS, PUBLIC, Role, is_editor, roles_of
from pcplan.types import AuthenticatedHttpRequest
from plans.models import Plan
from plans.selectors import plan_for_editing, plan_for_reading, plans_visible_to

from . import selectors, services
from .forms import DeliverableForm, MeasureForm, ReadingForm, ReadingsImportForm, ReviewForm
from .models import Deliverable, DistrictReading, Measure, QuarterlyReview, Reading
from .public_data import CSV_FIELDS, READING_FIELDS, performance_csv, performance_json
from .quarters import Quarter
from .readings_csv import MAX_LISTED_PROBLEMS, template_csv
from .status import MAINTAIN_TOLERANCE_MAX, TRANSFORMATION_FROM

READERS = EDITORS | {Role.FORCE}
# Who may sign off a reading: OPCC staff and the Force's own people (the Chief Constable's
# office), never the person who entered it (the service checks that).
SIGNERS = EDITORS | {Role.FORCE}


def _posted(request: HttpRequest) -> Any:
    """The posted data, or None for a GET: an empty POST must still be validated."""
    return request.POST if request.method == "POST" else None


def _plan_context(request: HttpRequest, plan: Plan, **extra: Any) -> dict[str, Any]:
    return {"plan": plan, "can_edit": is_editor(request.user), **extra}


# ---------------------------------------------------------------- public


@allow(PUBLIC)
def index(request: HttpRequest) -> HttpResponse:
    own_plans: list[Plan] = []
    if roles_of(request.user) & READERS:
        own_plans = list(plans_visible_to(request.user))
    return render(
        request,
        "performance/index.html",
        {"published": list(selectors.published_plans()), "own_plans": own_plans},
    )


@allow(PUBLIC)
def public_plan(request: HttpRequest, area_slug: str, plan_slug: str) -> HttpResponse:
    plan = selectors.published_plan(area_slug=area_slug, plan_slug=plan_slug)
    groups = selectors.performance_overview(plan, charts=True)
    return render(
        request,
        "performance/public_plan.html",
        {
            "plan": plan,
            "groups": groups,
            "counts": selectors.status_counts(groups),
            "csv_fields": CSV_FIELDS,
            "reading_fields": READING_FIELDS,
            "tolerance_max": MAINTAIN_TOLERANCE_MAX,
            "transformation_from": TRANSFORMATION_FROM,
        },
    )


def _download_name(plan: Plan, extension: str) -> str:
    return f"{plan.area.slug}-{plan.slug}-performance.{extension}"


@allow(PUBLIC)
def public_csv(request: HttpRequest, area_slug: str, plan_slug: str) -> HttpResponse:
    plan = selectors.published_plan(area_slug=area_slug, plan_slug=plan_slug)
    body = performance_csv(plan, selectors.performance_overview(plan))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(plan, "csv")}"'
    return response


@allow(PUBLIC)
def public_json(request: HttpRequest, area_slug: str, plan_slug: str) -> HttpResponse:
    plan = selectors.published_plan(area_slug=area_slug, plan_slug=plan_slug)
    page = request.build_absolute_uri(
        reverse("performance:public_plan", kwargs={"area_slug": area_slug, "plan_slug": plan_slug})
    )
    data = performance_json(plan, selectors.performance_overview(plan), page_url=page)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="{_download_name(plan, "json")}"'
    return response


# ---------------------------------------------------------------- dashboard and measures


@allow(*READERS)
def dashboard(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for_reading(request.user, plan_id)
    groups = selectors.performance_overview(plan, include_drafts=True)
    return render(
        request,
        "performance/dashboard.html",
        _plan_context(
            request,
            plan,
            groups=groups,
            drafts=selectors.readings_to_sign_off(plan).count() + selectors.district_readings_to_sign_off(plan).count(),
            counts=selectors.status_counts(groups),
            measure_count=sum(len(g.measures) for g in groups),
            is_published=plan.stage == Plan.Stage.PUBLISHED,
        ),
    )


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def measure_create(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    form = MeasureForm(
        _posted(request),
        plan=plan,
        instance=Measure(plan=plan),
        initial={"reference": services.next_reference(plan), "objective": request.GET.get("objective")},
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            measure = services.measure_create(plan=plan, data=data, by=request.user)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Measure {measure.reference} added: {measure.name}.")
            return redirect(measure.get_absolute_url())
    return render(request, "performance/measure_form.html", _plan_context(request, plan, form=form, measure=None))


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def measure_edit(request: AuthenticatedHttpRequest, plan_id: int, measure_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    measure = get_object_or_404(Measure, pk=measure_id, plan=plan)
    form = MeasureForm(_posted(request), plan=plan, instance=measure)
    add_revision_field(form, measure)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            measure = services.measure_update(
                measure=measure, data=data, by=request.user, expected_revision=expected_revision(form)
            )
        except StaleSaveError as stale:
            refuse_stale_save(form, stale, theirs=model_to_dict(stale.current, form.Meta.fields), what="measure")
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Measure {measure.reference} saved.")
            return redirect(measure.get_absolute_url())
    return render(request, "performance/measure_form.html", _plan_context(request, plan, form=form, measure=measure))


@allow(*READERS)
def measure_detail(request: AuthenticatedHttpRequest, plan_id: int, measure_id: int) -> HttpResponse:
    plan = plan_for_reading(request.user, plan_id)
    measure = get_object_or_404(Measure.objects.select_related("objective__district"), pk=measure_id, plan=plan)
    readings = {r.quarter_start: r for r in measure.readings.select_related("entered_by", "approved_by")}
    summary = selectors.measure_summary(measure, include_drafts=True)
    rows = [(point, readings[point.quarter.start]) for point in reversed(summary.readings)]
    district_readings = measure.district_readings.select_related("district", "entered_by", "approved_by").order_by(
        "district__name", "-quarter_start"
    )
    return render(
        request,
        "performance/measure_detail.html",
        _plan_context(
            request,
            plan,
            measure=measure,
            summary=summary,
            rows=rows,
            can_sign_off=_can_sign_off(request),
            district_readings=list(district_readings),
        ),
    )


def _can_sign_off(request: HttpRequest) -> bool:
    return bool(roles_of(request.user) & SIGNERS)


# ---------------------------------------------------------------- readings


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def reading_create(request: AuthenticatedHttpRequest, plan_id: int, measure_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    measure = get_object_or_404(Measure.objects.select_related("plan"), pk=measure_id, plan=plan)
    form = ReadingForm(_posted(request), measure=measure)
    if request.method == "POST" and form.is_valid():
        try:
            services.reading_record(
                measure=measure,
                quarter=form.cleaned_data["quarter"],
                value=form.cleaned_data["value"],
                commentary=form.cleaned_data["commentary"],
                outlier_note=form.cleaned_data["outlier_note"],
                district=form.cleaned_data["district"],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_error(form, error, {"quarter_start": "quarter"})
        else:
            district = form.cleaned_data["district"]
            if district is not None:
                messages.success(
                    request,
                    f"Reading in {district.name} for {form.cleaned_data['quarter'].label} saved as a draft. It goes "
                    "into the District's plan and the open data once someone else signs it off.",
                )
            else:
                messages.success(
                    request,
                    f"Reading for {form.cleaned_data['quarter'].label} saved as a draft. It goes public once someone "
                    "else signs it off.",
                )
            return redirect(measure.get_absolute_url())
    return render(
        request, "performance/reading_form.html", _plan_context(request, plan, form=form, measure=measure, reading=None)
    )


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def district_reading_delete(
    request: AuthenticatedHttpRequest, plan_id: int, measure_id: int, reading_id: int
) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    reading = get_object_or_404(
        DistrictReading.objects.select_related("measure__plan", "district"),
        pk=reading_id,
        measure_id=measure_id,
        measure__plan=plan,
    )
    measure = reading.measure
    label = f"the {reading.district.name} reading for {reading.quarter.label}"
    if request.method == "POST":
        services.district_reading_delete(reading=reading, by=request.user)
        messages.success(request, f"Removed {label}.")
        return redirect(measure.get_absolute_url())
    return render(
        request,
        "performance/reading_delete.html",
        _plan_context(request, plan, measure=measure, reading=reading, reading_label=label),
    )


def _reading(plan: Plan, measure_id: int, reading_id: int) -> Reading:
    return get_object_or_404(
        Reading.objects.select_related("measure__plan"), pk=reading_id, measure_id=measure_id, measure__plan=plan
    )


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def reading_edit(request: AuthenticatedHttpRequest, plan_id: int, measure_id: int, reading_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    reading = _reading(plan, measure_id, reading_id)
    measure = reading.measure
    initial = {
        "quarter": reading.quarter.label,
        "value": reading.value,
        "commentary": reading.commentary,
        "outlier_note": reading.outlier_note,
    }
    form = ReadingForm(_posted(request), measure=measure, editing=True, initial=initial)
    add_revision_field(form, reading)
    if request.method == "POST" and form.is_valid():
        try:
            services.reading_update(
                reading=reading,
                value=form.cleaned_data["value"],
                commentary=form.cleaned_data["commentary"],
                outlier_note=form.cleaned_data["outlier_note"],
                by=request.user,
                expected_revision=expected_revision(form),
            )
        except StaleSaveError as stale:
            now = stale.current
            theirs = {
                "quarter": now.quarter.label,
                "value": now.value,
                "commentary": now.commentary,
                "outlier_note": now.outlier_note,
            }
            refuse_stale_save(form, stale, theirs=theirs, what="reading")
        except ValidationError as error:
            apply_service_error(form, error, {"quarter_start": "quarter"})
        else:
            messages.success(request, f"Reading for {reading.quarter.label} saved as a draft, to be signed off.")
            return redirect(measure.get_absolute_url())
    return render(
        request,
        "performance/reading_form.html",
        _plan_context(request, plan, form=form, measure=measure, reading=reading),
    )


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def reading_delete(request: AuthenticatedHttpRequest, plan_id: int, measure_id: int, reading_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    reading = _reading(plan, measure_id, reading_id)
    measure = reading.measure
    if request.method == "POST":
        label = reading.quarter.label
        services.reading_delete(reading=reading, by=request.user)
        messages.success(request, f"Reading for {label} removed.")
        return redirect(measure.get_absolute_url())
    return render(
        request, "performance/reading_delete.html", _plan_context(request, plan, measure=measure, reading=reading)
    )


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def readings_import(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    form = ReadingsImportForm(_posted(request), request.FILES if request.method == "POST" else None)
    refused = None
    if request.method == "POST" and form.is_valid():
        try:
            summary = services.readings_import(plan=plan, data=form.cleaned_data["file"].read(), by=request.user)
        except services.ReadingsImportError as error:
            refused = error.result
            if refused.file_problem:
                form.add_error("file", refused.file_problem)
            else:
                count = len(refused.problems)
                form.add_error(
                    "file",
                    f"The file was not imported: {count} row{'s' if count != 1 else ''} "
                    f"{'have' if count != 1 else 'has'} problems. Fix {'them' if count != 1 else 'it'} and "
                    "upload the file again.",
                )
        else:
            quarters = ", ".join(summary.quarters)
            messages.success(
                request,
                f"{summary.created} reading{'s' if summary.created != 1 else ''} imported for {quarters}, as "
                "drafts: they go public once someone else signs them off.",
            )
            return redirect("performance:sign_off", plan_id=plan.pk)
    problems = refused.problems if refused else []
    return render(
        request,
        "performance/readings_import.html",
        _plan_context(
            request,
            plan,
            form=form,
            problems=problems[:MAX_LISTED_PROBLEMS],
            unlisted=max(len(problems) - MAX_LISTED_PROBLEMS, 0),
            template_quarter=selectors.next_reporting_quarter(plan),
            quarters=selectors.reportable_quarters(plan),
        ),
    )


@allow(*EDITORS)
def readings_template(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    quarter = selectors.next_reporting_quarter(plan)
    requested = request.GET.get("quarter")
    if requested:
        with suppress(ValueError):
            quarter = Quarter.parse(requested)
    body = template_csv(plan.measures.order_by("order", "reference", "pk"), quarter)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    filename = f"{plan.slug}-readings-{quarter.label.replace(' ', '-')}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@allow(*SIGNERS)
@require_http_methods(["GET", "POST"])
def sign_off(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """The plan's draft readings; a POST signs off one (`reading`) or every one listed that
    the signer did not enter (`all`)."""
    plan = plan_for_reading(request.user, plan_id)
    if request.method == "POST":
        if "district_reading" in request.POST:
            own = get_object_or_404(
                DistrictReading.objects.select_related("measure", "district"),
                pk=_int(request.POST.get("district_reading")),
                measure__plan=plan,
            )
            try:
                services.district_reading_approve(reading=own, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, f"{own.measure.reference} in {own.district.name} for {own.quarter.label} signed off."
                )
            if request.POST.get("back") == "measure":
                return redirect(own.measure.get_absolute_url())
        elif "reading" in request.POST:
            reading = get_object_or_404(
                Reading.objects.select_related("measure"),
                pk=_int(request.POST.get("reading")),
                measure__plan=plan,
            )
            try:
                services.reading_approve(reading=reading, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"{reading.measure.reference} {reading.quarter.label} signed off.")
            # From the measure's page, back to it; never to an address taken from the request.
            if request.POST.get("back") == "measure":
                return redirect(reading.measure.get_absolute_url())
        else:
            count = services.readings_approve(plan=plan, by=request.user)
            messages.success(request, f"{count} reading{'s' if count != 1 else ''} signed off.")
        return redirect("performance:sign_off", plan_id=plan.pk)
    drafts = list(selectors.readings_to_sign_off(plan))
    district_drafts = list(selectors.district_readings_to_sign_off(plan))
    return render(
        request,
        "performance/sign_off.html",
        _plan_context(
            request,
            plan,
            drafts=drafts,
            district_drafts=district_drafts,
            others=sum(1 for r in drafts if r.entered_by_id != request.user.pk)
            + sum(1 for d in district_drafts if d.entered_by_id != request.user.pk),
        ),
    )


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


# ---------------------------------------------------------------- quarterly reviews


@allow(*READERS)
def review_list(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for_reading(request.user, plan_id)
    return render(
        request,
        "performance/review_list.html",
        _plan_context(
            request,
            plan,
            reviews=list(selectors.reviews_for(plan)),
            milestones=list(selectors.review_milestones(plan)),
            today=timezone.localdate(),
        ),
    )


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def review_create(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    form = ReviewForm(_posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_record(
                plan=plan,
                held_on=form.cleaned_data["held_on"],
                summary=form.cleaned_data["summary"],
                narratives=form.narratives(),
                by=request.user,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Quarterly review for {review.title_month} recorded.")
            return redirect(review.get_absolute_url())
    return render(request, "performance/review_form.html", _plan_context(request, plan, form=form, review=None))


@allow(*READERS)
def review_detail(request: AuthenticatedHttpRequest, plan_id: int, review_id: int) -> HttpResponse:
    plan = plan_for_reading(request.user, plan_id)
    review = get_object_or_404(QuarterlyReview.objects.select_related("created_by"), pk=review_id, plan=plan)
    return render(
        request,
        "performance/review_detail.html",
        _plan_context(request, plan, review=review, snapshot_rows=selectors.snapshot_rows(review)),
    )


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def review_edit(request: AuthenticatedHttpRequest, plan_id: int, review_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    review = get_object_or_404(QuarterlyReview, pk=review_id, plan=plan)
    initial = {"summary": review.summary, **ReviewForm.initial_for(review.narratives)}
    form = ReviewForm(_posted(request), plan=plan, editing=True, initial=initial)
    add_revision_field(form, review)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_update(
                review=review,
                summary=form.cleaned_data["summary"],
                narratives=form.narratives(),
                by=request.user,
                expected_revision=expected_revision(form),
            )
        except StaleSaveError as stale:
            now = stale.current
            theirs = {"summary": now.summary, **ReviewForm.initial_for(now.narratives)}
            refuse_stale_save(form, stale, theirs=theirs, what="quarterly review")
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Quarterly review for {review.title_month} saved.")
            return redirect(review.get_absolute_url())
    return render(request, "performance/review_form.html", _plan_context(request, plan, form=form, review=review))


# ---------------------------------------------------------------- deliverables


@allow(*READERS)
def deliverable_list(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for_reading(request.user, plan_id)
    return render(
        request,
        "performance/deliverable_list.html",
        _plan_context(request, plan, groups=selectors.deliverable_groups(plan)),
    )


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def deliverable_create(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    form = DeliverableForm(_posted(request), plan=plan, instance=Deliverable(plan=plan))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.deliverable_create(plan=plan, data=data, by=request.user)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Deliverable added.")
            return redirect("performance:deliverable_list", plan_id=plan.pk)
    return render(
        request, "performance/deliverable_form.html", _plan_context(request, plan, form=form, deliverable=None)
    )


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def deliverable_edit(request: AuthenticatedHttpRequest, plan_id: int, deliverable_id: int) -> HttpResponse:
    plan = plan_for_editing(request.user, plan_id)
    deliverable = get_object_or_404(Deliverable, pk=deliverable_id, plan=plan)
    form = DeliverableForm(_posted(request), plan=plan, instance=deliverable)
    add_revision_field(form, deliverable)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.deliverable_update(
                deliverable=deliverable, data=data, by=request.user, expected_revision=expected_revision(form)
            )
        except StaleSaveError as stale:
            theirs = model_to_dict(stale.current, form.Meta.fields)
            refuse_stale_save(form, stale, theirs=theirs, what="deliverable")
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Deliverable saved.")
            return redirect("performance:deliverable_list", plan_id=plan.pk)
    return render(
        request, "performance/deliverable_form.html", _plan_context(request, plan, form=form, deliverable=deliverable)
    )
