"""Print every statutory requirement for a version of a plan, met or not, with its evidence,
as the compliance page shows it; exit 1 when any is not met.

    python manage.py check_compliance police-and-crime-plan-2016-21
    python manage.py check_compliance 3 --version V2

Exit codes: 0 every requirement that applies is met; 1 at least one is not; 2 the plan or
version asked for does not exist.
"""

import re
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import date_format

from plans.models import Plan, Version
from publishing.requirements import Outcome, evaluate

_VERSION = re.compile(r"^[Vv]?(\d+)$")
MARKS = {Outcome.MET: "MET", Outcome.NOT_MET: "NOT MET", Outcome.NOT_APPLICABLE: "DOES NOT APPLY"}


class Command(BaseCommand):
    help = "Check a plan (its latest version, or --version) against the statute; exit 1 if anything is unmet."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # --version names the plan's version here, not Django's own version number.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", help="The plan's slug or id")
        parser.add_argument("--version", dest="plan_version", help="The version: V2 or 2 (default: the latest)")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = self._plan(options["plan"])
        version = self._version(plan, options.get("plan_version"))
        compliance = evaluate(plan, version)
        where = version.label if version is not None else "the working draft (no version cut yet)"
        self.stdout.write(f"{plan.title} ({plan.area.name}), {where}")
        base = settings.PCPLAN_BASE_URL.rstrip("/")
        for number, result in enumerate(compliance.results, start=1):
            requirement, evidence = result.requirement, result.evidence
            mark = MARKS[result.outcome]
            style = (
                self.style.SUCCESS
                if result.outcome == Outcome.MET
                else (self.style.ERROR if result.outcome == Outcome.NOT_MET else self.style.WARNING)
            )
            self.stdout.write("")
            self.stdout.write(style(f"{number:>2}. [{mark}] {requirement.title}"))
            self.stdout.write(f"    {requirement.citation}")
            self.stdout.write(f"    {evidence.summary}")
            facts = []
            if evidence.on:
                facts.append(f"on {date_format(evidence.on, 'j F Y')}")
            if evidence.by:
                facts.append(f"by {evidence.by}")
            if facts:
                self.stdout.write(f"    Taken {' '.join(facts)}")
            if evidence.url:
                self.stdout.write(f"    Record: {base}{evidence.url}")
            for item in result.missing:
                self.stdout.write(f"    To do: {item}")
        self.stdout.write("")
        unmet = compliance.unmet
        if unmet:
            raise CommandError(
                f"{len(unmet)} of the {compliance.applicable_count} requirements that apply "
                f"{'is' if len(unmet) == 1 else 'are'} not met.",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(f"All {compliance.applicable_count} requirements that apply are met."))

    def _plan(self, key: str) -> Plan:
        plans = Plan.objects.select_related("area")
        found = list(plans.filter(pk=int(key))) if key.isdigit() else list(plans.filter(slug=key))
        if not found:
            raise CommandError(f"No plan with the slug or id {key!r}.", returncode=2)
        if len(found) > 1:
            areas = ", ".join(f"{p.area.name} (id {p.pk})" for p in found)
            raise CommandError(
                f"Several plans have the slug {key!r}: {areas}. Give the plan's id instead.", returncode=2
            )
        return found[0]

    def _version(self, plan: Plan, key: str | None) -> Version | None:
        versions = Version.objects.filter(plan=plan)
        if not key:
            version = versions.order_by("-number").first()
        else:
            match = _VERSION.match(key.strip())
            if not match:
                raise CommandError(f"Give the version as V2 or 2, not {key!r}.", returncode=2)
            version = versions.filter(number=int(match.group(1))).first()
            if version is None:
                labels = ", ".join(v.label for v in plan.versions.order_by("number")) or "none yet"
                raise CommandError(
                    f"{plan.title} has no version V{match.group(1)} (its versions: {labels}).", returncode=2
                )
        if version is not None:
            version.plan = plan
        return version
