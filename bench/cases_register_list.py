"""Benchmark: register cases through the service (number + located + chained event) and read the
list and the record check; prints cases/s and milliseconds.

Run: .venv/bin/python bench/cases_register_list.py   (a throwaway SQLite database with the demo
seeded; BENCH_CASES sets how many cases, default 500)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["ZHIFA_VAR_DIR"] = tempfile.mkdtemp(prefix="zhifa-bench-")

import django

django.setup()

N = int(os.environ.get("BENCH_CASES", "500"))


def main() -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from zhifa.cases import selectors, services
    from zhifa.cases.models import Case
    from zhifa.catalog.models import PowerItem
    from zhifa.core.models import Town
    from zhifa.grid.models import Subject

    call_command("seed_demo", verbosity=0)
    town = Town.objects.get(code="140924101")
    officer = get_user_model().objects.get(username="zhifa1")
    leader = get_user_model().objects.get(username="duizhang")
    item = PowerItem.objects.get(town=town, code="SH-ZJ-005")
    party = Subject.objects.get(town=town, name="贾示摊")
    start = time.perf_counter()
    for n in range(N):
        services.case_register(
            town=town,
            actor=officer,
            cause=f"占道经营案（压测{n}）",
            source="patrol",
            summary="压测：振华街人行道摆摊经营。",
            address="砂河镇振华街",
            items=[item],
            parties=[party],
            lat=39.19 + (n % 50) * 0.0004,
            lng=113.26 + (n % 40) * 0.0005,
        )
    took = time.perf_counter() - start
    print(
        f"registered {N} cases in {took:.2f} s: {N / took:.0f} cases/s (located, numbered, chained)"
    )
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        qs = selectors.case_list(user=leader, filters=selectors.CaseFilters(q="占道", active=True))
        rows = list(qs[:50])
        [c.parties.all() for c in rows]
    print(
        f"list (text filter, first 50 of {Case.objects.count()}): {(time.perf_counter() - start) / rounds * 1000:.1f} ms"
    )
    case = Case.objects.order_by("-record_length").first()
    start = time.perf_counter()
    for _ in range(rounds):
        selectors.record_problems(case)
    print(
        f"verify one record of {case.record_length} events: {(time.perf_counter() - start) / rounds * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
