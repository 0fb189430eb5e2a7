"""Pages of the plans app. Each view checks access (its declared roles, then the plan's
police area), binds a form, calls one service and responds."""

import mimetypes
import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from pcplan.access import RoleRequiredMixin, allow
from pcplan.form_views import ServiceFormMixin, apply_service_error
from pcplan.history import person
from pcplan.revisions import StaleSaveError
from pcplan.roles import EDITORS, PUBLIC, Role, has_role, is_editor
from pcplan.types import AuthenticatedHttpRequest

from . import services
from .calendar import milestones_ics
from .diff import compare_contents, section_diff_html
from .forms import (
    DRAFT,
    AreaForm,
    BudgetLineForm,
    CommitmentForm,
    CompareForm,
    DistrictForm,
    DistrictPictureForm,
    DistrictRemoveForm,
    EasyReadForm,
    GrantForm,
    MilestoneForm,
    MoveForm,
    ObjectiveForm,
    PlanCreateForm,
    PlanEditForm,
    RestoreForm,
    SectionEditForm,
    SectionForm,
    SectionImageForm,
    VersionCutForm,
)
from .history import plan_changes, section_history
from .models import BudgetLine, Commitment, District, Grant, Milestone, Objective, Plan, PoliceArea, Section, Version
from .richtext import IMAGE_FOLDER, image_storage_name, sanitise_html
from .selectors import (
    plan_for_editing,
    plan_for_reading,
    plan_overview,
    plans_visible_to,
    section_of,
    user_area,
    version_of,
    versions_of,
)
from .snapshot import PlanContent, SectionContent, content_from_plan

READERS = EDITORS | {Role.FORCE}


# ---------------------------------------------------------------- building blocks


class PlanEditingMixin(RoleRequiredMixin):
    """Staff and publishers of the plan's own police area: another area's plan is a 403.

    The views built on it declare `request: AuthenticatedHttpRequest` themselves: declared
    here, it would clash with View's own `request` in every view that mixes both in."""

    allowed_roles = EDITORS
    plan: Plan
    can_edit: bool

    def load_plan(self, request: HttpRequest, plan_id: int) -> Plan:
        return plan_for_editing(request.user, plan_id)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.plan = self.load_plan(request, kwargs["plan_id"])
        self.can_edit = is_editor(request.user)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # a mixin: View follows it in the MRO

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # A mixin: ContextMixin follows it in the MRO, hence the ignore.
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.update(plan=self.plan, can_edit=self.can_edit)
        return context


class PlanReadingMixin(PlanEditingMixin):
    """Readers of cut versions: editors, and the Chief Constable's office (force liaison).
    The working draft is not theirs to read: views check `can_edit` before showing it."""

    allowed_roles = READERS

    def load_plan(self, request: HttpRequest, plan_id: int) -> Plan:
        return plan_for_reading(request.user, plan_id)


class PlanFormView(PlanEditingMixin, ServiceFormMixin, FormView):
    """A form page of a plan: the service named by `save` writes; errors it raises are put
    by the fields, and the page is shown again with what was typed; an edit form refuses
    a stale save (pcplan.form_views.ServiceFormMixin)."""

    request: AuthenticatedHttpRequest
    template_name = "plans/form_page.html"
    page_title = ""
    submit_label = "Save"
    intro = ""

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["submit_label"] = self.submit_label
        return kwargs

    def success_url_for(self, obj: Any) -> str:
        return reverse("plans:plan_detail", kwargs={"plan_id": self.plan.pk})

    def back_url(self) -> str:
        return reverse("plans:plan_detail", kwargs={"plan_id": self.plan.pk})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(page_title=self.page_title, intro=self.intro, back_url=self.back_url())
        return context


class ConfirmDeleteView(PlanEditingMixin, TemplateView):
    """GET asks "are you sure?"; POST removes through the service."""

    request: AuthenticatedHttpRequest
    template_name = "plans/confirm_delete.html"
    what = ""

    def get_object(self) -> Any:
        raise ImproperlyConfigured(f"{type(self).__name__} must define get_object().")

    def delete(self, obj: Any) -> None:
        raise ImproperlyConfigured(f"{type(self).__name__} must define delete(obj), calling one service.")

    def back_url(self) -> str:
        return reverse("plans:plan_detail", kwargs={"plan_id": self.plan.pk})

    def done_url(self) -> str:
        return reverse("plans:plan_detail", kwargs={"plan_id": self.plan.pk})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        context.update(obj=obj, what=self.what, name=str(obj), back_url=self.back_url())
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        name = str(obj)
        self.delete(obj)
        messages.success(request, f"Removed the {self.what}: {name}")
        return redirect(self.done_url())


def _initial_from(obj: Model, fields: list[str]) -> dict[str, Any]:
    return {field: getattr(obj, field) for field in fields}


# ---------------------------------------------------------------- plans


