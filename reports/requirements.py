"""What the Police Reform and Social Responsibility Act 2011 asks of the Commissioner's
annual report (s12), as one declarative list in the style of the plan's
(publishing/requirements.py): each requirement with its key, title, citation and a check
against the records, read by the annual report's compliance page and the
`check_annual_report` command. Publishing the report (s12(6)) is refused until every one
holds.

The report itself (s12(1)) is read from the version checked (or the working draft). The
steps with the Panel (s12(2)-(5), reviewed under s28(4)) are read from the report's review
(`AnnualReportReview`) and hold only for the version that was sent to the Panel.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from pcplan.dates import long_date
from plans.evidence import Evidence
from plans.richtext import html_to_text
from publishing.requirements import OUTCOME_LABELS, OUTCOME_TAGS, Outcome

from .drafting import draft_content
from .models import AnnualReport, AnnualReportReview, AnnualReportVersion

Check = Callable[[AnnualReport, AnnualReportVersion | None, dict[str, Any], str], Evidence]


@dataclass(frozen=True)
class Requirement:
    key: str
    title: str
    citation: str
    # (report, version or None, the content checked, its address) -> Evidence
    check: Check
    group: str = "report"


GROUP_TITLES = {
    "report": "What the report must cover",
    "panel": "What must be done with the Police and Crime Panel",
}


@dataclass(frozen=True)
class RequirementResult:
    requirement: Requirement
    outcome: Outcome
    evidence: Evidence
    number: int

    @property
    def met(self) -> bool:
        return self.outcome != Outcome.NOT_MET

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def tag(self) -> str:
        return OUTCOME_TAGS[self.outcome]

    @property
    def missing(self) -> tuple[str, ...]:
        return () if self.met else (self.evidence.missing or (self.evidence.summary,))


@dataclass(frozen=True)
class Compliance:
    report: AnnualReport
    version: AnnualReportVersion | None
    now: datetime
    results: tuple[RequirementResult, ...]

    @property
    def unmet(self) -> list[RequirementResult]:
        return [r for r in self.results if not r.met]

    @property
    def all_met(self) -> bool:
        return not self.unmet

    @property
    def applicable_count(self) -> int:
        return len(self.results)

    @property
    def groups(self) -> list[tuple[str, list[RequirementResult]]]:
        return [(title, [r for r in self.results if r.requirement.group == key]) for key, title in GROUP_TITLES.items()]


# ---------------------------------------------------------------- checks


def _where(version: AnnualReportVersion | None) -> str:
    return version.label if version is not None else "The working draft"


def functions_covered(
    report: AnnualReport, version: AnnualReportVersion | None, content: dict[str, Any], url: str
) -> Evidence:
    if html_to_text(content.get("functions", "")).strip():
        return Evidence(met=True, summary=f"{_where(version)} sets out the exercise of the functions.", url=url)
    return Evidence(
        met=False,
        summary=f"{_where(version)} has no section on the exercise of the Commissioner's functions.",
        url=url,
        missing=("Write the section on the exercise of the Commissioner's functions in the year",),
    )


def progress_reported(
    report: AnnualReport, version: AnnualReportVersion | None, content: dict[str, Any], url: str
) -> Evidence:
    """Each force-wide priority has something to show for the year: a signed-off reading of
    one of its measures, a deliverable or a quarterly review's note."""
    forcewide = [o for o in content["objectives"] if not o["district"]]
    silent = [
        o["title"]
        for o in forcewide
        if not any(m["readings"] for m in o["measures"])
        and not any(o["deliverables"].values())
        and not o["review_notes"]
    ]
    if not forcewide:
        return Evidence(
            met=False,
            summary=f"{_where(version)} has no priorities to report on.",
            url=url,
            missing=("The plan has no force-wide priorities",),
        )
    if silent:
        return Evidence(
            met=False,
            summary=f"{len(silent)} of {len(forcewide)} priorities have nothing reported for {report.year_label}.",
            url=url,
            missing=tuple(
                f"“{title}”: no signed-off reading, deliverable or quarterly review note for {report.year_label}"
                for title in silent
            ),
        )
    return Evidence(
        met=True, summary=f"{_where(version)} reports progress on all {len(forcewide)} priorities.", url=url
    )


