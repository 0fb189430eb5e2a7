"""The Chief Constable's formal comments on a version: the Force liaison records them,
staff read them beside each version."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pcplan.access import allow
from pcplan.form_views import apply_service_error
from pcplan.roles import EDITORS, Role, roles_of
from pcplan.types import AuthenticatedHttpRequest
from plans.snapshot import PlanContent

from .. import selectors, services
from ..forms import ChiefConstableCommentForm
from ..models import ChiefConstableComment

CONSULTATION_READERS = EDITORS | {Role.FORCE}


@allow(*CONSULTATION_READERS)
def cc_version_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    versions = list(selectors.versions_for_consultation(request.user))
    plans = [(plan, list(items)) for plan, items in groupby(versions, key=lambda v: v.plan)]
    return render(
        request,
        "panel/cc_version_list.html",
        {"plans": plans, "is_force": Role.FORCE in roles_of(request.user)},
    )


def _visible_comments(request: AuthenticatedHttpRequest, version_id: int) -> list[ChiefConstableComment]:
    comments = ChiefConstableComment.objects.filter(version_id=version_id).select_related("recorded_by")
    if not (roles_of(request.user) & EDITORS):
        comments = comments.filter(recorded_by=request.user)
    return list(comments.order_by("recorded_on", "pk"))


@allow(*CONSULTATION_READERS)
def cc_version_detail(request: AuthenticatedHttpRequest, version_id: int) -> HttpResponse:
    version = selectors.version_for_consultation(request.user, version_id)
    return render(
        request,
        "panel/cc_version_detail.html",
        {
            "version": version,
            "content": PlanContent.from_json(version.content),
            "comments": _visible_comments(request, version.pk),
            "is_force": Role.FORCE in roles_of(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@allow(Role.FORCE)
def cc_comment_create(request: AuthenticatedHttpRequest, version_id: int) -> HttpResponse:
    version = selectors.version_for_consultation(request.user, version_id)
    form = ChiefConstableCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.chief_constable_comment_record(
                version=version,
                text=form.cleaned_data["text"],
                recorded_on=form.cleaned_data["recorded_on"],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"The Chief Constable's comments on {version.label} have been recorded.")
            return redirect(reverse("panel:cc_version_detail", kwargs={"version_id": version.pk}) + "#comments")
    return render(request, "panel/cc_comment_form.html", {"form": form, "version": version})
