"""Services over the holiday table an admin keeps for years the calendar package does not know."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from . import clock, workdays
from .audit import event_append
from .deadlines import deadline_recompute_provisional
from .errors import DomainError
from .models import CalendarDay, CalendarYear, Town, TownEvent


def calendar_day_set(*, day: dt.date, is_workday: bool, name: str = "") -> CalendarDay:
    row, _ = CalendarDay.objects.update_or_create(
        date=day, defaults={"is_workday": is_workday, "name": name}
    )
    return row


def calendar_year_publish(*, year: int, actor: Any, source: str) -> int:
    """Mark a year's schedule official and recompute open provisional deadlines.

    The admin enters the holidays and 调休 workdays as ``CalendarDay`` rows first. Each town whose
    deadlines moved gets an event on its record listing them. Returns how many deadlines moved.
    """
    if year in workdays.KNOWN_YEARS:
        raise DomainError(f"{year} 年的放假安排已内置，无需录入", code="calendar_known_year")
    if not source.strip():
        raise DomainError(
            "请填写放假安排的依据文件（如国务院办公厅通知文号）", code="calendar_source"
        )
    with transaction.atomic():
        CalendarYear.objects.update_or_create(
            year=year,
            defaults={
                "official": True,
                "source": source.strip(),
                "entered_by": actor,
                "entered_at": clock.now(),
            },
        )
        workdays.clear_cache()
        moved = deadline_recompute_provisional(year=year)
        by_town: dict[int, list] = {}
        for deadline in moved:
            by_town.setdefault(deadline.town_id, []).append(deadline)
        for town in Town.objects.filter(pk__in=by_town):
            rows = by_town[town.pk]
            event_append(
                event_model=TownEvent,
                subject=town,
                actor=actor,
                event_type="calendar_published",
                summary=f"录入{year}年正式放假安排，{len(rows)} 个暂定期限已重算",
                new={
                    "year": year,
                    "source": source.strip(),
                    "deadlines": [
                        {"id": d.pk, "purpose": d.purpose, "due_at": clock.iso(d.due_at)}
                        for d in rows
                    ],
                },
            )
        return len(moved)