def _review_of(report: AnnualReport) -> AnnualReportReview | None:
    try:
        return report.review
    except AnnualReportReview.DoesNotExist:
        return None


def _panel_step(step: str, done: Callable[[AnnualReportReview], str | None]) -> Check:
    """A step with the Panel: met when the version checked is the one sent to the Panel and
    `done(review)` says when and how the step was done."""

    def check(report: AnnualReport, version: AnnualReportVersion | None, content: dict[str, Any], url: str) -> Evidence:
        review = _review_of(report)
        if review is None or version is None or review.version_id != version.pk:
            sent = f" (the Panel has {review.version.label})" if review is not None else ""
            return Evidence(
                met=False,
                summary=f"{_where(version)} has not been sent to the Panel{sent}.",
                missing=(f"{step} ({_where(version)})",),
            )
        summary = done(review)
        review_url = reverse("reports:review", kwargs={"report_id": report.pk})
        if summary is None:
            return Evidence(met=False, summary="Not recorded yet.", url=review_url, missing=(step,))
        return Evidence(met=True, summary=summary, url=review_url)

    return check


def _sent(review: AnnualReportReview) -> str:
    who = review.sent_by.get_full_name() or review.sent_by.get_username()
    return f"{review.version.label} sent to the Panel on {long_date(review.sent_on)} by {who}."


def _presented(review: AnnualReportReview) -> str | None:
    return f"Presented at the Panel's meeting of {long_date(review.meeting_on)}." if review.meeting_on else None


def _answered(review: AnnualReportReview) -> str | None:
    if not review.panel_report or not review.panel_reported_on or not review.response:
        return None
    return f"The Panel reported on {long_date(review.panel_reported_on)}; the Commissioner's response is recorded."


def _response_published(review: AnnualReportReview) -> str | None:
    if not review.response_published_on:
        return None
    return f"The response was published on {long_date(review.response_published_on)}."


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        key="functions",
        title="The report covers the exercise of the Commissioner's functions in the financial year",
        citation="PRSR Act 2011 s12(1)(a)",
        check=functions_covered,
    ),
    Requirement(
        key="progress",
        title="The report sets out the progress made in meeting each of the plan's objectives",
        citation="PRSR Act 2011 s12(1)(b)",
        check=progress_reported,
    ),
    Requirement(
        key="sent-to-panel",
        title="The report was sent to the Police and Crime Panel as soon as practicable",
        citation="PRSR Act 2011 s12(2)",
        check=_panel_step("Send the report to the Police and Crime Panel", _sent),
        group="panel",
    ),
    Requirement(
        key="presented-to-panel",
        title="The Commissioner presented the report at a public meeting of the Panel and answered questions",
        citation="PRSR Act 2011 s12(3)",
        check=_panel_step("Record the Panel's public meeting at which the report is presented", _presented),
        group="panel",
    ),
    Requirement(
        key="panel-answered",
        title="The Commissioner responded to the Panel's report or recommendations on the annual report",
        citation="PRSR Act 2011 s12(4), s28(4)",
        check=_panel_step("Record the Panel's report and the Commissioner's response to it", _answered),
        group="panel",
    ),
    Requirement(
        key="response-published",
        title="The Commissioner's response to the Panel is published",
        citation="PRSR Act 2011 s12(5)",
        check=_panel_step("Publish the response to the Panel", _response_published),
        group="panel",
    ),
)


def evaluate(
    report: AnnualReport, version: AnnualReportVersion | None = None, *, now: datetime | None = None
) -> Compliance:
    """Every requirement for `version` (None: the working draft)."""
    now = now or timezone.now()
    if version is not None:
        content, url = version.content, version.get_absolute_url()
    else:
        content, url = draft_content(report), report.get_absolute_url()
    # The review as it stands now, read once for the four steps with the Panel.
    review = AnnualReportReview.objects.select_related("version", "sent_by").filter(report=report).first()
    AnnualReport.review.related.set_cached_value(report, review)
    results = []
    for number, requirement in enumerate(REQUIREMENTS, start=1):
        evidence = requirement.check(report, version, content, url)
        outcome = Outcome.MET if evidence.met else Outcome.NOT_MET
        results.append(RequirementResult(requirement, outcome, evidence, number))
    return Compliance(report=report, version=version, now=now, results=tuple(results))
