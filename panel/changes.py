"""A recommendation followed through to the text that changed, shown in place.

Each response that led to a change names a later version and the section or priority that
changed; this shows that part's words as the Panel read them against the later version,
with insertions and deletions marked. Each version's content is parsed once per page.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from plans.diff import Comparison, compare_contents, section_diff_html
from plans.models import Version
from plans.snapshot import PlanContent

from .links import version_compare_url
from .models import PccResponse


@dataclass(frozen=True)
class ChangeInPlace:
    version_label: str
    kind_label: str
    title: str
    diff_html: SafeString
    # The staff comparison page at this part; empty on public pages.
    compare_url: str


class ChangeRenderer:
    def __init__(self, reviewed: Version) -> None:
        self.reviewed = reviewed
        self._contents: dict[int, PlanContent] = {}
        self._comparisons: dict[int, Comparison] = {}
        # Several recommendations often led to the same change: each diff is worked out once.
        self._diffs: dict[tuple[int, str, str], SafeString | None] = {}

    def load(self, responses: Iterable[PccResponse | None]) -> "ChangeRenderer":
        """Read every later version the responses point at, in one query."""
        wanted = {r.changed_version_id for r in responses if r is not None and r.changed_version_id}
        wanted -= set(self._contents)
        for version in Version.objects.filter(pk__in=wanted).only("pk", "content"):
            self._contents[version.pk] = PlanContent.from_json(version.content)
        return self

    def _content(self, version: Version) -> PlanContent:
        if version.pk not in self._contents:
            self._contents[version.pk] = PlanContent.from_json(version.content)
        return self._contents[version.pk]

    def _comparison(self, version: Version) -> Comparison:
        if version.pk not in self._comparisons:
            self._comparisons[version.pk] = compare_contents(self._content(self.reviewed), self._content(version))
        return self._comparisons[version.pk]

    def _diff(self, later: Version, kind: str, uid: str) -> SafeString | None:
        key = (later.pk, kind, uid)
        if key not in self._diffs:
            if kind == PccResponse.ChangedKind.SECTION:
                self._diffs[key] = section_diff_html(
                    self._content(self.reviewed).section(uid), self._content(later).section(uid)
                )
            else:
                part = self._comparison(later).part(kind, uid)
                self._diffs[key] = part.diff_html if part is not None else None
        return self._diffs[key]

    def change(self, response: PccResponse | None, *, for_staff: bool = False) -> ChangeInPlace | None:
        if response is None or response.changed_version is None:
            return None
        later = response.changed_version
        diff = self._diff(later, response.changed_kind, response.changed_uid)
        if diff is None:
            return None
        compare_url = ""
        if for_staff:
            compare_url = version_compare_url(
                plan_id=later.plan_id,
                from_number=self.reviewed.number,
                to_number=later.number,
                kind=response.changed_kind,
                uid=response.changed_uid,
            )
        return ChangeInPlace(
            version_label=later.label,
            kind_label=response.get_changed_kind_display(),
            title=response.changed_title,
            diff_html=diff,
            compare_url=compare_url,
        )
