"""Cases API: list and detail, one POST endpoint per legal step, measures, transfers, joint
operations, evidence upload, the dossier. Every endpoint fetches its case through
``case_get_for_user`` (the same gate as the pages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from zhifa.catalog.models import Department, PowerItem
from zhifa.core import clock
from zhifa.core.api_fields import (
    Amount,
    Day,
    Days,
    Id,
    Lat,
    Line,
    Lng,
    Text,
    limit_param,
    offset_param,
    sized,
)
from zhifa.core.errors import DomainError, Forbidden

from . import access, api_approvals, services
from . import selectors as sel
from .api_schemas import (
    CaseListOut,
    CaseOut,
    EvidenceOut,
    JointOut,
    MeasureOut,
    MyWorkOut,
    RecordOut,
    TransferOut,
    VerifyOut,
)
from .models import (
    Case,
    CorrectionOrder,
    Evidence,
    Transfer,
)
from .presenters import case_detail, case_row, measure_data

router = Router(tags=["案件"])


_actor = access.api_actor
_case = access.api_case
_officers = access.api_officers
_subject = access.api_subject
_approver = access.api_approver
_owned = access.api_owned


# --- list, detail, register ----------------------------------------------------------------------


@router.get("/", summary="案件列表（可筛选）", response=CaseListOut)
def case_list(
    request: Any,
    q: str = "",
    state: str = "",
    item: Id | None = None,
    squadron: Id | None = None,
    handler: Id | None = None,
    active: bool | None = None,
    since: Day | None = None,
    until: Day | None = None,
    limit: int = limit_param(),
    offset: int = offset_param(),
) -> dict[str, Any]:
    filters = sel.CaseFilters(
        q=q,
        state=state,
        item=item,
        squadron=squadron,
        handler=handler,
        active=active,
        since=since,
        until=until,
    )
    qs = sel.case_list(user=request.user, filters=filters)
    return {"count": qs.count(), "results": [case_row(c) for c in qs[offset : offset + limit]]}


class RegisterIn(Schema):
    cause: sized(Case, "cause")  # type: ignore[valid-type]
    source: sized(Case, "source") = "patrol"  # type: ignore[valid-type]
    summary: Text
    address: sized(Case, "address")  # type: ignore[valid-type]
    item_ids: list[Id] = []
    item_codes: list[Text] = []
    party_ids: list[Id] = []
    handler_ids: list[Id] = []
    discovered_on: Day | None = None
    act_date: Day | None = None
    serious_harm: bool = False
    lat: Lat | None = None
    lng: Lng | None = None
    source_ref: sized(Case, "source_ref") = ""  # type: ignore[valid-type]


@router.post("/", response={201: CaseOut}, summary="登记案件")
def case_register(request: Any, payload: RegisterIn) -> Status:
    actor = _actor(request)
    items = list(PowerItem.objects.filter(town=request.town, pk__in=payload.item_ids)) + list(
        PowerItem.objects.filter(town=request.town, code__in=payload.item_codes)
    )
    if len(items) != len(payload.item_ids) + len(payload.item_codes):
        raise DomainError("所选清单事项不存在", code="bad_item")
    parties = [_subject(request, pk) for pk in payload.party_ids]
    case = services.case_register(
        town=request.town,
        actor=actor,
        cause=payload.cause,
        source=payload.source,
        summary=payload.summary,
        address=payload.address,
        items=items,
        parties=parties,
        discovered_on=payload.discovered_on,
        act_date=payload.act_date,
        serious_harm=payload.serious_harm,
        lat=payload.lat,
        lng=payload.lng,
        source_ref=payload.source_ref,
        handlers=_officers(request, payload.handler_ids),
    )
    return Status(201, case_detail(case))


@router.get(
    "/{int:case_id}",
    summary="案件详情：状态、事项、当事人、承办人、期限、记录、文书",
    response=CaseOut,
)
def case_get(request: Any, case_id: int) -> dict[str, Any]:
    return case_detail(_case(request, case_id))


@router.get("/{int:case_id}/verify", summary="核验案件全过程记录", response=VerifyOut)
def case_verify(request: Any, case_id: int) -> dict[str, Any]:
    problems = sel.record_problems(_case(request, case_id))
    return {"intact": not problems, "problems": problems}


@router.get("/{int:case_id}/dossier", summary="下载卷宗（PDF）")
def case_dossier(request: Any, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    pdf = services.case_dossier_pdf(case=case)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename=dossier-{case.pk}.pdf"
    return response


# --- the main line: one endpoint per step ----------------------------------------------------------


class HandlersIn(Schema):
    officer_ids: list[Id]


@router.post("/{int:case_id}/handlers", summary="指派承办人（≥2 名持证队员）", response=CaseOut)
def assign_handlers(request: Any, case_id: int, payload: HandlersIn) -> dict[str, Any]:
    case = services.case_assign_handlers(
        case=_case(request, case_id),
        officers=_officers(request, payload.officer_ids) or [],
        actor=_actor(request),
    )
    return case_detail(case)


class ApprovalIn(Schema):
    approver_id: Id | None = None
    opinion: Text = ""
    on: Day | None = None
    # 行政处罚法第三十六条 (filing only): null keeps what was recorded at registration
    serious_harm: bool | None = None


@router.post("/{int:case_id}/file", summary="立案（负责人批准）", response=CaseOut)
def case_file(request: Any, case_id: int, payload: ApprovalIn) -> dict[str, Any]:
    case = services.case_file(
        case=_case(request, case_id),
        actor=_actor(request),
        approved_by=_approver(request, payload.approver_id),
        opinion=payload.opinion,
        on=payload.on,
        serious_harm=payload.serious_harm,
    )
    return case_detail(case)


@router.post("/{int:case_id}/investigate", summary="开始调查", response=CaseOut)
def case_investigate(request: Any, case_id: int) -> dict[str, Any]:
    return case_detail(
        services.case_start_investigation(case=_case(request, case_id), actor=_actor(request))
    )


class ProposeIn(Schema):
    proposal: Line
    text: Text


@router.post("/{int:case_id}/propose", summary="提出处理意见", response=CaseOut)
def case_propose(request: Any, case_id: int, payload: ProposeIn) -> dict[str, Any]:
    case = services.case_propose(
        case=_case(request, case_id),
        actor=_actor(request),
        proposal=payload.proposal,
        text_=payload.text,
    )
    return case_detail(case)


class CaseReasonIn(Schema):
    reason: Text
    approver_id: Id | None = None


@router.post("/{int:case_id}/reinvestigate", summary="退回补充调查", response=CaseOut)
def case_reinvestigate(request: Any, case_id: int, payload: CaseReasonIn) -> dict[str, Any]:
    return case_detail(
        services.case_reinvestigate(
            case=_case(request, case_id), actor=_actor(request), reason=payload.reason
        )
    )


@router.post("/{int:case_id}/withdraw", summary="撤销立案（负责人批准）", response=CaseOut)
def case_withdraw(request: Any, case_id: int, payload: CaseReasonIn) -> dict[str, Any]:
    case = services.case_withdraw(
        case=_case(request, case_id),
        actor=_actor(request),
        reason=payload.reason,
        approved_by=_approver(request, payload.approver_id),
    )
    return case_detail(case)


class CaseCloseIn(Schema):
    outcome: Text
    execution: Text = ""


@router.post("/{int:case_id}/close", summary="结案", response=CaseOut)
def case_close(request: Any, case_id: int, payload: CaseCloseIn) -> dict[str, Any]:
    case = services.case_close(
        case=_case(request, case_id),
        actor=_actor(request),
        outcome=payload.outcome,
        execution=payload.execution,
    )
    return case_detail(case)


class NoteIn(Schema):
    text: Text


@router.post("/{int:case_id}/notes", summary="补记（结案后的复议、诉讼、回访等）", response=CaseOut)
def case_note(request: Any, case_id: int, payload: NoteIn) -> dict[str, Any]:
    return case_detail(
        services.case_note(case=_case(request, case_id), actor=_actor(request), text_=payload.text)
    )


# --- records and evidence ---------------------------------------------------------------------------


class RecordQA(Schema):
    q: Text
    a: Text = ""


class RecordIn(Schema):
    kind: Line
    started_at: dt.datetime
    ended_at: dt.datetime
    place: Text
    signature: Text
    officer_ids: list[Id] = []
    party_id: Id | None = None
    present: Text = ""
    findings: Text = ""
    interviewee: dict[str, Any] = {}
    qa: list[RecordQA] = []
    permitted_area: Amount | None = None
    occupied_area: Amount | None = None
    area_unit: Line = "亩"
    measurements: Text = ""
    witness: Text = ""
    recorder: Text = ""


@router.post(
    "/{int:case_id}/records", response={201: RecordOut}, summary="制作笔录（现场检查/勘验、询问）"
)
def record_create(request: Any, case_id: int, payload: RecordIn) -> Status:
    data = payload.dict()
    record = services.record_create(
        case=_case(request, case_id),
        actor=_actor(request),
        kind=data["kind"],
        started_at=data["started_at"],
        ended_at=data["ended_at"],
        place=data["place"],
        signature=data["signature"],
        officers=_officers(request, data["officer_ids"]),
        party=_subject(request, data["party_id"]),
        present=data["present"],
        findings=data["findings"],
        interviewee=data["interviewee"],
        qa=data["qa"],
        permitted_area=data["permitted_area"],
        occupied_area=data["occupied_area"],
        area_unit=data["area_unit"],
        measurements=data["measurements"],
        witness=data["witness"],
        recorder=data["recorder"],
    )
    return Status(
        201,
        {
            "id": record.pk,
            "kind": record.kind,
            "officers": record.officers,
            "permitted_area": _dec(record.permitted_area),
            "occupied_area": _dec(record.occupied_area),
            "excess_area": _dec(record.excess_area),
            "area_unit": record.area_unit,
            "document": record.document.pk if record.document else None,
        },
    )


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@router.post(
    "/{int:case_id}/evidence",
    response={201: EvidenceOut},
    summary="上传证据（照片、视频、录音、文件）",
)
def evidence_upload(
    request: Any,
    case_id: int,
    file: UploadedFile = File(...),  # noqa: B008
    description: str = Form(...),
) -> Status:
    evidence = services.evidence_add(
        case=_case(request, case_id), actor=_actor(request), upload=file, description=description
    )
    return Status(201, _evidence_out(evidence))


def _evidence_out(e: Evidence) -> dict[str, Any]:
    return {
        "id": e.pk,
        "kind": e.kind,
        "mime": e.mime,
        "size": e.size,
        "sha256": e.sha256,
        "name": e.original_name,
        "description": e.description,
        "captured_at": e.captured_at,
        "lat": e.lat,
        "lng": e.lng,
    }


# --- measures ----------------------------------------------------------------------------------------


class OrderIn(Schema):
    kind: Line
    facts: Text
    violated: Text
    basis: Text
    requirements: Text
    days: Days
    officer_ids: list[Id] = []
    party_id: Id | None = None
    issued_on: Day | None = None
    major_hazard: bool = False


_measure_out = measure_data


@router.post(
    "/{int:case_id}/orders",
    response={201: MeasureOut},
    summary="责令停止违法行为 / 责令（限期）改正",
)
def order_issue(request: Any, case_id: int, payload: OrderIn) -> Status:
    order = services.correction_order_issue(
        case=_case(request, case_id),
        actor=_actor(request),
        kind=payload.kind,
        facts=payload.facts,
        violated=payload.violated,
        basis=payload.basis,
        requirements=payload.requirements,
        days=payload.days,
        officers=_officers(request, payload.officer_ids),
        party=_subject(request, payload.party_id),
        issued_on=payload.issued_on,
        major_hazard=payload.major_hazard,
    )
    return Status(201, _measure_out(order))


class ReinspectIn(Schema):
    complied: bool
    note: Text
    on: Day | None = None


@router.post("/orders/{int:order_id}/reinspect", summary="复查责令事项", response=MeasureOut)
def order_reinspect(request: Any, order_id: int, payload: ReinspectIn) -> dict[str, Any]:
    order = services.correction_order_reinspect(
        order=_owned(CorrectionOrder, request, order_id),
        actor=_actor(request),
        complied=payload.complied,
        note=payload.note,
        on=payload.on,
    )
    return _measure_out(order)


# --- transfers and joint operations --------------------------------------------------------------------


class ItemRowIn(Schema):
    name: Text
    spec: Text = ""
    quantity: Text = ""
    note: Text = ""


class CaseTransferIn(Schema):
    kind: Line = "department"
    department_id: Id | None = None
    department_name: Text = ""
    reason: Text
    facts: Text
    evidence_ids: list[Id] = []
    seized_items: list[ItemRowIn] = []
    suspected_crime: Text = ""
    on: Day | None = None


def _department(request: Any, pk: int | None, name: str) -> Department:
    qs = Department.objects.filter(town=request.town)
    found = qs.filter(pk=pk).first() if pk else qs.filter(name=name).first()
    if found is None:
        raise DomainError("接收单位不存在，请从部门名录中选择", code="bad_department")
    return found


@router.post(
    "/{int:case_id}/transfers", response={201: TransferOut}, summary="移送（县级部门或司法机关）"
)
def case_transfer(request: Any, case_id: int, payload: CaseTransferIn) -> Status:
    case = _case(request, case_id)
    evidence = list(Evidence.objects.filter(case=case, pk__in=payload.evidence_ids))
    transfer = services.case_transfer(
        case=case,
        actor=_actor(request),
        kind=payload.kind,
        department=_department(request, payload.department_id, payload.department_name),
        reason=payload.reason,
        facts=payload.facts,
        evidence=evidence,
        seized_items=[i.dict() for i in payload.seized_items],
        suspected_crime=payload.suspected_crime,
        on=payload.on,
    )
    return Status(201, _transfer_out(transfer))


def _transfer_out(t: Transfer) -> dict[str, Any]:
    return {
        "id": t.pk,
        "kind": t.kind,
        "department": t.department.name,
        "document": {"id": t.document.pk, "number": t.document.number} if t.document else None,
        "sent_at": t.sent_at,
        "received_at": t.received_at,
        "receiver_name": t.receiver_name,
    }


class ReceiptIn(Schema):
    receiver_name: Text
    received_at: dt.datetime | None = None
    note: Text = ""


@router.post(
    "/transfers/{int:transfer_id}/receipt", summary="登记接收单位回执", response=TransferOut
)
def transfer_receipt(request: Any, transfer_id: int, payload: ReceiptIn) -> dict[str, Any]:
    transfer = _owned(Transfer, request, transfer_id)
    user = request.user
    is_receiver = (
        sel.has_role(user, sel.DEPARTMENT) and user.organisation == transfer.department.name
    )
    if not (is_receiver or sel.can_act(user)):
        raise Forbidden("只有接收单位或执法队可以登记回执")
    transfer = services.transfer_receipt_record(
        transfer=transfer,
        actor=user,
        receiver_name=payload.receiver_name,
        received_at=payload.received_at,
        note=payload.note,
    )
    return _transfer_out(transfer)


class JointIn(Schema):
    department_ids: list[Id]
    participants: list[Text]
    started_at: dt.datetime
    place: Text
    outcome: Text


@router.post("/{int:case_id}/joint-operations", response={201: JointOut}, summary="联动执法")
def joint_operation(request: Any, case_id: int, payload: JointIn) -> Status:
    departments = list(Department.objects.filter(town=request.town, pk__in=payload.department_ids))
    op = services.joint_operation_record(
        case=_case(request, case_id),
        actor=_actor(request),
        departments=departments,
        participants=payload.participants,
        started_at=payload.started_at,
        place=payload.place,
        outcome=payload.outcome,
    )
    return Status(
        201, {"id": op.pk, "place": op.place, "started_at": op.started_at, "outcome": op.outcome}
    )


@router.get("/mine", summary="我的工作：待办、即将到期、已超期", response=MyWorkOut)
def my_work(request: Any) -> dict[str, Any]:
    work = sel.my_work(user=request.user)

    def dl(d: Any) -> dict[str, Any]:
        return {"purpose": d.purpose, "due_at": d.due_at, "article": d.article, "url": d.url}

    return {
        "todo": [case_row(c) for c in work.todo],
        "due_soon": [dl(d) for d in work.due_soon],
        "overdue": [dl(d) for d in work.overdue],
        "now": clock.now(),
    }


router.add_router("", api_approvals.router)
