"""The one clock of the house: the time and the day as the team lives them (Asia/Shanghai), and
the rule that a fact is dated neither in the future nor absurdly far in the past.

Code asks ``clock.now()`` and ``clock.today()`` rather than the system clock, so that tests and
the demo's story seeding can set it::

    with clock.frozen(dt.datetime(2026, 9, 29, 10, 0, tzinfo=clock.TZ)):
        ...  # now() is 2026-09-29 10:00 until the block ends (tick=True lets it run on)

The setting is process-wide, not per thread: a test's live server answers on another thread and
must see the same day as the test that drives it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .errors import DomainError

TZ = ZoneInfo("Asia/Shanghai")
# Before this day no fact of a township enforcement team can be dated (the floor when the town's
# own first power allocation is unknown or earlier).
EARLIEST = dt.date(2000, 1, 1)

_lock = threading.Lock()
_frozen: list[tuple[dt.datetime, dt.datetime, bool]] = []  # (frozen at, set at (real), tick)


def _real_now() -> dt.datetime:
    return timezone.now()


def now() -> dt.datetime:
    """The current time, aware, in Asia/Shanghai."""
    with _lock:
        top = _frozen[-1] if _frozen else None
    if top is None:
        return _real_now().astimezone(TZ)
    at, set_at, tick = top
    if tick:
        at = at + (_real_now() - set_at)
    return at.astimezone(TZ)


def today() -> dt.date:
    """Today's date in Asia/Shanghai (the team's day, whatever the server's zone)."""
    return now().date()


def local(value: dt.datetime) -> dt.datetime:
    """An aware datetime as the team reads it (Asia/Shanghai); a naive one is taken as local."""
    if timezone.is_naive(value):
        return value.replace(tzinfo=TZ)
    return value.astimezone(TZ)


def iso(value: dt.datetime | None) -> str | None:
    """An aware datetime for JSON and other systems: ISO 8601 with the +08:00 offset."""
    return None if value is None else local(value).isoformat()


@contextmanager
def frozen(at: dt.datetime | dt.date, *, tick: bool = False) -> Iterator[dt.datetime]:
    """Set the clock to ``at`` (a date means 09:00 that day, Shanghai) for the block; nests."""
    if not isinstance(at, dt.datetime):
        at = dt.datetime.combine(at, dt.time(9, 0))
    at = local(at)
    entry = (at, _real_now(), tick)
    with _lock:
        _frozen.append(entry)
    try:
        yield at
    finally:
        with _lock:
            _frozen.remove(entry)


# --- the fact-date rule ---------------------------------------------------------------------------


def _skew() -> dt.timedelta:
    """Times sent by other systems (a 12345 platform, a phone) may run a little ahead of ours."""
    return dt.timedelta(seconds=int(getattr(settings, "ZHIFA_CLOCK_SKEW_SECONDS", 300)))


def fact_date_check(
    value: dt.date | dt.datetime | None,
    *,
    label: str,
    floor: dt.date | None = None,
    floor_reason: str = "",
) -> None:
    """Refuse a fact dated in the future or before its floor (``floor`` or 2000-01-01, whichever
    is later) with a Chinese message naming the field. ``None`` passes (the caller decides
    whether the date is required). A datetime is compared with now() plus a few minutes of
    clock skew; a date with today()."""
    if value is None:
        return
    if isinstance(value, dt.datetime):
        when = local(value)
        day, shown = when.date(), f"{when:%Y年%-m月%-d日 %H:%M}"
        if when > now() + _skew():
            raise DomainError(
                f"{label}（{shown}）晚于当前时间：已发生的事实不能登记为将来的时间",
                code="fact_date_future",
                details={"field": label},
            )
    else:
        day, shown = value, f"{value:%Y年%-m月%-d日}"
        if day > today():
            raise DomainError(
                f"{label}（{shown}）在今天之后：已发生的事实不能登记为将来的日期",
                code="fact_date_future",
                details={"field": label},
            )
    earliest, why = EARLIEST, "2000年以前的日期不予登记"
    if floor is not None and floor > earliest:
        earliest, why = floor, floor_reason or "日期下限"
    if day < earliest:
        raise DomainError(
            f"{label}（{shown}）早于{earliest:%Y年%-m月%-d日}（{why}），日期有误，请核对",
            code="fact_date_too_early",
            details={"field": label},
        )
