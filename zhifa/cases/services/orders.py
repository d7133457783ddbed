"""责令停止违法行为 / 责令（限期）改正: the orders of the case file, each with its re-inspection on
its deadline (行政处罚法第二十八条)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhifa.core import clock
from zhifa.core.articles import A28, short
from zhifa.core.deadlines import deadline_complete, deadline_open
from zhifa.core.errors import DomainError
from zhifa.core.models import Deadline
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from ..context import case_context, contact_context
from ..models import Case, CorrectionOrder
from ..rules import act_handlers, authority_check
from ..transitions import case_transition
from .common import (
    case_url,
    clock_start,
    issue,
    officers_of,
    text,
)
from .common import party_of as _party

# --- 责令停止违法行为 / 责令（限期）改正 ----------------------------------------------------------


def correction_order_issue(
    *,
    case: Case,
    actor: Any,
    kind: str,
    facts: str,
    violated: str,
    basis: str,
    requirements: str,
    days: int,
    officers: list[Officer] | None = None,
    party: Subject | None = None,
    issued_on: dt.date | None = None,
    major_hazard: bool = False,
) -> CorrectionOrder:
    """Order the act stopped (属地管理制止: no held item needed) or corrected within a period
    (责令改正: the town must hold an item, 行政处罚法第二十八条). Opens a re-inspection deadline."""
    if kind not in CorrectionOrder.Kind.values:
        raise DomainError("责令类别不正确", code="bad_kind")
    facts = text(facts, label="违法事实", minimum=4)
    violated = text(violated, label="违反的法律规定", minimum=4)
    basis = text(basis, label="责令依据", minimum=4)
    requirements = text(requirements, label="要求", minimum=4)
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise DomainError("期限应为天数", code="bad_days") from None
    if not 1 <= days <= 365:
        raise DomainError("期限应在 1 至 365 日之间", code="bad_days")
    on = issued_on or clock.today()
    with case_transition(case, actor=actor, event_type="order_issued") as step:
        case = step.case
        item = authority_check(case=case, act="stop" if kind == "stop" else "correct", on=on)
        handlers = act_handlers(officers=officers_of(case, officers), on=on, item=item)
        party = _party(case, party)
        if party is None:
            raise DomainError("请先确定当事人", code="party_required")
        order = CorrectionOrder.objects.create(
            town=case.town,
            case=case,
            kind=kind,
            item=item,
            party=party,
            officers=[{"name": h["name"], "cert_no": h["cert_no"]} for h in handlers],
            facts=facts,
            violated=violated,
            basis=basis,
            requirements=requirements,
            issued_on=on,
            days=days,
            major_hazard=major_hazard,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        context = case_context(case, party=party, handlers=order.officers)
        due = on + dt.timedelta(days=days)
        context.update(facts=facts, violated=violated, basis=basis, requirements=requirements)
        context["correction"] = {"deadline": due.isoformat(), "requirements": requirements}
        context["contact"] = contact_context(case)
        order.document = issue(
            case=case,
            doc_type="stop_order" if kind == "stop" else "correction_order",
            context=context,
            actor=actor,
            date=on,
        )
        order.deadline = deadline_open(
            town=case.town,
            subject=order,
            kind=f"order_{kind}",
            purpose=f"复查{order.get_kind_display()}（{case.number}）",
            start=clock_start(on),
            amount=days,
            unit=Deadline.Unit.CALENDAR_DAYS,
            article=short(A28),
            responsible=actor if getattr(actor, "pk", None) else None,
            url=case_url(case),
        )
        order.save(update_fields=["document", "deadline"])
        step.record(
            f"{order.get_kind_display()}（{order.document.number}），{days}日内复查",
            order=order.pk,
            kind=kind,
            number=order.document.number,
            days=days,
            due=order.deadline.due_at,
            major_hazard=major_hazard,
        )
    return order


def correction_order_reinspect(
    *, order: CorrectionOrder, actor: Any, complied: bool, note: str, on: dt.date | None = None
) -> CorrectionOrder:
    """Re-inspection on the order's deadline: complied, or ignored (拒不执行)."""
    note = text(note, label="复查情况", minimum=4)
    on = on or clock.today()
    with case_transition(
        order.case, actor=actor, event_type="order_reinspected", row=order
    ) as step:
        order = step.row
        if order.status != CorrectionOrder.Status.OPEN:
            raise DomainError("该责令通知已复查", code="already_reinspected")
        if on < order.issued_on:
            raise DomainError("复查日期不能早于责令日期", code="bad_date")
        order.status = (
            CorrectionOrder.Status.COMPLIED if complied else CorrectionOrder.Status.IGNORED
        )
        order.reinspected_on, order.reinspection_note = on, note
        order.save(update_fields=["status", "reinspected_on", "reinspection_note"])
        if order.deadline:
            deadline_complete(deadline=order.deadline, at=clock_start(on))
        step.record(
            f"复查{order.get_kind_display()}：{order.get_status_display()}。{note[:60]}",
            old={"status": "open"},
            order=order.pk,
            status=order.status,
            note=note,
        )
    return order