class PlanListView(RoleRequiredMixin, ListView):
    allowed_roles = READERS
    template_name = "plans/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self) -> QuerySet[Plan]:
        return plans_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_edit"] = is_editor(self.request.user)
        return context


class PlanCreateView(RoleRequiredMixin, FormView):
    allowed_roles = EDITORS
    request: AuthenticatedHttpRequest
    template_name = "plans/plan_create.html"
    form_class = PlanCreateForm
    area: PoliceArea

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        area = user_area(request.user)
        if area is None:
            raise PermissionDenied("Your account is not linked to a police area.")
        self.area = area
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "area": self.area}

    def get_initial(self) -> dict[str, Any]:
        # The Commissioner in office, as set up for the area; the plan keeps its own copy.
        return {**super().get_initial(), "pcc_name": self.area.pcc_name, "pcc_elected_on": self.area.pcc_elected_on}

    def form_valid(self, form: PlanCreateForm) -> HttpResponse:
        data = form.cleaned_data
        details = {
            "title": data["title"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "pcc_name": data["pcc_name"],
            "pcc_elected_on": data["pcc_elected_on"],
            "vision": data["vision"],
            "by": self.request.user,
        }
        try:
            if data["kind"] == Plan.Kind.NEW:
                plan = services.plan_create_from_template(area=self.area, **details)
            else:
                plan = services.plan_create_successor(predecessor=data["predecessor"], kind=data["kind"], **details)
        except ValidationError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Created {plan.title}. Write its sections, then cut V1 to circulate it.")
        return redirect(plan)


class PlanDetailView(PlanEditingMixin, TemplateView):
    template_name = "plans/plan_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["overview"] = plan_overview(self.plan, today=today)
        context["today"] = today
        return context


class PlanEditView(PlanFormView):
    form_class = PlanEditForm
    page_title = "Change the plan's details"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("submit_label")
        return kwargs

    what = "plan's details"

    def get_record(self) -> Plan:
        return self.plan

    def initial_for(self, record: Plan) -> dict[str, Any]:
        return _initial_from(
            record,
            [
                "title",
                "starts_on",
                "ends_on",
                "stage",
                "pcc_name",
                "pcc_elected_on",
                "vision",
                "population",
                "police_officers",
                "police_staff",
                "area_km2",
                "annual_budget",
            ],
        )

    def save(self, form: PlanEditForm) -> Plan:
        return services.plan_update(
            plan=self.plan, by=self.request.user, expected_revision=self.expected_revision, **form.cleaned_data
        )

    def success_message(self, obj: Plan) -> str:
        return "Saved the plan's details."


class PlanChangesView(PlanEditingMixin, TemplateView):
    template_name = "plans/plan_changes.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["changes"] = plan_changes(self.plan)
        return context


# ---------------------------------------------------------------- sections


class SectionCreateView(PlanFormView):
    form_class = SectionForm
    page_title = "Add a section"
    submit_label = "Add the section"
    template_name = "plans/section_edit.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "area": self.plan.area}

    def save(self, form: SectionForm) -> Section:
        return services.section_create(plan=self.plan, by=self.request.user, **form.cleaned_data)

    def success_message(self, obj: Section) -> str:
        return f"Added the section {obj.title}."

    def success_url_for(self, obj: Section) -> str:
        return obj.get_absolute_url()


class SectionEditView(PlanFormView):
    form_class = SectionEditForm
    page_title = "Edit the section"
    submit_label = "Save the section"
    template_name = "plans/section_edit.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.conflict: dict[str, Any] | None = None
        return super().dispatch(request, *args, **kwargs)

    def get_section(self) -> Section:
        if not hasattr(self, "section"):
            self.section = section_of(self.plan, self.kwargs["section_id"])
        return self.section

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "area": self.plan.area}

    def get_initial(self) -> dict[str, Any]:
        section = self.get_section()
        initial = _initial_from(section, ["title", "body", "covers", "addresses_spr", "in_public_summary", "revision"])
        initial["district"] = section.district_id
        return initial

    what = "section"

    def save(self, form: SectionEditForm) -> Section:
        return services.section_update(
            section=self.get_section(),
            by=self.request.user,
            expected_revision=self.expected_revision,
            **form.cleaned_data,
        )

    def refuse_stale(self, form: Any, stale: StaleSaveError) -> HttpResponse:
        # A section's text is long: both texts and a word-level difference, not a table.
        return self.show_conflict(form, stale.current)

    def show_conflict(self, form: SectionEditForm, theirs: Section) -> HttpResponse:
        """Keep what this person typed, now based on the other person's revision, so saving
        again (after merging) goes through; show both texts and how they differ."""
        data = self.request.POST.copy()
        data["revision"] = str(theirs.revision)
        rebound = self.get_form_class()(**{**self.get_form_kwargs(), "data": data})
        rebound.is_valid()
        yours = form.cleaned_data
        saved_at = timezone.localtime(theirs.updated_at)
        when = date_format(saved_at, "H:i")
        if saved_at.date() != timezone.localdate():
            when = f"{when} on {date_format(saved_at, 'j F Y')}"
        self.section = theirs
        self.conflict = {
            "who": person(theirs.updated_by),
            "when": when,
            "theirs": theirs,
            "yours_title": yours["title"],
            "yours_body": sanitise_html(yours["body"]),
            "diff_html": section_diff_html(
                _section_content(theirs.title, theirs.body), _section_content(yours["title"], yours["body"])
            ),
        }
        return self.render_to_response(self.get_context_data(form=rebound))

    def success_message(self, obj: Section) -> str:
        return f"Saved {obj.title}."

    def success_url_for(self, obj: Section) -> str:
        return reverse("plans:plan_detail", kwargs={"plan_id": self.plan.pk}) + f"#section-{obj.uid}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["section"] = self.get_section()
        context["conflict"] = self.conflict
        if self.conflict:
            context["page_title"] = "Someone else saved this section"
        return context


