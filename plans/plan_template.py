"""The template a new plan starts from: the structure of Appendix 2 and the timeline of
Appendix 1 of the Avon and Somerset draft project plan v0.4 (docs/sources.md).

Both are typed out in `plans/data/`. The timeline's dates are those of the 2016-21 plan,
whose period starts on 5 May 2016 (the PCC election); a new plan keeps each milestone's
distance from its own start date.
"""

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from .models import STATUTORY_STEP_CITATIONS, Milestone, StatutoryStep

DATA_DIR = Path(__file__).resolve().parent / "data"
TEMPLATE_STARTS_ON = date(2016, 5, 5)

# Which statutory step each Appendix 1 milestone is, by the start of its title. The seed
# names the duty in words; these codes let services elsewhere mark the step done.
MILESTONE_STEPS: dict[str, StatutoryStep] = {
    "Consultation with Chief Constable on high-level priorities": StatutoryStep.CONSULT_CHIEF_CONSTABLE,
    "Consultation with stakeholders, public and workforce": StatutoryStep.OBTAIN_VIEWS,
    "Draft V1 developed": StatutoryStep.PREPARE_DRAFT,
    "Draft V1 e-mailed to Police and Crime Panel": StatutoryStep.SEND_TO_PANEL,
    "Panel has the opportunity to present recommendations": StatutoryStep.PANEL_REPORT,
    "Paper deadline, Police and Crime Panel: review of draft plan": StatutoryStep.SEND_TO_PANEL,
    "Police and Crime Panel reviews draft plan": StatutoryStep.PANEL_REVIEW,
    "Consultation with Chief Constable on any variation": StatutoryStep.CONSULT_CHIEF_CONSTABLE,
    "Preparation of response to Police and Crime Panel": StatutoryStep.RESPOND_TO_PANEL,
    "Finalise and publish web copy of the plan": StatutoryStep.PUBLISH_PLAN,
}


@dataclass(frozen=True)
class TemplateSection:
    key: str
    title: str
    guidance: str
    covers: tuple[str, ...]
    in_public_summary: bool
    addresses_spr: bool


@dataclass(frozen=True)
class TemplateMilestone:
    title: str
    starts_on: date
    ends_on: date
    phase: int
    statutory_step: str
    citation: str


def statutory_step_for(title: str) -> StatutoryStep | None:
    return next((step for prefix, step in MILESTONE_STEPS.items() if title.startswith(prefix)), None)


@cache
def template_sections() -> tuple[TemplateSection, ...]:
    data = json.loads((DATA_DIR / "plan_structure.json").read_text())
    return tuple(
        TemplateSection(
            key=item["key"],
            title=item["short_title"],
            guidance=item["title"],
            covers=tuple(item["covers"]),
            in_public_summary=item["in_public_summary"],
            addresses_spr=item.get("addresses_spr", False),
        )
        for item in data["sections"]
    )


@cache
def _milestone_items() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads((DATA_DIR / "milestones_2016_21.json").read_text())["milestones"])


def template_milestones(starts_on: date) -> list[TemplateMilestone]:
    """Appendix 1's timeline, moved so it keeps its distance from the plan's start."""
    shift = starts_on - TEMPLATE_STARTS_ON
    milestones = []
    for item in _milestone_items():
        title = str(item["title"])
        step = statutory_step_for(title)
        phase = Milestone.Phase.REVIEW if item["phase"] == "review" else int(item["phase"])
        citation = str(item["statutory"] or "") or (STATUTORY_STEP_CITATIONS[step] if step else "")
        milestones.append(
            TemplateMilestone(
                title=title,
                starts_on=date.fromisoformat(str(item["start"])) + shift,
                ends_on=date.fromisoformat(str(item["end"])) + shift,
                phase=phase,
                statutory_step=step.value if step else "",
                citation=citation,
            )
        )
    return milestones
