"""Execution: reminder, court enforcement, closure once executed (行政强制法第五十三条、第五十四条)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhifa.cases.context import case_context
from zhifa.cases.models import Case
from zhifa.cases.services.case import case_close
from zhifa.cases.services.common import (
    issue,
    require_approval,
    text,
)
from zhifa.cases.transitions import case_transition
from zhifa.catalog.rules import money
from zhifa.core.errors import DomainError

from .. import law
from ..models import Appeal, Penalty
from .common import _clock, _context, _finish, _payment, _penalty
from .payment import _paused_days, _pauses


def _manner(payment: dict[str, str]) -> str:
    online = f"，或通过{payment['online']}缴纳" if payment["online"] else ""
    return f"到{payment['bank']}（账号：{payment['account']}）缴纳{online}"


def reminder_serve(*, case: Case, actor: Any, served_on: dt.date) -> Penalty:
    """催告书 (行政强制法第三十五条) after the due date; the court window opens 10 working days later."""
    with case_transition(case, "execute", actor=actor, event_type="reminder") as step:
        case = step.case
        p = _penalty(case)
        if p.due_on is None or p.paid_on:
            raise DomainError("罚款已缴清或尚未到期，无需催告", code="no_reminder_needed")
        due = p.deferred_to or p.due_on
        if served_on <= due:
            raise DomainError(f"缴款期限{due:%Y-%m-%d}届满后方可催告", code="too_early")
        answer = law.rule_payment_due_and_surcharge(
            fine=p.amount,
            served_on=p.effective_on or p.served_on,
            paid_on=served_on,
            pauses=_pauses(case),
            deferred_to=p.deferred_to,
        )
        # the party's time to comply is the period after which the court may be asked (第五十四条)
        window = law.rule_enforcement_clock(reminder_served_on=served_on)
        context = case_context(case, party=p.party)
        context.update(
            decision={
                "number": p.decision_doc.number,
                "name": "行政处罚决定书",
                "date": p.decided_on.isoformat(),
                "served": p.served_on.isoformat(),
                "content": p.content,
            },
            obligation="缴纳罚款及加处罚款",
            deadline=window.due.isoformat(),
            amount={
                "fine": float(p.amount),
                "surcharge": float(answer.surcharge),
                "total": float(p.amount + answer.surcharge),
            },
            payment={"manner": _manner(_payment(case.town))},
            contact=_context(case, p)["contact"],
        )
        doc = issue(case=case, doc_type="reminder", context=context, actor=actor, date=served_on)
        step.change()
        p.reminder_doc, p.reminder_served_on = doc, served_on
        p.save()
        _clock(
            case,
            kind="enforcement",
            purpose="催告期满，可申请人民法院强制执行",
            clock=window,
            actor=actor,
        )
        step.record(
            f"送达{doc.number}（罚款{money(p.amount)}元，加处罚款暂计{money(answer.surcharge)}元）",
            document=doc.number,
        )
    return p


def enforcement_apply(
    *, case: Case, actor: Any, applied_on: dt.date, head: Any, court: str = ""
) -> Penalty:
    """申请人民法院强制执行 (行政强制法第五十三条、第五十四条)."""
    # the court the town entered, unless the head names another; none entered: a line to fill in
    court = text(court or case.town.fact("court"), label="受理法院")
    require_approval(head, what="申请人民法院强制执行", article=law.Q53)
    with case_transition(case, "execute", actor=actor, event_type="enforcement_applied") as step:
        case = step.case
        p = _penalty(case)
        pending = Appeal.all_towns.filter(case=case, outcome="").exists()
        periods_end = law.appeal_periods_end(served_on=p.served_on) + dt.timedelta(
            days=_paused_days(case, applied_on)
        )
        law.rule_court_enforcement_window(
            reminder_served_on=p.reminder_served_on,
            applied_on=applied_on,
            periods_end=periods_end,
            appeal_pending=pending,
        )
        context = case_context(case, party=p.party)
        context.update(
            head={"name": head.full_name or head.username, "title": "负责人"},
            applicant={"address": case.town.name},
            decision={
                "number": p.decision_doc.number,
                "date": p.decided_on.isoformat(),
                "served": p.served_on.isoformat(),
                "content": p.content,
            },
            request=f"{p.content}及加处罚款",
            reminder={"served": p.reminder_served_on.isoformat()},
            court=court,
            attachments=[
                {"name": "行政处罚决定书及送达回证", "pages": ""},
                {"name": "催告书及送达回证", "pages": ""},
            ],
        )
        doc = issue(
            case=case,
            doc_type="enforcement_application",
            context=context,
            actor=actor,
            date=applied_on,
        )
        p.enforcement_doc, p.enforcement_applied_on = doc, applied_on
        p.save()
        _finish(case, "enforcement", applied_on)
        step.record(f"向{court}申请强制执行（{doc.number}）", court=court, document=doc.number)
    return p


def penalty_close(*, case: Case, actor: Any, on: dt.date) -> Case:
    """结案 after execution: paid (or on-the-spot collection handed in), enforcement applied, or a
    no-penalty decision served."""
    p = _penalty(case)
    law.rule_executed(penalty=p)
    if p.outcome == Penalty.Outcome.PENALTY and "fine" in p.kinds:
        if p.paid_on:
            outcome = f"{p.decision_doc.number}：{p.content}，已于{p.paid_on:%Y年%-m月%-d日}缴清（加处罚款{money(p.surcharge)}元）"
            execution = f"当事人已缴纳罚款{money(p.amount)}元、加处罚款{money(p.surcharge)}元。"
        else:
            outcome = f"{p.decision_doc.number}：{p.content}，已申请人民法院强制执行"
            execution = f"已于{p.enforcement_applied_on:%Y年%-m月%-d日}申请人民法院强制执行。"
    else:
        outcome = f"{p.decision_doc.number if p.decision_doc else ''}：{p.content if p.outcome == Penalty.Outcome.PENALTY else '不予行政处罚'}"
        execution = "决定已送达并履行完毕。"
    # A fine is executed (paid, collected on the spot, or sent to court) only through ``execute``,
    # so a case with a fine reaches here executing; a warning or a no-penalty decision closes served.
    return case_close(case=case, actor=actor, outcome=outcome, execution=execution, on=on)
