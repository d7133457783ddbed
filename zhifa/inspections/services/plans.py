"""Plans and their approval by a leader in person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zhifa.catalog.models import PowerItem
from zhifa.catalog.rules import HELD_ARTICLE, item_held_by_town
from zhifa.core import clock
from zhifa.core.errors import Conflict, DomainError, RuleViolation
from zhifa.core.models import Town
from zhifa.core.sequences import sequence_next
from zhifa.grid.models import Subject, Village

from ..models import Plan, RiskLevel
from ..permissions import APPROVERS, PLANNERS, require
from .common import actor_or_none, plan_event, same_town, text


def plan_create(
    *,
    town: Town,
    actor: Any,
    name: str,
    kind: str,
    year: int,
    items: list[PowerItem],
    period_start: dt.date,
    period_end: dt.date,
    sample_mode: str,
    sample_ratio: int | None = None,
    sample_count: int | None = None,
    villages: list[Village] | None = None,
    subject_kinds: list[str] | None = None,
    site_types: list[str] | None = None,
    risk_levels: list[str] | None = None,
    note: str = "",
) -> Plan:
    """A plan over held inspection items (several = 综合查一次), waiting for a leader's approval."""
    require(actor, PLANNERS, "拟定检查计划")
    name = text(name, label="计划名称", minimum=4, maximum=100)
    if kind not in Plan.Kind.values:
        raise DomainError("计划类别不正确", code="bad_kind")
    if not items:
        raise DomainError("请至少选择一个检查事项", code="items_required")
    villages = list(villages or [])
    same_town(town.pk, *items, *villages)
    if period_end < period_start:
        raise DomainError("检查期间的结束日期不能早于开始日期", code="bad_period")
    if period_start.year != int(year) or period_end.year != int(year):
        raise DomainError("检查期间应在计划年度之内", code="bad_period")
    for item in items:
        if item.type != PowerItem.Type.INSPECTION:
            raise DomainError(f"“{item.name}”不是行政检查事项", code="not_inspection_item")
        if not item_held_by_town(item=item, on=period_start):
            raise RuleViolation(
                f"{period_start:%Y年%-m月%-d日}本镇未承接“{item.name}”，不能列入本镇抽查计划",
                article=HELD_ARTICLE,
                code="item_not_held",
            )
    if sample_mode == Plan.SampleMode.RATIO:
        if not sample_ratio or not 1 <= int(sample_ratio) <= 100:
            raise DomainError("抽取比例应在 1% 至 100% 之间", code="bad_ratio")
        sample_count = None
    elif sample_mode == Plan.SampleMode.COUNT:
        if not sample_count or int(sample_count) < 1:
            raise DomainError("抽取数量应至少为 1", code="bad_count")
        sample_ratio = None
    else:
        raise DomainError("抽取方式不正确", code="bad_mode")
    kinds = list(dict.fromkeys(subject_kinds or []))
    if any(k not in Subject.Kind.values for k in kinds):
        raise DomainError("对象类别不正确", code="bad_subject_kind")
    types = list(dict.fromkeys(site_types or []))
    if any(t not in Subject.SiteType.values for t in types):
        raise DomainError("场所类型不正确", code="bad_site_type")
    levels = sorted(set(risk_levels or []))
    if any(level not in RiskLevel.values for level in levels):
        raise DomainError("风险等级应为 A、B、C、D", code="bad_level")
    with transaction.atomic():
        seq = sequence_next(town=town, kind="inspection_plan", year=int(year))
        plan = Plan.objects.create(
            town=town,
            number=f"JH{year}{seq:03d}",
            name=name,
            kind=kind,
            year=int(year),
            subject_kinds=kinds,
            site_types=types,
            risk_levels=levels,
            sample_mode=sample_mode,
            sample_ratio=sample_ratio,
            sample_count=sample_count,
            period_start=period_start,
            period_end=period_end,
            note=(note or "").strip(),
            created_by=actor_or_none(actor),
        )
        plan.items.set(items)
        plan.villages.set(villages)
        plan_event(
            plan,
            actor,
            "created",
            f"拟定{plan.get_kind_display()}“{name}”",
            items=[i.code for i in items],
            villages=[v.code for v in villages],
            subject_kinds=kinds,
            site_types=types,
            risk_levels=levels,
            sample_mode=sample_mode,
            sample_ratio=sample_ratio,
            sample_count=sample_count,
            period=[period_start, period_end],
        )
    return plan


def lock_plan(plan: Plan) -> Plan:
    return Plan.all_towns.select_for_update().get(pk=plan.pk)


def plan_approve(*, plan: Plan, actor: Any, opinion: str = "同意") -> Plan:
    """The leader approves in person: the approver is the signed-in leader, never a name typed by
    someone else."""
    require(actor, APPROVERS, "批准检查计划（仅限队长、副队长本人）")
    opinion = text(opinion, label="审批意见", minimum=2, maximum=300)
    with transaction.atomic():
        plan = lock_plan(plan)
        if plan.status != Plan.Status.DRAFT:
            raise Conflict(f"该计划{plan.get_status_display()}，不能再次审批")
        plan.status = Plan.Status.APPROVED
        plan.approved_by, plan.approved_at = actor_or_none(actor), clock.now()
        plan.approval_opinion = opinion
        plan.save(update_fields=["status", "approved_by", "approved_at", "approval_opinion"])
        plan_event(plan, actor, "approved", f"批准计划：{opinion}", opinion=opinion)
    return plan
