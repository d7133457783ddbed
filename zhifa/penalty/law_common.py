"""What the penalty rules share: the answer of a clock, money in yuan, the kind of party."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zhifa.core.articles import CITIZEN, ORGANISATION, WORKING_DAYS, Period
from zhifa.core.errors import DomainError
from zhifa.core.workdays import calendar_days_add, workdays_add


@dataclass(frozen=True)
class Clock:
    """A computed date and whether the calendar behind it is only provisional; a clock the law
    runs also carries the day it counts from and its ``Period`` (a service opens its deadline)."""

    due: dt.date
    provisional: bool = False
    warning: str = ""
    start: dt.date | None = None
    period: Period | None = None


def period_clock(start: dt.date, period: Period) -> Clock:
    """When ``period`` counted from ``start`` ends (the start day not counted, 第八十五条)."""
    add = workdays_add if period.unit == WORKING_DAYS else calendar_days_add
    answer = add(start, period.amount)
    return Clock(answer.date, answer.provisional, start=start, period=period)


def _yuan(value: Decimal | int | str | None) -> Decimal:
    try:
        return Decimal(str(value if value not in (None, "") else 0))
    except ArithmeticError as error:
        raise DomainError("金额应为数字", code="bad_amount") from error


def party_kind_of(subject: Any) -> str:
    """citizen for an individual, organisation for a company, site owner or other body."""
    kind = getattr(subject, "kind", "")
    return CITIZEN if kind == "individual" else ORGANISATION
