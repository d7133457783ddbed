"""Statutory holidays computed for years no official schedule covers yet (provisional).

《全国年节及纪念日放假办法》(revised 2024, in force 2025-01-01), Article 2: 元旦 1 day (Jan 1),
春节 4 days (除夕 and 正月初一至初三), 清明节 1 day (the solar term), 劳动节 2 days (May 1–2),
端午节 1 day (五月初五), 中秋节 1 day (八月十五), 国庆节 3 days (Oct 1–3). The State Council's yearly
schedule adds bridge days and 调休 Saturdays/Sundays that cannot be predicted: a deadline computed
from this table is therefore always marked provisional, and recomputed when the year is published.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar
from lunardate import LunarDate


def _lunar(year: int, month: int, day: int) -> dt.date:
    return LunarDate(year, month, day).to_solar_date()


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    days: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    new_year = _lunar(year, 1, 1)
    for offset in range(-1, 3):
        days[new_year + dt.timedelta(days=offset)] = "春节"
    for day, name in chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 30)):
        if name == "清明":
            days[day] = "清明节"
    days[dt.date(year, 5, 1)] = "劳动节"
    days[dt.date(year, 5, 2)] = "劳动节"
    days[_lunar(year, 5, 5)] = "端午节"
    days[_lunar(year, 8, 15)] = "中秋节"
    for d in (1, 2, 3):
        days[dt.date(year, 10, d)] = "国庆节"
    return days
