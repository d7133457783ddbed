"""The cockpit's figures for one or many towns, computed by the database: one grouped query per
model (``GROUP BY town_id``), never a loop over rows in Python.

The two averages in working days group the rows by their (start date, end date) pair in the
database and count working days once per distinct pair on the calendar (``core.workdays``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate

from zhifa.core import workdays

from . import metrics as m
from .metrics import Period
from .sources import (
    Appeal,
    Case,
    CorrectionOrder,
    Deadline,
    JointOperation,
    Lead,
    Penalty,
    Transfer,
)

ZERO = Decimal("0.00")


def _rate(num: int, den: int) -> float | None:
    return None if not den else round(100.0 * num / den, 1)


def _avg_workdays(rows: Iterable[dict[str, Any]]) -> dict[int, float | None]:
    """rows: {town_id, d1, d2, n} grouped by the database → average working days per town.

    Working days between two dates are a difference of running counts over the calendar, built
    once for the dates seen, so many distinct pairs cost one walk over the calendar."""
    rows = [r for r in rows if r["d1"] is not None and r["d2"] is not None]
    if not rows:
        return {}
    first = min(r["d1"] for r in rows)
    last = max(r["d2"] for r in rows)
    running: dict[dt.date, int] = {}
    count_so_far, day = 0, first
    while day <= last:
        count_so_far += workdays.is_workday(day)
        running[day] = count_so_far
        day += dt.timedelta(days=1)
    total: dict[int, int] = defaultdict(int)
    count: dict[int, int] = defaultdict(int)
    for row in rows:
        days = max(0, running[row["d2"]] - running[row["d1"]]) if row["d2"] > row["d1"] else 0
        total[row["town_id"]] += days * row["n"]
        count[row["town_id"]] += row["n"]
    return {t: round(total[t] / count[t], 1) for t in count}


def _by_town(qs: Any, **aggregates: Any) -> dict[int, dict[str, Any]]:
    # Prefixed names: an annotation named like a field's prefix ("closed" / "closed_at") would
    # capture the lookups of the aggregates that follow it.
    named = {f"agg_{k}": v for k, v in aggregates.items()}
    rows = qs.values("town_id").annotate(**named)
    return {row.pop("town_id"): {k[4:]: v for k, v in row.items()} for row in rows}


def cockpit_figures(
    *, town_ids: Iterable[int], period: Period, now: dt.datetime
) -> dict[int, dict[str, Any]]:
    """Every figure of ``metrics.METRICS`` for each town: {town_id: {key: value}}."""
    ids = list(town_ids)
    p = period
    per: dict[int, dict[str, Any]] = {t: {} for t in ids}

    def q(fn: Any) -> Q:
        return fn(p, now)

    cases = Case.all_towns.filter(town_id__in=ids).filter(
        q(m.case_registered) | q(m.case_filed) | q(m.case_closed) | q(m.case_open)
    )
    for t, row in _by_town(
        cases,
        registered=Count("pk", filter=q(m.case_registered)),
        filed=Count("pk", filter=q(m.case_filed)),
        closed=Count("pk", filter=q(m.case_closed)),
        open_cases=Count("pk", filter=q(m.case_open)),
    ).items():
        per[t].update(row)
    # 按期结案 = closed − closed with a late clock (``metrics.case_closed_on_time``, the drill's
    # filter). Counted apart: as a semi-join the database hashes the late clocks once (partial
    # index dashboard_deadline_late), where a FILTER (NOT EXISTS …) probes them once per row.
    late = Case.all_towns.filter(town_id__in=ids).filter(q(m.case_closed)).filter(m.late_clock())
    for t, row in _by_town(late, closed_late=Count("pk")).items():
        per[t].update(row)

    leads = Lead.all_towns.filter(town_id__in=ids).filter(q(m.lead_received))
    for t, row in _by_town(
        leads,
        leads=Count("pk"),
        signable=Count("pk", filter=q(m.hotline_signable)),
        signed=Count("pk", filter=q(m.hotline_signed_on_time)),
        reply_due=Count("pk", filter=q(m.hotline_reply_due)),
        replied=Count("pk", filter=q(m.hotline_replied_on_time)),
    ).items():
        per[t].update(row)

    penalties = Penalty.all_towns.filter(town_id__in=ids).filter(q(m.penalty_decided))
    for t, row in _by_town(
        penalties,
        penalties=Count("pk"),
        fines=Sum("amount"),
        collected=Sum("paid_amount"),
        outstanding=Sum("amount", filter=q(m.penalty_outstanding)),
        surcharges=Sum("surcharge"),
    ).items():
        per[t].update(row)

    orders = CorrectionOrder.all_towns.filter(town_id__in=ids).filter(p.days("reinspected_on"))
    for t, row in _by_town(
        orders,
        reinspected=Count("pk"),
        complied=Count("pk", filter=Q(status=CorrectionOrder.Status.COMPLIED)),
    ).items():
        per[t].update(row)

    transfers = Transfer.all_towns.filter(town_id__in=ids).filter(p.times("sent_at"))
    for t, row in _by_town(
        transfers,
        transfers=Count("pk"),
        transfers_received=Count("pk", filter=Q(received_at__isnull=False)),
    ).items():
        per[t].update(row)

    joint = JointOperation.all_towns.filter(town_id__in=ids).filter(p.times("started_at"))
    for t, row in _by_town(joint, joint_operations=Count("pk")).items():
        per[t].update(row)

    appeals = Appeal.all_towns.filter(town_id__in=ids).filter(q(m.appeal_filed))
    for t, row in _by_town(
        appeals,
        appeals=Count("pk"),
        appeals_decided=Count("pk", filter=~Q(outcome=Appeal.Outcome.PENDING)),
        appeals_changed=Count("pk", filter=q(m.appeal_changed)),
    ).items():
        per[t].update(row)

    overdue = Deadline.all_towns.filter(town_id__in=ids).filter(q(m.deadline_overdue))
    for t, row in _by_town(overdue, overdue=Count("pk")).items():
        per[t].update(row)

    lead_case = _avg_workdays(
        # the case's own town too: the database then reads the towns' cases, not every case
        Lead.all_towns.filter(town_id__in=ids, case__town_id__in=ids)
        .filter(p.times("case__registered_at"))
        .values("town_id", d1=TruncDate("received_at"), d2=TruncDate("case__registered_at"))
        .annotate(n=Count("pk"))
    )
    filing_decision = _avg_workdays(
        penalties.filter(case__town_id__in=ids, case__filed_at__isnull=False)
        .values("town_id", d1=TruncDate("case__filed_at"), d2=F("decided_on"))
        .annotate(n=Count("pk"))
    )

    for t, f in per.items():
        for key in ("fines", "collected", "outstanding", "surcharges"):
            f[key] = f.get(key) or ZERO
        for key in (
            "registered",
            "filed",
            "closed",
            "open_cases",
            "leads",
            "penalties",
            "transfers",
            "transfers_received",
            "joint_operations",
            "appeals",
            "overdue",
        ):
            f.setdefault(key, 0)
        f["hotline_signed_rate"] = _rate(f.get("signed", 0), f.get("signable", 0))
        f["hotline_replied_rate"] = _rate(f.get("replied", 0), f.get("reply_due", 0))
        f["closed_on_time"] = f["closed"] - f.get("closed_late", 0)
        f["close_rate"] = _rate(f["closed"], f["registered"])
        f["on_time_rate"] = _rate(f["closed_on_time"], f["closed"])
        f["orders_complied_rate"] = _rate(f.get("complied", 0), f.get("reinspected", 0))
        f["appeal_changed_rate"] = _rate(f.get("appeals_changed", 0), f.get("appeals_decided", 0))
        f["lead_to_case_days"] = lead_case.get(t)
        f["filing_to_decision_days"] = filing_decision.get(t)
    return per


def leads_by_source(*, town_ids: Iterable[int], period: Period) -> dict[int, dict[str, int]]:
    rows = (
        Lead.all_towns.filter(town_id__in=list(town_ids))
        .filter(period.times("received_at"))
        .values("town_id", "source")
        .annotate(n=Count("pk"))
    )
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        out[row["town_id"]][Lead.Source(row["source"]).label] = row["n"]
    return out
