"""Payment, its surcharge and deferral (行政处罚法第六十六条、第六十七条、第七十二条、第七十三条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from zhifa.cases.models import Case
from zhifa.cases.services.common import (
    require_approval,
    text,
)
from zhifa.cases.transitions import case_transition
from zhifa.catalog.rules import money
from zhifa.core.errors import DomainError

from .. import law
from ..models import Appeal, Penalty
from .common import _finish, _penalty


def _paused_days(case: Case, until: dt.date) -> int:
    """Days any appeal was pending up to ``until`` (the court-enforcement window waits for them)."""
    return sum(a.paused_days(until) for a in Appeal.all_towns.filter(case=case))


def _pauses(case: Case) -> list[tuple[dt.date, dt.date | None]]:
    return [(a.filed_on, a.decided_on) for a in Appeal.all_towns.filter(case=case)]


def payment_record(
    *, case: Case, actor: Any, paid_on: dt.date, amount: Decimal | int | str, receipt_no: str = ""
) -> Penalty:
    """缴款: the fine plus the surcharge computed by law (3%/day after the due date, capped at
    the fine, paused while 复议/诉讼 was pending)."""
    with case_transition(case, "execute", actor=actor, event_type="payment") as step:
        case = step.case
        p = _penalty(case)
        if p.due_on is None:
            raise DomainError("决定书送达后方可登记缴款", code="not_served", status=409)
        if p.paid_on:
            raise DomainError("罚款已缴清", code="already_paid", status=409)
        answer = law.rule_payment_due_and_surcharge(
            fine=p.amount,
            served_on=p.effective_on or p.served_on,
            paid_on=paid_on,
            pauses=_pauses(case),
            deferred_to=p.deferred_to,
        )
        total = p.amount + answer.surcharge
        paid = Decimal(str(amount))
        if paid < total:
            raise DomainError(
                f"应缴罚款{money(p.amount)}元及加处罚款{money(answer.surcharge)}元，合计{money(total)}元，登记的缴款金额不足",
                code="underpaid",
            )
        step.change()
        p.paid_on, p.paid_amount, p.surcharge, p.receipt_no = (
            paid_on,
            paid,
            answer.surcharge,
            receipt_no or p.receipt_no,
        )
        p.save()
        _finish(case, "payment", paid_on)
        _finish(case, "enforcement", paid_on)
        cap = "（已达罚款本数上限）" if answer.capped else ""
        step.record(
            f"{paid_on:%Y-%m-%d}缴纳罚款{money(p.amount)}元，加处罚款{money(answer.surcharge)}元{cap}（逾期{answer.late_days}日）",
            fine=str(p.amount),
            surcharge=str(answer.surcharge),
            late_days=answer.late_days,
        )
    return p


def payment_defer(
    *,
    case: Case,
    actor: Any,
    deferred_to: dt.date,
    approved_by: Any,
    reason: str,
    instalments: list[dict[str, str]] | None = None,
) -> Penalty:
    """暂缓或者分期缴纳 on the party's application, approved by the head (第六十六条第二款)."""
    reason = text(reason, label="延期（分期）理由", minimum=4)
    require_approval(approved_by, what="延期或者分期缴纳罚款", article=law.A66)
    with case_transition(case, actor=actor, event_type="payment_deferred") as step:
        case = step.case
        p = _penalty(case)
        if p.due_on is None or p.paid_on:
            raise DomainError("只有已送达、尚未缴清的罚款可以延期或分期", code="not_due")
        if deferred_to <= p.due_on:
            raise DomainError("延期后的缴款日期应晚于原缴款期限", code="bad_date")
        p.deferred_to, p.instalments, p.deferral_approved_by = (
            deferred_to,
            instalments or [],
            approved_by,
        )
        p.save()
        step.record(
            f"经批准延期缴纳至{deferred_to:%Y-%m-%d}：{reason[:40]}",
            deferred_to=deferred_to,
        )
    return p
