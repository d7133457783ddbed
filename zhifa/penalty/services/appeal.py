"""Reconsideration and lawsuits against a decision (行政复议法, 行政诉讼法; 行政处罚法第七十三条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from zhifa.cases import signals
from zhifa.cases.models import Case
from zhifa.cases.services.common import (
    text,
)
from zhifa.cases.transitions import case_transition
from zhifa.catalog.rules import money
from zhifa.core.deadlines import (
    deadline_cancel,
    deadlines_for_subject,
)
from zhifa.core.errors import DomainError
from zhifa.core.models import Deadline

from .. import law
from ..models import Appeal, Penalty
from .common import _clock, _penalty

# --- appeals ------------------------------------------------------------------------------------


def appeal_file(*, case: Case, actor: Any, kind: str, body: str, filed_on: dt.date) -> Appeal:
    """复议/诉讼 filed: the surcharge pauses and the court window moves (第七十三条)."""
    if kind not in Appeal.Kind.values:
        raise DomainError("请选择行政复议或行政诉讼", code="bad_kind")
    body = text(body, label="复议机关或法院")
    with case_transition(case, actor=actor, event_type="appeal_filed", closed_ok=True) as step:
        case = step.case
        p = _penalty(case)
        if p.decided_on is None:
            raise DomainError("尚未作出决定", code="not_decided", status=409)
        if filed_on < p.decided_on:
            raise DomainError("申请日期不能早于决定日期", code="bad_date")
        appeal = Appeal.objects.create(
            town=case.town, case=case, kind=kind, body=body, filed_on=filed_on
        )
        step.record(
            f"当事人于{filed_on:%Y-%m-%d}向{body}提起{appeal.get_kind_display()}，加处罚款暂停计算",
            appeal=appeal.pk,
        )
    return appeal


def appeal_decide(
    *,
    appeal: Appeal,
    actor: Any,
    outcome: str,
    decided_on: dt.date,
    new_amount: Decimal | int | str | None = None,
    note: str = "",
) -> Appeal:
    """The outcome; a change or revocation updates the decision and opens the 3-working-day
    clock to withdraw the disclosure. Appended even when the case is closed."""
    if outcome not in {o for o in Appeal.Outcome.values if o}:
        raise DomainError("请选择复议或诉讼结果", code="bad_outcome")
    with case_transition(
        appeal.case, actor=actor, event_type="appeal_decided", row=appeal, closed_ok=True
    ) as step:
        case, appeal = step.case, step.row
        if appeal.outcome:
            raise DomainError("该复议/诉讼已登记结果", code="already_decided", status=409)
        if decided_on < appeal.filed_on:
            raise DomainError("结果日期不能早于申请日期", code="bad_date")
        p = _penalty(case)
        appeal.outcome, appeal.decided_on, appeal.note = outcome, decided_on, note
        if outcome == Appeal.Outcome.CHANGED:
            if new_amount in (None, ""):
                raise DomainError("请填写变更后的罚款金额", code="amount_required")
            appeal.new_amount = Decimal(str(new_amount))
            p.status, p.amount = Penalty.Status.CHANGED, appeal.new_amount
        elif outcome == Appeal.Outcome.REVOKED:
            p.status = Penalty.Status.REVOKED
        appeal.save()
        p.save()
        if outcome in (Appeal.Outcome.CHANGED, Appeal.Outcome.REVOKED):
            transaction.on_commit(
                lambda: signals.case_decision_changed.send(
                    sender=Case, case=case, penalty=p, appeal=appeal
                )
            )
            if p.disclosed_on and not p.disclosure_withdrawn_on:
                _clock(
                    case,
                    kind="disclosure_withdraw",
                    purpose="撤下或更正已公开的处罚决定",
                    clock=law.rule_disclosure_clock(decided_on=decided_on, changed=True),
                    actor=actor,
                )
            elif outcome == Appeal.Outcome.REVOKED:
                # not yet published: a revoked decision is never published (rule 15)
                for clock in deadlines_for_subject(case).filter(
                    kind="disclosure", status=Deadline.Status.OPEN
                ):
                    deadline_cancel(deadline=clock)
            # changed before publication: the open clock now publishes the changed decision
        step.record(
            f"{appeal.get_kind_display()}结果：{appeal.get_outcome_display()}{'，罚款变更为' + money(appeal.new_amount) + '元' if appeal.new_amount is not None else ''}",
            appeal=appeal.pk,
            outcome=outcome,
        )
    return appeal
