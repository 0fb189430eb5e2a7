"""Filtering and counting a consultation's responses, in the database.

`analyse()` runs a fixed number of aggregate queries however many responses there are,
and draws each breakdown as an SVG chart (pygal) with the same numbers as a table.
"""

import base64
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import pygal
from django.db.models import Count, Q, QuerySet
from pygal.style import Style

from .models import Agreement, Consultation, RespondentType, Response, Theme, VictimAnswer
from .references import is_reference, normalise_reference
from .selectors import Draft

NO_THEME = "none"

# GOV.UK palette; every chart has its numbers in a table beside it, so colour is never
# the only way to read it.
CHART_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    font_family="'Source Sans 3', arial, sans-serif",  # the documents' bundled typeface
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    legend_font_size=13,
    title_font_size=16,
    opacity="1",
    opacity_hover="0.8",
    value_colors=("#0b0c0c",),  # printed at the end of each bar, where a short bar leaves room
    colors=("#1d70b8", "#00703c", "#d4351c", "#f47738", "#4c2c92", "#28a197", "#6f72af", "#b58840"),
)
# Strongly agree ... strongly disagree: dark to light blue, then light to dark red.
AGREEMENT_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    font_family="'Source Sans 3', arial, sans-serif",  # the documents' bundled typeface
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=16,
    opacity="1",
    opacity_hover="0.8",
    colors=("#003078", "#5694ca", "#b1b4b6", "#f499be", "#942514"),
)


def filter_responses(queryset: QuerySet[Response], criteria: dict[str, Any]) -> QuerySet[Response]:
    """Apply the response filters (section, priority, respondent type, District, theme,
    moderation state, victim, words) to a queryset of one consultation's responses."""
    if section := criteria.get("section"):
        queryset = queryset.filter(section_uid=UUID(section))
    if priority := criteria.get("priority"):
        queryset = queryset.filter(objective_uid=UUID(priority))
    if respondent_type := criteria.get("respondent_type"):
        queryset = queryset.filter(respondent_type=respondent_type)
    if district := criteria.get("district"):
        queryset = queryset.filter(district=district)
    if theme := criteria.get("theme"):
        if theme == NO_THEME:
            queryset = queryset.filter(themes__isnull=True)
        else:
            queryset = queryset.filter(
                pk__in=Response.themes.through.objects.filter(theme_id=theme).values("response_id")
            )
    if state := criteria.get("state"):
        queryset = queryset.filter(state=state)
    if victim := criteria.get("victim"):
        queryset = queryset.filter(victim=victim)
    if words := criteria.get("q"):
        reference = normalise_reference(words)
        if is_reference(reference):
            # A respondent quoting their reference (the confirmation page asks them to).
            queryset = queryset.filter(reference=reference)
        else:
            queryset = queryset.filter(Q(text__icontains=words) | Q(redacted_text__icontains=words))
    return queryset


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    rows: list[Row]
    total: int
    note: str = ""
    chart: str = ""

    @property
    def chart_alt(self) -> str:
        parts = "; ".join(f"{row.label}: {row.count:,}" for row in self.rows[:12])
        return f"Bar chart of responses by {self.title.lower()}. {parts}. The table beside it has every figure."


@dataclass(frozen=True)
class AgreementRow:
    priority: str
    counts: list[int]  # in Agreement.Level order: strongly agree first
    answered: int

    @property
    def agree_percent(self) -> float:
        return 100 * (self.counts[0] + self.counts[1]) / self.answered if self.answered else 0.0

    @property
    def disagree_percent(self) -> float:
        return 100 * (self.counts[3] + self.counts[4]) / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class Analysis:
    total: int
    by_state: list[Row]
    victims: list[Row]
    breakdowns: list[Breakdown]
    agreement: list[AgreementRow] = field(default_factory=list)
    agreement_chart: str = ""
    levels: list[str] = field(default_factory=lambda: [level.label for level in Agreement.Level])

    @property
    def victims_count(self) -> int:
        return next((row.count for row in self.victims if row.label == VictimAnswer.YES.label), 0)

    @property
    def agreement_chart_alt(self) -> str:
        parts = "; ".join(f"{row.priority}: {row.agree_percent:.0f}% agree" for row in self.agreement)
        return f"Stacked bar chart of agreement with each priority. {parts}. The table beside it has every figure."


def _rows(counts: list[tuple[str, int]], total: int) -> list[Row]:
    return [Row(label=label, count=count, percent=(100 * count / total) if total else 0.0) for label, count in counts]


