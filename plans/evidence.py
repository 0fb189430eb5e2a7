"""Evidence that a statutory requirement holds, as each app reports it to the publish gate.

Each app answers for its own part of the statute in `<app>/statute.py` with functions
`(plan) -> Evidence`; publishing's declarative list of requirements calls them. Evidence
says whether the requirement is met and shows the record behind it, so the compliance
page can link to the step, its date and the person who took it.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Evidence:
    met: bool
    # One sentence for the compliance page: what was done, or what is missing.
    summary: str
    # A link to the record that proves it (a version, a review, a response page).
    url: str = ""
    on: date | None = None
    by: str = ""
    # When not met: each thing still missing, in words a member of staff can act on.
    missing: tuple[str, ...] = field(default_factory=tuple)
