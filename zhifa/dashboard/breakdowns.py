"""The cockpit's breakdowns of one town: by village, squadron, domain and item, officers'
workload, and the monthly trend. Each is one grouped query."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from zhifa.catalog.models import PowerItem

from .metrics import Period
from .sources import ACTIVE_STATES, Case, CaseHandler, Deadline, State


def _cases(town_id: int, period: Period) -> Any:
    return Case.all_towns.filter(town_id=town_id).filter(period.times("registered_at"))


def by_village(*, town_id: int, period: Period) -> list[dict[str, Any]]:
    rows = (
        _cases(town_id, period)
        .values("cell__village__name")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(state__in=ACTIVE_STATES)))
        .order_by("-n")
    )
    return [
        {"name": r["cell__village__name"] or "未定位", "n": r["n"], "open": r["open"]} for r in rows
    ]


def by_squadron(*, town_id: int, period: Period) -> list[dict[str, Any]]:
    rows = (
        _cases(town_id, period)
        .values("squadron__name")
        .annotate(n=Count("pk"), closed=Count("pk", filter=Q(state=State.CLOSED)))
        .order_by("-n")
    )
    return [
        {"name": r["squadron__name"] or "未指派", "n": r["n"], "closed": r["closed"]} for r in rows
    ]


def by_domain(*, town_id: int, period: Period) -> list[dict[str, Any]]:
    rows = (
        _cases(town_id, period)
        .values("items__domain__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n")
    )
    return [{"name": r["items__domain__name"] or "未定事项", "n": r["n"]} for r in rows]


def item_usage(*, town_id: int, period: Period) -> dict[str, Any]:
    """Which powers of the town's list were actually used in the period, and how often."""
    used = list(
        _cases(town_id, period)
        .values("items__code", "items__name")
        .exclude(items__code=None)
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n")[:20]
    )
    held = PowerItem.all_towns.filter(town_id=town_id).count()
    distinct = _cases(town_id, period).exclude(items=None).values("items").distinct().count()
    return {"held": held, "used": distinct, "top": used}


def officer_workload(*, town_id: int, now: dt.datetime) -> list[dict[str, Any]]:
    """Open cases per handling officer, with how many of them carry an overdue case clock."""
    overdue_cases = Deadline.all_towns.filter(
        town_id=town_id,
        status=Deadline.Status.OPEN,
        due_at__lt=now,
        subject_type__model="case",
    ).values("subject_id")
    rows = (
        CaseHandler.all_towns.filter(town_id=town_id, case__state__in=ACTIVE_STATES)
        .values("officer__user__full_name")
        .annotate(
            open=Count("case", distinct=True),
            overdue=Count("case", distinct=True, filter=Q(case_id__in=overdue_cases)),
        )
        .order_by("-open")
    )
    return [
        {"name": r["officer__user__full_name"], "open": r["open"], "overdue": r["overdue"]}
        for r in rows
    ]


def monthly_trend(*, town_ids: list[int], months: int, until: dt.date) -> dict[str, Any]:
    """Cases registered and closed per month over the last ``months`` months up to ``until``."""
    first = dt.date(until.year, until.month, 1)
    for _ in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    period = Period(first, until)
    base = Case.all_towns.filter(town_id__in=town_ids)
    reg = {
        _month(k): n
        for k, n in base.filter(period.times("registered_at"))
        .annotate(m=TruncMonth("registered_at"))
        .values_list("m")
        .annotate(n=Count("pk"))
    }
    closed = {
        _month(k): n
        for k, n in base.filter(state=State.CLOSED)
        .filter(period.times("closed_at"))
        .annotate(m=TruncMonth("closed_at"))
        .values_list("m")
        .annotate(n=Count("pk"))
    }
    labels, registered, done = [], [], []
    cursor = first
    while cursor <= until:
        labels.append(f"{cursor:%Y-%m}")
        registered.append(reg.get(cursor, 0))
        done.append(closed.get(cursor, 0))
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    return {"labels": labels, "registered": registered, "closed": done}


def _month(value: Any) -> dt.date:
    d = value.date() if isinstance(value, dt.datetime) else value
    return d.replace(day=1)
