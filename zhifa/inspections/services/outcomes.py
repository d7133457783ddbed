"""What a failed checklist leads to, through the other apps' own services: an order to correct
(``cases``: a case is registered for it, then ``correction_order_issue``) or a suspected violation
(``intake``: ``lead_receive``). Both run in the finishing transaction."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.cases.services import case_register, correction_order_issue
from zhifa.catalog.models import PowerItem
from zhifa.catalog.rules import HELD_ARTICLE, item_held_by_town
from zhifa.core import clock
from zhifa.core.articles import A28
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.intake.models import Lead
from zhifa.intake.services import lead_receive

from ..models import ChecklistAnswer, Inspection
from .common import same_town, text
from .context import provisions_text


def _failed_text(failed: list[ChecklistAnswer]) -> str:
    return "；".join(f"{a.text}（{a.note}）" if a.note else a.text for a in failed)


def outcome_order(
    *,
    inspection: Inspection,
    actor: Any,
    failed: list[ChecklistAnswer],
    violation_item: PowerItem | None,
    requirements: str,
    days: int | None,
) -> None:
    """责令限期改正: the town must hold the item the failure falls under on the day."""
    item = violation_item or next((a.violation_item for a in failed if a.violation_item_id), None)
    if item is None:
        raise DomainError("请选择不符合条目适用的清单事项（责令改正的依据）", code="item_required")
    same_town(inspection.town_id, item)
    day = inspection.done_on or clock.today()
    if not item_held_by_town(item=item, on=day):
        raise RuleViolation(
            f"本镇未承接“{item.name}”，不能以本镇名义责令改正；可制止并移送{item.department.name}，"
            "或选择“涉嫌违法，转入线索处理”",
            article=HELD_ARTICLE,
            code="item_not_held",
        )
    requirements = text(requirements, label="整改要求", minimum=4, maximum=1000)
    try:
        days = int(days or 0)
    except (TypeError, ValueError):
        raise DomainError("整改期限应为天数", code="bad_days") from None
    subject = inspection.subject
    facts = f"{timezone.localtime(inspection.started_at):%Y年%-m月%-d日}，执法人员依法对{subject.name}进行行政检查（{inspection.number}），发现：{_failed_text(failed)}。"
    officers = list(inspection.officers.all())
    case = case_register(
        town=inspection.town,
        actor=actor,
        cause=f"{subject.name}涉嫌违反“{item.name}”所涉规定（行政检查发现）"[:200],
        source="other",
        source_ref=inspection.number,
        summary=facts,
        address=(inspection.place or subject.address or subject.name)[:200],
        items=[item],
        parties=[subject],
        discovered_on=day,
        lat=subject.lat,
        lng=subject.lng,
        handlers=officers,
    )
    order = correction_order_issue(
        case=case,
        actor=actor,
        kind="correct",
        facts=facts,
        violated=provisions_text(item),
        basis=f"{A28}第一款；{provisions_text(item)}",
        requirements=requirements,
        days=days,
        officers=officers,
        party=subject,
        issued_on=day,
    )
    inspection.case, inspection.order = case, order
    inspection.save(update_fields=["case", "order"])


def outcome_lead(
    *, inspection: Inspection, actor: Any, failed: list[ChecklistAnswer], findings: str
) -> None:
    """涉嫌违法: the finding becomes a lead, triaged and routed like any other (it may be filed as a
    case, or transferred when the town does not hold the matter)."""
    subject = inspection.subject
    lead, _ = lead_receive(
        town=inspection.town,
        source=Lead.Source.PATROL,
        source_ref=inspection.number,
        text=f"行政检查（{inspection.number}）发现{subject.name}涉嫌违法：{_failed_text(failed)}。{findings}",
        actor=actor,
        address=(inspection.place or subject.address or subject.name)[:200],
        lat=subject.lat,
        lng=subject.lng,
        reported_by=actor,
        subject=subject,
        received_at=inspection.finished_at,
    )
    inspection.lead = lead
    inspection.save(update_fields=["lead"])