def _section_content(title: str, body: str) -> SectionContent:
    return SectionContent(
        uid="", title=title, order=0, body=body, covers=(), in_public_summary=False, addresses_spr=False, district=None
    )


class SectionHistoryView(PlanEditingMixin, TemplateView):
    template_name = "plans/section_history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        section = section_of(self.plan, self.kwargs["section_id"])
        before = self.request.GET.get("before", "")
        older_than = int(before) if before.isdigit() and len(before) < 12 else None
        entries, more = section_history(section, before=older_than)
        context.update(section=section, entries=entries, more=more, older_than=older_than)
        return context


class SectionRestoreView(PlanEditingMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedHttpRequest, plan_id: int, section_id: int, history_id: int) -> HttpResponse:
        section = section_of(self.plan, section_id)
        history_url = reverse("plans:section_history", kwargs={"plan_id": plan_id, "section_id": section_id})
        form = RestoreForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Open the history again and choose the state to restore.")
            return redirect(history_url)
        try:
            restored = services.section_restore(
                section=section, by=request.user, history_id=history_id, expected_revision=form.cleaned_data["revision"]
            )
        except services.SectionConflictError as conflict:
            messages.error(
                request,
                f"{person(conflict.current.updated_by)} saved this section since you opened its history. "
                "Check their change below before restoring.",
            )
            return redirect(history_url)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(history_url)
        if restored.revision == section.revision:
            messages.info(request, "The section is already in that state, so nothing changed.")
        else:
            messages.success(request, f"Restored an earlier state of {restored.title} as a new change.")
        return redirect(history_url)


class SectionDeleteView(ConfirmDeleteView):
    what = "section"

    def get_object(self) -> Section:
        return section_of(self.plan, self.kwargs["section_id"])

    def back_url(self) -> str:
        return reverse("plans:section_edit", kwargs={"plan_id": self.plan.pk, "section_id": self.kwargs["section_id"]})

    def delete(self, obj: Section) -> None:
        services.section_delete(section=obj, by=self.request.user)


# ---------------------------------------------------------------- objectives and commitments


def _objective_of(plan: Plan, objective_id: int) -> Objective:
    return get_object_or_404(Objective.objects.select_related("district"), pk=objective_id, plan=plan)


def _commitment_of(plan: Plan, commitment_id: int) -> Commitment:
    return get_object_or_404(Commitment.objects.select_related("objective"), pk=commitment_id, objective__plan=plan)


class SectionImageView(PlanFormView):
    """Upload an image into a section: it goes at the end of the text, with its
    alternative text; staff move it in the editor."""

    form_class = SectionImageForm
    page_title = "Add an image to the section"
    submit_label = "Add the image"
    template_name = "plans/section_image.html"

    def get_section(self) -> Section:
        if not hasattr(self, "section"):
            self.section = section_of(self.plan, self.kwargs["section_id"])
        return self.section

    def get_initial(self) -> dict[str, Any]:
        return {"revision": self.get_section().revision}

    def save(self, form: SectionImageForm) -> Section:
        try:
            return services.section_image_add(
                section=self.get_section(),
                by=self.request.user,
                expected_revision=(
                    self.expected_revision if self.expected_revision is not None else self.get_section().revision
                ),
                data=form.cleaned_data["image"].read(),
                alt=form.cleaned_data["alt"],
                decorative=form.cleaned_data["decorative"],
            )
        except services.SectionConflictError as conflict:
            raise ValidationError(
                f"{person(conflict.current.updated_by)} saved this section since you opened this page: "
                "the image was not added. Upload it again."
            ) from None

    def form_invalid(self, form: Any) -> HttpResponse:
        # A new revision, so uploading again after a conflict goes through.
        form.data = form.data.copy()
        form.data["revision"] = str(section_of(self.plan, self.kwargs["section_id"]).revision)
        return super().form_invalid(form)

    def success_message(self, obj: Section) -> str:
        return "Image added at the end of the section. You can move it in the editor."

    def success_url_for(self, obj: Section) -> str:
        return obj.get_absolute_url()

    def back_url(self) -> str:
        return self.get_section().get_absolute_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "section": self.get_section()}


