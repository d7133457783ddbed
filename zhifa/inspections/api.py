"""Inspections API at /api/v1/inspections/: plans (create, approve, draw, redraw), sealed draws
(with their inputs, to re-run), inspections (register for a cause, start, answer, photo, finish,
sign, publish, cancel), risk levels, 回避 links, the cockpit's counts, and two public reads (the
published results and the 检查码 verification). Each write calls one service; permissions are the
services' and the selectors' own."""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema

from zhifa.catalog.models import PowerItem
from zhifa.core.api_fields import Day, Id, Line, Text, Year
from zhifa.core.errors import DomainError, Forbidden, NotFound
from zhifa.core.models import Town
from zhifa.core.tenancy import public_town_scope
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from . import selectors as sel
from . import services
from .api_site import router as site_router
from .models import Draw, Plan

router = Router(tags=["行政检查"])
router.add_router("/inspections", site_router)


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


# --- plans and draws ---------------------------------------------------------------------------


class PlanIn(Schema):
    name: Text
    kind: Line
    year: Year
    items: list[Text]
    period_start: Day
    period_end: Day
    sample_mode: Text
    sample_ratio: int | None = None
    sample_count: int | None = None
    villages: list[Text] = []
    subject_kinds: list[Text] = []
    site_types: list[Text] = []
    risk_levels: list[Text] = []
    note: Text = ""


class ApproveIn(Schema):
    opinion: Text = "同意"


class DrawIn(Schema):
    seed: Text = ""
    on: Day | None = None


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


# --- register ----------------------------------------------------------------------------------


class RiskIn(Schema):
    level: Line
    reason: Text


class ConflictIn(Schema):
    officer_id: Id
    subject_id: Id
    kind: Line
    reason: Text


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
def counts(request: Any, year: Year | None = None) -> dict[str, Any]:
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
def public_results(request: Any, town_code: str, year: Year | None = None) -> list[dict[str, Any]]:
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
