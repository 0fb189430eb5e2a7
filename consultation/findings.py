"""The consultation's findings on a version of a plan, for the Panel's review page
(registered with plans.findings): the analysis in aggregate, never a comment or a name,
and the outcome report once it is published."""

from django.utils import timezone

from plans.findings import Finding
from plans.models import Version

from .analysis import analyse
from .models import Consultation, OutcomeReport
from .selectors import draft_of


def findings_for_version(version: Version) -> list[Finding]:
    """Every consultation on this version of the plan or an earlier one, with its counts;
    one still open says so and shows the counts so far."""
    now = timezone.now()
    consultations = list(
        Consultation.objects.filter(version__plan_id=version.plan_id, version__number__lte=version.number)
        .filter(opens_at__lte=now)
        .select_related("version")
        .defer("version__content")
        .order_by("opens_at", "pk")
    )
    published = set(
        OutcomeReport.objects.filter(consultation__in=consultations, published_at__isnull=False).values_list(
            "consultation_id", flat=True
        )
    )
    findings = []
    for consultation in consultations:
        analysis = analyse(
            consultation=consultation,
            draft=draft_of(consultation),
            responses=consultation.responses.all(),
            charts=False,
        )
        findings.append(
            Finding(
                title=f"What the consultation found: {consultation.title}",
                template_name="consultation/includes/findings.html",
                context={
                    "consultation": consultation,
                    "analysis": analysis,
                    "is_open": consultation.is_open(now),
                    "outcome_published": consultation.pk in published,
                },
            )
        )
    return findings
