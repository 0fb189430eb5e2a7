"""Importing 10,000 readings from one CSV file (500 measures x 20 quarters).

Times the whole service, readings_import: decoding, checking every row (two queries),
and writing the readings and their history in bulk. Also times refusing the same file
when its last row is bad (everything checked, nothing written).

Run: .venv/bin/python bench/readings_import.py [repetitions]
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _performance_setup import describe_machine, django_on_a_throwaway_database, staff_user  # noqa: E402

MEASURES = 500
QUARTERS = 20


def _clear(model: type) -> None:
    # A raw DELETE: Django's delete() collects related rows first, slow for 10,000.
    for manager in (model.history, model.objects):  # type: ignore[attr-defined]
        manager.all()._raw_delete(manager.db)


def main() -> None:
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with django_on_a_throwaway_database() as database:
        import datetime
        from decimal import Decimal

        from performance.models import Measure, Reading
        from performance.quarters import Quarter
        from performance.services import ReadingsImportError, readings_import
        from performance.status import Direction, Polarity
        from plans.demo import seed_area
        from plans.tests.factories import ObjectiveFactory, PlanFactory

        area = seed_area()
        user = staff_user(area)
        plan = PlanFactory(area=area, starts_on=datetime.date(2016, 4, 1), ends_on=datetime.date(2021, 3, 31))
        objective = ObjectiveFactory(plan=plan)
        Measure.objects.bulk_create(
            Measure(
                plan=plan,
                objective=objective,
                reference=f"M{i:03d}",
                outcome="To reduce overall crime",
                name=f"Measure {i}",
                unit="offences",
                polarity=Polarity.LOWER,
                baseline_value=Decimal(1000),
                baseline_period="2015-16",
                direction=Direction.IMPROVE,
                threshold_percent=Decimal(5),
                data_source="Police recorded crime",
            )
            for i in range(MEASURES)
        )
        lines = ["measure,quarter,value,commentary"]
        quarter = Quarter(2016, 1)
        for q in range(QUARTERS):
            lines += [f"M{i:03d},{quarter.label},{1000 + (i * 7 + q) % 97}.5," for i in range(MEASURES)]
            quarter = quarter.next()
        good = ("\n".join(lines) + "\n").encode()
        bad = good + b"M000,2016-17 Q1,not a number,\n"
        print(f"{MEASURES * QUARTERS:,} readings ({len(good) / 1024:.0f} KiB of CSV), database {database}")
        print(describe_machine())

        imported, refused = [], []
        for _ in range(repetitions):
            _clear(Reading)
            start = time.perf_counter()
            summary = readings_import(plan=plan, data=good, by=user)
            imported.append(time.perf_counter() - start)
            assert summary.created == MEASURES * QUARTERS
            _clear(Reading)
            start = time.perf_counter()
            problems = []
            try:
                readings_import(plan=plan, data=bad, by=user)
            except ReadingsImportError as error:
                problems = error.result.problems
            assert len(problems) == 1
            refused.append(time.perf_counter() - start)
            assert not Reading.objects.exists()
        print(f"Import 10,000 readings: median {statistics.median(imported):.2f} s, best {min(imported):.2f} s")
        print(f"Refuse the file (last row bad): median {statistics.median(refused):.2f} s")


if __name__ == "__main__":
    main()