class ObjectiveCreateView(PlanFormView):
    form_class = ObjectiveForm
    page_title = "Add an objective"
    submit_label = "Add the objective"
    intro = "A police and crime objective (a priority). Add its commitments on the next page."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "area": self.plan.area}

    def save(self, form: ObjectiveForm) -> Objective:
        return services.objective_create(plan=self.plan, by=self.request.user, **form.cleaned_data)

    def success_message(self, obj: Objective) -> str:
        return f"Added the objective {obj.title}."

    def success_url_for(self, obj: Objective) -> str:
        return reverse("plans:objective_edit", kwargs={"plan_id": self.plan.pk, "objective_id": obj.pk})


class ObjectiveEditView(PlanFormView):
    form_class = ObjectiveForm
    page_title = "Edit the objective"
    submit_label = "Save the objective"
    template_name = "plans/objective_edit.html"

    def get_objective(self) -> Objective:
        if not hasattr(self, "objective"):
            self.objective = _objective_of(self.plan, self.kwargs["objective_id"])
        return self.objective

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "area": self.plan.area}

    what = "objective"

    def get_record(self) -> Objective:
        return self.get_objective()

    def record_changed(self, record: Objective) -> None:
        self.objective = record

    def initial_for(self, record: Objective) -> dict[str, Any]:
        return {**_initial_from(record, ["title", "theme", "aim"]), "district": record.district_id}

    def save(self, form: ObjectiveForm) -> Objective:
        return services.objective_update(
            objective=self.get_objective(),
            by=self.request.user,
            expected_revision=self.expected_revision,
            **form.cleaned_data,
        )

    def success_message(self, obj: Objective) -> str:
        return f"Saved the objective {obj.title}."

    def success_url_for(self, obj: Objective) -> str:
        return reverse("plans:objective_edit", kwargs={"plan_id": self.plan.pk, "objective_id": obj.pk})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        objective = self.get_objective()
        context["objective"] = objective
        context["commitments"] = list(objective.commitments.order_by("order", "pk"))
        return context


class ObjectiveEasyReadView(PlanFormView):
    """The Easy Read version of a priority: plain-language text and a picture."""

    form_class = EasyReadForm
    page_title = "Easy Read version"
    submit_label = "Save the Easy Read version"
    template_name = "plans/objective_easy_read.html"

    def get_objective(self) -> Objective:
        if not hasattr(self, "objective"):
            self.objective = _objective_of(self.plan, self.kwargs["objective_id"])
        return self.objective

    what = "Easy Read version"

    def get_record(self) -> Objective:
        return self.get_objective()

    def record_changed(self, record: Objective) -> None:
        self.objective = record

    def initial_for(self, record: Objective) -> dict[str, Any]:
        return {"text": record.easy_read_text, "alt": record.easy_read_alt}

    def save(self, form: EasyReadForm) -> Objective:
        upload = form.cleaned_data["picture"]
        return services.objective_easy_read_set(
            objective=self.get_objective(),
            by=self.request.user,
            text=form.cleaned_data["text"],
            alt=form.cleaned_data["alt"],
            picture=upload.read() if upload else None,
            expected_revision=self.expected_revision,
        )

    def success_message(self, obj: Objective) -> str:
        return f"Saved the Easy Read version of {obj.title}."

    def success_url_for(self, obj: Objective) -> str:
        return reverse("plans:objective_edit", kwargs={"plan_id": self.plan.pk, "objective_id": obj.pk})

    def back_url(self) -> str:
        return self.success_url_for(self.get_objective())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "objective": self.get_objective()}


class ObjectiveDeleteView(ConfirmDeleteView):
    what = "objective"

    def get_object(self) -> Objective:
        return _objective_of(self.plan, self.kwargs["objective_id"])

    def delete(self, obj: Objective) -> None:
        services.objective_delete(objective=obj, by=self.request.user)


class CommitmentCreateView(PlanFormView):
    form_class = CommitmentForm
    page_title = "Add a commitment"
    submit_label = "Add the commitment"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.objective: Objective | None = None
        return super().dispatch(request, *args, **kwargs)

    def get_objective(self) -> Objective:
        if self.objective is None:
            self.objective = _objective_of(self.plan, self.kwargs["objective_id"])
        return self.objective

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["intro"] = f"To the objective: {self.get_objective().title}"
        return context

    def save(self, form: CommitmentForm) -> Commitment:
        return services.commitment_create(objective=self.get_objective(), by=self.request.user, **form.cleaned_data)

    def success_message(self, obj: Commitment) -> str:
        return f"Added the commitment: {obj.get_actor_display()} {obj.text}"

    def back_url(self) -> str:
        return reverse(
            "plans:objective_edit", kwargs={"plan_id": self.plan.pk, "objective_id": self.kwargs["objective_id"]}
        )

    def success_url_for(self, obj: Commitment) -> str:
        return self.back_url() + "#commitments"


