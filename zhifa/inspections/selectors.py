"""Reads for inspections, permission-filtered. ``inspection_get_for_user`` and
``plan_get_for_user`` are the one gate pages and the API share; ``public_results`` and
``inspection_by_code`` are what the public sees; ``counts`` is the cockpit's API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from zhifa.accounts.roles import ADMIN, AUXILIARY, LEADER, LEGAL_REVIEWER, OFFICER, SQUADRON_LEADER
from zhifa.core import clock
from zhifa.core.errors import Forbidden, NotFound
from zhifa.core.excel import workbook_build
from zhifa.core.models import Deadline, Town
from zhifa.grid.models import Subject

from .models import Draw, Inspection, Plan, RiskLevel
from .permissions import may, officer_of

STAFF = (LEADER, SQUADRON_LEADER, OFFICER, AUXILIARY, LEGAL_REVIEWER, ADMIN)


def is_staff(user: Any) -> bool:
    return may(user, STAFF)


def require_staff(user: Any) -> None:
    """Refuse anyone outside the enforcement team (the check the pages declare with guarded)."""
    if not is_staff(user):
        raise Forbidden("行政检查仅限执法队伍人员")


def plans_visible(*, user: Any, town: Town) -> QuerySet[Plan]:
    require_staff(user)
    return Plan.objects.filter(town=town).prefetch_related("items").select_related("approved_by")


def plan_get_for_user(*, user: Any, town: Town, pk: int) -> Plan:
    plan = plans_visible(user=user, town=town).filter(pk=pk).first()
    if plan is None:
        raise NotFound("未找到该检查计划")
    return plan


def draw_get_for_user(*, user: Any, town: Town, pk: int) -> Draw:
    require_staff(user)
    draw = Draw.objects.filter(town=town, pk=pk).select_related("plan", "drawn_by").first()
    if draw is None:
        raise NotFound("未找到该次抽取")
    return draw


def inspections_visible(*, user: Any, town: Town) -> QuerySet[Inspection]:
    require_staff(user)
    return (
        Inspection.objects.filter(town=town)
        .select_related("subject", "plan", "publish_deadline")
        .prefetch_related("items")
    )


def inspection_get_for_user(*, user: Any, town: Town, pk: int) -> Inspection:
    inspection = inspections_visible(user=user, town=town).filter(pk=pk).first()
    if inspection is None:
        raise NotFound("未找到该检查")
    return inspection


def officer_queue(*, user: Any, town: Town) -> QuerySet[Inspection]:
    """The signed-in officer's own open inspections, soonest first (the phone's start page)."""
    require_staff(user)
    officer = officer_of(user)
    if officer is None:
        return Inspection.objects.none()
    return (
        inspections_visible(user=user, town=town)
        .filter(officers=officer, status__in=Inspection.OPEN_STATUSES)
        .order_by("planned_on", "pk")
    )


def inspections_filtered(
    *, user: Any, town: Town, status: str = "", plan: int | None = None, q: str = ""
) -> QuerySet[Inspection]:
    rows = inspections_visible(user=user, town=town)
    if status:
        rows = rows.filter(status=status)
    if plan:
        rows = rows.filter(plan_id=plan)
    if q:
        rows = rows.filter(Q(number__icontains=q) | Q(subject__name__icontains=q))
    return rows.order_by("-planned_on", "-pk")


# --- public ----------------------------------------------------------------------------------------


MASKED = "个体经营者（姓名不公开）"


def public_name(subject: Subject) -> str:
    """Businesses and places by name; a natural person's name is never shown, nor the name of a
    site a natural person runs (it often carries the person's name)."""
    if subject.kind == Subject.Kind.INDIVIDUAL:
        return MASKED
    operator = subject.operator if subject.operator_id else None
    if operator is not None and operator.kind == Subject.Kind.INDIVIDUAL:
        return MASKED
    return subject.name


def _public_row(inspection: Inspection) -> dict[str, Any]:
    return {
        "number": inspection.number,
        "subject": public_name(inspection.subject),
        "items": "；".join(i.name for i in inspection.items.all()),
        "origin": inspection.get_origin_display(),
        "plan": inspection.plan.name if inspection.plan_id else "",
        "day": inspection.done_on,
        "result": inspection.get_result_display(),
        "published_at": inspection.published_at,
    }


def public_results(*, town: Town, year: int | None = None) -> list[dict[str, Any]]:
    """Published results of a town (一公开), masked; newest first."""
    rows = (
        Inspection.all_towns.filter(town=town, published_at__isnull=False)
        .select_related("subject__operator", "plan")
        .prefetch_related("items")
        .order_by("-done_on", "-pk")
    )
    if year:
        rows = rows.filter(done_on__year=year)
    return [_public_row(i) for i in rows]


def inspection_by_code(*, town: Town, code: str) -> dict[str, Any] | None:
    """What the subject sees when it scans the 检查码: the inspection is registered, by whom
    (names and certificate numbers, which the law makes public), and its state — nothing else."""
    inspection = (
        Inspection.all_towns.filter(town=town, code=(code or "").strip().upper())
        .exclude(status=Inspection.Status.CANCELLED)
        .select_related("subject__operator", "plan")
        .prefetch_related("items")
        .first()
    )
    if inspection is None:
        return None
    return {
        "number": inspection.number,
        "subject": public_name(inspection.subject),
        "items": "；".join(i.name for i in inspection.items.all()),
        "origin": inspection.get_origin_display(),
        "plan": inspection.plan.name if inspection.plan_id else "",
        "planned_on": inspection.planned_on,
        "status": inspection.get_status_display(),
        "officers": [{"name": h["name"], "cert_no": h["cert_no"]} for h in inspection.handlers],
        "result": inspection.get_result_display() if inspection.published_at else "",
    }


# --- counts for the cockpit ------------------------------------------------------------------------


def counts(
    *, town: Town, year: int | None = None, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The cockpit's figures for a town and year: plans, inspections by status and result,
    published, publication overdue, and how many were published on time."""
    year = year or clock.today().year
    now = now or clock.now()
    rows = Inspection.all_towns.filter(town=town, planned_on__year=year)
    by_status = dict(rows.values_list("status").annotate(n=Count("pk")))
    by_result = dict(
        rows.filter(status=Inspection.Status.COMPLETED)
        .values_list("result")
        .annotate(n=Count("pk"))
    )
    completed = rows.filter(status=Inspection.Status.COMPLETED)
    return {
        "year": year,
        "plans": Plan.all_towns.filter(town=town, year=year).count(),
        "plans_approved": Plan.all_towns.filter(town=town, year=year)
        .exclude(status=Plan.Status.DRAFT)
        .count(),
        "inspections": rows.exclude(status=Inspection.Status.CANCELLED).count(),
        "by_status": {s: by_status.get(s, 0) for s in Inspection.Status.values},
        "by_result": {r: by_result.get(r, 0) for r in Inspection.Result.values if r},
        "random": rows.filter(origin=Inspection.Origin.RANDOM)
        .exclude(status=Inspection.Status.CANCELLED)
        .count(),
        "published": completed.filter(published_at__isnull=False).count(),
        "published_on_time": completed.filter(
            published_at__isnull=False, published_at__lte=F("publish_deadline__due_at")
        ).count(),
        "publish_overdue": completed.filter(
            published_at__isnull=True,
            publish_deadline__status=Deadline.Status.OPEN,
            publish_deadline__due_at__lt=now,
        ).count(),
    }


def risk_register_xlsx(rows: QuerySet[Subject], *, q: str = "", level: str = "") -> bytes:
    """The subjects and their risk levels as filtered on the page (every row, not one page)."""
    parts = []
    if q:
        parts.append(f"名称：{q}")
    if level:
        parts.append(f"风险等级：{dict(RiskLevel.choices).get(level, level)}")
    return workbook_build(
        title="监管对象与风险等级",
        filters="；".join(parts),
        headers=("名称", "类别", "村（社区）", "风险等级", "评定理由"),
        rows=(
            (
                s.name,
                s.kind_label,
                s.cell.village.name if s.cell_id else "",
                s.risk.get_level_display()
                if getattr(s, "risk", None)
                else "B类（一般风险，未评定）",
                s.risk.reason if getattr(s, "risk", None) else "",
            )
            for s in rows
        ),
    )
