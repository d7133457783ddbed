"""The penalty procedure's law after the decision: court enforcement (rule 14), disclosure (15),
no penalty with education (16), closure once executed, transfer to judicial organs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhifa.core.articles import (
    A27,
    A33,
    A48,
    A66,
    A71,
    COURT_APPLICATION_MONTHS,
    GB118,
    LAWSUIT_MONTHS,
    Q53,
    Q54,
    RECONSIDERATION_DAYS,
    REMINDER,
)
from zhifa.core.errors import RuleViolation

from .law_common import Clock, period_clock

# --- 14. court enforcement ----------------------------------------------------------------------


def appeal_periods_end(*, served_on: dt.date) -> dt.date:
    """The later of the 复议 (60 days) and 诉讼 (6 months) periods from receipt of the decision."""
    months = served_on.month + LAWSUIT_MONTHS
    year, month = served_on.year + (months - 1) // 12, (months - 1) % 12 + 1
    try:
        lawsuit = served_on.replace(year=year, month=month)
    except ValueError:
        lawsuit = served_on.replace(year=year, month=month % 12 + 1, day=1) - dt.timedelta(days=1)
    return max(lawsuit, served_on + dt.timedelta(days=RECONSIDERATION_DAYS))


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=d)
        except ValueError:
            continue
    raise AssertionError


def rule_court_enforcement_window(
    *,
    reminder_served_on: dt.date | None,
    applied_on: dt.date,
    periods_end: dt.date,
    appeal_pending: bool = False,
) -> Clock:
    """Apply to court ≥10 working days after the reminder was served (强制法第五十四条), within
    3 months after the appeal periods expire (第五十三条), and not while an appeal is pending."""
    if reminder_served_on is None:
        raise RuleViolation(
            "申请人民法院强制执行前，应当催告当事人履行义务", article=Q54, code="reminder_missing"
        )
    if appeal_pending:
        raise RuleViolation(
            "当事人申请行政复议或者提起行政诉讼期间，不能申请强制执行",
            article=Q53,
            code="appeal_pending",
        )
    earliest = period_clock(reminder_served_on, REMINDER)
    if applied_on <= earliest.due and not earliest.provisional:
        raise RuleViolation(
            f"催告书送达十个工作日后当事人仍未履行的，方可申请强制执行（最早{(earliest.due + dt.timedelta(days=1)):%Y年%m月%d日}）",
            article=Q54,
            code="enforcement_too_early",
        )
    if applied_on <= periods_end:
        raise RuleViolation(
            f"当事人在法定期限内不申请复议或提起诉讼、又不履行的方可申请强制执行；复议、诉讼期限至{periods_end:%Y年%m月%d日}届满",
            article=Q53,
            code="enforcement_before_periods",
        )
    last = _add_months(periods_end, COURT_APPLICATION_MONTHS)
    if applied_on > last:
        raise RuleViolation(
            f"应当自期限届满之日起三个月内申请人民法院强制执行（至{last:%Y年%m月%d日}），已超过申请期限",
            article=Q53,
            code="enforcement_too_late",
        )
    return Clock(last, earliest.provisional)


# --- 15. disclosure (its clock: ``law_clocks.rule_disclosure_clock``) ---------------------------


def rule_disclosure_allowed(*, status: str) -> None:
    """A revoked decision is withdrawn from public view, never (re)published."""
    if status == "revoked":
        raise RuleViolation(
            "行政处罚决定已被撤销，应在三个工作日内撤下公示信息，不得公开",
            article=f"{A48}；{GB118}",
            code="disclosure_revoked",
        )


# --- 16. no penalty needs education -------------------------------------------------------------


def rule_no_penalty_education(*, education_on: dt.date | None, education_form: str) -> None:
    """不予处罚 (首违不罚、轻微免罚…) comes with education of the party, on record (第三十三条第三款)."""
    if education_on is None or len((education_form or "").strip()) < 2:
        raise RuleViolation(
            "对当事人的违法行为依法不予行政处罚的，应当对当事人进行教育，请记录教育日期和方式",
            article=f"{A33}第三款",
            code="education_missing",
        )


# --- closure after execution ---------------------------------------------------------------------


def rule_executed(*, penalty: Any) -> None:
    """A decided case closes only once executed: the fine paid (or court enforcement applied for),
    and a fine collected on the spot handed in to the bank (第六十六条、第七十一条)."""
    if penalty is None or penalty.outcome != "penalty" or "fine" not in penalty.kinds:
        return
    if not penalty.paid_on and not penalty.enforcement_applied_on:
        raise RuleViolation(
            "罚款尚未缴清，也未申请人民法院强制执行，不能结案",
            article=A66,
            code="not_executed",
        )
    if penalty.collected_on_spot and not penalty.handed_in_on:
        raise RuleViolation(
            "当场收缴的罚款尚未交至指定银行，不能结案", article=A71, code="not_handed_in"
        )


# --- transfer to judicial organs (第二十七条) ------------------------------------------------------


def rule_transfer_reason(*, reason: str) -> None:
    if len((reason or "").strip()) < 4:
        raise RuleViolation(
            "移送司法机关应写明涉嫌犯罪的事实和理由", article=A27, code="transfer_reason"
        )
