"""The outcome report of a consultation ("you said, we did"), read for a page or a PDF.

Counts come from `analyse()` (a fixed number of aggregate queries); the words are staff's;
each change a theme or a comment led to is drawn in place with its word diff. Nothing here
holds a respondent's name, e-mail or words: the report is aggregates, staff's writing and
reference numbers.
"""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from plans.changes import ChangeDiffs

from .analysis import Analysis, Breakdown, analyse
from .models import ChangeLink, Consultation, OutcomeReport, Response
from .selectors import draft_of


@dataclass(frozen=True)
class LinkedChange:
    pk: int
    version_label: str
    kind_label: str
    title: str
    diff_html: SafeString | None

    @property
    def anchor(self) -> str:
        return f"change-{self.pk}"


@dataclass(frozen=True)
class ThemeOutcome:
    pk: int
    name: str
    count: int
    percent: float
    people_said: str
    we_did: str
    changes: list[LinkedChange] = field(default_factory=list)


@dataclass(frozen=True)
class CommentChange:
    reference: str
    part: str
    change: LinkedChange


@dataclass(frozen=True)
class Outcome:
    consultation: Consultation
    report: OutcomeReport | None
    analysis: Analysis
    themes: list[ThemeOutcome]
    comment_changes: list[CommentChange]

    @property
    def counted(self) -> int:
        """Responses counted: every response but those rejected as spam."""
        rejected = next((row.count for row in self.analysis.by_state if row.label == Response.State.REJECTED.label), 0)
        return self.analysis.total - rejected

    @property
    def breakdowns(self) -> list[Breakdown]:
        """Who took part: by respondent type and by District."""
        return [b for b in self.analysis.breakdowns if b.key in ("respondent_type", "district")]

    @property
    def changes_count(self) -> int:
        return sum(len(t.changes) for t in self.themes) + len(self.comment_changes)


def outcome_of(consultation: Consultation, *, charts: bool = True) -> Outcome:
    """Everything the outcome report shows, in a fixed number of queries."""
    draft = draft_of(consultation)
    report = OutcomeReport.objects.filter(consultation=consultation).first()
    analysis = analyse(consultation=consultation, draft=draft, responses=consultation.responses.all(), charts=charts)
    theme_rows = next(b for b in analysis.breakdowns if b.key == "theme").rows
    counts = {row.label: row for row in theme_rows}

    links = list(
        ChangeLink.objects.filter(consultation=consultation)
        .select_related("version", "response")
        .order_by("version__number", "title", "pk")
    )
    diffs = ChangeDiffs(consultation.version).load({link.version_id for link in links})
    kind_labels = dict(ChangeLink.Kind.choices)

    def linked(link: ChangeLink) -> LinkedChange:
        return LinkedChange(
            pk=link.pk,
            version_label=link.version.label,
            kind_label=kind_labels[link.kind],
            title=link.title,
            diff_html=diffs.diff(link.version_id, link.kind, link.uid),
        )

    by_theme: dict[int, list[LinkedChange]] = {}
    comment_changes = []
    for link in links:
        if link.theme_id is not None:
            by_theme.setdefault(link.theme_id, []).append(linked(link))
        elif link.response is not None:
            response = link.response
            comment_changes.append(
                CommentChange(
                    reference=response.reference,
                    part=draft.part_label(response.section_uid, response.objective_uid),
                    change=linked(link),
                )
            )

    themes = []
    for theme in consultation.themes.order_by("name"):
        row = counts.get(theme.name)
        themes.append(
            ThemeOutcome(
                pk=theme.pk,
                name=theme.name,
                count=row.count if row else 0,
                percent=row.percent if row else 0.0,
                people_said=theme.people_said,
                we_did=theme.we_did,
                changes=by_theme.get(theme.pk, []),
            )
        )
    themes.sort(key=lambda t: (-t.count, t.name))
    return Outcome(
        consultation=consultation,
        report=report,
        analysis=analysis,
        themes=themes,
        comment_changes=comment_changes,
    )


def changes_of_response(response: Response) -> list[LinkedChange]:
    """The changes one comment is linked to, each with its word diff (the staff response page)."""
    links = list(response.change_links.select_related("version").order_by("version__number", "title", "pk"))
    if not links:
        return []
    diffs = ChangeDiffs(response.consultation.version).load({link.version_id for link in links})
    kind_labels = dict(ChangeLink.Kind.choices)
    return [
        LinkedChange(
            pk=link.pk,
            version_label=link.version.label,
            kind_label=kind_labels[link.kind],
            title=link.title,
            diff_html=diffs.diff(link.version_id, link.kind, link.uid),
        )
        for link in links
    ]