class CommitmentEditView(PlanFormView):
    form_class = CommitmentForm
    page_title = "Edit the commitment"
    submit_label = "Save the commitment"

    def get_commitment(self) -> Commitment:
        if not hasattr(self, "commitment"):
            self.commitment = _commitment_of(self.plan, self.kwargs["commitment_id"])
        return self.commitment

    what = "commitment"

    def get_record(self) -> Commitment:
        return self.get_commitment()

    def initial_for(self, record: Commitment) -> dict[str, Any]:
        return _initial_from(record, ["actor", "text"])

    def save(self, form: CommitmentForm) -> Commitment:
        return services.commitment_update(
            commitment=self.get_commitment(),
            by=self.request.user,
            expected_revision=self.expected_revision,
            **form.cleaned_data,
        )

    def success_message(self, obj: Commitment) -> str:
        return "Saved the commitment."

    def back_url(self) -> str:
        objective_id = self.get_commitment().objective_id
        return reverse("plans:objective_edit", kwargs={"plan_id": self.plan.pk, "objective_id": objective_id})

    def success_url_for(self, obj: Commitment) -> str:
        return self.back_url() + "#commitments"


class CommitmentMoveView(PlanEditingMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedHttpRequest, plan_id: int, commitment_id: int) -> HttpResponse:
        commitment = _commitment_of(self.plan, commitment_id)
        form = MoveForm(request.POST)
        if form.is_valid():
            services.commitment_move(commitment=commitment, by=request.user, direction=form.cleaned_data["direction"])
            messages.success(request, f"Moved the commitment {form.cleaned_data['direction']}.")
        url = reverse("plans:objective_edit", kwargs={"plan_id": plan_id, "objective_id": commitment.objective_id})
        return redirect(url + "#commitments")


class CommitmentDeleteView(ConfirmDeleteView):
    what = "commitment"

    def get_object(self) -> Commitment:
        if not hasattr(self, "commitment"):
            self.commitment = _commitment_of(self.plan, self.kwargs["commitment_id"])
        return self.commitment

    def back_url(self) -> str:
        objective_id = self.get_object().objective_id
        return reverse("plans:objective_edit", kwargs={"plan_id": self.plan.pk, "objective_id": objective_id})

    def done_url(self) -> str:
        return self.back_url() + "#commitments"

    def delete(self, obj: Commitment) -> None:
        services.commitment_delete(commitment=obj, by=self.request.user)


# ---------------------------------------------------------------- grants


def _grant_of(plan: Plan, grant_id: int) -> Grant:
    return get_object_or_404(Grant, pk=grant_id, plan=plan)


class GrantCreateView(PlanFormView):
    form_class = GrantForm
    page_title = "Add a crime and disorder reduction grant"
    submit_label = "Add the grant"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "plan": self.plan}

    def save(self, form: GrantForm) -> Grant:
        return services.grant_create(plan=self.plan, by=self.request.user, **form.cleaned_data)

    def success_message(self, obj: Grant) -> str:
        return f"Added the grant to {obj.recipient}."

    def success_url_for(self, obj: Grant) -> str:
        return reverse("plans:plan_detail", kwargs={"plan_id": self.plan.pk}) + "#grants"


class GrantEditView(GrantCreateView):
    page_title = "Edit the grant"
    submit_label = "Save the grant"

    def get_grant(self) -> Grant:
        if not hasattr(self, "grant"):
            self.grant = _grant_of(self.plan, self.kwargs["grant_id"])
        return self.grant

    what = "grant"

    def get_record(self) -> Grant:
        return self.get_grant()

    def initial_for(self, record: Grant) -> dict[str, Any]:
        return {
            **_initial_from(record, ["recipient", "purpose", "amount", "conditions"]),
            "objective": record.objective_id,
            "district": record.district_id,
        }

    def save(self, form: GrantForm) -> Grant:
        return services.grant_update(
            grant=self.get_grant(), by=self.request.user, expected_revision=self.expected_revision, **form.cleaned_data
        )

    def success_message(self, obj: Grant) -> str:
        return f"Saved the grant to {obj.recipient}."


class GrantDeleteView(ConfirmDeleteView):
    what = "grant"

    def get_object(self) -> Grant:
        return _grant_of(self.plan, self.kwargs["grant_id"])

    def delete(self, obj: Grant) -> None:
        services.grant_delete(grant=obj, by=self.request.user)


# ---------------------------------------------------------------- the budget


