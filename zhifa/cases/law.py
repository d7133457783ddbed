"""The case file's own law: the limitation period checked at registration and filing."""

from __future__ import annotations

import datetime as dt

from zhifa.core.articles import A36
from zhifa.core.errors import DomainError, RuleViolation

# --- 4. limitation ------------------------------------------------------------------------------


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def rule_limitation(
    *, act_date: dt.date | None, discovered_on: dt.date, serious_harm: bool = False
) -> dt.date | None:
    """No penalty when the act (or its end) lay more than 2 years — 5 for life/health or financial
    safety with harm — before discovery (第三十六条). Returns the last day of the period."""
    if act_date is None:
        return None
    if act_date > discovered_on:
        raise DomainError("违法行为发生日期不能晚于发现日期", code="bad_date")
    years = 5 if serious_harm else 2
    last = _add_years(act_date, years)
    if discovered_on > last:
        raise RuleViolation(
            f"违法行为（或其终了）发生于{act_date:%Y年%m月%d日}，至{discovered_on:%Y年%m月%d日}发现已超过{years}年，不再给予行政处罚",
            article=A36,
            code="limitation_expired",
        )
    return last
