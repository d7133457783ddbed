"""Risk levels with their history, 回避 links, and checklist lines."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from zhifa.catalog.models import PowerItem
from zhifa.core import clock
from zhifa.core.errors import DomainError
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from ..models import ChecklistItem, OfficerConflict, RiskLevel, SubjectRisk, SubjectRiskChange
from ..permissions import RATERS, REGISTRARS, may, officer_of, require
from .common import actor_or_none, same_town, text


def subject_risk_set(*, subject: Subject, level: str, reason: str, actor: Any) -> SubjectRisk:
    """Set a subject's risk level; the reason and the old level go into its history."""
    require(actor, RATERS, "评定风险等级")
    if level not in RiskLevel.values:
        raise DomainError("风险等级应为 A、B、C、D 之一", code="bad_level")
    reason = text(reason, label="评定理由", minimum=4, maximum=300)
    with transaction.atomic():
        current = SubjectRisk.all_towns.select_for_update().filter(subject=subject).first()
        old = current.level if current else ""
        if current is not None and current.level == level:
            raise DomainError(f"该对象已是{current.get_level_display()}", code="level_unchanged")
        if current is None:
            current = SubjectRisk(town_id=subject.town_id, subject=subject)
        current.level, current.reason = level, reason
        current.updated_at, current.updated_by = clock.now(), actor_or_none(actor)
        current.save()
        SubjectRiskChange.objects.create(
            town_id=subject.town_id,
            subject=subject,
            old_level=old,
            new_level=level,
            reason=reason,
            actor=actor_or_none(actor),
        )
    return current


def officer_conflict_record(
    *, officer: Officer, subject: Subject, kind: str, reason: str, actor: Any
) -> OfficerConflict:
    """Record that ``officer`` must not inspect ``subject`` (回避). An officer may declare their
    own; others need a leader, a squadron leader or the administrator."""
    own = officer_of(actor)
    if not (own is not None and own.pk == officer.pk) and not may(actor, REGISTRARS):
        raise DomainError(
            "只有本人或队长、中队长、管理员可以登记回避关系", code="forbidden", status=403
        )
    if kind not in OfficerConflict.Kind.values:
        raise DomainError("回避情形不正确", code="bad_kind")
    same_town(subject.town_id, officer)
    reason = text(reason, label="回避说明", minimum=4, maximum=200)
    conflict, created = OfficerConflict.all_towns.get_or_create(
        officer=officer,
        subject=subject,
        kind=kind,
        defaults={
            "town_id": subject.town_id,
            "reason": reason,
            "recorded_by": actor_or_none(actor),
        },
    )
    if not created:
        raise DomainError("该回避关系已登记", code="conflict_exists")
    return conflict


def checklist_item_add(
    *,
    item: PowerItem,
    text_: str,
    actor: Any,
    hint: str = "",
    violation_item: PowerItem | None = None,
    sort: int | None = None,
) -> ChecklistItem:
    require(actor, REGISTRARS, "维护检查清单")
    if item.type != PowerItem.Type.INSPECTION:
        raise DomainError("检查清单只能挂在“行政检查”类事项下", code="not_inspection_item")
    same_town(item.town_id, violation_item)
    if sort is None:
        sort = (ChecklistItem.all_towns.filter(item=item).count() + 1) * 10
    return ChecklistItem.objects.create(
        town_id=item.town_id,
        item=item,
        sort=sort,
        text=text(text_, label="检查内容", minimum=4, maximum=200),
        hint=(hint or "").strip()[:300],
        violation_item=violation_item,
    )
