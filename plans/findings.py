"""What other parts of pcplan found about a version of a plan, for the pages that show it.

The Panel's review page shows "the consultation's findings with the draft issued to it"
(seed 000 sends them with V1), but the panel app must not import the consultation app
(they build on plans side by side). So each app that has findings registers a provider
here when it starts, and a page asks `findings_for(version)`: the panel page learns what
the consultation found without knowing the consultation app exists.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import Version


@dataclass(frozen=True)
class Finding:
    """A block of findings: the template that draws it, and that template's context."""

    title: str
    template_name: str
    context: dict[str, Any] = field(default_factory=dict)


FindingsProvider = Callable[[Version], list[Finding]]
_providers: list[FindingsProvider] = []


def register_findings(provider: FindingsProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def findings_for(version: Version) -> list[Finding]:
    return [finding for provider in _providers for finding in provider(version)]
