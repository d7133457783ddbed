"""Benchmark of the dashboard's reads on a generated county (bench/scale_seed.py): p95 of the
cockpit per town (figures + breakdowns + trend), the county view (all towns side by side) and
the warnings list, plus EXPLAIN of the main queries.

Run: DATABASE_URL=postgres://... .venv/bin/python bench/dashboard.py [--runs 20] [--explain]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")

import django

django.setup()

from django.db import connection  # noqa: E402


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    from django.db.models import Count

    from zhifa.cases.models import CaseEvent
    from zhifa.core.clock import TZ
    from zhifa.core.models import Town
    from zhifa.dashboard import breakdowns as bd
    from zhifa.dashboard.cockpit import cockpit_figures
    from zhifa.dashboard.metrics import Period, case_closed, late_clock
    from zhifa.dashboard.sources import Case, Deadline
    from zhifa.dashboard.warnings import clock_warnings, warnings_list

    towns = list(Town.objects.order_by("pk"))
    ids = [t.pk for t in towns]
    busiest = max(ids, key=lambda t: Case.all_towns.filter(town_id=t).count())
    now = dt.datetime(2026, 11, 30, 12, tzinfo=TZ)
    year = Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30))
    print(
        f"{connection.vendor}: {len(ids)} towns, {Case.all_towns.count():,} cases, "
        f"{CaseEvent.all_towns.count():,} events, {Deadline.all_towns.count():,} clocks; "
        f"period {year.label}; {args.runs} runs each"
    )

    def cockpit() -> None:
        cockpit_figures(town_ids=[busiest], period=year, now=now)
        bd.by_village(town_id=busiest, period=year)
        bd.by_squadron(town_id=busiest, period=year)
        bd.by_domain(town_id=busiest, period=year)
        bd.officer_workload(town_id=busiest, now=now)
        bd.monthly_trend(town_ids=[busiest], months=12, until=year.until)

    def county() -> None:
        cockpit_figures(town_ids=ids, period=year, now=now)
        bd.monthly_trend(town_ids=ids, months=12, until=year.until)

    def warnings_town() -> None:
        warnings_list(town_ids=[busiest], now=now)

    def warnings_county() -> None:
        warnings_list(town_ids=ids, now=now)

    cockpit()  # warm the calendar cache and the connection
    for name, fn in [
        ("cockpit, one town", cockpit),
        ("county view, all towns", county),
        ("warnings, one town", warnings_town),
        ("warnings, all towns", warnings_county),
    ]:
        samples = timed(fn, args.runs)
        print(
            f"{name:26s} p95 {p95(samples):8.1f} ms   median {statistics.median(samples):8.1f} ms"
        )

    if args.explain and connection.vendor == "postgresql":
        late = (
            Case.all_towns.filter(town_id__in=ids)
            .filter(case_closed(year, now))
            .filter(late_clock())
            .values("town_id")
            .annotate(n=Count("pk"))
        )
        for title, qs in [
            (
                "closed cases with a late clock, all towns (partial index dashboard_deadline_late)",
                late,
            ),
            ("warnings: open clocks due soon", clock_warnings(town_ids=[busiest], now=now)[:200]),
        ]:
            print(f"\n-- EXPLAIN ANALYZE: {title}")
            print(qs.explain(analyze=True))


if __name__ == "__main__":
    main()