def _budget_line_of(plan: Plan, line_id: int) -> BudgetLine:
    return get_object_or_404(BudgetLine, pk=line_id, plan=plan)


class BudgetLineCreateView(PlanFormView):
    form_class = BudgetLineForm
    page_title = "Add a line to the budget"
    submit_label = "Add the line"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "plan": self.plan}

    def save(self, form: BudgetLineForm) -> BudgetLine:
        return services.budget_line_create(plan=self.plan, by=self.request.user, **form.cleaned_data)

    def success_message(self, obj: BudgetLine) -> str:
        return f"Added {obj.label} to the {obj.year_label} budget."

    def success_url_for(self, obj: BudgetLine) -> str:
        return reverse("plans:plan_detail", kwargs={"plan_id": self.plan.pk}) + "#budget"


class BudgetLineEditView(BudgetLineCreateView):
    page_title = "Change a line of the budget"
    submit_label = "Save the line"

    def get_line(self) -> BudgetLine:
        if not hasattr(self, "line"):
            self.line = _budget_line_of(self.plan, self.kwargs["line_id"])
        return self.line

    what = "line of the budget"

    def get_record(self) -> BudgetLine:
        return self.get_line()

    def initial_for(self, record: BudgetLine) -> dict[str, Any]:
        return {**_initial_from(record, ["year", "kind", "label", "amount"]), "district": record.district_id}

    def save(self, form: BudgetLineForm) -> BudgetLine:
        return services.budget_line_update(
            line=self.get_line(), by=self.request.user, expected_revision=self.expected_revision, **form.cleaned_data
        )

    def success_message(self, obj: BudgetLine) -> str:
        return f"Saved {obj.label} in the {obj.year_label} budget."


class BudgetLineDeleteView(ConfirmDeleteView):
    what = "line of the budget"

    def get_object(self) -> BudgetLine:
        return _budget_line_of(self.plan, self.kwargs["line_id"])

    def done_url(self) -> str:
        return reverse("plans:plan_detail", kwargs={"plan_id": self.plan.pk}) + "#budget"

    def delete(self, obj: BudgetLine) -> None:
        services.budget_line_delete(line=obj, by=self.request.user)


# ---------------------------------------------------------------- milestones


def _milestone_of(plan: Plan, milestone_id: int) -> Milestone:
    return get_object_or_404(Milestone, pk=milestone_id, plan=plan)


class MilestoneListView(PlanEditingMixin, TemplateView):
    template_name = "plans/milestone_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        milestones = list(
            self.plan.milestones.select_related("completed_by", "owner").order_by("starts_on", "ends_on", "pk")
        )
        context.update(
            milestones=milestones,
            today=today,
            overdue=[m for m in milestones if m.is_overdue(today)],
            calendar_url=self.request.build_absolute_uri(
                reverse("plans:milestone_calendar", kwargs={"plan_id": self.plan.pk, "token": self.plan.calendar_token})
            ),
        )
        return context


class MilestoneTimelineView(MilestoneListView):
    template_name = "plans/milestone_timeline.html"


MILESTONE_FIELDS = [
    "title",
    "starts_on",
    "ends_on",
    "owner_note",
    "phase",
    "status",
    "statutory_step",
    "citation",
    "notes",
]


class MilestoneCreateView(PlanFormView):
    form_class = MilestoneForm
    page_title = "Add a milestone"
    submit_label = "Add the milestone"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "area": self.plan.area}

    def back_url(self) -> str:
        return reverse("plans:milestone_list", kwargs={"plan_id": self.plan.pk})

    def save(self, form: MilestoneForm) -> Milestone:
        return services.milestone_create(plan=self.plan, by=self.request.user, **form.cleaned_data)

    def success_message(self, obj: Milestone) -> str:
        return f"Added the milestone {obj.title}."

    def success_url_for(self, obj: Milestone) -> str:
        return self.back_url() + f"#milestone-{obj.pk}"


class MilestoneEditView(MilestoneCreateView):
    page_title = "Edit the milestone"
    submit_label = "Save the milestone"

    def get_milestone(self) -> Milestone:
        if not hasattr(self, "milestone"):
            self.milestone = _milestone_of(self.plan, self.kwargs["milestone_id"])
        return self.milestone

    what = "milestone"

    def get_record(self) -> Milestone:
        return self.get_milestone()

    def initial_for(self, record: Milestone) -> dict[str, Any]:
        return {**_initial_from(record, MILESTONE_FIELDS), "owner": record.owner_id}

    def save(self, form: MilestoneForm) -> Milestone:
        return services.milestone_update(
            milestone=self.get_milestone(),
            by=self.request.user,
            expected_revision=self.expected_revision,
            **form.cleaned_data,
        )

    def success_message(self, obj: Milestone) -> str:
        return f"Saved the milestone {obj.title}."


