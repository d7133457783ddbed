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
from zhifa.core.models import Deadline, Town
from zhifa.team.models import Officer

from ..law_common import Clock
from ..models import Penalty


def _clock(case: Case, *, kind: str, purpose: str, clock: Clock, actor: Any) -> Deadline:
    """Open the case's deadline for a clock a rule of the law computed (its start and period)."""
    assert clock.start is not None and clock.period is not None, kind
    return deadline_open(
        town=case.town,
        subject=case,
        kind=kind,
        purpose=f"{purpose}（{case.number}）"[:100],
        start=clock_start(clock.start),
        amount=clock.period.amount,
        unit=clock.period.unit,
        article=clock.period.article[:100],
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


def _payment(town: Town, *, bank: str = "", account: str = "") -> dict[str, str]:
    """Where the fine is paid, as the town entered it (a fact not entered prints as a blank line)."""
    return {
        "bank": bank.strip() or town.fact("payment_bank"),
        "account": account.strip() or town.fact("payment_account"),
        "online": town.payment_online,
    }


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


def _event(case: Case, actor: Any, event_type: str, summary: str, **new: Any) -> None:
    """A step of the procedure that leaves the case's state as it is (a change of state is
    recorded by ``cases.transitions.case_transition``)."""
    events.measure_event(case=case, actor=actor, event_type=event_type, summary=summary, new=new)
