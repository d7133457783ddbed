"""Triage: classify a lead's text (suggestions with their model version and whether they are
confident), find duplicates, advise a route, and learn from the squadron leader's word on the
item (confirmed or corrected), which joins the town's training data (ADR 0015)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.catalog.models import Department, PowerItem
from zhifa.catalog.rules import item_held_by_town
from zhifa.core import clock
from zhifa.core.errors import DomainError
from zhifa.core.notifications import notify
from zhifa.team.models import Officer

from . import classify
from .classify.models import TriageLabel
from .models import Lead
from .services import _event, _lock, _require_triager, windows


def lead_triage(*, lead: Lead, actor: Any = None) -> Lead:
    """Classify the text, record the suggestions and notify the squadron (or all squadron
    leaders when the point fell outside the grid). Idempotent: a triaged lead is left alone."""
    if lead.triaged_at is not None:
        return lead
    triage = classify.suggest(town_id=lead.town_id, text=lead.text)
    suggestions = [s.as_dict() for s in triage.suggestions]
    with transaction.atomic():
        lead = _lock(lead)
        if lead.triaged_at is not None:
            return lead
        # The suggestions and the "triaged" event commit together: a reader in one snapshot
        # (selectors.lead_snapshot) never sees the event without them.
        lead.suggestions = suggestions
        lead.triaged_at = clock.now()
        lead.triage_model = triage.model
        lead.triage_confident = triage.confident
        lead.save(update_fields=["suggestions", "triaged_at", "triage_model", "triage_confident"])
        top = triage.top
        if top is None:
            advice = "无事项建议"
        elif triage.confident:
            advice = f"建议事项「{top.name}」（{top.score:.0%}）"
        else:
            advice = f"事项不确定（最接近「{top.name}」，{top.score:.0%}），请人工选择"
        _event(
            lead,
            actor,
            "triaged",
            "自动分拣："
            + (f"定位{lead.cell.name}，" if lead.cell_id else "未能定位到网格，")
            + advice,
            suggestions=[s["code"] for s in suggestions],
            scores=[s["score"] for s in suggestions],
            model=triage.model,
            confident=triage.confident,
        )
        users = _squadron_leaders(lead)
        if users:
            notify(
                town=lead.town,
                users=users,
                title=f"新线索待分拣：{lead.number}",
                body=lead.text_masked[:80],
                url=f"/intake/{lead.pk}/",
            )
    return lead


def _squadron_leaders(lead: Lead) -> list[Any]:
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(town=lead.town, is_active=True, groups__name="中队长")
        .distinct()
    )
    if lead.squadron_id:
        officer_users = Officer.all_towns.filter(
            town=lead.town, squadron_id=lead.squadron_id
        ).values_list("user_id", flat=True)
        narrowed = users.filter(pk__in=officer_users)
        if narrowed.exists():
            return list(narrowed)
    return list(users)


def _distance_m(a_lat: float, a_lng: float, b_lat: float, b_lng: float) -> float:
    x = math.radians(b_lng - a_lng) * math.cos(math.radians((a_lat + b_lat) / 2))
    y = math.radians(b_lat - a_lat)
    return 6371000 * math.hypot(x, y)


def lead_duplicates(*, lead: Lead) -> list[dict[str, Any]]:
    """Possible duplicates: the same subject, or nearby within the window with a similar item
    (same suggested item or domain). Leads and open cases both count."""
    from zhifa.cases.models import ACTIVE_STATES, Case

    w = windows()
    since = lead.received_at - dt.timedelta(days=w["dup_days"])
    codes = {s["code"] for s in lead.suggestions[:2]}
    domains = {s["domain"] for s in lead.suggestions[:1]}
    found: list[dict[str, Any]] = []
    others = (
        Lead.all_towns.filter(town=lead.town, received_at__gte=since)
        .exclude(pk=lead.pk)
        .exclude(status=Lead.Status.MERGED)
        .select_related("case")
    )
    for other in others[:500]:
        reason = ""
        if lead.subject_id and other.subject_id == lead.subject_id:
            reason = "同一监管对象"
        elif lead.lat is not None and other.lat is not None:
            meters = _distance_m(lead.lat, lead.lng, other.lat, other.lng)
            similar = bool(codes & {s["code"] for s in other.suggestions[:2]}) or bool(
                domains & {s["domain"] for s in other.suggestions[:1]}
            )
            if meters <= w["dup_meters"] and similar:
                reason = f"相距约 {meters:.0f} 米，事项相近"
        if reason:
            found.append(
                {
                    "kind": "lead",
                    "id": other.pk,
                    "number": other.number,
                    "text": other.text_masked[:60],
                    "status": other.get_status_display(),
                    "reason": reason,
                }
            )
    cases = Case.all_towns.filter(
        town=lead.town, state__in=ACTIVE_STATES, discovered_on__gte=since.date()
    ).prefetch_related("items", "parties")
    for case in cases[:500]:
        reason = ""
        if lead.subject_id and any(p.pk == lead.subject_id for p in case.parties.all()):
            reason = "同一当事人"
        elif lead.lat is not None and case.lat is not None:
            meters = _distance_m(lead.lat, lead.lng, case.lat, case.lng)
            if meters <= w["dup_meters"] and codes & {i.code for i in case.items.all()}:
                reason = f"相距约 {meters:.0f} 米，事项相同"
        if reason:
            found.append(
                {
                    "kind": "case",
                    "id": case.pk,
                    "number": case.number,
                    "text": case.cause,
                    "status": case.get_state_display(),
                    "reason": reason,
                }
            )
    return found


def route_advice(*, lead: Lead, item: PowerItem | None = None) -> dict[str, Any]:
    """What triage proposes for the chosen item (else the confirmed one, else a confident
    suggestion): a case when the town holds it, a transfer to the item's department when it
    does not; nothing on an uncertain guess."""
    if item is None:
        item = lead.item or confident_item(lead)
    if item is None:
        label = "事项不确定：请先选择事项" if lead.suggestions else "请人工判断事项"
        return {"action": "review", "label": label, "held": None}
    on = timezone.localtime(lead.received_at).date()
    if item_held_by_town(item=item, on=on):
        return {
            "action": "case",
            "label": "本镇承接事项：建议立案办理",
            "held": True,
            "item": item.code,
        }
    receiver = transfer_receiver(item)
    source = "" if receiver == item.department else f"；原实施部门{item.department.name}"
    return {
        "action": "transfer",
        "label": f"非本镇承接事项：建议移送{receiver.name}（可先属地制止并记录{source}）",
        "held": False,
        "item": item.code,
        "department_id": receiver.pk,
    }


def transfer_receiver(item: PowerItem) -> Department:
    """Who takes a matter the town does not hold: the county's comprehensive enforcement team of
    the item's domain when exactly one covers it (since the county reform it, not the bureau,
    enforces), else the item's own department (原实施部门)."""
    if item.department.kind == Department.Kind.COUNTY_TEAM:
        return item.department
    teams = list(
        Department.all_towns.filter(
            town_id=item.town_id,
            kind=Department.Kind.COUNTY_TEAM,
            is_active=True,
            domains=item.domain_id,
        )[:2]
    )
    return teams[0] if len(teams) == 1 else item.department


