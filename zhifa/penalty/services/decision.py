"""The decision, or the decision not to penalise (行政处罚法第五十七条、第五十九条、第三十三条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.cases import signals
from zhifa.cases.models import Case
from zhifa.cases.services.common import (
    issue,
    require_approval,
    text,
)
from zhifa.cases.transitions import case_transition

from .. import law
from ..models import Penalty
from .common import _clock, _context, _finish, _payment, _penalty

# --- decision -----------------------------------------------------------------------------------


def decision_make(
    *,
    case: Case,
    actor: Any,
    on: dt.date,
    amount: Decimal | int | str | None = None,
    kinds: list[str] | None = None,
    extension_days: int = 0,
    extension_approved_by: Any = None,
    bank: str = "",
    account: str = "",
) -> Penalty:
    """行政处罚决定书 (第五十九条): after notice and windows, hearing, review and discussion when
    required; within 90 days of filing; not heavier than the notice."""
    with case_transition(case, "decide", actor=actor, event_type="decided") as step:
        case = step.case
        p = _penalty(case)
        amount = Decimal(str(amount)) if amount not in (None, "") else p.amount
        kinds = list(kinds or p.kinds)
        law.rule_notice_before_decision(
            notice_served_on=p.notice_served_on,
            statement_due=p.statement_due,
            on=on,
            waived=p.statement_waived,
            hearing_pending=bool(p.hearing_requested_on) and p.hearing_held_on is None,
        )
        law.rule_not_heavier_than_notice(
            notified_amount=p.amount,
            decided_amount=amount,
            notified_kinds=p.kinds,
            decided_kinds=kinds,
        )
        if extension_days:
            require_approval(extension_approved_by, what="延长办案期限", article=law.A60)
        law.rule_decision_within_90_days(
            filed_on=timezone.localtime(case.filed_at).date()
            if case.filed_at
            else case.discovered_on,
            decided_on=on,
            extension_days=extension_days,
            extension_approved=extension_approved_by is not None,
        )
        ground = law.legal_review_grounds(
            hearing_held=bool(p.hearing_held_on), party=p.party_kind, amount=amount, kinds=kinds
        )
        law.rule_legal_review_passed(required=bool(ground), passed=p.review_passed)
        law.rule_collective_discussion(
            required=law.collective_discussion_required(amount=amount, kinds=kinds),
            recorded=p.discussion_on is not None,
        )
        p.amount, p.kinds = amount, kinds
        context = _context(case, p)
        steps = [f"本机关于{p.notice_served_on:%Y年%-m月%-d日}向你（单位）送达了行政处罚事先告知书"]
        if p.hearing_held_on:
            steps.append(
                f"你（单位）于{p.hearing_requested_on:%Y年%-m月%-d日}提出听证申请，本机关于{p.hearing_held_on:%Y年%-m月%-d日}依法举行听证"
            )
        elif p.statement_text:
            steps.append("你（单位）提出了陈述、申辩，本机关已进行复核")
        if p.review_passed:
            steps.append("经法制审核")
        if p.discussion_on:
            if p.review_passed:
                steps[-1] += "并经本机关负责人集体讨论"
            else:
                steps.append("经本机关负责人集体讨论")
        context["procedure_note"] = "，".join(steps) + "。"
        context["payment"] = _payment(case.town, bank=bank, account=account)
        law.rule_decision_elements(town=case.town, context=context, on=on)
        doc = issue(case=case, doc_type="penalty_decision", context=context, actor=actor, date=on)
        step.change(outcome=f"{doc.number}：{p.content}")
        p.decided_on, p.decision_doc, p.status = on, doc, Penalty.Status.EFFECTIVE
        p.extension_days, p.extension_approved_by = extension_days, extension_approved_by
        p.save()
        for window in ("decision_90", "statement", "hearing_request"):
            _finish(case, window, on)  # the party's windows have ended by now
        _clock(
            case,
            kind="service",
            purpose="送达行政处罚决定书",
            clock=law.rule_service_clock(decided_on=on),
            actor=actor,
        )
        _clock(
            case,
            kind="disclosure",
            purpose="公开行政处罚决定",
            clock=law.rule_disclosure_clock(decided_on=on),
            actor=actor,
        )
        transaction.on_commit(lambda: signals.case_decided.send(sender=Case, case=case, penalty=p))
        step.record(f"作出{doc.number}：{p.content}", document=doc.number, amount=str(amount))
    return p


def no_penalty_decide(
    *,
    case: Case,
    actor: Any,
    on: dt.date,
    reason: str,
    education_on: dt.date | None,
    education_form: str,
) -> Penalty:
    """不予行政处罚决定 (第三十三条) with the education of the party on record."""
    reason = text(reason, label="不予处罚的情形", minimum=4)
    law.rule_no_penalty_education(education_on=education_on, education_form=education_form)
    with case_transition(case, "decide_no_penalty", actor=actor, event_type="decided") as step:
        case = step.case
        p = _penalty(case)
        context = _context(case, p)
        context.update(
            reason=reason, education={"date": education_on.isoformat(), "form": education_form}
        )
        doc = issue(
            case=case, doc_type="no_penalty_decision", context=context, actor=actor, date=on
        )
        step.change(outcome=f"{doc.number}：不予行政处罚")
        p.decided_on, p.decision_doc, p.status = on, doc, Penalty.Status.EFFECTIVE
        p.education_on, p.education_form = education_on, education_form
        p.save()
        for window in ("decision_90", "statement", "hearing_request"):
            _finish(case, window, on)
        _clock(
            case,
            kind="service",
            purpose="送达不予行政处罚决定书",
            clock=law.rule_service_clock(decided_on=on),
            actor=actor,
        )
        step.record(f"作出{doc.number}：不予行政处罚（已{education_form}）", document=doc.number)
    return p
