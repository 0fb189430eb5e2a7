"""The plan's published annual reports, for the plan's public page (publishing's template)."""

from django import template

from plans.models import Plan
from reports.models import AnnualReportPublication

register = template.Library()


@register.simple_tag
def published_annual_reports(plan: Plan) -> list[AnnualReportPublication]:
    return list(
        AnnualReportPublication.objects.filter(report__plan=plan)
        .select_related("report", "version")
        .order_by("report__year_start")
    )
