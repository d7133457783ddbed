"""Benchmark: the double random draw of 500 subjects from 100,000 (target < 1 s).

Prints, each the best of BENCH_REPEAT runs:
1. the algorithm alone (``draw_run`` over 100,000 candidates: weighted keys, 500 subjects, officer
   pairs with 回避 pairs), and the hashing of its inputs and result for the seal;
2. gathering the inputs from the database (``draw_inputs``: 100,000 subjects with their risk
   levels, the repeat window, the yearly caps, the certified pool and the 回避 links);
and, once, the whole ``plan_draw`` (which also creates the 500 inspections and their records).

Run: .venv/bin/python bench/inspections_draw.py   (a throwaway SQLite database with the demo
seeded; BENCH_SUBJECTS and BENCH_K change the sizes)
"""

from __future__ import annotations

import datetime as dt
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

SUBJECTS = int(os.environ.get("BENCH_SUBJECTS", "100000"))
K = int(os.environ.get("BENCH_K", "500"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))


def best(fn) -> tuple[float, object]:
    times, out = [], None
    for _ in range(REPEAT):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    from django.core.management import call_command
    from django.db import transaction

    from zhifa.catalog.models import PowerItem
    from zhifa.core.models import Town
    from zhifa.core.seeding import seed_demo
    from zhifa.grid.models import Subject
    from zhifa.inspections.draw import draw_run, sha256_of
    from zhifa.inspections.models import OfficerConflict, Plan, SubjectRisk
    from zhifa.inspections.services import draw_inputs, plan_approve, plan_create, plan_draw
    from zhifa.team.models import Officer

    call_command("migrate", verbosity=0)
    seed_demo()
    town = Town.objects.get(code="140924101")
    from zhifa.accounts.models import User

    leader, planner = (
        User.objects.get(username="duizhang"),
        User.objects.get(username="zhongduizhang"),
    )
    existing = Subject.objects.filter(town=town).count()
    start = time.perf_counter()
    with transaction.atomic():
        Subject.objects.bulk_create(
            [
                Subject(town=town, kind="site", site_type="shop", name=f"压测商铺{n:06d}")
                for n in range(SUBJECTS - existing)
            ],
            batch_size=5000,
        )
        ids = list(Subject.objects.filter(town=town).values_list("pk", flat=True))
        levels = "ABCD"
        rated = set(SubjectRisk.objects.values_list("subject_id", flat=True))
        SubjectRisk.objects.bulk_create(
            [
                SubjectRisk(town=town, subject_id=pk, level=levels[pk % 4], reason="压测")
                for pk in ids[::3]
                if pk not in rated
            ],
            batch_size=5000,
        )
        officer = Officer.objects.get(town=town, user__username="zhifa2")
        OfficerConflict.objects.bulk_create(
            [
                OfficerConflict(
                    town=town, officer=officer, subject_id=pk, kind="other", reason="压测"
                )
                for pk in ids[::50]
                if not OfficerConflict.objects.filter(officer=officer, subject_id=pk).exists()
            ],
            batch_size=5000,
        )
    print(
        f"set-up: {len(ids):,} subjects, {len(ids[::3]):,} rated, "
        f"{len(ids[::50]):,} 回避 links in {time.perf_counter() - start:.1f} s"
    )

    item = PowerItem.objects.get(town=town, code="SH-ST-008")
    today = dt.date.today()
    plan = plan_create(
        town=town,
        actor=planner,
        name="压测抽查计划",
        kind="special",
        year=today.year,
        items=[item],
        sample_mode="count",
        sample_count=K,
        period_start=dt.date(today.year, 1, 1),
        period_end=dt.date(today.year, 12, 31),
    )
    plan = plan_approve(plan=plan, actor=leader)
    on = today

    gather, inputs = best(lambda: draw_inputs(plan=plan, on=on, seed="bench"))
    print(
        f"candidates: {len(inputs['candidates']):,} (excluded {len(inputs['excluded']):,}), "
        f"officer pool {len(inputs['officers'])}, draw {inputs['k']}"
    )
    algorithm, result = best(lambda: draw_run(inputs))
    hashing, _ = best(lambda: (sha256_of(inputs), sha256_of(result)))
    assert len(result["subjects"]) == K
    assert all(
        not (row["officers"] and officer.pk in row["officers"] and row["subject"] in set(ids[::50]))
        for row in result["subjects"]
    )
    print(f"draw_run ({K} of {len(inputs['candidates']):,}): {algorithm * 1000:.0f} ms")
    print(f"seal hashes (inputs + result): {hashing * 1000:.0f} ms")
    print(f"draw_inputs from the database: {gather * 1000:.0f} ms")
    total = gather + algorithm + hashing
    verdict = "under" if total < 1 else "OVER"
    print(
        f"the draw (inputs from the database + algorithm + seal): {total * 1000:.0f} ms ({verdict} the 1 s target)"
    )
    start = time.perf_counter()
    draw = plan_draw(plan=Plan.objects.get(pk=plan.pk), actor=planner, seed="bench", on=on)
    whole = time.perf_counter() - start
    print(
        f"plan_draw in full (inputs, draw, seal, {len(draw.result['subjects'])} inspections "
        f"with their records): {whole:.1f} s"
    )


if __name__ == "__main__":
    main()
