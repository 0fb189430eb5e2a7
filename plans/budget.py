"""The plan's budget as a reader sees it: lines grouped by financial year with totals by
part, and a bar chart of the parts, for the plan's page, its documents and open data.

Works on `BudgetLineContent` (a version's snapshot or the working draft alike). The chart
is drawn as SVG with the standard library and embedded as a data URI, like the trend
charts, so the same image serves a page under the Content Security Policy and a PDF.
"""

import base64
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree

from .models import BudgetLine, Plan
from .snapshot import BudgetLineContent, DistrictRef

Kind = BudgetLine.Kind

# The chart's words in the documents' bundled typeface, as the trend charts have them.
CHART_FONT = "'Source Sans 3', arial, sans-serif"
# One colour for money coming in, one for where it goes: labels name every bar, so no
# meaning rests on colour alone. Both meet 3:1 against white (WCAG 1.4.11).
INCOME_COLOUR = "#00703c"
SPENDING_COLOUR = "#1d70b8"


@dataclass(frozen=True)
class KindTotal:
    kind: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class BudgetYear:
    year: int
    label: str
    lines: tuple[BudgetLineContent, ...]
    totals: tuple[KindTotal, ...]

    @property
    def funding(self) -> Decimal:
        return sum((t.amount for t in self.totals if t.kind == Kind.FUNDING), Decimal(0))


@dataclass(frozen=True)
class BudgetChart:
    data_uri: str
    alt: str


@dataclass(frozen=True)
class Budget:
    """The budget of the plan (or of one District): its years, a chart and a caption."""

    years: tuple[BudgetYear, ...]
    district: DistrictRef | None = None

    def __bool__(self) -> bool:
        return bool(self.years)

    @property
    def chart(self) -> BudgetChart | None:
        return budget_chart(self) if self.years else None


def budget_of(lines: list[BudgetLineContent], *, district: DistrictRef | None = None) -> Budget:
    """Lines grouped by year (in the order staff gave them), with each part's total."""
    years: dict[int, list[BudgetLineContent]] = {}
    for line in sorted(lines, key=lambda b: (b.year, list(Kind.values).index(b.kind), b.order)):
        years.setdefault(line.year, []).append(line)
    result = []
    for year, year_lines in years.items():
        totals = []
        for kind in Kind:
            amounts = [b.amount_decimal for b in year_lines if b.kind == kind.value]
            if amounts:
                totals.append(KindTotal(kind.value, kind.label, sum(amounts, Decimal(0))))
        result.append(BudgetYear(year, year_lines[0].year_label, tuple(year_lines), tuple(totals)))
    return Budget(years=tuple(result), district=district)


def draft_budget(plan: Plan) -> Budget:
    """The working draft's budget, for the plan's page."""
    from .snapshot import content_from_plan

    return budget_of(list(content_from_plan(plan).budget))


def money(amount: Decimal) -> str:
    """£163.1m, £412k, £950: short enough for a bar's label."""
    if amount >= 1_000_000:
        return f"£{amount / 1_000_000:,.1f}m"
    if amount >= 10_000:
        return f"£{amount / 1_000:,.0f}k"
    return f"£{amount:,.0f}"


# ---------------------------------------------------------------- the chart

WIDTH = 640
LABEL_WIDTH = 270
BAR_HEIGHT = 18
ROW = 26
YEAR_ROW = 30
VALUE_ROOM = 70


def budget_chart(budget: Budget) -> BudgetChart:
    """A bar per part of the budget, grouped by year, each labelled with its part and
    amount; bars share one scale so years compare."""
    largest = max((t.amount for y in budget.years for t in y.totals), default=Decimal(0)) or Decimal(1)
    height = sum(YEAR_ROW + ROW * len(y.totals) for y in budget.years) + 10
    svg = ElementTree.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(WIDTH),
            "height": str(height),
            "viewBox": f"0 0 {WIDTH} {height}",
            "font-family": CHART_FONT,
            "font-size": "13",
        },
    )
    ElementTree.SubElement(svg, "rect", {"width": str(WIDTH), "height": str(height), "fill": "#ffffff"})
    y = 0
    scale = (WIDTH - LABEL_WIDTH - VALUE_ROOM) / float(largest)
    for year in budget.years:
        heading = ElementTree.SubElement(svg, "text", {"x": "0", "y": str(y + 20), "font-weight": "bold"})
        heading.text = year.label
        y += YEAR_ROW
        for total in year.totals:
            label = ElementTree.SubElement(
                svg, "text", {"x": str(LABEL_WIDTH - 8), "y": str(y + 13), "text-anchor": "end", "fill": "#0b0c0c"}
            )
            label.text = total.label
            width = max(float(total.amount) * scale, 1.0)
            colour = INCOME_COLOUR if total.kind == Kind.FUNDING else SPENDING_COLOUR
            ElementTree.SubElement(
                svg,
                "rect",
                {
                    "x": str(LABEL_WIDTH),
                    "y": str(y),
                    "width": f"{width:.1f}",
                    "height": str(BAR_HEIGHT),
                    "fill": colour,
                },
            )
            value = ElementTree.SubElement(
                svg, "text", {"x": f"{LABEL_WIDTH + width + 6:.1f}", "y": str(y + 13), "fill": "#0b0c0c"}
            )
            value.text = money(total.amount)
            y += ROW
    encoded = base64.b64encode(ElementTree.tostring(svg, encoding="unicode").encode()).decode("ascii")
    return BudgetChart(data_uri=f"data:image/svg+xml;base64,{encoded}", alt=_alt(budget))


def _alt(budget: Budget) -> str:
    where = f"{budget.district.name}'s budget" if budget.district else "The budget"
    years = "; ".join(
        f"{year.label}: " + ", ".join(f"{t.label} {money(t.amount)}" for t in year.totals) for year in budget.years
    )
    return f"{where} by part, a bar chart. {years}. The table gives every line."


# ---------------------------------------------------------------- open data

BUDGET_FIELDS: list[tuple[str, str]] = [
    ("financial_year", "The financial year, April to March, for example 2016-17."),
    ("part", "The part of the budget: " + ", ".join(f"“{k.value}” ({k.label.lower()})" for k in Kind) + "."),
    ("line", "What the line is, for example “Police grant from the Home Office”."),
    (
        "district",
        "The District the line is for; empty for the whole police area. A District's line breaks down a part of "
        "the whole area's budget: it is not added to it.",
    ),
    ("amount_gbp", "The amount in pounds sterling."),
]


def budget_rows(lines: list[BudgetLineContent]) -> list[dict[str, str]]:
    """One row per line, in the plan's order, with the fields of BUDGET_FIELDS."""
    return [
        {
            "financial_year": line.year_label,
            "part": line.kind,
            "line": line.label,
            "district": line.district.name if line.district else "",
            "amount_gbp": str(line.amount_decimal),
        }
        for year in budget_of(lines).years
        for line in year.lines
    ]
