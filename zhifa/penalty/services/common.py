"""Helpers shared by the stages of the penalty procedure: the case's penalty file, its clocks,
its documents' context and its events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhifa.cases import events
from zhifa.cases.context import case_context, contact_context
from zhifa.cases.models import Case
from zhifa.cases.services.common import (
    case_url,
    clock_start,
)
from zhifa.core.deadlines import (
    deadline_complete,
    deadline_open,
    deadlines_for_subject,
)
from zhifa.core.errors import DomainError
from zhifa.core.models import Deadline
from zhifa.team.models import Officer

from ..models import Penalty

U = Deadline.Unit
PAYMENT_BANK = "中国农业银行繁峙县支行"
PAYMENT_ONLINE = "山西省非税收入电子缴款系统"


def _clock(
    case: Case,
    *,
    kind: str,
    purpose: str,
    start: dt.date,
    amount: int,
    unit: str,
    article: str,
    actor: Any,
) -> Deadline:
    return deadline_open(
        town=case.town,
        subject=case,
        kind=kind,
        purpose=f"{purpose}（{case.number}）"[:100],
        start=clock_start(start),
        amount=amount,
        unit=unit,
        article=article[:100],
        responsible=actor if getattr(actor, "pk", None) else None,
        url=case_url(case),
    )


def _finish(case: Case, kind: str, on: dt.date) -> None:
    for deadline in deadlines_for_subject(case).filter(kind=kind, status=Deadline.Status.OPEN):
        deadline_complete(deadline=deadline, at=clock_start(on))


def _penalty(case: Case) -> Penalty:
    found = Penalty.all_towns.filter(case=case).first()
    if found is None:
        raise DomainError("本案尚未提出拟处罚意见", code="no_penalty_file", status=409)
    return found


def _investigators(case: Case) -> list[Officer]:
    return [row.officer for row in case.handler_rows.select_related("officer")]


def _context(case: Case, p: Penalty) -> dict[str, Any]:
    context = case_context(case, party=p.party)
    context.update(
        facts=p.facts,
        evidence=p.evidence,
        violated=p.violated,
        basis=p.basis,
        discretion=p.discretion_reason,
        penalty={
            "kind": "罚款" if "fine" in p.kinds else "警告",
            "amount": float(p.amount) if "fine" in p.kinds else None,
            "content": p.content,
        },
    )
    context["contact"] = contact_context(case)
    return context


def _event(
    case: Case, actor: Any, event_type: str, summary: str, old_state: str | None = None, **new: Any
) -> None:
    if old_state is not None and old_state != case.state:
        events.state_changed(
            case=case,
            actor=actor,
            event_type=event_type,
            old_state=old_state,
            summary=summary,
            **new,
        )
    else:
        events.measure_event(
            case=case, actor=actor, event_type=event_type, summary=summary, new=new
        )