def short_label(label: str, limit: int = 38) -> str:
    """Chart labels are cut short (pygal sizes its margin from the full text); the table
    beside every chart has the labels in full."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _svg_data_uri(chart: Any) -> str:
    svg = chart.render(is_unicode=True)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def bar_chart(title: str, rows: list[Row]) -> str:
    """A horizontal bar chart as a data URI, so the same image can go into a PDF."""
    height = max(160, 60 + 34 * len(rows))
    chart = pygal.HorizontalBar(
        js=[],
        disable_xml_declaration=True,
        style=CHART_STYLE,
        width=720,
        height=height,
        show_legend=False,
        print_values=True,
        print_values_position="top",
        # Whole numbers on the value axis, a handful of them: pygal otherwise cuts "1,000"
        # to "10…" and draws a tick every 200.
        truncate_label=-1,
        max_scale=6,
        title=f"Responses by {title.lower()}",
    )
    # pygal draws the first label at the bottom: reverse so the chart reads like the table.
    ordered = list(reversed(rows))
    chart.x_labels = [short_label(row.label) for row in ordered]
    chart.add("Responses", [row.count for row in ordered])
    return _svg_data_uri(chart)


def agreement_chart(rows: list[AgreementRow]) -> str:
    chart = pygal.HorizontalStackedBar(
        js=[],
        disable_xml_declaration=True,
        style=AGREEMENT_STYLE,
        width=720,
        height=max(220, 120 + 50 * len(rows)),
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        truncate_legend=-1,
        title="Agreement with each priority (% of those who answered)",
    )
    ordered = list(reversed(rows))
    chart.x_labels = [short_label(row.priority) for row in ordered]
    for index, level in enumerate(Agreement.Level):
        chart.add(
            level.label,
            [round(100 * row.counts[index] / row.answered, 1) if row.answered else 0 for row in ordered],
        )
    return _svg_data_uri(chart)


def analyse(
    *, consultation: Consultation, draft: Draft, responses: QuerySet[Response], charts: bool = True
) -> Analysis:
    """Counts over the given (filtered) responses: by moderation state, respondent type,
    District, part of the draft, theme and victim answer, and agreement with each priority.
    Eight aggregate queries whatever the number of responses."""
    by_state_counts = dict(responses.order_by().values_list("state").annotate(n=Count("pk")))
    total = sum(by_state_counts.values())
    by_state = _rows([(state.label, by_state_counts.get(state.value, 0)) for state in Response.State], total)
    # Spam is counted above but left out of everything else.
    counted = responses.exclude(state=Response.State.REJECTED)
    counted_total = total - by_state_counts.get(Response.State.REJECTED, 0)

    type_counts = dict(counted.order_by().values_list("respondent_type").annotate(n=Count("pk")))
    by_type = _rows(
        sorted(
            ((t.label, type_counts.get(t.value, 0)) for t in RespondentType),
            key=lambda item: -item[1],
        ),
        counted_total,
    )

    district_counts = list(
        counted.order_by().values_list("district__name").annotate(n=Count("pk")).order_by("-n", "district__name")
    )
    by_district = _rows(
        [(name or "Not given", count) for name, count in district_counts],
        counted_total,
    )

    part_counts = list(
        counted.order_by().values_list("section_uid", "objective_uid").annotate(n=Count("pk")).order_by("-n")
    )
    by_part = _rows(
        [(draft.part_label(section_uid, objective_uid), count) for section_uid, objective_uid, count in part_counts],
        counted_total,
    )

    # One row per (response, theme) pair; the None group is the responses with no theme.
    theme_counts = dict(counted.order_by().values_list("themes__id").annotate(n=Count("pk")))
    untagged = theme_counts.pop(None, 0)
    themes = Theme.objects.filter(consultation=consultation).values_list("pk", "name")
    by_theme = _rows(
        sorted(((name, theme_counts.get(pk, 0)) for pk, name in themes), key=lambda item: (-item[1], item[0]))
        + [("Not yet tagged", untagged)],
        counted_total,
    )

    victim_counts = dict(counted.order_by().values_list("victim").annotate(n=Count("pk")))
    victims = _rows(
        [(answer.label, victim_counts.get(answer.value, 0)) for answer in VictimAnswer]
        + [("Not answered", victim_counts.get("", 0))],
        counted_total,
    )

    agreement_counts: dict[tuple[str, int], int] = {
        (str(uid), level): n
        for uid, level, n in Agreement.objects.filter(response__in=counted.values("pk"))
        .order_by()
        .values_list("objective_uid", "level")
        .annotate(n=Count("pk"))
    }
    agreement = []
    for priority in draft.agreement_priorities:
        counts = [agreement_counts.get((priority.uid, level.value), 0) for level in Agreement.Level]
        agreement.append(AgreementRow(priority=priority.title, counts=counts, answered=sum(counts)))
    if not any(row.answered for row in agreement):
        agreement = []

    breakdowns = [
        Breakdown("theme", "Theme", by_theme, counted_total, note="A response can have more than one theme."),
        Breakdown("part", "Part of the draft", by_part, counted_total),
        Breakdown("respondent_type", "Respondent type", by_type, counted_total),
        Breakdown("district", "District", by_district, counted_total),
    ]
    if charts:
        breakdowns = [
            Breakdown(b.key, b.title, b.rows, b.total, b.note, chart=bar_chart(b.title, b.rows)) for b in breakdowns
        ]
    return Analysis(
        total=total,
        by_state=by_state,
        victims=victims,
        breakdowns=breakdowns,
        agreement=agreement,
        agreement_chart=agreement_chart(agreement) if charts and agreement else "",
    )
