"""Pages of the Word import and export. Each view checks access, binds a form, calls one
service and responds, like the rest of the plans app."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views import View
from django.views.generic import FormView

from pcplan.access import RoleRequiredMixin
from pcplan.form_views import apply_service_error
from pcplan.history import person
from pcplan.roles import EDITORS
from pcplan.types import AuthenticatedHttpRequest

from .. import services
from ..models import Plan, PoliceArea, WordImport
from ..selectors import plan_for_editing, user_area, version_of
from ..snapshot import PlanContent, content_from_plan
from ..views import PlanEditingMixin, PlanReadingMixin
from .forms import ImportMappingForm, NewPlanUploadForm, WordUploadForm
from .writing import DOCX_CONTENT_TYPE, plan_docx

# ---------------------------------------------------------------- export


def docx_response(content: PlanContent, *, label: str, filename: str) -> HttpResponse:
    """A plan's content as a Word document to download; the Panel's pages use it too."""
    data = plan_docx(content, label=label, opcc_name=settings.PCPLAN_OPCC_NAME)
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class VersionWordView(PlanReadingMixin, View):
    """A cut version as a Word document: for Panel papers and committee systems."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        version = version_of(self.plan, kwargs["number"])
        cut = date_format(timezone.localtime(version.cut_at), "j F Y")
        return docx_response(
            PlanContent.from_json(version.content),
            label=f"{version.label}, cut on {cut}",
            filename=f"{self.plan.slug}-{version.label}.docx",
        )


class DraftWordView(PlanEditingMixin, View):
    """The working draft as a Word document, as it stands now."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        today = timezone.localdate()
        return docx_response(
            content_from_plan(self.plan),
            label=f"the working draft on {date_format(today, 'j F Y')}, not a cut version",
            filename=f"{self.plan.slug}-working-draft-{today:%Y-%m-%d}.docx",
        )


# ---------------------------------------------------------------- import


class _WordUpload(FormView):
    """The upload page: the document is converted and kept, then the preview opens."""

    request: AuthenticatedHttpRequest
    template_name = "plans/word_import_upload.html"
    form_class: type[WordUploadForm] = WordUploadForm

    def area(self) -> PoliceArea:
        raise NotImplementedError

    def target_plan(self) -> Plan | None:
        raise NotImplementedError

    def form_valid(self, form: WordUploadForm) -> HttpResponse:
        document = form.cleaned_data["document"]
        new_plan = form.new_plan if isinstance(form, NewPlanUploadForm) else None
        try:
            word_import = services.word_import_prepare(
                area=self.area(),
                plan=self.target_plan(),
                by=self.request.user,
                file_name=document.name or "",
                data=document.read(),
                new_plan=new_plan,
            )
        except ValidationError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        return redirect(reverse("plans:word_import_preview", kwargs={"import_id": word_import.pk}))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["new_plan"] = self.target_plan() is None
        return context


class WordUploadView(PlanEditingMixin, _WordUpload):
    """Upload a Word document to import into the working draft of a plan."""

    def area(self) -> PoliceArea:
        return self.plan.area

    def target_plan(self) -> Plan | None:
        return self.plan


class NewPlanWordUploadView(RoleRequiredMixin, _WordUpload):
    """Upload a Word document to make a new plan of it."""

    allowed_roles = EDITORS
    form_class = NewPlanUploadForm
    user_area: PoliceArea

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        area = user_area(request.user)
        if area is None:
            raise PermissionDenied("Your account is not linked to a police area.")
        self.user_area = area
        return super().dispatch(request, *args, **kwargs)

    def area(self) -> PoliceArea:
        return self.user_area

    def target_plan(self) -> Plan | None:
        return None


class WordImportPreviewView(RoleRequiredMixin, FormView):
    """The converted document, part by part, with where each part goes; saving writes it
    into the plan. Nothing of the plan has changed before then."""

    allowed_roles = EDITORS
    request: AuthenticatedHttpRequest
    template_name = "plans/word_import_preview.html"
    form_class = ImportMappingForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        word_import = WordImport.objects.select_related("plan", "area").filter(pk=kwargs["import_id"]).first()
        if word_import is None:
            raise Http404("No such import")
        if word_import.plan_id is not None:
            plan_for_editing(request.user, word_import.plan_id)
        elif user_area(request.user) != word_import.area or not request.user.is_authenticated:
            raise PermissionDenied("This document was uploaded for another police area.")
        self.word_import = word_import
        self.conflict: dict[str, Any] | None = None
        if word_import.is_applied and word_import.plan is not None:
            messages.info(request, f"{word_import.file_name} has already been imported.")
            return redirect(word_import.plan)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        self.targets = services.word_import_targets(self.word_import)
        return {**super().get_form_kwargs(), "word_import": self.word_import, "targets": self.targets}

    def form_valid(self, form: ImportMappingForm) -> HttpResponse:
        try:
            plan = services.word_import_apply(
                word_import=self.word_import,
                by=self.request.user,
                mapping=form.mapping,
                image_alts=form.image_alts,
                expected_revisions=form.cleaned_data["revisions"],
            )
        except services.SectionConflictError as conflict:
            return self.show_conflict(conflict.current)
        except ValidationError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        kept = sum(1 for part in form.mapping if part.target != services.word_imports.LEAVE_OUT)
        messages.success(
            self.request,
            f"Imported {kept} part{'s' if kept != 1 else ''} of {self.word_import.file_name} into the working draft "
            f"of {plan.title}. Check each section, then cut a version to circulate it.",
        )
        return redirect(plan)

    def show_conflict(self, theirs: Any) -> HttpResponse:
        """Keep every choice made, now based on the sections as they are, and say whose
        change came first: importing again then goes through, over their change."""
        data = self.request.POST.copy()
        targets = services.word_import_targets(self.word_import)
        data["revisions"] = ",".join(f"{t.section.pk}:{t.section.revision}" for t in targets if t.section)
        form = self.get_form_class()(**{**self.get_form_kwargs(), "data": data})
        form.is_valid()
        saved_at = timezone.localtime(theirs.updated_at)
        self.conflict = {
            "who": person(theirs.updated_by),
            "when": date_format(saved_at, "j F Y, H:i"),
            "section": theirs,
        }
        form.add_error(
            None,
            f"{person(theirs.updated_by)} saved the section {theirs.title} after this preview was opened, so nothing "
            "was imported. Check their change, then import again: the document's text replaces it.",
        )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        word_import = self.word_import
        context.update(
            word_import=word_import,
            parts=word_import.sections,
            images=word_import.images,
            plan=word_import.plan,
            conflict=self.conflict,
            back_url=reverse("plans:plan_detail", kwargs={"plan_id": word_import.plan_id})
            if word_import.plan_id
            else reverse("plans:plan_list"),
        )
        return context
