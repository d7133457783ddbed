"""The working-day calendar: the law's day counting on the official holiday schedule.

Sources, in order: an admin-entered ``CalendarDay`` row; the ``chinese-calendar`` package (official
schedules it ships, 2004–2026 in 1.11); for a year marked official in ``CalendarYear``, the weekday
rule plus its entered days; otherwise a provisional answer (weekends and the statutory holidays of
``holidays.statutory_holidays``), flagged ``provisional`` so it is never shown as official.

Counting (行政处罚法第八十五条; 行政强制法第六十九条; 民事诉讼法第八十五条): the start day is not
counted; N working days end on the Nth working day after it; a calendar-day period ending on a
non-working day ends on the next working day.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from decimal import Decimal

import chinese_calendar
from django.conf import settings
from django.utils import timezone

from .errors import DomainError
from .holidays import statutory_holidays

# The lunar and solar-term tables behind the provisional holidays cover these years only.
CALENDAR_YEARS = range(1900, 2100)

KNOWN_YEARS = range(2004, 2027)  # years chinese-calendar 1.11 ships
# Searching further than this for a working day means a broken calendar table, not a long holiday.
_MAX_SCAN_DAYS = 60


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    is_workday: bool
    name: str
    provisional: bool


@dataclass(frozen=True)
class DateAnswer:
    date: dt.date
    provisional: bool


@dataclass(frozen=True)
class CountAnswer:
    count: int
    provisional: bool


@dataclass(frozen=True)
class TimeAnswer:
    at: dt.datetime
    provisional: bool


YearTable = tuple[dict[dt.date, tuple[bool, str]], bool]


class _YearCache:
    """Per-process cache of a year's exceptions.

    Cleared in this process when the calendar tables change (signals); other processes (gunicorn
    workers, the task worker) reload within ``TTL`` seconds.
    """

    TTL = 60.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._years: dict[int, tuple[float, YearTable]] = {}

    def clear(self) -> None:
        with self._lock:
            self._years.clear()

    def get(self, year: int) -> YearTable:
        now = time.monotonic()
        with self._lock:
            cached = self._years.get(year)
        if cached is None or now - cached[0] > self.TTL:
            cached = (now, _load_year(year))
            with self._lock:
                self._years[year] = cached
        return cached[1]


_cache = _YearCache()


def clear_cache() -> None:
    _cache.clear()


def _load_year(year: int) -> YearTable:
    """The year's days that differ from the weekday rule, and whether the year is provisional."""
    from .models import CalendarDay, CalendarYear

    if year not in CALENDAR_YEARS:
        raise DomainError(
            "日期超出工作日历的计算范围（1900—2099 年）", code="out_of_range", status=422
        )
    exceptions: dict[dt.date, tuple[bool, str]] = {}
    official_row = CalendarYear.objects.filter(year=year, official=True).exists()
    if year in KNOWN_YEARS:
        provisional = False
        day = dt.date(year, 1, 1)
        while day.year == year:
            _on, name = chinese_calendar.get_holiday_detail(day)
            is_work = chinese_calendar.is_workday(day)
            if is_work != (day.weekday() < 5):
                exceptions[day] = (is_work, _holiday_name(name, is_work))
            day += dt.timedelta(days=1)
    elif official_row:
        provisional = False
    else:
        provisional = True
        for day, name in statutory_holidays(year).items():
            if day.weekday() < 5:
                exceptions[day] = (False, name)
    for row in CalendarDay.objects.filter(date__year=year):
        exceptions[row.date] = (row.is_workday, row.name)
    return exceptions, provisional


def _holiday_name(name: object, is_work: bool) -> str:
    label = getattr(name, "value", "") or ""
    chinese = {
        "New Year's Day": "元旦",
        "Spring Festival": "春节",
        "Tomb-sweeping Day": "清明节",
        "Labour Day": "劳动节",
        "Dragon Boat Festival": "端午节",
        "National Day": "国庆节",
        "Mid-autumn Festival": "中秋节",
        "Anti-Fascist 70th Day": "抗战胜利纪念日",
    }.get(str(label), "")
    if is_work:
        return f"{chinese}调休上班" if chinese else "调休上班"
    return chinese or "休息日"


