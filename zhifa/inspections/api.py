"""Inspections API at /api/v1/inspections/: plans (create, approve, draw, redraw), sealed draws
(with their inputs, to re-run), inspections (register for a cause, start, answer, photo, finish,
sign, publish, cancel), risk levels, 回避 links, the cockpit's counts, and two public reads (the
published results and the 检查码 verification). Each write calls one service; permissions are the
services' and the selectors' own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from zhifa.catalog.models import PowerItem
from zhifa.core.errors import DomainError, Forbidden, NotFound
from zhifa.core.models import Town
from zhifa.core.tenancy import public_town_scope
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from . import selectors as sel
from . import services
from .models import Draw, Inspection, Plan

router = Router(tags=["行政检查"])


def _town(request: Any) -> Town:
    if getattr(request, "town", None) is None:
        raise Forbidden("请先选择所在乡镇")
    return request.town


def plan_out(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "number": plan.number,
        "name": plan.name,
        "kind": plan.kind,
        "year": plan.year,
        "status": plan.status,
        "status_label": plan.get_status_display(),
        "items": [i.code for i in plan.items.all()],
        "villages": list(plan.villages.values_list("code", flat=True)),
        "subject_kinds": plan.subject_kinds,
        "site_types": plan.site_types,
        "risk_levels": plan.risk_levels,
        "sample_mode": plan.sample_mode,
        "sample_ratio": plan.sample_ratio,
        "sample_count": plan.sample_count,
        "period": [plan.period_start.isoformat(), plan.period_end.isoformat()],
        "approved_by": (plan.approved_by.full_name or plan.approved_by.username)
        if plan.approved_by_id
        else "",
        "draws": [draw_summary(d) for d in plan.draws.order_by("seq")],
    }


def draw_summary(draw: Draw) -> dict[str, Any]:
    return {
        "id": draw.pk,
        "seq": draw.seq,
        "status": draw.status,
        "seed": draw.seed,
        "drawn_on": draw.drawn_on.isoformat(),
        "seal": draw.seal,
        "reason": draw.reason,
        "count": len(draw.result.get("subjects", [])),
    }


def inspection_out(i: Inspection) -> dict[str, Any]:
    return {
        "id": i.pk,
        "number": i.number,
        "code": i.code,
        "origin": i.origin,
        "plan": i.plan.number if i.plan_id else "",
        "subject": {"id": i.subject_id, "name": i.subject.name},
        "items": [it.code for it in i.items.all()],
        "officers": [{"name": h["name"], "cert_no": h["cert_no"]} for h in i.handlers],
        "status": i.status,
        "status_label": i.get_status_display(),
        "planned_on": i.planned_on.isoformat(),
        "done_on": i.done_on.isoformat() if i.done_on else None,
        "result": i.result,
        "result_label": i.get_result_display() if i.result else "",
        "findings": i.result_note,
        "checklist": [
            {
                "id": a.pk,
                "text": a.text,
                "answer": a.answer,
                "note": a.note,
                "photos": a.photos.count(),
            }
            for a in i.answers.order_by("sort")
        ],
        "case": i.case.number if i.case_id else "",
        "order": i.order.document.number if i.order_id and i.order.document_id else "",
        "lead": i.lead.number if i.lead_id else "",
        "publish_due": i.publish_deadline.due_at.isoformat() if i.publish_deadline_id else None,
        "published_at": i.published_at.isoformat() if i.published_at else None,
    }


# --- plans and draws ---------------------------------------------------------------------------


class PlanIn(Schema):
    name: str
    kind: str
    year: int
    items: list[str]
    period_start: dt.date
    period_end: dt.date
    sample_mode: str
    sample_ratio: int | None = None
    sample_count: int | None = None
    villages: list[str] = []
    subject_kinds: list[str] = []
    site_types: list[str] = []
    risk_levels: list[str] = []
    note: str = ""


class ApproveIn(Schema):
    opinion: str = "同意"


class DrawIn(Schema):
    seed: str = ""
    on: dt.date | None = None


class RedrawIn(DrawIn):
    reason: str


@router.get("/plans")
def plans_list(request: Any) -> list[dict[str, Any]]:
    return [plan_out(p) for p in sel.plans_visible(user=request.user, town=_town(request))[:200]]


@router.post("/plans")
def plans_create(request: Any, payload: PlanIn) -> dict[str, Any]:
    town = _town(request)
    items = list(PowerItem.objects.filter(town=town, code__in=payload.items))
    if len(items) != len(set(payload.items)):
        raise DomainError("检查事项编码有误", code="bad_items")
    from zhifa.grid.models import Village

    villages = list(Village.objects.filter(town=town, code__in=payload.villages))
    data = payload.dict(exclude={"items", "villages"})
    plan = services.plan_create(
        town=town, actor=request.user, items=items, villages=villages, **data
    )
    return plan_out(plan)


@router.get("/plans/{int:pk}")
def plans_get(request: Any, pk: int) -> dict[str, Any]:
    return plan_out(sel.plan_get_for_user(user=request.user, town=_town(request), pk=pk))


@router.post("/plans/{int:pk}/approve")
def plans_approve(request: Any, pk: int, payload: ApproveIn) -> dict[str, Any]:
    plan = sel.plan_get_for_user(user=request.user, town=_town(request), pk=pk)
    return plan_out(services.plan_approve(plan=plan, actor=request.user, opinion=payload.opinion))


@router.post("/plans/{int:pk}/draw")
def plans_draw(request: Any, pk: int, payload: DrawIn) -> dict[str, Any]:
    plan = sel.plan_get_for_user(user=request.user, town=_town(request), pk=pk)
    draw = services.plan_draw(plan=plan, actor=request.user, seed=payload.seed, on=payload.on)
    return draw_out(draw)


@router.post("/plans/{int:pk}/redraw")
def plans_redraw(request: Any, pk: int, payload: RedrawIn) -> dict[str, Any]:
    plan = sel.plan_get_for_user(user=request.user, town=_town(request), pk=pk)
    draw = services.plan_redraw(
        plan=plan, actor=request.user, reason=payload.reason, seed=payload.seed, on=payload.on
    )
    return draw_out(draw)


def draw_out(draw: Draw) -> dict[str, Any]:
    return {
        **draw_summary(draw),
        "algorithm": draw.algorithm,
        "inputs": draw.inputs,
        "result": draw.result,
        "inputs_sha256": draw.inputs_sha256,
        "result_sha256": draw.result_sha256,
        "problems": services.draw_verify(draw=draw),
    }


@router.get("/draws/{int:pk}")
def draws_get(request: Any, pk: int) -> dict[str, Any]:
    return draw_out(sel.draw_get_for_user(user=request.user, town=_town(request), pk=pk))


# --- inspections -------------------------------------------------------------------------------


class InspectionIn(Schema):
    subject_id: int
    items: list[str]
    officer_ids: list[int]
    origin: str
    planned_on: dt.date
    justification: str = ""
    justification_note: str = ""


class StartIn(Schema):
    place: str
    present: str = ""
    recorder: str = ""


class AnswerIn(Schema):
    answer: str
    note: str = ""


class FinishIn(Schema):
    result: str
    findings: str
    violation_item: str = ""
    requirements: str = ""
    days: int | None = None


class SignIn(Schema):
    party_signature: str = ""
    party_refused: bool = False
    witness: str = ""


class ReasonIn(Schema):
    reason: str


@router.get("/inspections")
def inspections_list(
    request: Any, status: str = "", mine: bool = False, q: str = ""
) -> list[dict[str, Any]]:
    town = _town(request)
    if mine:
        rows = sel.officer_queue(user=request.user, town=town)
    else:
        rows = sel.inspections_filtered(user=request.user, town=town, status=status, q=q)
    return [inspection_out(i) for i in rows[:200]]


@router.post("/inspections")
def inspections_create(request: Any, payload: InspectionIn) -> dict[str, Any]:
    town = _town(request)
    sel.inspections_visible(user=request.user, town=town)
    subject = Subject.objects.filter(town=town, pk=payload.subject_id).first()
    if subject is None:
        raise NotFound("未找到该监管对象")
    items = list(PowerItem.objects.filter(town=town, code__in=payload.items))
    officers = list(Officer.objects.filter(town=town, pk__in=payload.officer_ids))
    inspection = services.inspection_create(
        town=town,
        actor=request.user,
        subject=subject,
        items=items,
        officers=officers,
        origin=payload.origin,
        planned_on=payload.planned_on,
        justification=payload.justification,
        justification_note=payload.justification_note,
    )
    return inspection_out(inspection)


def _get(request: Any, pk: int) -> Inspection:
    return sel.inspection_get_for_user(user=request.user, town=_town(request), pk=pk)


@router.get("/inspections/{int:pk}")
def inspections_get(request: Any, pk: int) -> dict[str, Any]:
    return inspection_out(_get(request, pk))


@router.post("/inspections/{int:pk}/start")
def inspections_start(request: Any, pk: int, payload: StartIn) -> dict[str, Any]:
    done = services.inspection_start(
        inspection=_get(request, pk), actor=request.user, **payload.dict()
    )
    return inspection_out(done)


@router.post("/inspections/{int:pk}/answers/{int:answer_id}")
def inspections_answer(request: Any, pk: int, answer_id: int, payload: AnswerIn) -> dict[str, Any]:
    inspection = _get(request, pk)
    services.inspection_answer(
        inspection=inspection,
        actor=request.user,
        answer_id=answer_id,
        answer=payload.answer,
        note=payload.note,
    )
    return inspection_out(inspection)


@router.post("/inspections/{int:pk}/answers/{int:answer_id}/photos")
def inspections_photo(
    request: Any, pk: int, answer_id: int, photo: File[UploadedFile], note: Form[str] = ""
) -> dict[str, Any]:
    inspection = _get(request, pk)
    added = services.inspection_photo_add(
        inspection=inspection, actor=request.user, answer_id=answer_id, upload=photo
    )
    return {"id": added.pk, "sha256": added.sha256}


@router.post("/inspections/{int:pk}/finish")
def inspections_finish(request: Any, pk: int, payload: FinishIn) -> dict[str, Any]:
    inspection = _get(request, pk)
    item = None
    if payload.violation_item:
        item = PowerItem.objects.filter(town=inspection.town, code=payload.violation_item).first()
        if item is None:
            raise DomainError("事项编码有误", code="bad_item")
    done = services.inspection_finish(
        inspection=inspection,
        actor=request.user,
        result=payload.result,
        findings=payload.findings,
        violation_item=item,
        requirements=payload.requirements,
        days=payload.days,
    )
    return inspection_out(done)


@router.post("/inspections/{int:pk}/sign")
def inspections_sign(request: Any, pk: int, payload: SignIn) -> dict[str, Any]:
    done = services.inspection_sign(
        inspection=_get(request, pk), actor=request.user, **payload.dict()
    )
    return inspection_out(done)


@router.post("/inspections/{int:pk}/publish")
def inspections_publish(request: Any, pk: int) -> dict[str, Any]:
    return inspection_out(
        services.inspection_publish(inspection=_get(request, pk), actor=request.user)
    )


@router.post("/inspections/{int:pk}/cancel")
def inspections_cancel(request: Any, pk: int, payload: ReasonIn) -> dict[str, Any]:
    done = services.inspection_cancel(
        inspection=_get(request, pk), actor=request.user, reason=payload.reason
    )
    return inspection_out(done)


# --- register ----------------------------------------------------------------------------------


class RiskIn(Schema):
    level: str
    reason: str


class ConflictIn(Schema):
    officer_id: int
    subject_id: int
    kind: str
    reason: str


@router.post("/subjects/{int:pk}/risk")
def subjects_risk(request: Any, pk: int, payload: RiskIn) -> dict[str, Any]:
    town = _town(request)
    sel.inspections_visible(user=request.user, town=town)
    subject = Subject.objects.filter(town=town, pk=pk).first()
    if subject is None:
        raise NotFound("未找到该监管对象")
    risk = services.subject_risk_set(
        subject=subject, level=payload.level, reason=payload.reason, actor=request.user
    )
    return {"subject": subject.pk, "level": risk.level, "reason": risk.reason}


@router.post("/conflicts")
def conflicts_create(request: Any, payload: ConflictIn) -> dict[str, Any]:
    town = _town(request)
    sel.inspections_visible(user=request.user, town=town)
    subject = Subject.objects.filter(town=town, pk=payload.subject_id).first()
    officer = Officer.objects.filter(town=town, pk=payload.officer_id).first()
    if subject is None or officer is None:
        raise NotFound("未找到该监管对象或执法队员")
    conflict = services.officer_conflict_record(
        officer=officer,
        subject=subject,
        kind=payload.kind,
        reason=payload.reason,
        actor=request.user,
    )
    return {
        "id": conflict.pk,
        "officer": officer.name,
        "subject": subject.name,
        "kind": conflict.kind,
    }


@router.get("/counts")
def counts(request: Any, year: int | None = None) -> dict[str, Any]:
    town = _town(request)
    sel.inspections_visible(user=request.user, town=town)
    return sel.counts(town=town, year=year)


# --- public ------------------------------------------------------------------------------------


def _public_town(code: str) -> Town:
    town = Town.objects.filter(code=code, is_active=True).first()
    if town is None:
        raise NotFound("未找到该乡镇")
    return town


@router.get("/public/{town_code}/results", auth=None, openapi_extra={"x-zhifa-public": True})
def public_results(request: Any, town_code: str, year: int | None = None) -> list[dict[str, Any]]:
    town = _public_town(town_code)
    with public_town_scope(town):
        rows = sel.public_results(town=town, year=year)
    return [
        {
            **r,
            "day": r["day"].isoformat() if r["day"] else None,
            "published_at": r["published_at"].isoformat(),
        }
        for r in rows
    ]


@router.get("/public/{town_code}/verify/{code}", auth=None, openapi_extra={"x-zhifa-public": True})
def public_verify(request: Any, town_code: str, code: str) -> dict[str, Any]:
    town = _public_town(town_code)
    with public_town_scope(town):
        found = sel.inspection_by_code(town=town, code=code)
    if found is None:
        raise NotFound("没有找到该检查码的登记记录")
    return {**found, "planned_on": found["planned_on"].isoformat()}
