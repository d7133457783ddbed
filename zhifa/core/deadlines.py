"""Deadlines (期限): open, complete, cancel, recompute and sweep the clocks every app uses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from zhifa.core import clock

from . import workdays
from .articles import short
from .models import Deadline, Town
from .notifications import notify

Unit = Deadline.Unit


@dataclass(frozen=True)
class Due:
    at: dt.datetime
    provisional: bool


def due_compute(*, start: dt.datetime, amount: int, unit: str) -> Due:
    """When a period of ``amount`` ``unit`` started at ``start`` ends (law's counting)."""
    local = timezone.localtime(start)
    if unit == Unit.WORKING_DAYS:
        answer = workdays.workdays_add(local.date(), amount)
        return Due(workdays.end_of_day(answer.date), answer.provisional)
    if unit == Unit.CALENDAR_DAYS:
        answer = workdays.calendar_days_add(local.date(), amount)
        return Due(workdays.end_of_day(answer.date), answer.provisional)
    if unit == Unit.WORKING_HOURS:
        timed = workdays.workhours_add(local, amount)
        return Due(timed.at, timed.provisional)
    raise ValueError(f"unknown unit {unit!r}")


def deadline_open(
    *,
    town: Town,
    subject: Any,
    kind: str,
    purpose: str,
    start: dt.datetime,
    amount: int,
    unit: str,
    article: str = "",
    responsible: Any = None,
    url: str = "",
) -> Deadline:
    """Open a clock on ``subject``; ``article`` is kept as its compact label (``articles.short``)."""
    due = due_compute(start=start, amount=amount, unit=unit)
    return Deadline.all_towns.create(
        town=town,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        kind=kind,
        purpose=purpose,
        article=short(article)[:100],
        unit=unit,
        amount=amount,
        start_at=start,
        due_at=due.at,
        provisional=due.provisional,
        responsible=responsible,
        url=url,
    )


def deadline_complete(*, deadline: Deadline, at: dt.datetime | None = None) -> Deadline:
    deadline.status = Deadline.Status.DONE
    deadline.done_at = at or clock.now()
    deadline.save(update_fields=["status", "done_at"])
    return deadline


def deadline_cancel(*, deadline: Deadline) -> Deadline:
    deadline.status = Deadline.Status.CANCELLED
    deadline.save(update_fields=["status"])
    return deadline


def deadlines_for_subject(subject: Any) -> Any:
    return Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    )


def deadline_recompute_provisional(*, year: int | None = None) -> list[Deadline]:
    """Recompute open provisional deadlines (after an official schedule was entered).

    Returns the deadlines whose due time moved; the caller records the change.
    """
    workdays.clear_cache()
    changed: list[Deadline] = []
    rows = Deadline.all_towns.filter(status=Deadline.Status.OPEN, provisional=True)
    if year is not None:
        rows = rows.filter(due_at__year__gte=year - 1, due_at__year__lte=year + 1)
    with transaction.atomic():
        for deadline in rows.select_for_update():
            due = due_compute(start=deadline.start_at, amount=deadline.amount, unit=deadline.unit)
            if due.at != deadline.due_at or due.provisional != deadline.provisional:
                if due.at != deadline.due_at:
                    changed.append(deadline)
                deadline.due_at, deadline.provisional = due.at, due.provisional
                deadline.save(update_fields=["due_at", "provisional"])
    return changed


# Kinds of clock that give a party time (to state a defence, to ask for a hearing): when one
# passes nobody is late — the window has closed and the authority may take the next step. Apps
# register theirs in ready(); the sweep closes them as elapsed instead of alarming them overdue.
WINDOW_KINDS: set[str] = set()


def window_kinds_register(*kinds: str) -> None:
    WINDOW_KINDS.update(kinds)


def deadline_elapsed(deadline: Deadline, *, now: dt.datetime) -> bool:
    """A party's window that has passed: no longer a running clock, and not overdue."""
    return deadline.kind in WINDOW_KINDS and deadline.due_at < now


@dataclass
class SweepResult:
    due_soon: int = 0
    overdue: int = 0
    elapsed: int = 0


def deadline_sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Raise due-soon and overdue alarms once each, and close parties' windows that have passed;
    idempotent, safe to run every few minutes."""
    now = now or clock.now()
    result = SweepResult()
    today = timezone.localtime(now).date()
    soon_limit = workdays.end_of_day(
        workdays.workdays_add(today, settings.ZHIFA_DUE_SOON_WORKDAYS).date
    )
    open_rows = Deadline.all_towns.filter(status=Deadline.Status.OPEN).select_related("responsible")
    with transaction.atomic():
        for deadline in open_rows.filter(due_at__lt=now, kind__in=WINDOW_KINDS):
            deadline_complete(deadline=deadline, at=deadline.due_at)
            result.elapsed += 1
        for deadline in (
            open_rows.filter(due_at__lt=now)
            .exclude(kind__in=WINDOW_KINDS)
            .exclude(alarm=Deadline.Alarm.OVERDUE)
        ):
            _alarm(deadline, Deadline.Alarm.OVERDUE)
            result.overdue += 1
        for deadline in open_rows.filter(due_at__gte=now, due_at__lte=soon_limit, alarm=""):
            _alarm(deadline, Deadline.Alarm.DUE_SOON)
            result.due_soon += 1
    return result


def _alarm(deadline: Deadline, alarm: str) -> None:
    deadline.alarm = alarm
    deadline.save(update_fields=["alarm"])
    if deadline.responsible_id is None:
        return
    due = timezone.localtime(deadline.due_at)
    provisional = "（暂定，正式放假安排公布后可能调整）" if deadline.provisional else ""
    if alarm == Deadline.Alarm.OVERDUE:
        title, level = f"已超期：{deadline.purpose}", "danger"
    else:
        title, level = f"即将到期：{deadline.purpose}", "warning"
    notify(
        town=deadline.town,
        users=[deadline.responsible],
        title=title,
        body=f"届满时间 {due:%Y-%m-%d %H:%M}{provisional}。依据：{deadline.article or '—'}",
        url=deadline.url,
        level=level,
    )
