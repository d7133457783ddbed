"""Helpers the inspection services share."""

from __future__ import annotations

from typing import Any

from zhifa.core.audit import event_append
from zhifa.core.errors import DomainError

from ..models import Inspection, InspectionEvent, Plan, PlanEvent


def text(value: str | None, *, label: str, minimum: int = 2, maximum: int = 2000) -> str:
    value = (value or "").strip()
    if len(value) < minimum:
        raise DomainError(
            f"请填写{label}（至少 {minimum} 个字）", code="field_required", details={"field": label}
        )
    if len(value) > maximum:
        raise DomainError(f"{label}不能超过 {maximum} 个字", code="field_too_long")
    return value


def same_town(town_id: int, *objects: Any) -> None:
    for obj in objects:
        if obj is not None and obj.town_id != town_id:
            raise DomainError("所选记录不属于本镇", code="wrong_town")


def plan_event(plan: Plan, actor: Any, event_type: str, summary: str, **new: Any) -> PlanEvent:
    return event_append(
        event_model=PlanEvent,
        subject=plan,
        actor=actor,
        event_type=event_type,
        summary=summary,
        new=new,
    )


def inspection_event(
    inspection: Inspection, actor: Any, event_type: str, summary: str, **new: Any
) -> InspectionEvent:
    return event_append(
        event_model=InspectionEvent,
        subject=inspection,
        actor=actor,
        event_type=event_type,
        summary=summary,
        new=new,
    )


def actor_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None
