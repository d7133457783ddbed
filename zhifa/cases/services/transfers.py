"""移送 out (to a county department or a judicial organ) and 联动执法 with county teams."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zhifa.catalog.models import Department
from zhifa.core import clock
from zhifa.core.articles import A22, A24, A27, cite, short
from zhifa.core.errors import DomainError

from .. import events, extensions, signals
from ..context import case_context, contact_context
from ..models import (
    Case,
    CorrectionOrder,
    Evidence,
    JointOperation,
    Record,
    State,
    Transfer,
)
from ..rules import require_open
from ..transitions import case_transition
from .common import aware, clocks_settle, issue, local_date, lock, text


def _attachments(case: Case, evidence: list[Evidence]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for record in Record.all_towns.filter(case=case).select_related("document"):
        rows.append(
            {
                "name": f"{record.get_kind_display()}（{local_date(record.started_at):%Y-%m-%d}）",
                "pages": "1份",
            }
        )
    for order in CorrectionOrder.all_towns.filter(case=case).select_related("document"):
        number = order.document.number if order.document else ""
        rows.append({"name": f"{order.get_kind_display()}通知书（{number}）", "pages": "1份"})
    for attachments in extensions.transfer_attachments:
        rows += attachments(case)
    if evidence:
        kinds: dict[str, int] = {}
        for e in evidence:
            kinds[e.get_kind_display()] = kinds.get(e.get_kind_display(), 0) + 1
        rows.append(
            {
                "name": "证据材料：" + "、".join(f"{k}{n}件" for k, n in kinds.items()),
                "pages": f"{len(evidence)}件",
            }
        )
    return rows


def case_transfer(
    *,
    case: Case,
    actor: Any,
    kind: str,
    department: Department,
    reason: str,
    facts: str,
    evidence: list[Evidence] | None = None,
    seized_items: list[dict[str, Any]] | None = None,
    suspected_crime: str = "",
    on: dt.date | None = None,
) -> Transfer:
    """Send the case with a letter, the evidence list and any seized items; the case leaves the
    active list (state ``transferred``) but stays on record and traceable."""
    if kind not in Transfer.Kind.values:
        raise DomainError("移送类别不正确", code="bad_kind")
    reason = text(reason, label="移送理由", minimum=4)
    facts = text(facts, label="违法事实", minimum=4)
    on = on or clock.today()
    if department.town_id != case.town_id:
        raise DomainError("接收单位不在本镇的部门名录中", code="wrong_town")
    if kind == Transfer.Kind.JUDICIAL:
        if department.kind != Department.Kind.JUDICIAL and "公安" not in department.name:
            raise DomainError(
                "涉嫌犯罪的案件应移送司法机关（公安机关、检察院）", code="bad_receiver"
            )
        suspected_crime = text(suspected_crime, label="涉嫌罪名")
    elif department.kind not in (Department.Kind.COUNTY_DEPARTMENT, Department.Kind.COUNTY_TEAM):
        raise DomainError("案件应移送县级主管部门或县级综合行政执法队", code="bad_receiver")
    evidence = list(evidence or [])
    if any(e.case_id != case.pk for e in evidence):
        raise DomainError("所选证据不属于本案", code="wrong_case")
    with case_transition(case, "transfer", actor=actor, event_type="transferred") as step:
        case = step.case
        attachments = _attachments(case, evidence)
        seized = [dict(x) for x in (seized_items or []) if x.get("name")]
        for row in seized:
            attachments.append(
                {"name": f"涉案物品：{row['name']}", "pages": str(row.get("quantity", ""))}
            )
        if not attachments:
            raise DomainError("移送应附案件材料：请先制作笔录或上传证据", code="no_attachments")
        transfer = Transfer.objects.create(
            town=case.town,
            case=case,
            kind=kind,
            department=department,
            reason=reason,
            facts=facts,
            suspected_crime=suspected_crime,
            seized_items=seized,
            sent_at=clock.now()
            if on == clock.today()
            else aware(dt.datetime.combine(on, dt.time(9, 0))),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        transfer.evidence.set(evidence)
        context = case_context(case)
        context.update(
            recipient={"name": department.name}, facts=facts, reason=reason, attachments=attachments
        )
        context["found"] = f"{case.discovered_on:%Y年%-m月%-d日}{case.get_source_display()}"
        context["basis"] = short(A27 if kind == Transfer.Kind.JUDICIAL else cite(A22, A24))
        context["contact"] = contact_context(case)
        if kind == Transfer.Kind.JUDICIAL:
            context.update(suspected_crime=suspected_crime, seized=bool(seized))
        transfer.document = issue(
            case=case,
            doc_type="transfer_judicial"
            if kind == Transfer.Kind.JUDICIAL
            else "transfer_department",
            context=context,
            actor=actor,
            date=on,
        )
        transfer.save(update_fields=["document"])
        # The receiver takes the matter over: the town's own clocks stop.
        clocks_settle(case)
        step.change(outcome=f"移送{department.name}", closed_at=clock.now())
        step.record(
            f"移送{department.name}（{transfer.document.number}）：{reason[:60]}",
            transfer=transfer.pk,
            department=department.name,
            evidence=[e.sha256 for e in evidence],
            seized=seized,
        )
        transaction.on_commit(
            lambda: signals.case_transferred.send(sender=Case, case=case, transfer=transfer)
        )
    return transfer


def transfer_receipt_record(
    *,
    transfer: Transfer,
    actor: Any,
    receiver_name: str,
    received_at: dt.datetime | None = None,
    note: str = "",
) -> Transfer:
    """The receiver's receipt (回执), once. Appended to the transferred case's record."""
    receiver_name = text(receiver_name, label="签收人")
    received_at = aware(received_at)
    with transaction.atomic():
        case = lock(transfer.case)
        transfer = (
            Transfer.all_towns.select_for_update().select_related("department").get(pk=transfer.pk)
        )
        if transfer.received_at is not None:
            raise DomainError("该移送已签收", code="already_received")
        if received_at < transfer.sent_at - dt.timedelta(days=1):
            raise DomainError("签收时间不能早于移送时间", code="bad_time")
        transfer.received_at, transfer.receiver_name, transfer.receipt_note = (
            received_at,
            receiver_name,
            note[:300],
        )
        transfer.save(update_fields=["received_at", "receiver_name", "receipt_note"])
        events.transfer_received(case=case, actor=actor, transfer=transfer)
        transaction.on_commit(
            lambda: signals.case_transfer_received.send(sender=Case, case=case, transfer=transfer)
        )
    return transfer


def joint_operation_record(
    *,
    case: Case,
    actor: Any,
    departments: list[Department],
    participants: list[str],
    started_at: dt.datetime,
    place: str,
    outcome: str,
) -> JointOperation:
    """联动执法 with county teams, on the case's timeline (also after the case was transferred)."""
    place = text(place, label="地点")
    outcome = text(outcome, label="处置结果", minimum=4)
    participants = [p.strip() for p in participants if p and p.strip()]
    if not departments:
        raise DomainError("请选择参与联动的县级部门或执法队", code="departments_required")
    if len(participants) < 2:
        raise DomainError("请填写参与人员（至少两人）", code="participants_required")
    with transaction.atomic():
        case = lock(case)
        if case.state != State.TRANSFERRED:
            require_open(case)
        if any(d.town_id != case.town_id for d in departments):
            raise DomainError("部门不在本镇的部门名录中", code="wrong_town")
        operation = JointOperation.objects.create(
            town=case.town,
            case=case,
            participants=participants,
            started_at=aware(started_at),
            place=place,
            outcome=outcome,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        operation.departments.set(departments)
        case.shared_with.add(*departments)
        events.joint_operation(case=case, actor=actor, operation=operation)
    return operation
