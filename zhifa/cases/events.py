"""One helper per event type on the case record (全过程记录). Each runs in the caller's
transaction through ``core.audit.event_append``, which locks the case row so appends never fork."""

from __future__ import annotations

from typing import Any

from zhifa.core.audit import event_append

from .models import Case, CaseEvent

# event_type → label shown on the timeline
EVENT_LABELS = {
    "registered": "登记",
    "handlers_assigned": "指派承办人",
    "filed": "立案",
    "investigation_started": "开始调查",
    "record_made": "制作笔录",
    "evidence_added": "收集证据",
    "order_issued": "责令通知",
    "order_reinspected": "复查",
    "hold_started": "先行登记保存",
    "hold_disposed": "保存物品处理",
    "seizure_started": "查封扣押",
    "seizure_extended": "延长查封扣押",
    "seizure_released": "解除查封扣押",
    "power_cut_notice_served": "停止供电告知",
    "assistance_sent": "协助函",
    "proposed": "处理意见",
    "reinvestigation": "补充调查",
    "transferred": "移送",
    "transfer_received": "移送签收",
    "joint_operation": "联动执法",
    "withdrawn": "撤销立案",
    "closed": "结案",
    "document_issued": "签发文书",
    "document_voided": "作废文书",
    "shared": "共享部门",
    "note": "补记",
    "party_set": "确定当事人",
    "approval_requested": "提请批准",
    "approval_decided": "负责人审批",
    # 机制 III: the penalty procedure
    "penalty_proposed": "拟处罚意见（裁量）",
    "notified": "事先告知",
    "statement": "陈述申辩",
    "hearing_requested": "听证申请",
    "hearing_scheduled": "听证通知",
    "hearing_held": "举行听证",
    "legal_review": "法制审核",
    "discussion": "集体讨论",
    "decided": "作出决定",
    "decided_on_the_spot": "当场处罚",
    "served": "送达",
    "payment": "缴款",
    "payment_deferred": "延期（分期）缴纳",
    "handed_in": "罚款上缴",
    "reminder": "催告",
    "enforcement_applied": "申请强制执行",
    "disclosed": "公示",
    "disclosure_withdrawn": "撤下公示",
    "appeal_filed": "复议/诉讼",
    "appeal_decided": "复议/诉讼结果",
}


def _append(case: Case, actor: Any, event_type: str, summary: str, **kw: Any) -> CaseEvent:
    return event_append(
        event_model=CaseEvent,
        subject=case,
        actor=actor,
        event_type=event_type,
        summary=summary,
        **kw,
    )


def state_changed(
    *, case: Case, actor: Any, event_type: str, old_state: str, summary: str, **new: Any
) -> CaseEvent:
    return _append(
        case, actor, event_type, summary, old={"state": old_state}, new={"state": case.state, **new}
    )


def registered(*, case: Case, actor: Any) -> CaseEvent:
    return _append(
        case,
        actor,
        "registered",
        f"登记案件：{case.cause}",
        new={
            "number": case.number,
            "state": case.state,
            "source": case.source,
            "items": [i.code for i in case.items.all()],
            "parties": [p.name for p in case.parties.all()],
            "address": case.address,
            "cell": case.cell.code if case.cell else "",
            "squadron": case.squadron.name if case.squadron else "",
        },
    )


def handlers_assigned(*, case: Case, actor: Any, old: list[dict], new: list[dict]) -> CaseEvent:
    names = "、".join(h["name"] for h in new)
    return _append(
        case,
        actor,
        "handlers_assigned",
        f"承办人：{names}",
        old={"handlers": old},
        new={"handlers": new},
    )


def record_made(*, case: Case, actor: Any, record: Any) -> CaseEvent:
    new = {
        "record": record.pk,
        "kind": record.kind,
        "place": record.place,
        "officers": record.officers,
    }
    if record.excess_area is not None:
        new.update(
            permitted=record.permitted_area,
            occupied=record.occupied_area,
            excess=record.excess_area,
        )
    summary = f"{record.get_kind_display()}：{record.place}"
    if record.excess_area is not None:
        summary += f"，超出面积 {record.excess_area} {record.area_unit}"
    return _append(case, actor, "record_made", summary, new=new)


def evidence_added(*, case: Case, actor: Any, evidence: Any) -> CaseEvent:
    return _append(
        case,
        actor,
        "evidence_added",
        f"{evidence.get_kind_display()}：{evidence.description}",
        new={"evidence": evidence.pk, "kind": evidence.kind, "mime": evidence.mime},
        files=[
            {"name": evidence.original_name, "sha256": evidence.sha256, "size": str(evidence.size)}
        ],
    )


def measure_event(
    *, case: Case, actor: Any, event_type: str, summary: str, old: dict | None = None, new: dict
) -> CaseEvent:
    """Orders, holds, seizures and letters: each service names its own event type."""
    assert event_type in EVENT_LABELS, event_type
    return _append(case, actor, event_type, summary, old=old or {}, new=new)


def transfer_received(*, case: Case, actor: Any, transfer: Any) -> CaseEvent:
    return _append(
        case,
        actor,
        "transfer_received",
        f"{transfer.department.name}已签收（签收人：{transfer.receiver_name}）",
        new={
            "transfer": transfer.pk,
            "received_at": transfer.received_at,
            "receiver": transfer.receiver_name,
        },
    )


def joint_operation(*, case: Case, actor: Any, operation: Any) -> CaseEvent:
    return _append(
        case,
        actor,
        "joint_operation",
        f"联动执法：{operation.place}，{operation.outcome[:60]}",
        new={
            "operation": operation.pk,
            "departments": [d.name for d in operation.departments.all()],
            "participants": operation.participants,
            "at": operation.started_at,
        },
    )


def document_issued(*, case: Case, actor: Any, document: Any) -> CaseEvent:
    return _append(
        case,
        actor,
        "document_issued",
        f"签发{document.get_doc_type_display()}{('：' + document.number) if document.number else ''}",
        new={"document": document.pk, "doc_type": document.doc_type, "number": document.number},
        files=[{"name": document.pdf.name.rsplit("/", 1)[-1], "sha256": document.pdf_sha256}],
    )


def document_voided(*, case: Case, actor: Any, document: Any, reason: str) -> CaseEvent:
    return _append(
        case,
        actor,
        "document_voided",
        f"作废{document.get_doc_type_display()} {document.number}：{reason}",
        new={"document": document.pk, "reason": reason},
    )


def shared(*, case: Case, actor: Any, department: Any) -> CaseEvent:
    return _append(
        case, actor, "shared", f"共享给{department.name}", new={"department": department.name}
    )


def note(*, case: Case, actor: Any, text: str) -> CaseEvent:
    """A later outcome on a closed case (复议、诉讼、回访…): the record still grows."""
    return _append(case, actor, "note", text[:300], new={"text": text})
