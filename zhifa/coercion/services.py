"""行政强制法's measures beside the main line, each with its own deadline and legal guards:
先行登记保存 (7 working days), 查封/扣押 (30 + 30 days), 协助函 (停止供电 only under 安全生产法第七十条,
never for a dwelling)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zhifa.cases.context import case_context, contact_context
from zhifa.cases.models import Case, CorrectionOrder
from zhifa.cases.rules import act_handlers, authority_check
from zhifa.cases.services.common import (
    aware,
    case_url,
    clock_start,
    issue,
    local_date,
    officers_of,
    require_approval,
    text,
)
from zhifa.cases.services.common import party_of as _party
from zhifa.cases.transitions import case_transition
from zhifa.core import clock
from zhifa.core.articles import A56, AQ70, EVIDENCE_HOLD, Q18, Q25, Q28, SEIZURE, cite
from zhifa.core.deadlines import deadline_cancel, deadline_complete, deadline_open
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.core.models import Deadline
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from .law import rule_seizure_term
from .models import AssistanceRequest, EvidenceHold, PowerCutNotice, Seizure
from .power_cut import power_cut_conditions, power_cut_notice_serve  # noqa: F401 (re-exported)

# --- 先行登记保存 ------------------------------------------------------------------------------


def _items(items: list[dict[str, Any]], label: str) -> list[dict[str, str]]:
    cleaned = [
        {k: str(v).strip() for k, v in row.items() if v not in (None, "")}
        for row in items or []
        if str(row.get("name") or "").strip()
    ]
    if not cleaned:
        raise DomainError(f"请填写{label}（至少一项）", code="items_required")
    return cleaned


def evidence_hold_start(
    *,
    case: Case,
    actor: Any,
    items: list[dict[str, Any]],
    place: str,
    approved_by: Any,
    officers: list[Officer] | None = None,
    party: Subject | None = None,
    started_at: dt.datetime | None = None,
) -> EvidenceHold:
    """先行登记保存: the head's approval, and a disposal decision due within 7 working days
    (行政处罚法第五十六条)."""
    items = _items(items, "保存物品清单")
    place = text(place, label="保存地点")
    started_at = aware(started_at)
    on = local_date(started_at)
    with case_transition(case, actor=actor, event_type="hold_started") as step:
        case = step.case
        require_approval(approved_by, what="先行登记保存", article=A56)
        item = authority_check(case=case, act="evidence_hold", on=on)
        handlers = act_handlers(officers=officers_of(case, officers), on=on, item=item)
        party = _party(case, party)
        hold = EvidenceHold.objects.create(
            town=case.town,
            case=case,
            party=party,
            items=items,
            place=place,
            approved_by=approved_by,
            started_at=started_at,
            officers=[{"name": h["name"], "cert_no": h["cert_no"]} for h in handlers],
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        context = case_context(case, party=party, handlers=hold.officers)
        context["approval"] = {
            "approver": approved_by.full_name or approved_by.username,
            "date": on.isoformat(),
        }
        context["hold"] = {"place": place}
        context["items"] = items
        hold.document = issue(
            case=case, doc_type="evidence_hold", context=context, actor=actor, date=on
        )
        hold.deadline = deadline_open(
            town=case.town,
            subject=hold,
            kind="evidence_hold_disposal",
            purpose=f"先行登记保存物品处理决定（{case.number}）",
            start=started_at,
            amount=EVIDENCE_HOLD.amount,
            unit=EVIDENCE_HOLD.unit,
            article=EVIDENCE_HOLD.article,
            responsible=actor if getattr(actor, "pk", None) else None,
            url=case_url(case),
        )
        hold.save(update_fields=["document", "deadline"])
        step.record(
            f"先行登记保存 {len(items)} 项物品，应于 {timezone.localtime(hold.deadline.due_at):%Y-%m-%d} 前作出处理决定",
            hold=hold.pk,
            items=items,
            due=hold.deadline.due_at,
            provisional=hold.deadline.provisional,
            approved_by=approved_by.pk,
        )
    return hold


def evidence_hold_dispose(
    *, hold: EvidenceHold, actor: Any, disposal: str, at: dt.datetime | None = None
) -> EvidenceHold:
    disposal = text(disposal, label="处理决定", minimum=4)
    at = aware(at)
    with case_transition(
        hold.case, actor=actor, event_type="hold_disposed", row=hold, closed_ok=True
    ) as step:
        hold = step.row
        if hold.status != EvidenceHold.Status.HELD:
            raise DomainError("该批物品已作出处理决定", code="already_disposed")
        late = bool(hold.deadline and at > hold.deadline.due_at)
        hold.status, hold.disposal, hold.disposed_at = EvidenceHold.Status.DISPOSED, disposal, at
        hold.save(update_fields=["status", "disposal", "disposed_at"])
        if hold.deadline:
            deadline_complete(deadline=hold.deadline, at=at)
        step.record(
            f"先行登记保存物品处理决定：{disposal[:60]}{'（已超过七个工作日）' if late else ''}",
            old={"status": "held"},
            hold=hold.pk,
            disposal=disposal,
            late=late,
        )
    return hold


# --- 查封 / 扣押 --------------------------------------------------------------------------------


def seizure_start(
    *,
    case: Case,
    actor: Any,
    kind: str,
    facts: str,
    basis: str,
    items: list[dict[str, Any]],
    custody: str,
    approved_by: Any,
    days: int = SEIZURE.amount,
    officers: list[Officer] | None = None,
    party: Subject | None = None,
    started_on: dt.date | None = None,
) -> Seizure:
    """查封/扣押 for at most 30 days (行政强制法第二十五条), approved by the head (第十八条), by
    ≥2 officers, under an item the town holds on that day; the decision and list are issued."""
    if kind not in Seizure.Kind.values:
        raise DomainError("请选择查封或扣押", code="bad_kind")
    facts = text(facts, label="查封、扣押的理由", minimum=4)
    basis = text(basis, label="查封、扣押的依据", minimum=4)
    custody = text(custody, label="保管场所")
    items = _items(items, "查封、扣押物品清单")
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise DomainError("期限应为天数", code="bad_days") from None
    rule_seizure_term(days=days)
    on = started_on or clock.today()
    with case_transition(case, actor=actor, event_type="seizure_started") as step:
        case = step.case
        require_approval(approved_by, what="查封、扣押", article=Q18)
        item = authority_check(case=case, act="seizure", on=on)
        handlers = act_handlers(officers=officers_of(case, officers), on=on, item=item)
        party = _party(case, party)
        if party is None:
            raise DomainError("请先确定当事人", code="party_required")
        seizure = Seizure.objects.create(
            town=case.town,
            case=case,
            party=party,
            kind=kind,
            facts=facts,
            basis=basis,
            items=items,
            custody=custody,
            approved_by=approved_by,
            started_on=on,
            days=days,
            officers=[{"name": h["name"], "cert_no": h["cert_no"]} for h in handlers],
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        end = on + dt.timedelta(days=days - 1)
        context = case_context(case, party=party, handlers=seizure.officers)
        context.update(facts=facts, basis=basis, items=items)
        context["seizure"] = {
            "measure": seizure.get_kind_display(),
            "object": "、".join(i["name"] for i in items),
            "days": days,
            "start": on.isoformat(),
            "end": end.isoformat(),
            "custody": custody,
        }
        seizure.document = issue(
            case=case, doc_type="seizure_decision", context=context, actor=actor, date=on
        )
        seizure.deadline = _seizure_deadline(seizure, days)
        seizure.save(update_fields=["document", "deadline"])
        step.record(
            f"{seizure.get_kind_display()}（{seizure.document.number}），期限 {days} 日",
            seizure=seizure.pk,
            kind=kind,
            days=days,
            items=items,
            due=seizure.deadline.due_at,
        )
    return seizure


def _seizure_deadline(seizure: Seizure, total_days: int) -> Deadline:
    # The term counts the first day (决定书 states start…end); the deadline counts from the eve.
    return deadline_open(
        town=seizure.town,
        subject=seizure,
        kind="seizure_term",
        purpose=f"{seizure.get_kind_display()}期限届满（{seizure.case.number}）",
        start=clock_start(seizure.started_on - dt.timedelta(days=1)),
        amount=total_days,
        unit=SEIZURE.unit,
        article=SEIZURE.article,
        responsible=seizure.created_by,
        url=case_url(seizure.case),
    )


def seizure_end(seizure: Seizure) -> dt.date:
    return seizure.started_on + dt.timedelta(days=seizure.days + seizure.extended_days - 1)


def seizure_extend(
    *,
    seizure: Seizure,
    actor: Any,
    days: int,
    reason: str,
    approved_by: Any,
    on: dt.date | None = None,
) -> Seizure:
    """One extension of at most 30 days, approved by the head, before the term ends."""
    reason = text(reason, label="延长理由", minimum=4)
    on = on or clock.today()
    with case_transition(
        seizure.case, actor=actor, event_type="seizure_extended", row=seizure
    ) as step:
        seizure = step.row
        if seizure.status != Seizure.Status.ACTIVE:
            raise DomainError("查封、扣押已解除，不能延长", code="seizure_released")
        rule_seizure_term(days=1, extension=True, extended_before=bool(seizure.extended_days))
        if on > seizure_end(seizure):
            raise RuleViolation(
                "查封、扣押期限已届满，不能再延长，应依法解除",
                article=cite(Q25, Q28),
                code="seizure_expired",
            )
        rule_seizure_term(days=int(days), extension=True)
        require_approval(approved_by, what="延长查封、扣押期限", article=Q25)
        old_end = seizure_end(seizure)
        seizure.extended_days, seizure.extension_reason = int(days), reason
        seizure.save(update_fields=["extended_days", "extension_reason"])
        if seizure.deadline:
            deadline_cancel(deadline=seizure.deadline)
        seizure.deadline = _seizure_deadline(seizure, seizure.days + seizure.extended_days)
        seizure.save(update_fields=["deadline"])
        step.record(
            f"延长{seizure.get_kind_display()} {days} 日至 {seizure_end(seizure):%Y-%m-%d}：{reason[:40]}",
            old={"end": old_end},
            seizure=seizure.pk,
            end=seizure_end(seizure),
            reason=reason,
        )
    return seizure


def seizure_release(
    *, seizure: Seizure, actor: Any, reason: str, on: dt.date | None = None
) -> Seizure:
    """解除 (行政强制法第二十八条): on expiry, no violation, unrelated items, or a decision made."""
    reason = text(reason, label="解除理由", minimum=4)
    on = on or clock.today()
    with case_transition(
        seizure.case, actor=actor, event_type="seizure_released", row=seizure, closed_ok=True
    ) as step:
        seizure = step.row
        if seizure.status != Seizure.Status.ACTIVE:
            raise DomainError("查封、扣押已解除", code="seizure_released")
        seizure.status, seizure.released_on, seizure.release_reason = (
            Seizure.Status.RELEASED,
            on,
            reason,
        )
        seizure.save(update_fields=["status", "released_on", "release_reason"])
        if seizure.deadline:
            deadline_complete(deadline=seizure.deadline, at=clock_start(on))
        step.record(
            f"解除{seizure.get_kind_display()}：{reason[:60]}",
            old={"status": "active"},
            seizure=seizure.pk,
            on=on,
            reason=reason,
        )
    return seizure


# --- 协助函 / 停止供电 ---------------------------------------------------------------------------


def _power_cut_guard(*, approved_by: Any, **conditions: Any) -> None:
    """The law's conditions, then the approval of the department's principal head."""
    power_cut_conditions(**conditions)
    require_approval(approved_by, what="通知停止供电（经本部门主要负责人批准）", article=AQ70)


def assistance_request_send(
    *,
    case: Case,
    actor: Any,
    kind: str,
    recipient: str,
    matter: str,
    request: str,
    basis: str = "",
    officers: list[Officer] | None = None,
    party: Subject | None = None,
    premises_use: str = "",
    premises: str = "",
    hazard: str = "",
    stop_order: CorrectionOrder | None = None,
    approved_by: Any = None,
    notice: PowerCutNotice | None = None,
    cut_at: dt.datetime | None = None,
    emergency: bool = False,
    emergency_reason: str = "",
    on: dt.date | None = None,
) -> AssistanceRequest:
    """A 协助函 (行政处罚法第二十六条). A 停止供电 letter is refused for a dwelling
    (行政强制法第四十三条) and, for a business, unless 安全生产法第七十条's conditions hold: among
    them a 停止供电告知书 served on the business at least 24 hours before (on the house clock),
    unless an emergency is stated with its reason."""
    if kind not in AssistanceRequest.Kind.values:
        raise DomainError("协助类别不正确", code="bad_kind")
    recipient = text(recipient, label="协助单位")
    matter = text(matter, label="请求协助的事由", minimum=4)
    request = text(request, label="协助事项", minimum=4)
    on = on or clock.today()
    cut_at = aware(cut_at) if cut_at else None
    emergency_reason = (emergency_reason or "").strip() if emergency else ""
    if kind == AssistanceRequest.Kind.POWER_CUT and cut_at is None and notice and not emergency:
        cut_at = notice.cut_at  # the time the business was told
    with case_transition(case, actor=actor, event_type="assistance_sent") as step:
        case = step.case
        item = None
        if kind == AssistanceRequest.Kind.POWER_CUT:
            premises = text(premises, label="停电范围")
            _power_cut_guard(
                case=case,
                premises_use=premises_use,
                basis=basis,
                stop_order=stop_order,
                hazard=hazard,
                approved_by=approved_by,
                notice=notice,
                cut_at=cut_at,
                emergency=emergency,
                emergency_reason=emergency_reason,
            )
            if cut_at is None:
                raise DomainError("请填写停电时间", code="field_required")
            item = authority_check(case=case, act="power_cut", on=on)
        handlers = act_handlers(officers=officers_of(case, officers), on=on, item=item)
        party = _party(case, party)
        letter = AssistanceRequest.objects.create(
            town=case.town,
            case=case,
            party=party,
            kind=kind,
            recipient=recipient,
            matter=matter,
            request=request,
            basis=basis,
            premises_use=premises_use,
            premises=premises,
            hazard=hazard,
            stop_order=stop_order,
            approved_by=approved_by,
            notice=notice,
            cut_at=cut_at,
            emergency=emergency,
            emergency_reason=emergency_reason,
            officers=[{"name": h["name"], "cert_no": h["cert_no"]} for h in handlers],
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        context = case_context(case, party=party, handlers=letter.officers)
        context.update(recipient={"name": recipient}, matter=matter, request=request, basis=basis)
        context["contact"] = contact_context(case)
        doc_type = "assistance_letter"
        if kind == AssistanceRequest.Kind.POWER_CUT:
            doc_type = "power_cut_letter"
            context.update(hazard=hazard)
            context["stop_order"] = {
                "number": stop_order.document.number if stop_order and stop_order.document else "",
                "date": stop_order.issued_on.isoformat() if stop_order else "",
            }
            context["approval"] = {
                "approver": approved_by.full_name or approved_by.username,
                "date": on.isoformat(),
            }
            context["cut_off"] = {
                "at": timezone.localtime(cut_at).replace(tzinfo=None).isoformat() if cut_at else "",
                "emergency": emergency,
                "reason": emergency_reason,
            }
            context["advance_notice"] = {
                "served_at": timezone.localtime(notice.served_at).replace(tzinfo=None).isoformat()
                if notice
                else "",
                "number": notice.document.number if notice and notice.document else "",
            }
            context["premises"] = {"description": premises, "residential": False}
        letter.document = issue(case=case, doc_type=doc_type, context=context, actor=actor, date=on)
        letter.save(update_fields=["document"])
        summary = f"{letter.get_kind_display()}协助函致{recipient}（{letter.document.number}）"
        if emergency and kind == AssistanceRequest.Kind.POWER_CUT:
            summary += f"，紧急情形未提前二十四小时通知：{emergency_reason[:60]}"
        step.record(
            summary,
            letter=letter.pk,
            kind=kind,
            recipient=recipient,
            number=letter.document.number,
            notice=notice.pk if notice else None,
            emergency=emergency,
            emergency_reason=emergency_reason,
        )
    return letter