@allow(PUBLIC)
def milestone_calendar(request: HttpRequest, plan_id: int, token: str) -> HttpResponse:
    """The plan's milestones as an iCalendar feed. Calendar apps cannot sign in, so the
    secret in the URL is the credential (docs/decisions/0007-plans-calendar-feed.md): a
    wrong or reset token is a 404, whoever asks."""
    plan = Plan.objects.filter(pk=plan_id).select_related("area").first()
    if plan is None or not secrets.compare_digest(plan.calendar_token, token):
        raise Http404("No such calendar")
    milestones = plan.milestones.select_related("owner").order_by("starts_on", "ends_on", "pk")
    response = HttpResponse(milestones_ics(plan, milestones), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{plan.slug}-milestones.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


class CalendarLinkResetView(PlanEditingMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
        services.plan_reset_calendar_token(plan=self.plan, by=request.user)
        messages.success(request, "Made a new calendar link. Calendars subscribed to the old link no longer update.")
        return redirect(reverse("plans:milestone_list", kwargs={"plan_id": plan_id}) + "#calendar")


# ---------------------------------------------------------------- versions


class VersionListView(PlanReadingMixin, TemplateView):
    template_name = "plans/version_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["versions"] = versions_of(self.plan)
        if self.can_edit:
            context["cut_form"] = VersionCutForm()
        return context


class VersionCutView(PlanEditingMixin, FormView):
    request: AuthenticatedHttpRequest
    template_name = "plans/version_cut.html"
    form_class = VersionCutForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["latest"] = next(iter(versions_of(self.plan)), None)
        return context

    def form_valid(self, form: VersionCutForm) -> HttpResponse:
        try:
            version = services.version_cut(plan=self.plan, by=self.request.user, note=form.cleaned_data["note"])
        except services.NothingChangedError as error:
            form.add_error(None, f"{error} Change the working draft first.")
            return self.form_invalid(form)
        messages.success(self.request, f"Cut {version.label}. It cannot be changed: later edits go into the draft.")
        return redirect(version)


class VersionDetailView(PlanReadingMixin, TemplateView):
    template_name = "plans/version_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        version = version_of(self.plan, self.kwargs["number"])
        context.update(
            version=version,
            content=PlanContent.from_json(version.content),
            numbers=[v.number for v in versions_of(self.plan)],
        )
        return context


class VersionCompareView(PlanReadingMixin, TemplateView):
    """Compare two versions, or a version with the working draft (editors only):
    `?from=1&to=2`, `?from=2&to=draft`; without a query, the latest version with the draft
    (for force liaison, the two latest versions). Other apps link here with
    `?from=N&to=M#section-<uid>`, so every part keeps its anchor, changed or not."""

    template_name = "plans/version_compare.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        versions = versions_of(self.plan)
        numbers = [v.number for v in versions]
        query = self.request.GET
        if "from" not in query and "to" not in query:
            default = self._default_pair(numbers)
            query_data = {"from": default[0], "to": default[1]} if default else None
        else:
            query_data = {"from": query.get("from", ""), "to": query.get("to", "")}
        if query_data and query_data["to"] == DRAFT and not self.can_edit:
            raise PermissionDenied("The working draft is for OPCC staff; compare versions that have been cut.")
        form = CompareForm(query_data, numbers=numbers, draft_allowed=self.can_edit)
        context.update(form=form, versions=versions, comparison=None)
        if not numbers or query_data is None or not form.is_valid():
            return context
        from_number, to_value = int(form.cleaned_data["from"]), form.cleaned_data["to"]
        wanted = [from_number] if to_value == DRAFT else [from_number, int(to_value)]
        contents = {
            v.number: PlanContent.from_json(v.content)
            for v in Version.objects.filter(plan=self.plan, number__in=wanted)
        }
        old = contents[from_number]
        new = content_from_plan(self.plan) if to_value == DRAFT else contents[int(to_value)]
        comparison = compare_contents(old, new)
        context.update(
            comparison=comparison,
            from_label=f"V{from_number}",
            to_label="the working draft" if to_value == DRAFT else f"V{to_value}",
        )
        return context

    def _default_pair(self, numbers: list[int]) -> tuple[str, str] | None:
        if not numbers:
            return None
        if self.can_edit:
            return str(numbers[0]), DRAFT
        if len(numbers) < 2:
            return None
        return str(numbers[1]), str(numbers[0])


# ---------------------------------------------------------------- images


@allow(PUBLIC)
def plan_image(request: HttpRequest, name: str) -> FileResponse:
    """An image of a plan's text (from a Word import). Its name is a random uuid, so only
    someone shown the text knows the address; the same image is in every version that
    keeps it, public ones included (docs/decisions/0031-word-import-export.md)."""
    src = f"/{settings.MEDIA_URL.strip('/')}/{IMAGE_FOLDER}{name}"
    storage_name = image_storage_name(src)
    if storage_name is None or not default_storage.exists(storage_name):
        raise Http404("No such image")
    content_type = mimetypes.guess_type(storage_name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(storage_name, "rb"), content_type=content_type)
    # An image never changes under its name: a new one gets a new uuid.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------- the police area and its Districts

AREA_FIELDS = [
    "name",
    "force_name",
    "opcc_name",
    "pcc_name",
    "pcc_elected_on",
    "contact_email",
    "contact_phone",
    "contact_address",
    "website",
]


class AreaMixin(RoleRequiredMixin):
    """The person's own police area: staff read it, the Publisher changes it."""

    allowed_roles = EDITORS
    area: PoliceArea

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        area = user_area(request.user)
        if area is None:
            raise PermissionDenied("Your account is not linked to a police area.")
        self.area = area
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # a mixin: View follows it in the MRO


class AreaDetailView(AreaMixin, TemplateView):
    template_name = "plans/area_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            area=self.area,
            districts=self.area.districts.order_by("name"),
            can_manage=has_role(self.request.user, {Role.PUBLISHER}) or self.request.user.is_superuser,
        )
        return context


class AreaFormView(AreaMixin, ServiceFormMixin, FormView):
    """A form about the area, for the Publisher; `save` calls one service."""

    allowed_roles = frozenset({Role.PUBLISHER})
    request: AuthenticatedHttpRequest
    template_name = "form_page.html"
    page_title = ""
    intro = ""

    def get_page_title(self) -> str:
        return self.page_title

    def success_url_for(self, obj: Any) -> str:
        return reverse("plans:area_detail")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=self.get_page_title(),
            caption=self.area.name,
            intro=self.intro,
            back_url=reverse("plans:area_detail"),
        )
        return context


