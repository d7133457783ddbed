"""Intake API: leads at /api/v1/intake/leads (POST = intake from any source; triage actions) and
the 12345 bridge at /api/v1/12345/ (inbound orders, sign-for, send back, extension, reply).

api.py mounts this module's ``router`` at ``API_PREFIX``; intake owns two prefixes, so the
module mounts at the root and its router holds the two sub-routers (ADR 0016)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Body, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from zhifa.accounts.roles import has_role
from zhifa.cases.selectors import case_get_for_user
from zhifa.catalog.models import PowerItem
from zhifa.core import clock
from zhifa.core.api_fields import Days, Id, Lat, Line, Lng, Text, sized
from zhifa.core.errors import DomainError, Forbidden
from zhifa.grid.models import PatrolFinding, Subject
from zhifa.team.models import Officer

from . import hotline, services, triage
from . import selectors as sel
from .api_schemas import (
    LeadDetailOut,
    LeadListOut,
    LeadOut,
    OrderAckOut,
    OrderOut,
    ReporterOut,
)
from .bridge import adapter
from .models import Lead

API_PREFIX = ""

router = Router()
leads = Router(tags=["线索"])
bridge = Router(tags=["12345 对接"])


def lead_out(lead: Lead, *, user: Any = None, photos: list[Any] | None = None) -> dict[str, Any]:
    """A lead as the API shows it: the reporter is always masked here (see /reporter). Without a
    confident suggestion ``triage_label`` reads 不确定 and no item is implied."""
    photos = lead.photos.all() if photos is None else photos
    return {
        "id": lead.pk,
        "number": lead.number,
        "source": lead.source,
        "source_label": lead.get_source_display(),
        "source_ref": lead.source_ref,
        "status": lead.status,
        "status_label": lead.get_status_display(),
        "text": lead.text_masked,
        "address": lead.address,
        "lat": lead.lat,
        "lng": lead.lng,
        "cell": lead.cell.code if lead.cell_id else "",
        "squadron": lead.squadron.name if lead.squadron_id else "",
        "reporter": lead.reporter_masked,
        "phone": lead.phone_masked,
        "received_at": clock.iso(lead.received_at),
        "reply_due": clock.iso(lead.reply_due),
        "send_back_due": clock.iso(lead.send_back_due),
        "suggestions": lead.suggestions,
        "triage_model": lead.triage_model,
        "triage_confident": lead.triage_confident,
        "triage_label": triage_label(lead),
        "item": lead.item.code if lead.item_id else "",
        "case": {"id": lead.case_id, "number": lead.case.number} if lead.case_id else None,
        "department": lead.department.name if lead.department_id else "",
        "merged_into": lead.merged_into.number if lead.merged_into_id else "",
        "outcome": lead.outcome,
        "photos": [{"sha256": p.sha256} for p in photos],
    }


def triage_label(lead: Lead) -> str:
    if lead.triaged_at is None:
        return "待分拣"
    return "有把握" if lead.triage_confident else "不确定"


def _staff(request: Any) -> Any:
    if not has_role(request.user, *services.INTAKE_ROLES) and not request.user.is_superuser:
        raise Forbidden("登记线索仅限执法队伍人员")
    if getattr(request, "town", None) is None:
        raise Forbidden("请先选择所在乡镇")
    return request.user


def _lead(request: Any, lead_id: int) -> Lead:
    return sel.lead_get_for_user(request.user, lead_id)


class LeadIn(Schema):
    source: sized(Lead, "source")  # type: ignore[valid-type]
    text: Text
    source_ref: sized(Lead, "source_ref") = ""  # type: ignore[valid-type]
    source_due: dt.datetime | None = None
    address: sized(Lead, "address") = ""  # type: ignore[valid-type]
    lat: Lat | None = None
    lng: Lng | None = None
    datum: sized(Lead, "datum") = "wgs84"  # type: ignore[valid-type]
    reporter_name: sized(Lead, "reporter_name") = ""  # type: ignore[valid-type]
    reporter_phone: sized(Lead, "reporter_phone") = ""  # type: ignore[valid-type]
    subject_id: Id | None = None


@leads.post("/leads", response={201: LeadOut, 200: LeadOut}, summary="登记线索（任意来源）")
def lead_create(request: Any, payload: Form[LeadIn], photos: File[list[UploadedFile]] = None):
    user = request.user
    grid_only = has_role(user, "grid_member") and not has_role(user, *services.INTAKE_ROLES)
    if grid_only:
        if payload.source != Lead.Source.GRID:
            raise Forbidden("网格员只能上报网格线索")
    else:
        _staff(request)
    subject = None
    if payload.subject_id:
        subject = Subject.objects.filter(pk=payload.subject_id, town=request.town).first()
        if subject is None:
            raise DomainError("涉及对象不存在", code="bad_subject")
    lead, created = services.lead_receive(
        town=request.town,
        actor=user,
        reported_by=user if payload.source == Lead.Source.GRID else None,
        subject=subject,
        photos=list(photos or []),
        **payload.dict(exclude={"subject_id"}),
    )
    return Status(201 if created else 200, lead_out(lead))


@leads.post(
    "/leads/from-finding/{int:finding_id}",
    response={200: LeadOut, 201: LeadOut},
    summary="巡查发现转为线索（已转的返回原线索）",
)
def lead_from_finding(request: Any, finding_id: int):
    actor = _staff(request)
    finding = PatrolFinding.objects.filter(pk=finding_id, town=request.town).first()
    if finding is None:
        raise DomainError("巡查发现不存在", code="not_found", status=404)
    lead, created = services.lead_receive_finding(finding=finding, actor=actor)
    return Status(201 if created else 200, lead_out(lead))


@leads.get("/leads", summary="线索列表", response=LeadListOut)
def lead_list(request: Any, status: str = "new", source: str = "", q: str = ""):
    rows = sel.lead_inbox(user=request.user, status=status, source=source, q=q)
    rows = rows.prefetch_related("photos")[:200]
    return {"results": [lead_out(lead) for lead in rows]}


@leads.get(
    "/leads/{int:lead_id}", summary="线索详情（含疑似重复与分拣建议）", response=LeadDetailOut
)
def lead_detail(request: Any, lead_id: int):
    snap = sel.lead_snapshot(request.user, lead_id)
    lead = snap.lead
    return {
        **lead_out(lead, photos=snap.photos),
        "duplicates": triage.lead_duplicates(lead=lead),
        "advice": triage.route_advice(lead=lead),
        "events": [
            {"seq": e.seq, "type": e.event_type, "summary": e.summary, "actor": e.actor_name}
            for e in snap.events
        ],
    }


class ItemIn(Schema):
    item_code: Line


@leads.post(
    "/leads/{int:lead_id}/item",
    summary="确认或更正事项（作为分拣模型的训练数据）",
    response=LeadOut,
)
def lead_item(request: Any, lead_id: int, payload: ItemIn):
    lead = _lead(request, lead_id)
    item = _items(request, [payload.item_code])[0]
    return lead_out(triage.lead_item_confirm(lead=lead, actor=request.user, item=item))


@leads.get("/leads/{int:lead_id}/reporter", summary="查看反映人（记录在案）", response=ReporterOut)
def lead_reporter(request: Any, lead_id: int):
    return services.lead_reveal_reporter(lead=_lead(request, lead_id), user=request.user)


@leads.post("/leads/{int:lead_id}/triage", summary="重新分拣（定位、事项建议）", response=LeadOut)
def lead_triage(request: Any, lead_id: int):
    lead = _lead(request, lead_id)
    services._require_triager(request.user)
    return lead_out(triage.lead_triage(lead=lead, actor=request.user))


class OpenCaseIn(Schema):
    item_codes: list[Text]
    cause: Text
    handler_ids: list[Id] = []
    party_ids: list[Id] = []
    summary: Text = ""


def _items(request: Any, codes: list[str]) -> list[PowerItem]:
    items = list(PowerItem.objects.filter(town=request.town, code__in=codes))
    if not codes or len(items) != len(set(codes)):
        raise DomainError("所选清单事项不存在", code="bad_item")
    return items


@leads.post("/leads/{int:lead_id}/case", response={201: LeadOut}, summary="立案办理")
def lead_open_case(request: Any, lead_id: int, payload: OpenCaseIn):
    lead = _lead(request, lead_id)
    handlers = list(Officer.objects.filter(pk__in=payload.handler_ids, town=request.town))
    if len(handlers) != len(set(payload.handler_ids)):
        raise DomainError("所选执法人员不存在或不属于本镇", code="bad_officer")
    parties = list(Subject.objects.filter(pk__in=payload.party_ids, town=request.town))
    case = services.lead_open_case(
        lead=lead,
        actor=request.user,
        items=_items(request, payload.item_codes),
        cause=payload.cause,
        handlers=handlers or None,
        parties=parties or None,
        summary=payload.summary,
    )
    lead.refresh_from_db()
    return Status(201, {**lead_out(lead), "case": {"id": case.pk, "number": case.number}})


class LeadTransferIn(Schema):
    item_code: Line
    reason: Text


@leads.post("/leads/{int:lead_id}/transfer", summary="移送主管部门", response=LeadOut)
def lead_transfer(request: Any, lead_id: int, payload: LeadTransferIn):
    lead = _lead(request, lead_id)
    item = _items(request, [payload.item_code])[0]
    return lead_out(
        services.lead_transfer(lead=lead, actor=request.user, item=item, reason=payload.reason)
    )


class MergeIn(Schema):
    lead_id: Id | None = None
    case_id: Id | None = None


@leads.post("/leads/{int:lead_id}/merge", summary="合并到线索或案件", response=LeadOut)
def lead_merge(request: Any, lead_id: int, payload: MergeIn):
    lead = _lead(request, lead_id)
    into_lead = _lead(request, payload.lead_id) if payload.lead_id else None
    into_case = case_get_for_user(request.user, payload.case_id) if payload.case_id else None
    return lead_out(
        services.lead_merge(lead=lead, actor=request.user, into_lead=into_lead, into_case=into_case)
    )


class LeadReasonIn(Schema):
    reason: Text


@leads.post("/leads/{int:lead_id}/dismiss", summary="不予受理", response=LeadOut)
def lead_dismiss(request: Any, lead_id: int, payload: LeadReasonIn):
    lead = _lead(request, lead_id)
    return lead_out(services.lead_dismiss(lead=lead, actor=request.user, reason=payload.reason))


# --- 12345 bridge ---------------------------------------------------------------------------------


def _platform(request: Any) -> Any:
    """The platform pushes with a token scoped ``12345``; town leaders may also post by hand."""
    token = getattr(request, "api_token", None)
    if token is not None and "12345" in (token.scopes or []):
        if getattr(request, "town", None) is None:
            raise Forbidden("令牌未绑定乡镇")
        return request.user
    if has_role(request.user, "leader", "squadron_leader", "admin"):
        return request.user
    raise Forbidden("仅 12345 平台令牌可以推送工单")


@bridge.post(
    "/orders",
    response={201: OrderAckOut, 200: OrderAckOut},
    summary="接收 12345 工单（按工单编号幂等）",
)
def order_receive(request: Any, payload: Body[dict[str, Any]]):
    actor = _platform(request)
    order = adapter().parse_order(payload)
    lead, created = services.lead_receive(
        town=request.town,
        source=Lead.Source.HOTLINE,
        actor=actor,
        text=order.text,
        source_ref=order.order_no,
        source_due=order.due,
        address=order.address,
        lat=order.lat,
        lng=order.lng,
        datum=order.datum,
        reporter_name=order.caller_name,
        reporter_phone=order.caller_phone,
        received_at=order.received_at,
    )
    return Status(
        201 if created else 200,
        {"code": "0", "lead": lead.number, "created": created, "status": lead.status},
    )


def _order(request: Any, order_no: str) -> Lead:
    lead = (
        sel.leads_visible_to(request.user)
        .filter(source=Lead.Source.HOTLINE, source_ref=order_no)
        .first()
    )
    if lead is None:
        raise DomainError("工单不存在", code="not_found", status=404)
    return lead


@bridge.get("/orders/{order_no}", summary="工单状态与待发消息", response=OrderOut)
def order_detail(request: Any, order_no: str):
    lead = _order(request, order_no)
    return {
        **lead_out(lead),
        "outbox": [
            {"kind": m.kind, "attempts": m.attempts, "acked": m.delivered, "error": m.last_error}
            for m in lead.outbox.all()
        ],
    }


@bridge.post("/orders/{order_no}/sign", summary="签收", response=LeadOut)
def order_sign(request: Any, order_no: str):
    lead = _order(request, order_no)
    services._require_triager(request.user)
    return lead_out(hotline.order_sign(lead=lead, actor=request.user))


@bridge.post("/orders/{order_no}/send-back", summary="退单（时限内，说明理由）", response=LeadOut)
def order_send_back(request: Any, order_no: str, payload: LeadReasonIn):
    lead = _order(request, order_no)
    return lead_out(hotline.lead_send_back(lead=lead, actor=request.user, reason=payload.reason))


class OrderExtendIn(Schema):
    days: Days
    reason: Text


@bridge.post("/orders/{order_no}/extension", summary="申请延期", response=LeadOut)
def order_extend(request: Any, order_no: str, payload: OrderExtendIn):
    lead = _order(request, order_no)
    services._require_triager(request.user)
    return lead_out(
        hotline.order_extend(
            lead=lead, actor=request.user, days=payload.days, reason=payload.reason
        )
    )


class ReplyIn(Schema):
    text: Text
    close: bool = True


@bridge.post("/orders/{order_no}/reply", summary="答复并办结", response=LeadOut)
def order_reply(request: Any, order_no: str, payload: ReplyIn):
    lead = _order(request, order_no)
    services._require_triager(request.user)
    return lead_out(
        hotline.order_reply(lead=lead, actor=request.user, text=payload.text, close=payload.close)
    )


router.add_router("/intake/", leads)
router.add_router("/12345/", bridge)
