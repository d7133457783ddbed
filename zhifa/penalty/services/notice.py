"""The prior notice (事先告知) and the party's statement (行政处罚法第四十四条、第四十五条)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zhifa.cases.models import Case
from zhifa.cases.services.common import (
    issue,
    text,
)
from zhifa.cases.transitions import case_transition
from zhifa.core.errors import RuleViolation

from .. import law
from ..models import Penalty
from .common import _clock, _context, _finish, _penalty

# --- prior notice, statement --------------------------------------------------------------------


def notice_serve(
    *,
    case: Case,
    actor: Any,
    served_on: dt.date,
    hearing_offered: bool | None = None,
    statement_days: int | None = None,
) -> Penalty:
    """事先告知书 served (第四十四条); the hearing variant when Art 63 applies. Opens the statement
    window and (when offered) the 5-working-day hearing-request window."""
    with case_transition(case, "notify", actor=actor, event_type="notified") as step:
        case = step.case
        p = _penalty(case)
        required = law.rule_hearing_offer(
            kinds=p.kinds, party=p.party_kind, amount=p.amount, offered=hearing_offered is not False
        )
        offered = required or bool(hearing_offered)
        window = law.rule_statement_clock(
            served_on=served_on, hearing_offered=offered, days=statement_days
        )
        context = _context(case, p)
        context["statement_days"] = window.period.amount
        doc = issue(
            case=case,
            doc_type="prior_notice_hearing" if offered else "prior_notice",
            context=context,
            actor=actor,
            date=served_on,
        )
        step.change()
        statement = _clock(
            case,
            kind="statement",
            purpose="当事人陈述、申辩期限",
            clock=window,
            actor=actor,
        )
        p.notice_doc, p.notice_served_on, p.hearing_offered = doc, served_on, offered
        p.statement_due = timezone.localtime(statement.due_at).date()
        if offered:
            hearing = _clock(
                case,
                kind="hearing_request",
                purpose="当事人申请听证期限",
                clock=law.rule_hearing_request_clock(served_on=served_on),
                actor=actor,
            )
            p.hearing_request_due = timezone.localtime(hearing.due_at).date()
        p.save()
        step.record(
            f"送达{doc.number}（拟{p.content}{'，告知听证权利' if offered else ''}），陈述申辩期限至{p.statement_due:%Y-%m-%d}",
            document=doc.number,
            hearing_offered=offered,
            statement_due=p.statement_due,
        )
    return p


def statement_record(
    *,
    case: Case,
    actor: Any,
    received_on: dt.date,
    statement: str = "",
    recheck: str = "",
    adopted: bool = False,
    waived: bool = False,
) -> Penalty:
    """陈述、申辩 and the handlers' 复核 (第四十五条); or the party's explicit waiver."""
    with case_transition(case, actor=actor, event_type="statement") as step:
        case = step.case
        p = _penalty(case)
        if p.notice_served_on is None:
            raise RuleViolation("尚未送达事先告知书", article=law.A44, code="notice_missing")
        if waived:
            p.statement_waived = True
            summary = "当事人明确表示放弃陈述、申辩"
        else:
            p.statement_text = text(statement, label="陈述申辩内容", minimum=4)
            p.statement_recheck = text(recheck, label="复核意见", minimum=4)
            p.statement_adopted = adopted
            summary = f"陈述申辩：{p.statement_text[:40]}；复核：{p.statement_recheck[:40]}"
        p.save()
        _finish(case, "statement", received_on)
        step.record(
            summary,
            waived=waived,
            adopted=adopted,
            received_on=received_on,
        )
    return p