class AreaEditView(AreaFormView):
    form_class = AreaForm
    page_title = "Change the police area's details"

    what = "police area's details"

    def get_record(self) -> PoliceArea:
        return self.area

    def initial_for(self, record: PoliceArea) -> dict[str, Any]:
        return _initial_from(record, AREA_FIELDS)

    def save(self, form: AreaForm) -> PoliceArea:
        return services.area_update(
            area=self.area, by=self.request.user, expected_revision=self.expected_revision, **form.cleaned_data
        )

    def success_message(self, obj: PoliceArea) -> str:
        return f"Saved the details of {obj.name}."


class DistrictCreateView(AreaFormView):
    form_class = DistrictForm
    page_title = "Add a District"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "submit_label": "Add the District"}

    def save(self, form: DistrictForm) -> District:
        return services.district_create(area=self.area, by=self.request.user, **form.cleaned_data)

    def success_message(self, obj: District) -> str:
        return f"Added {obj.name}."


class DistrictMixin(AreaFormView):
    district: District

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        area = user_area(request.user)
        if area is None:
            raise PermissionDenied("Your account is not linked to a police area.")
        self.district = get_object_or_404(District, pk=kwargs["district_id"], area=area)
        return super().dispatch(request, *args, **kwargs)


class DistrictEditView(DistrictMixin):
    form_class = DistrictForm

    def get_page_title(self) -> str:
        return f"Change {self.district.name}"

    what = "District"

    def get_record(self) -> District:
        return self.district

    def initial_for(self, record: District) -> dict[str, Any]:
        return _initial_from(record, ["name", "contact"])

    def save(self, form: DistrictForm) -> District:
        return services.district_update(
            district=self.district, by=self.request.user, expected_revision=self.expected_revision, **form.cleaned_data
        )

    def success_message(self, obj: District) -> str:
        return f"Saved {obj.name}."


class DistrictPictureView(DistrictMixin):
    form_class = DistrictPictureForm

    def get_page_title(self) -> str:
        return f"A picture for {self.district.name}'s plan"

    what = "District's picture"

    def get_record(self) -> District:
        return self.district

    def record_changed(self, record: District) -> None:
        self.district = record

    def initial_for(self, record: District) -> dict[str, Any]:
        return {"alt": record.picture_alt}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "has_picture": bool(self.district.picture)}

    def save(self, form: DistrictPictureForm) -> District:
        upload = form.cleaned_data["picture"]
        return services.district_picture_set(
            district=self.district,
            by=self.request.user,
            picture=upload.read() if upload else None,
            alt=form.cleaned_data["alt"],
            expected_revision=self.expected_revision,
        )

    def success_message(self, obj: District) -> str:
        return f"Saved the picture for {obj.name}'s plan."


class DistrictRemoveView(DistrictMixin):
    form_class = DistrictRemoveForm
    template_name = "plans/district_remove.html"

    def get_page_title(self) -> str:
        return f"Remove {self.district.name}?"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "district": self.district}

    def save(self, form: DistrictRemoveForm) -> District:
        services.district_remove(district=self.district, by=self.request.user)
        return self.district

    def success_message(self, obj: District) -> str:
        return f"Removed {obj.name}."