def day_info(day: dt.date) -> DayInfo:
    exceptions, provisional = _cache.get(day.year)
    if day in exceptions:
        is_work, name = exceptions[day]
    else:
        is_work, name = day.weekday() < 5, "" if day.weekday() < 5 else "周末"
    return DayInfo(date=day, is_workday=is_work, name=name, provisional=provisional)


def is_workday(day: dt.date) -> bool:
    return day_info(day).is_workday


def _scan_error(start: dt.date) -> RuntimeError:
    return RuntimeError(f"no working day within {_MAX_SCAN_DAYS} days after {start}")


def next_workday(day: dt.date) -> DateAnswer:
    """The first working day on or after ``day``."""
    provisional = False
    for _ in range(_MAX_SCAN_DAYS):
        info = day_info(day)
        provisional |= info.provisional
        if info.is_workday:
            return DateAnswer(day, provisional)
        day += dt.timedelta(days=1)
    raise _scan_error(day)


def workdays_add(start: dt.date, days: int) -> DateAnswer:
    """The date ``days`` working days after ``start`` (start not counted). ``days`` ≥ 0.

    With 0 the answer is ``start`` itself if it is a working day, else the next working day.
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    if days == 0:
        return next_workday(start)
    provisional = False
    day = start
    counted = 0
    gap = 0
    while counted < days:
        day += dt.timedelta(days=1)
        info = day_info(day)
        provisional |= info.provisional
        if info.is_workday:
            counted += 1
            gap = 0
        else:
            gap += 1
            if gap > _MAX_SCAN_DAYS:
                raise _scan_error(start)
    return DateAnswer(day, provisional)


def workdays_between(start: dt.date, end: dt.date) -> CountAnswer:
    """Working days after ``start`` up to and including ``end`` (0 if end ≤ start)."""
    count = 0
    provisional = False
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        info = day_info(day)
        provisional |= info.provisional
        count += info.is_workday
    return CountAnswer(count, provisional)


def calendar_days_add(start: dt.date, days: int) -> DateAnswer:
    """A period of calendar days; if it ends on a non-working day it ends on the next working day."""
    end = start + dt.timedelta(days=days)
    return next_workday(end)


# --- working hours ---------------------------------------------------------------------------


def office_hours() -> list[tuple[dt.time, dt.time]]:
    """Office hours from ``ZHIFA_OFFICE_HOURS`` such as ``08:30-12:00,14:30-18:00``."""
    spans = []
    for part in settings.ZHIFA_OFFICE_HOURS.split(","):
        begin, end = part.strip().split("-")
        spans.append((dt.time.fromisoformat(begin), dt.time.fromisoformat(end)))
    return sorted(spans)


def workhours_add(start: dt.datetime, hours: Decimal | int | float) -> TimeAnswer:
    """The moment ``hours`` office hours after ``start`` (aware), skipping non-working days."""
    tz = timezone.get_current_timezone()
    remaining = dt.timedelta(hours=float(hours))
    now = timezone.localtime(start, tz)
    provisional = False
    for _ in range(_MAX_SCAN_DAYS * 4):
        info = day_info(now.date())
        provisional |= info.provisional
        if info.is_workday:
            for begin, end in office_hours():
                span_start = dt.datetime.combine(now.date(), begin, tz)
                span_end = dt.datetime.combine(now.date(), end, tz)
                if now >= span_end:
                    continue
                cursor = max(now, span_start)
                available = span_end - cursor
                if remaining <= available:
                    return TimeAnswer(cursor + remaining, provisional)
                remaining -= available
                now = span_end
        now = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0, 0), tz)
    raise _scan_error(start.date())


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of a day in local time: a day deadline is met on any time of that day."""
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(day, dt.time(23, 59, 59), tz)
