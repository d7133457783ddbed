"""Generate a county at scale on PostgreSQL with COPY: towns, cases, record events, clocks,
penalties and leads, for the dashboard benchmark (bench/dashboard.py).

Run (PostgreSQL only; the demo is seeded first for users, items and parties):
  DATABASE_URL=postgres://... .venv/bin/python bench/scale_seed.py --towns 13 --cases 100000 --events 1000000

Rows are spread over 2025-01-01 … 2026-11-30; about a third of the cases are still open, each
open case has a clock (some overdue), every third closed case has a penalty, every case has a lead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

TZ = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2025, 1, 1, 9, tzinfo=TZ)
SPAN_DAYS = 699


def _text(value: Any) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, (dt.datetime, dt.date, Decimal)):
        value = value.isoformat() if not isinstance(value, Decimal) else str(value)
    s = str(value)
    return s.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def copy_rows(model: Any, rows: Any, fixed: dict[str, Any]) -> int:
    """COPY rows (dicts of field name → value) into the model's table; fields not given take the
    ``fixed`` value or the field's default."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.name: fixed.get(f.name, f.get_default()) for f in fields}
    cols = ", ".join(f'"{f.column}"' for f in fields)
    n = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f'COPY "{model._meta.db_table}" ({cols}) FROM STDIN') as copy:
            buf = io.StringIO()
            for row in rows:
                buf.write(
                    "\t".join(_text(row.get(f.name, defaults[f.name])) for f in fields) + "\n"
                )
                n += 1
                if n % 20000 == 0:
                    copy.write(buf.getvalue())
                    buf = io.StringIO()
            copy.write(buf.getvalue())
    return n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--towns", type=int, default=13)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "scale_seed writes with COPY: PostgreSQL only"

    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from zhifa.cases.models import Case, CaseEvent
    from zhifa.catalog.models import PowerItem
    from zhifa.core.models import Deadline, Town
    from zhifa.grid.models import Subject
    from zhifa.intake.models import Lead
    from zhifa.penalty.models import Penalty

    rng = random.Random(2026)
    demo = Town.objects.get(code="140924101")
    officer = get_user_model().objects.get(username="zhifa1")
    jiandu = get_user_model().objects.get(username="jiandu")
    item = PowerItem.all_towns.filter(town=demo, type="penalty").first()
    party = Subject.all_towns.filter(town=demo).first()
    towns = list(Town.objects.order_by("pk"))
    for n in range(len(towns), args.towns):
        towns.append(
            Town.objects.create(
                code=f"1409249{n + 1:02d}",
                name=f"压测{n + 1}镇",
                county_name="繁峙县",
                agency_name=f"繁峙县压测{n + 1}镇人民政府",
                team_name=f"压测{n + 1}镇综合行政执法队",
                doc_prefix=f"测{n + 1}",
                county_government="繁峙县人民政府",
            )
        )
    towns = towns[: args.towns]
    jiandu.supervised_towns.set(towns)
    t0 = time.perf_counter()
    first_case = (Case.all_towns.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    seq0 = 100000

    plan = []  # (case pk, town id, registered, state, filed, closed)
    for i in range(args.cases):
        town = towns[i % len(towns)]
        reg = START + dt.timedelta(days=rng.randrange(SPAN_DAYS), hours=rng.randrange(8))
        r = rng.random()
        state = "closed" if r < 0.6 else ("transferred" if r < 0.65 else "investigating")
        filed = reg + dt.timedelta(days=1)
        closed = filed + dt.timedelta(days=rng.randrange(5, 120)) if state == "closed" else None
        plan.append((first_case + i, town.pk, reg, state, filed, closed))

    def cases():
        for pk, town_id, reg, state, filed, closed in plan:
            yield {
                "town": town_id,
                "number": f"压测〔{reg.year}〕{pk}号",
                "year": reg.year,
                "seq": seq0 + pk,
                "cause": "压测案由",
                "source": "patrol",
                "summary": "压测",
                "discovered_on": reg.date(),
                "address": "压测地点",
                "state": state,
                "registered_by": officer.pk,
                "registered_at": reg,
                "filed_at": filed,
                "closed_at": closed,
                "updated_at": reg,
                "record_length": 0,
                "record_head": "",
            }

    n = copy_rows(Case, cases(), {})
    print(f"cases: {n} in {time.perf_counter() - t0:.1f} s")
    per_case = max(1, args.events // max(1, args.cases))

    def events():
        for pk, town_id, reg, _state, _filed, _closed in plan:
            for s in range(1, per_case + 1):
                yield {
                    "town": town_id,
                    "case": pk,
                    "seq": s,
                    "actor": officer.pk,
                    "event_type": "note",
                    "summary": "压测记录",
                    "created_at": reg,
                    "hash": f"{pk:032x}{s:032x}",
                }

    t1 = time.perf_counter()
    n = copy_rows(CaseEvent, events(), {})
    print(f"events: {n} in {time.perf_counter() - t1:.1f} s")
    ct = ContentType.objects.get_for_model(Case).pk
    now = dt.datetime(2026, 11, 30, 12, tzinfo=TZ)

    def clocks():
        for pk, town_id, _reg, state, filed, _closed in plan:
            due = filed + dt.timedelta(days=rng.randrange(3, 700))
            is_open = state == "investigating"
            yield {
                "town": town_id,
                "subject_type": ct,
                "subject_id": pk,
                "kind": "bench",
                "purpose": "压测期限",
                "unit": "working_days",
                "amount": 5,
                "start_at": filed,
                "due_at": due,
                "status": "open" if is_open else "done",
                "done_at": None
                if is_open
                else min(due + dt.timedelta(days=rng.choice([-2, 1])), now),
                "created_at": filed,
            }

    t2 = time.perf_counter()
    n = copy_rows(Deadline, clocks(), {})
    print(f"clocks: {n} in {time.perf_counter() - t2:.1f} s")

    def penalties():
        for pk, town_id, _reg, state, filed, closed in plan[::3]:
            if state != "closed":
                continue
            paid = rng.random() < 0.8
            yield {
                "town": town_id,
                "case": pk,
                "procedure": "ordinary",
                "outcome": "penalty",
                "status": "effective",
                "item": item.pk,
                "party": party.pk,
                "party_kind": "organisation",
                "kinds": ["fine"],
                "amount": Decimal(5000),
                "decided_on": (closed - dt.timedelta(days=3)).date(),
                "paid_on": closed.date() if paid else None,
                "paid_amount": Decimal(5000) if paid else None,
                "surcharge": Decimal(0),
                "created_at": filed,
                "updated_at": closed,
            }

    t3 = time.perf_counter()
    n = copy_rows(Penalty, penalties(), {})
    print(f"penalties: {n} in {time.perf_counter() - t3:.1f} s")

    def leads():
        for pk, town_id, reg, _state, _filed, _closed in plan:
            received = reg - dt.timedelta(days=rng.randrange(0, 10))
            hotline = rng.random() < 0.4
            yield {
                "town": town_id,
                "number": f"XS{pk}",
                "source": "hotline" if hotline else "patrol",
                "source_ref": f"BENCH{pk}",
                "received_at": received,
                "text": "压测线索",
                "status": "case",
                "case": pk,
                "record_length": 0,
                "record_head": "",
                "dispatch_due": received + dt.timedelta(days=1) if hotline else None,
                "signed_at": received + dt.timedelta(hours=rng.randrange(2, 40))
                if hotline
                else None,
                "reply_due": received + dt.timedelta(days=7) if hotline else None,
                "outcome_at": received + dt.timedelta(days=rng.randrange(2, 10))
                if hotline
                else None,
                "tracking_code": f"T{pk}",
            }

    t4 = time.perf_counter()
    n = copy_rows(Lead, leads(), {})
    print(f"leads: {n} in {time.perf_counter() - t4:.1f} s")
    with connection.cursor() as cursor:
        for table in (
            "cases_case",
            "cases_caseevent",
            "core_deadline",
            "penalty_penalty",
            "intake_lead",
        ):
            cursor.execute(f"ANALYZE {table}")
    print(f"total {time.perf_counter() - t0:.1f} s for {args.towns} towns")


if __name__ == "__main__":
    main()
