"""The handler's proposal with its discretion (行政处罚法第五条、第三十四条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.cases.law import rule_limitation
from zhifa.cases.models import Case
from zhifa.cases.services.case import case_propose
from zhifa.cases.services.common import (
    text,
)
from zhifa.catalog.models import PowerItem
from zhifa.core import clock
from zhifa.core.deadlines import (
    deadlines_for_subject,
)
from zhifa.core.errors import DomainError
from zhifa.grid.models import Subject

from .. import law
from ..models import Penalty
from .common import _clock, _event

# --- proposal with discretion ------------------------------------------------------------------


def penalty_propose(
    *,
    case: Case,
    actor: Any,
    proposal: str,
    reason: str,
    item: PowerItem | None = None,
    party: Subject | None = None,
    kinds: list[str] | None = None,
    amount: Decimal | int | str = 0,
    level: str = "",
    facts: str = "",
    evidence: list[str] | None = None,
    violated: str = "",
    basis: str = "",
    fine_facts: dict[str, Any] | None = None,
    serious_harm: bool = False,
    on: dt.date | None = None,
) -> Case:
    """The handlers' proposal (第五十七条): a penalty within the law's range and the chosen level of
    the item's 裁量基准 (reason recorded), no penalty (Art 33), or a transfer (Art 27)."""
    on = on or clock.today()
    rule_limitation(
        act_date=case.act_date,
        discovered_on=case.discovered_on,
        serious_harm=serious_harm or case.serious_harm,
    )
    if proposal == Case.Proposal.TRANSFER:
        law.rule_transfer_reason(reason=reason)
        return case_propose(case=case, actor=actor, proposal=proposal, text_=reason, on=on)
    items = list(case.items.all())
    item = item or (items[0] if items else None)
    if item is None or item.pk not in {i.pk for i in items}:
        raise DomainError("请选择本案涉及的清单事项", code="item_required")
    party = party or case.parties.first()
    if party is None:
        raise DomainError("请先确定当事人", code="party_required")
    party_kind = law.party_kind_of(party)
    kinds = list(kinds or (["fine"] if proposal == Case.Proposal.PENALTY else []))
    facts = text(facts, label="违法事实", minimum=4)
    violated = text(violated, label="违反的规定", minimum=4)
    basis = text(basis, label="处罚（不予处罚）依据", minimum=4)
    check = None
    act_on = case.act_date or case.discovered_on
    if proposal == Case.Proposal.PENALTY and "fine" in kinds:
        check = law.rule_discretion(
            item=item,
            level=level,
            amount=amount,
            facts={"party": party_kind, **(fine_facts or {})},
            on=act_on,
        )
        text(reason, label="裁量理由", minimum=4)
    with transaction.atomic():
        case = case_propose(case=case, actor=actor, proposal=proposal, text_=reason, on=on)
        Penalty.all_towns.filter(case=case).delete()
        p = Penalty.objects.create(
            town=case.town,
            case=case,
            procedure=Penalty.Procedure.ORDINARY,
            outcome=Penalty.Outcome.PENALTY
            if proposal == Case.Proposal.PENALTY
            else Penalty.Outcome.NO_PENALTY,
            item=item,
            party=party,
            party_kind=party_kind,
            kinds=kinds,
            amount=Decimal(str(amount or 0)) if "fine" in kinds else Decimal(0),
            level=level,
            discretion_reason=reason.strip(),
            facts=facts,
            evidence=[e for e in (evidence or []) if str(e).strip()],
            violated=violated,
            basis=basis,
            law_article=check.article if check else "",
        )
        if not deadlines_for_subject(case).filter(kind="decision_90").exists() and case.filed_at:
            _clock(
                case,
                kind="decision_90",
                purpose="作出处理决定",
                clock=law.rule_decision_clock(filed_on=timezone.localtime(case.filed_at).date()),
                actor=actor,
            )
        _event(
            case,
            actor,
            "penalty_proposed",
            f"拟{p.content}；裁量等级：{p.get_level_display() if level else '—'}；{reason.strip()[:60]}"
            if proposal == Case.Proposal.PENALTY
            else f"拟不予行政处罚：{reason.strip()[:60]}",
            amount=str(p.amount),
            level=level,
            kinds=kinds,
            law_range=[str(check.low), str(check.high)] if check else None,
        )
    return case
