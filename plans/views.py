from django.views.generic import ListView

from pcplan.access import RoleRequiredMixin
from pcplan.roles import EDITORS, Role

from .selectors import plans_visible_to


class PlanListView(RoleRequiredMixin, ListView):
    allowed_roles = EDITORS | {Role.FORCE}
    template_name = "plans/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return plans_visible_to(self.request.user)
