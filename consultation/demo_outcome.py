"""The outcome report of the demo's 2016 consultation: what people said on each theme and
what the Commissioner did, with the themes that led to changes linked to the sections and
priority changed in draft V2. The words follow the demo's own comments, the changes of
V2 (plans.demo_content.V2_CHANGES) and the Commissioner's responses to the Panel
(panel.demo.RESPONSES); the counts are computed from the responses, never written here.
"""

from datetime import datetime
from typing import Any

from plans.changes import later_changes

from .models import ChangeLink, Consultation, OutcomeReport, Theme
from .services import change_link_add, outcome_save, theme_outcome_save

SUMMARY = (
    "<p>From 24 June to 12 August 2016 the Commissioner asked people across Avon and Somerset what they "
    "thought of draft V1 of the Police and Crime Plan 2016-21, online and at public meetings in every "
    "District. Thank you to everyone who took part.</p>"
    "<p>Most people agreed with the four priorities, and most strongly with protecting the most vulnerable "
    "from harm and strengthening local policing teams. What you told us changed the plan: the foreword now "
    "says how the consultation shaped it, the priority on the most vulnerable now promises better "
    "signposting and referral for victims, and the section on legitimacy now commits to publishing the "
    "findings of the scrutiny panels every quarter and to a more representative workforce.</p>"
)

# Theme: (what people said, what we did, the parts of V2 it led to: (kind, title)).
THEMES: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "Visible local policing": (
        "<p>The most common theme. You told us you rarely see an officer on foot, that PCSOs cover areas "
        "that are too big, and that neighbourhood teams must not be cut to make savings.</p>",
        "<p>The plan keeps strengthening local policing teams as one of its four priorities, and the "
        "Commissioner will report the neighbourhood strength of every District to the Police and Crime "
        "Panel each year.</p>",
        [("section", "Foreword and introduction")],
    ),
    "101 non-emergency service": (
        "<p>Many of you have waited a long time for 101 to answer, and some gave up. You asked for 101 to "
        "be fixed and for the waiting times to be made public.</p>",
        "<p>The Commissioner scrutinises 101 answering times at the Police and Crime Board every quarter. "
        "The plan measures the direction of performance against a baseline rather than setting a "
        "numerical target, which risks perverse incentives.</p>",
        [],
    ),
    "Support for victims": (
        "<p>Victims told us that after reporting a crime they did not know where to turn for support, or "
        "were passed between organisations.</p>",
        "<p>The priority to protect the most vulnerable from harm now commits the Commissioner to work with "
        "partners to improve signposting and referral, so that victims get the right support according "
        "to their need.</p>",
        [("objective", "Protect the most vulnerable from harm"), ("section", "Foreword and introduction")],
    ),
    "Fairness, stop and search and trust": (
        "<p>You asked how the Commissioner makes sure stop and search and the use of force are fair, and "
        "how complaints are handled.</p>",
        "<p>The section on legitimacy now says the Commissioner will publish the findings of her scrutiny "
        "panels, which include independent members of the public, every quarter.</p>",
        [("section", "Legitimacy")],
    ),
    "Workforce and equipment": (
        "<p>Officers and staff asked for equipment that works and for a workforce that looks like the "
        "communities it serves.</p>",
        "<p>The section on legitimacy now commits the Commissioner to work to make the workforce more "
        "representative of the communities it serves.</p>",
        [("section", "Legitimacy")],
    ),
    "Domestic abuse and sexual violence": (
        "<p>You asked for domestic abuse and sexual violence to be taken as seriously as crimes people can "
        "see, and for victims to be believed.</p>",
        "<p>Protecting the most vulnerable from harm stays the plan's first priority, with its commitments "
        "on domestic abuse, sexual violence and hidden harm.</p>",
        [],
    ),
    "Rural crime": (
        "<p>People in the rural Districts told us about farm theft, fly-tipping and hare coursing, and "
        "that help takes a long time to arrive.</p>",
        "<p>The plan protects neighbourhood policing in the rural Districts; the Commissioner will report "
        "the neighbourhood strength of Mendip, South Somerset and West Somerset each year.</p>",
        [],
    ),
    "Funding and council tax": (
        "<p>You asked how the £17 million of savings to 2020/21 will be found, and whether council tax will rise.</p>",
        "<p>The Medium Term Financial Plan, published alongside the plan, sets out how the savings will be made.</p>",
        [],
    ),
}


def seed_outcome(consultation: Consultation, author: Any, now: datetime) -> OutcomeReport:
    """Draft the outcome report of the 2016 consultation (idempotent); publishing.demo
    publishes it with its PDF."""
    report = OutcomeReport.objects.filter(consultation=consultation).first()
    if report is not None and report.summary:
        return report
    report = outcome_save(consultation=consultation, by=author, summary=SUMMARY, now=now)
    changes = {(c.kind, c.title): c for c in later_changes(consultation.version) if c.version.number == 2}
    for theme in Theme.objects.filter(consultation=consultation, name__in=THEMES):
        said, did, parts = THEMES[theme.name]
        theme_outcome_save(theme=theme, by=author, people_said=said, we_did=did, now=now)
        for part in parts:
            change = changes.get(part)
            if change is not None and not ChangeLink.objects.filter(theme=theme, uid=change.uid).exists():
                change_link_add(consultation=consultation, by=author, change_key=change.key, theme=theme, now=now)
    return report
