"""Benchmark: on-the-spot decisions through the service (case, numbered decision PDF, clocks,
chained events) and the deadline board over every running clock; prints decisions/s and ms.

Run: .venv/bin/python bench/cases_penalty.py   (a throwaway SQLite database with the demo seeded;
BENCH_DECISIONS sets how many decisions, default 100)
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

N = int(os.environ.get("BENCH_DECISIONS", "100"))


def main() -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from zhifa.catalog.models import PowerItem
    from zhifa.core.models import Deadline, Town
    from zhifa.grid.models import Subject
    from zhifa.penalty import board
    from zhifa.penalty import services as penalty_services
    from zhifa.team.rules import eligible_handlers

    call_command("seed_demo", verbosity=0)
    town = Town.objects.get(code="140924101")
    officer = get_user_model().objects.get(username="zhifa1")
    leader = get_user_model().objects.get(username="duizhang")
    item = PowerItem.objects.get(town=town, code="SH-ZJ-005")
    party = Subject.objects.get(town=town, name="贾示摊")
    today = timezone.localdate()
    officers = [h.officer for h in eligible_handlers(town=town, on=today, item=item)[:2]]
    start = time.perf_counter()
    for n in range(N):
        penalty_services.onthespot_decide(
            town=town,
            actor=officer,
            officers=officers,
            party=party,
            item=item,
            cause=f"占道经营案（压测{n}）",
            facts="在振华街人行道摆摊经营，经劝阻拒不改正",
            place="砂河镇振华街",
            act_at=timezone.make_aware(dt.datetime.combine(today, dt.time(10))),
            violated="《城市道路管理条例》第二十七条",
            basis="《城市道路管理条例》第四十二条",
            kinds=["fine"],
            amount=100 + n % 100,
        )
    took = time.perf_counter() - start
    print(
        f"{N} on-the-spot decisions in {took:.2f} s: {N / took:.1f} decisions/s "
        "(case, numbered PDF, payment clock, chained events)"
    )
    rounds = 10
    start = time.perf_counter()
    for _ in range(rounds):
        rows = board.board_rows(user=leader)
        board.board_summary(rows)
    open_clocks = Deadline.objects.filter(status="open").count()
    print(
        f"deadline board ({len(rows)} rows of {open_clocks} open clocks): "
        f"{(time.perf_counter() - start) / rounds * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
