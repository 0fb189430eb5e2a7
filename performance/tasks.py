"""Background work for performance: drawing a published plan's trend charts into the cache
after its readings change, so the first visitor to its public page does not wait for
sixty charts to be drawn."""

from celery import shared_task

from plans.models import Plan

from .services import charts_warm


@shared_task(name="performance.charts_warm", ignore_result=True, acks_late=True)
def charts_warm_task(plan_id: int) -> int:
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        return 0
    return charts_warm(plan=plan)
