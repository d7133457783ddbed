"""Working-day calculator endpoints: the deadline arithmetic staff use every day."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.errors import HttpError

from . import workdays
from .api_fields import Day

API_PREFIX = "workdays"
router = Router(tags=["工作日计算"])


class WorkdayAddOut(Schema):
    start: dt.date
    days: int
    unit: str
    due: dt.date
    provisional: bool
    note: str


class WorkdayBetweenOut(Schema):
    start: dt.date
    end: dt.date
    working_days: int
    provisional: bool
    note: str


def _note(provisional: bool) -> str:
    if provisional:
        return "该年度正式放假安排尚未公布，结果按法定节假日暂定计算，公布后以正式安排为准"
    return "按国务院办公厅公布的放假安排计算"


@router.get("/add", response=WorkdayAddOut, summary="起算日加 N 个工作日（或自然日）")
def workdays_add(request, start: Day, days: int, unit: str = "working_days"):
    """起算日当日不计入；以工作日计算时，第 N 个工作日为届满日；自然日期限届满日为节假日的，顺延至其后第一个工作日。"""
    if not 0 <= days <= 3650:
        raise HttpError(422, "天数应在 0 到 3650 之间")
    if unit == "working_days":
        answer = workdays.workdays_add(start, days)
    elif unit == "calendar_days":
        answer = workdays.calendar_days_add(start, days)
    else:
        raise HttpError(422, "unit 只能是 working_days 或 calendar_days")
    return WorkdayAddOut(
        start=start,
        days=days,
        unit=unit,
        due=answer.date,
        provisional=answer.provisional,
        note=_note(answer.provisional),
    )


@router.get("/between", response=WorkdayBetweenOut, summary="两个日期之间的工作日数")
def workdays_between(request, start: Day, end: Day):
    """起算日之后至截止日（含）之间的工作日数。"""
    if end < start:
        raise HttpError(422, "截止日不能早于起算日")
    if (end - start).days > 3660:
        raise HttpError(422, "日期跨度不能超过十年")
    answer = workdays.workdays_between(start, end)
    return WorkdayBetweenOut(
        start=start,
        end=end,
        working_days=answer.count,
        provisional=answer.provisional,
        note=_note(answer.provisional),
    )
