"""The parts of a plan that changed after a given version, and each change's word diff.

The Commissioner's responses to the Panel and the consultation's outcome report both point
at "the section (or priority) that changed in a later version"; this is the one place that
lists what can be pointed at and draws the change in place.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from .diff import Comparison, compare_contents, section_diff_html
from .models import Version
from .snapshot import PlanContent

SECTION = "section"
OBJECTIVE = "objective"


@dataclass(frozen=True)
class LaterChange:
    version: Version
    kind: str  # "section" or "objective"
    uid: str
    title: str

    @property
    def key(self) -> str:
        """How a form names this change: '<version id>:<kind>:<uid>'."""
        return f"{self.version.pk}:{self.kind}:{self.uid}"


def later_changes(base: Version) -> list[LaterChange]:
    """Every section and priority changed, added or removed since `base`, in each later
    version of the same plan, oldest version first."""
    content = PlanContent.from_json(base.content)
    changes = []
    for version in Version.objects.filter(plan_id=base.plan_id, number__gt=base.number).order_by("number"):
        comparison = compare_contents(content, PlanContent.from_json(version.content))
        for part in comparison.changed_parts:
            if part.kind in (SECTION, OBJECTIVE):
                changes.append(LaterChange(version=version, kind=part.kind, uid=part.uid, title=part.title))
    return changes


class ChangeDiffs:
    """The word diff of a part of the plan between `base` and a later version. Each
    version is parsed once and each diff worked out once, however many links show it."""

    def __init__(self, base: Version) -> None:
        self.base = base
        self._contents: dict[int, PlanContent] = {}
        self._comparisons: dict[int, Comparison] = {}
        self._diffs: dict[tuple[int, str, str], SafeString | None] = {}

    def load(self, version_ids: set[int]) -> "ChangeDiffs":
        """Read the later versions wanted, in one query."""
        wanted = (set(version_ids) | {self.base.pk}) - set(self._contents)
        for version in Version.objects.filter(pk__in=wanted).only("pk", "content"):
            self._contents[version.pk] = PlanContent.from_json(version.content)
        return self

    def _content(self, version_id: int) -> PlanContent:
        if version_id not in self._contents:
            self.load({version_id})
        return self._contents[version_id]

    def diff(self, version_id: int, kind: str, uid: str) -> SafeString | None:
        key = (version_id, kind, uid)
        if key not in self._diffs:
            if kind == SECTION:
                self._diffs[key] = section_diff_html(
                    self._content(self.base.pk).section(uid), self._content(version_id).section(uid)
                )
            else:
                if version_id not in self._comparisons:
                    self._comparisons[version_id] = compare_contents(
                        self._content(self.base.pk), self._content(version_id)
                    )
                part = self._comparisons[version_id].part(kind, uid)
                self._diffs[key] = part.diff_html if part is not None else None
        return self._diffs[key]