def confident_item(lead: Lead) -> PowerItem | None:
    """The suggested item a form may preselect: only a confident suggestion, never a default."""
    if not (lead.triage_confident and lead.suggestions):
        return None
    return PowerItem.all_towns.filter(pk=lead.suggestions[0]["item_id"], town=lead.town).first()


def triage_label_record(*, lead: Lead, item: PowerItem, actor: Any) -> TriageLabel:
    """Keep the squadron leader's item for the lead as training data (in the caller's
    transaction) and have the model retrained in the background once it commits."""
    suggested = lead.suggestions[0]["code"] if lead.suggestions else ""
    verdict = (
        TriageLabel.Verdict.CONFIRMED if suggested == item.code else TriageLabel.Verdict.CORRECTED
    )
    label, _ = TriageLabel.all_towns.update_or_create(
        lead=lead,
        defaults={
            "town": lead.town,
            "text": lead.text,
            "item": item,
            "suggested": suggested,
            "model_version": lead.triage_model,
            "verdict": verdict,
            "actor": actor if getattr(actor, "pk", None) else None,
            "created_at": clock.now(),
        },
    )
    from .tasks import retrain_classifier

    town_id = lead.town_id
    transaction.on_commit(lambda: retrain_classifier.enqueue(town_id))
    return label


def lead_item_confirm(*, lead: Lead, actor: Any, item: PowerItem) -> Lead:
    """确认/更正事项: the squadron leader names the lead's item; it becomes the town's training
    data. Allowed while the lead is being triaged and after it was routed (to fix a label)."""
    _require_triager(actor)
    if item.town_id != lead.town_id:
        raise DomainError("所选事项不属于本镇清单", code="wrong_town")
    if lead.status in (Lead.Status.MERGED, Lead.Status.SENT_BACK):
        raise DomainError("已合并或已退单的线索不再认定事项", code="lead_closed")
    with transaction.atomic():
        lead = _lock(lead)
        label = triage_label_record(lead=lead, item=item, actor=actor)
        lead.item = item
        lead.save(update_fields=["item"])
        if label.verdict == TriageLabel.Verdict.CONFIRMED:
            summary = f"确认事项：{item.code} {item.name}"
        else:
            before = label.suggested or "无建议"
            summary = f"更正事项：建议 {before}，认定为 {item.code} {item.name}"
        _event(
            lead,
            actor,
            "item_confirmed",
            summary,
            item=item.code,
            suggested=label.suggested,
            verdict=label.verdict,
            model=lead.triage_model,
        )
    return lead
