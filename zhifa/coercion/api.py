"""Coercion API (行政强制法): evidence holds, seizures and assistance letters, on the cases router's
paths (``/api/v1/cases/…``); every endpoint reaches its case through ``cases.access``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Router, Schema, Status

from zhifa.cases.access import (
    api_actor as _actor,
)
from zhifa.cases.access import (
    api_approver as _approver,
)
from zhifa.cases.access import (
    api_case as _case,
)
from zhifa.cases.access import (
    api_officers as _officers,
)
from zhifa.cases.access import (
    api_owned as _owned,
)
from zhifa.cases.access import (
    api_subject as _subject,
)
from zhifa.cases.api import ItemRowIn
from zhifa.cases.api_schemas import MeasureOut
from zhifa.cases.models import CorrectionOrder
from zhifa.cases.presenters import measure_data as _measure_out
from zhifa.core.api_fields import Day, Days, Id, Line, Text

from . import services
from .models import AssistanceRequest, EvidenceHold, PowerCutNotice, Seizure

API_PREFIX = "cases"
router = Router(tags=["案件"])


class HoldIn(Schema):
    items: list[ItemRowIn]
    place: Text
    approver_id: Id | None = None
    officer_ids: list[Id] = []
    party_id: Id | None = None
    started_at: dt.datetime | None = None


@router.post(
    "/{int:case_id}/holds", response={201: MeasureOut}, summary="先行登记保存（7 个工作日内处理）"
)
def hold_start(request: Any, case_id: int, payload: HoldIn) -> Status:
    hold = services.evidence_hold_start(
        case=_case(request, case_id),
        actor=_actor(request),
        items=[i.dict() for i in payload.items],
        place=payload.place,
        approved_by=_approver(request, payload.approver_id),
        officers=_officers(request, payload.officer_ids),
        party=_subject(request, payload.party_id),
        started_at=payload.started_at,
    )
    return Status(201, _measure_out(hold))


class DisposeIn(Schema):
    disposal: Text


@router.post(
    "/holds/{int:hold_id}/dispose", summary="先行登记保存物品处理决定", response=MeasureOut
)
def hold_dispose(request: Any, hold_id: int, payload: DisposeIn) -> dict[str, Any]:
    hold = services.evidence_hold_dispose(
        hold=_owned(EvidenceHold, request, hold_id),
        actor=_actor(request),
        disposal=payload.disposal,
    )
    return _measure_out(hold)


class SeizureIn(Schema):
    kind: Line
    facts: Text
    basis: Text
    items: list[ItemRowIn]
    custody: Text
    days: Days = 30
    approver_id: Id | None = None
    officer_ids: list[Id] = []
    party_id: Id | None = None
    started_on: Day | None = None


@router.post("/{int:case_id}/seizures", response={201: MeasureOut}, summary="查封、扣押（≤30 日）")
def seizure_start(request: Any, case_id: int, payload: SeizureIn) -> Status:
    seizure = services.seizure_start(
        case=_case(request, case_id),
        actor=_actor(request),
        kind=payload.kind,
        facts=payload.facts,
        basis=payload.basis,
        items=[i.dict() for i in payload.items],
        custody=payload.custody,
        days=payload.days,
        approved_by=_approver(request, payload.approver_id),
        officers=_officers(request, payload.officer_ids),
        party=_subject(request, payload.party_id),
        started_on=payload.started_on,
    )
    return Status(201, _measure_out(seizure))


class SeizureExtendIn(Schema):
    days: Days
    reason: Text
    approver_id: Id | None = None


@router.post(
    "/seizures/{int:seizure_id}/extend",
    summary="延长查封、扣押（一次，≤30 日）",
    response=MeasureOut,
)
def seizure_extend(request: Any, seizure_id: int, payload: SeizureExtendIn) -> dict[str, Any]:
    seizure = services.seizure_extend(
        seizure=_owned(Seizure, request, seizure_id),
        actor=_actor(request),
        days=payload.days,
        reason=payload.reason,
        approved_by=_approver(request, payload.approver_id),
    )
    return _measure_out(seizure)


class ReleaseIn(Schema):
    reason: Text


@router.post("/seizures/{int:seizure_id}/release", summary="解除查封、扣押", response=MeasureOut)
def seizure_release(request: Any, seizure_id: int, payload: ReleaseIn) -> dict[str, Any]:
    seizure = services.seizure_release(
        seizure=_owned(Seizure, request, seizure_id), actor=_actor(request), reason=payload.reason
    )
    return _measure_out(seizure)


class PowerCutNoticeIn(Schema):
    stop_order_id: Id
    premises_use: Text = ""
    premises: Text
    hazard: Text
    cut_at: dt.datetime
    served_at: dt.datetime | None = None
    served_to: Text
    service_method: Line = "直接送达"
    officer_ids: list[Id] = []
    party_id: Id | None = None


@router.post(
    "/{int:case_id}/power-cut-notices",
    response={201: MeasureOut},
    summary="停止供电告知书（送达生产经营单位，安全生产法第七十条第二款）",
)
def power_cut_notice_serve(request: Any, case_id: int, payload: PowerCutNoticeIn) -> Status:
    case = _case(request, case_id)
    stop_order = CorrectionOrder.objects.filter(pk=payload.stop_order_id, case=case).first()
    notice = services.power_cut_notice_serve(
        case=case,
        actor=_actor(request),
        stop_order=stop_order,
        premises_use=payload.premises_use,
        premises=payload.premises,
        hazard=payload.hazard,
        cut_at=payload.cut_at,
        served_at=payload.served_at,
        served_to=payload.served_to,
        service_method=payload.service_method,
        officers=_officers(request, payload.officer_ids),
        party=_subject(request, payload.party_id),
    )
    return Status(201, _measure_out(notice))


class AssistanceIn(Schema):
    kind: Line = "general"
    recipient: Text
    matter: Text
    request: Text
    basis: Text = ""
    officer_ids: list[Id] = []
    party_id: Id | None = None
    premises_use: Text = ""
    premises: Text = ""
    hazard: Text = ""
    stop_order_id: Id | None = None
    approver_id: Id | None = None
    notice_id: Id | None = None
    cut_at: dt.datetime | None = None
    emergency: bool = False
    emergency_reason: Text = ""


@router.post(
    "/{int:case_id}/assistance", response={201: MeasureOut}, summary="协助函（含停止供电）"
)
def assistance_send(request: Any, case_id: int, payload: AssistanceIn) -> Status:
    case = _case(request, case_id)
    stop_order = None
    if payload.stop_order_id:
        stop_order = CorrectionOrder.objects.filter(pk=payload.stop_order_id, case=case).first()
    notice = None
    if payload.notice_id:
        notice = PowerCutNotice.objects.filter(pk=payload.notice_id, case=case).first()
    letter = services.assistance_request_send(
        case=case,
        actor=_actor(request),
        kind=payload.kind,
        recipient=payload.recipient,
        matter=payload.matter,
        request=payload.request,
        basis=payload.basis,
        officers=_officers(request, payload.officer_ids),
        party=_subject(request, payload.party_id),
        premises_use=payload.premises_use,
        premises=payload.premises,
        hazard=payload.hazard,
        stop_order=stop_order,
        approved_by=_approver(request, payload.approver_id)
        if payload.kind == AssistanceRequest.Kind.POWER_CUT
        else None,
        notice=notice,
        cut_at=payload.cut_at,
        emergency=payload.emergency,
        emergency_reason=payload.emergency_reason,
    )
    return Status(201, _measure_out(letter))
