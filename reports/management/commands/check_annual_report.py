"""Print every requirement of section 12 for an annual report, met or not, with its
evidence, as its compliance page shows it; exit 1 when any is not met.

    python manage.py check_annual_report police-and-crime-plan-2016-21 2016/17
    python manage.py check_annual_report 3 2016/17 --version V1

Exit codes: 0 every requirement is met; 1 at least one is not; 2 the plan, report or
version asked for does not exist.
"""

import re
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plans.models import Plan
from publishing.requirements import Outcome
from reports.models import AnnualReport, AnnualReportVersion
from reports.requirements import evaluate

_YEAR = re.compile(r"^(\d{4})(?:[/-]\d{2,4})?$")
_VERSION = re.compile(r"^[Vv]?(\d+)$")


class Command(BaseCommand):
    help = "Check an annual report against section 12; exit 1 if anything is unmet."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # --version names the report's version here, not Django's own version number.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", help="The plan's slug or id")
        parser.add_argument("year", help="The financial year: 2016/17")
        parser.add_argument("--version", dest="report_version", help="The version: V1 or 1 (default: the latest)")

    def handle(self, *args: Any, **options: Any) -> None:
        report = self._report(options["plan"], options["year"])
        version = self._version(report, options.get("report_version"))
        compliance = evaluate(report, version)
        where = version.label if version is not None else "the working draft (no version cut yet)"
        self.stdout.write(f"{report.title}, {report.plan.title} ({report.plan.area.name}), {where}")
        for result in compliance.results:
            mark = "MET" if result.outcome == Outcome.MET else "NOT MET"
            style = self.style.SUCCESS if result.met else self.style.ERROR
            self.stdout.write("")
            self.stdout.write(style(f"{result.number:>2}. [{mark}] {result.requirement.title}"))
            self.stdout.write(f"    {result.requirement.citation}")
            self.stdout.write(f"    {result.evidence.summary}")
            for item in result.missing:
                self.stdout.write(f"    To do: {item}")
        self.stdout.write("")
        if compliance.all_met:
            self.stdout.write(self.style.SUCCESS(f"All {compliance.applicable_count} requirements are met."))
            return
        self.stdout.write(
            self.style.ERROR(f"{len(compliance.unmet)} of {compliance.applicable_count} requirements are not met.")
        )
        raise SystemExit(1)

    def _report(self, plan_ref: str, year_text: str) -> AnnualReport:
        plan = Plan.objects.filter(pk=int(plan_ref)).first() if plan_ref.isdigit() else None
        plan = plan or Plan.objects.filter(slug=plan_ref).order_by("pk").first()
        if plan is None:
            raise CommandError(f"There is no plan “{plan_ref}”.", returncode=2)
        match = _YEAR.match(year_text.strip())
        if match is None:
            raise CommandError(f"“{year_text}” is not a financial year: write it as 2016/17.", returncode=2)
        report = AnnualReport.objects.filter(plan=plan, year_start=date(int(match.group(1)), 4, 1)).first()
        if report is None:
            raise CommandError(f"{plan.title} has no annual report for {year_text}.", returncode=2)
        return report

    def _version(self, report: AnnualReport, text: str | None) -> AnnualReportVersion | None:
        versions = report.versions.order_by("-number")
        if not text:
            return versions.first()
        match = _VERSION.match(text.strip())
        version = versions.filter(number=int(match.group(1))).first() if match else None
        if version is None:
            raise CommandError(f"{report.title} has no version {text}.", returncode=2)
        return version
