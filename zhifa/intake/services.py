"""Writes for leads: receive from any source, triage (locate, classify), route (case, transfer,
merge, dismiss, send back), the 12345 order's own steps, and outcomes heard from cases.

Every service is atomic, validates before saving, and appends its event to the lead's
hash-chained record in the same transaction. Jobs and signals run on commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhifa.accounts.roles import has_role
from zhifa.catalog.models import Department, PowerItem
from zhifa.catalog.rules import item_held_by_town
from zhifa.core.audit import event_append
from zhifa.core.deadlines import deadline_cancel, deadline_complete, deadline_open
from zhifa.core.errors import DomainError, Forbidden, RuleViolation
from zhifa.core.models import Deadline, Town
from zhifa.core.notifications import notify
from zhifa.core.workdays import end_of_day, office_hours, workdays_add, workhours_add
from zhifa.grid.datum import DATUMS, WGS84, to_wgs84
from zhifa.grid.locate import locate
from zhifa.grid.models import PatrolFinding, Subject
from zhifa.grid.photos import photo_check
from zhifa.grid.services import patrol_finding_take
from zhifa.team.models import Officer, Squadron

from . import classify
from .models import Lead, LeadEvent, LeadPhoto, Outbox
from .selectors import hotline_order_find

# Who may see a reporter's name and phone (each look is recorded on the lead).
REVEAL_ROLES = ("leader", "squadron_leader")
TRIAGE_ROLES = ("leader", "squadron_leader")
INTAKE_ROLES = ("leader", "squadron_leader", "officer", "auxiliary", "admin")
SEND_BACK_ARTICLE = "12345热线工单办理规定（退单时限）"


def windows() -> dict[str, Any]:
    """12345 windows (law.md §5, 吕梁 defaults): configuration, not code."""
    return {
        "dispatch_days": Decimal(str(getattr(settings, "ZHIFA_12345_DISPATCH_DAYS", "0.5"))),
        "reply_days": int(getattr(settings, "ZHIFA_12345_REPLY_DAYS", 5)),
        "send_back_days": int(getattr(settings, "ZHIFA_12345_SEND_BACK_DAYS", 1)),
        "extension_max_times": int(getattr(settings, "ZHIFA_12345_EXTENSION_TIMES", 3)),
        "extension_max_days": int(getattr(settings, "ZHIFA_12345_EXTENSION_DAYS", 3)),
        "dup_meters": int(getattr(settings, "ZHIFA_INTAKE_DUP_METERS", 300)),
        "dup_days": int(getattr(settings, "ZHIFA_INTAKE_DUP_DAYS", 30)),
    }


def _workday_hours() -> float:
    total = 0.0
    for begin, end in office_hours():
        total += (
            dt.datetime.combine(dt.date.today(), end) - dt.datetime.combine(dt.date.today(), begin)
        ).total_seconds() / 3600
    return total


def _text(value: str, *, label: str, minimum: int = 1, maximum: int = 4000) -> str:
    value = (value or "").strip()
    if len(value) < minimum:
        raise DomainError(
            f"请填写{label}" if minimum <= 1 else f"{label}至少 {minimum} 个字",
            code="required",
            details={"field": label},
        )
    if len(value) > maximum:
        raise DomainError(f"{label}不能超过 {maximum} 个字", code="too_long")
    return value


def _lock(lead: Lead) -> Lead:
    return Lead.all_towns.select_for_update().get(pk=lead.pk)


def _event(lead: Lead, actor: Any, event_type: str, summary: str, **new: Any) -> LeadEvent:
    return event_append(
        event_model=LeadEvent,
        subject=lead,
        actor=actor,
        event_type=event_type,
        summary=summary,
        new=new,
    )


def _require_open(lead: Lead) -> None:
    if lead.status != Lead.Status.NEW:
        raise DomainError(
            f"该线索已处理（{lead.get_status_display()}），不能再次分拣", code="lead_closed"
        )


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


# --- receive ------------------------------------------------------------------------------------


def lead_receive(
    *,
    town: Town,
    source: str,
    text: str,
    actor: Any = None,
    source_ref: str = "",
    source_due: dt.datetime | None = None,
    address: str = "",
    lat: float | None = None,
    lng: float | None = None,
    datum: str = WGS84,
    reporter_name: str = "",
    reporter_phone: str = "",
    reported_by: Any = None,
    subject: Subject | None = None,
    photos: list[Any] | None = None,
    finding: PatrolFinding | None = None,
    received_at: dt.datetime | None = None,
    triage: bool = True,
) -> tuple[Lead, bool]:
    """Take a lead in from any source; returns (lead, created).

    A 12345 order already received (same order number) is returned unchanged with created=False.
    The point is converted to WGS-84 from ``datum`` and located to its cell and squadron. Photos
    are checked by content. Triage (classification) runs in the task worker after commit.
    """
    if source not in Lead.Source.values:
        raise DomainError("线索来源不正确", code="bad_source")
    source_ref = (source_ref or "").strip()[:60]
    if source == Lead.Source.HOTLINE:
        if not source_ref:
            raise DomainError("12345 工单缺少工单编号", code="order_number_required")
        existing = hotline_order_find(town_id=town.pk, order_no=source_ref)
        if existing is not None:
            return existing, False
    if source == Lead.Source.TRANSFER_IN and not source_ref:
        raise DomainError("县级部门移送应填写移送函文号", code="letter_number_required")
    text = _text(text, label="反映内容", minimum=5)
    address = (address or "").strip()[:200]
    if datum not in DATUMS:
        raise DomainError("坐标系不正确（支持 WGS-84、GCJ-02）", code="bad_datum")
    if (lat is None) != (lng is None):
        raise DomainError("经纬度应同时填写", code="bad_point")
    if lat is not None and not (-90 <= float(lat) <= 90 and -180 <= float(lng) <= 180):
        raise DomainError("经纬度超出范围", code="bad_point")
    if lat is None and not address:
        raise DomainError("请填写地址或提供定位", code="location_required")
    if finding is not None and (finding.taken_at is not None or finding.town_id != town.pk):
        raise DomainError(f"该巡查发现已转为线索 {finding.taken_ref}", code="finding_taken")
    if subject is not None and subject.town_id != town.pk:
        raise DomainError("涉及对象不属于本镇", code="wrong_town")
    checked: list[tuple[bytes, str]] = []
    for upload in photos or []:
        ext = photo_check(upload)
        upload.seek(0)
        checked.append((upload.read(), ext))
    w_lat = w_lng = found = squadron = None
    if lat is not None:
        w_lat, w_lng = to_wgs84(float(lat), float(lng), datum)
        found = locate(town=town, lat=w_lat, lng=w_lng)
        if found is not None:
            squadron = Squadron.all_towns.filter(zone_id=found.zone_id).first()
    received_at = _aware(received_at) or timezone.now()
    try:
        with transaction.atomic():
            lead = Lead.objects.create(
                town=town,
                source=source,
                source_ref=source_ref,
                source_due=_aware(source_due),
                received_at=received_at,
                text=text,
                address=address,
                lat=w_lat,
                lng=w_lng,
                datum=datum if lat is not None else "",
                cell_id=found.cell_id if found else None,
                squadron=squadron,
                subject=subject,
                reporter_name=(reporter_name or "").strip()[:50],
                reporter_phone=(reporter_phone or "").strip()[:30],
                reported_by=reported_by,
                finding=finding,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
            # The number comes from the row id, not a gapless counter: a lead is no legal
            # document, and a counter row locked until commit would serialise all intake
            # (ADR 0015).
            lead.number = f"XS{timezone.localtime(received_at):%Y}{lead.pk:06d}"
            lead.save(update_fields=["number"])
            for i, (data, ext) in enumerate(checked, start=1):
                digest = hashlib.sha256(data).hexdigest()
                photo = LeadPhoto(town=town, lead=lead, sha256=digest)
                photo.file.save(f"{lead.number}-{i}.{ext}", ContentFile(data), save=True)
            if source == Lead.Source.HOTLINE:
                _order_clocks(lead)
            if finding is not None:
                patrol_finding_take(finding=finding, ref=lead.number)
            _event(
                lead,
                actor,
                "received",
                f"接收线索（{lead.get_source_display()}"
                + (f" {source_ref}" if source_ref else "")
                + "）",
                source=source,
                source_ref=source_ref,
                cell=found.cell_code if found else "",
                squadron=squadron.name if squadron else "",
                photos=[hashlib.sha256(d).hexdigest() for d, _ in checked],
            )
            if triage:
                from .tasks import triage_lead

                lead_id = lead.pk
                transaction.on_commit(lambda: triage_lead.enqueue(lead_id))
    except IntegrityError:
        # A concurrent push of the same 12345 order won the race: answer with its lead.
        if source == Lead.Source.HOTLINE:
            existing = hotline_order_find(town_id=town.pk, order_no=source_ref)
            if existing is not None:
                return existing, False
        raise
    return lead, True


def _order_clocks(lead: Lead) -> None:
    w = windows()
    start = lead.received_at
    hours = float(w["dispatch_days"]) * _workday_hours()
    lead.dispatch_due = workhours_add(start, hours).at
    lead.send_back_due = end_of_day(
        workdays_add(timezone.localtime(start).date(), w["send_back_days"]).date
    )
    reply = deadline_open(
        town=lead.town,
        subject=lead,
        kind="12345_reply",
        purpose=f"12345 工单 {lead.source_ref} 答复",
        article="12345热线工单办理时限",
        start=start,
        amount=w["reply_days"],
        unit=Deadline.Unit.WORKING_DAYS,
        url=f"/intake/{lead.pk}/",
    )
    if lead.source_due and lead.source_due < reply.due_at:
        reply.due_at = lead.source_due
        reply.save(update_fields=["due_at"])
    lead.reply_due = reply.due_at
    lead.reply_deadline = reply
    lead.save(update_fields=["dispatch_due", "send_back_due", "reply_due", "reply_deadline"])


def lead_receive_finding(*, finding: PatrolFinding, actor: Any) -> Lead:
    """A patrol finding (grid app) becomes a lead, once."""
    lead, _ = lead_receive(
        town=finding.town,
        source=Lead.Source.PATROL,
        text=finding.description,
        actor=actor,
        address=finding.cell.name if finding.cell_id else "巡查发现地点",
        lat=finding.lat,
        lng=finding.lng,
        reported_by=finding.reported_by,
        subject=finding.subject,
        finding=finding,
        received_at=finding.at,
        photos=[finding.photo.open("rb")] if finding.photo else [],
    )
    return lead


# --- reporter -----------------------------------------------------------------------------------


def can_reveal(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, *REVEAL_ROLES)


def lead_reveal_reporter(*, lead: Lead, user: Any) -> dict[str, str]:
    """The reporter's name and phone in clear, for the roles allowed; each look is recorded."""
    if not can_reveal(user):
        raise Forbidden("反映人信息仅队长、中队长可以查看")
    with transaction.atomic():
        _event(lead, user, "reporter_viewed", "查看反映人信息")
    return {"name": lead.reporter_name, "phone": lead.reporter_phone}


# --- triage -------------------------------------------------------------------------------------


def lead_triage(*, lead: Lead, actor: Any = None) -> Lead:
    """Classify the text, record the suggestions and notify the squadron (or all squadron
    leaders when the point fell outside the grid). Idempotent: a triaged lead is left alone."""
    if lead.triaged_at is not None:
        return lead
    suggestions = [s.as_dict() for s in classify.suggest(town_id=lead.town_id, text=lead.text)]
    with transaction.atomic():
        lead = _lock(lead)
        if lead.triaged_at is not None:
            return lead
        lead.suggestions = suggestions
        lead.triaged_at = timezone.now()
        lead.save(update_fields=["suggestions", "triaged_at"])
        top = suggestions[0] if suggestions else None
        _event(
            lead,
            actor,
            "triaged",
            "自动分拣："
            + (f"定位{lead.cell.name}，" if lead.cell_id else "未能定位到网格，")
            + (f"建议事项「{top['name']}」" if top else "无事项建议"),
            suggestions=[s["code"] for s in suggestions],
        )
        users = _squadron_leaders(lead)
        if users:
            notify(
                town=lead.town,
                users=users,
                title=f"新线索待分拣：{lead.number}",
                body=lead.text[:80],
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
                    "text": other.text[:60],
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
    """What triage proposes for the chosen (or top suggested) item: a case when the town holds
    it, a transfer to the item's department when it does not."""
    if item is None and lead.suggestions:
        item = PowerItem.all_towns.filter(pk=lead.suggestions[0]["item_id"]).first()
    if item is None:
        return {"action": "review", "label": "请人工判断事项", "held": None}
    on = timezone.localtime(lead.received_at).date()
    if item_held_by_town(item=item, on=on):
        return {
            "action": "case",
            "label": "本镇承接事项：建议立案办理",
            "held": True,
            "item": item.code,
        }
    return {
        "action": "transfer",
        "label": f"非本镇承接事项：建议移送{item.department.name}（可先属地制止并记录）",
        "held": False,
        "item": item.code,
        "department_id": item.department_id,
    }


def _finish(
    lead: Lead,
    *,
    status: str,
    actor: Any,
    event_type: str,
    summary: str,
    fields: list[str],
    **new: Any,
) -> Lead:
    lead.status = status
    lead.save(update_fields=["status", *fields])
    _event(lead, actor, event_type, summary, **new)
    return lead


def _require_triager(user: Any) -> None:
    if not (getattr(user, "is_superuser", False) or has_role(user, *TRIAGE_ROLES)):
        raise Forbidden("分拣线索仅限队长、中队长")


def lead_open_case(
    *,
    lead: Lead,
    actor: Any,
    items: list[PowerItem],
    cause: str,
    handlers: list[Officer] | None = None,
    parties: list[Subject] | None = None,
    summary: str = "",
) -> Any:
    """Open a case from the lead through cases' services (the case keeps the lead's number as its
    source reference). A matter the town does not hold may still be opened to stop the act under
    its territorial duty and record it; the penalty steps then refuse (cases' own rule)."""
    from zhifa.cases.services import case_register

    _require_triager(actor)
    _require_open(lead)
    parties = list(parties or ([lead.subject] if lead.subject_id else []))
    with transaction.atomic():
        lead = _lock(lead)
        _require_open(lead)
        case = case_register(
            town=lead.town,
            actor=actor,
            cause=cause,
            source=lead.source,
            summary=summary or lead.text,
            address=lead.address or (lead.cell.name if lead.cell_id else "见定位"),
            items=items,
            parties=parties,
            discovered_on=timezone.localtime(lead.received_at).date(),
            lat=lead.lat,
            lng=lead.lng,
            source_ref=lead.source_ref or lead.number,
            reported_by=lead.reported_by,
            handlers=handlers,
        )
        lead.case = case
        lead.item = items[0]
        # Duplicates merged into this lead follow it: their sources hear the case's outcome too.
        for merged in Lead.all_towns.select_for_update().filter(merged_into=lead):
            merged.case = case
            merged.save(update_fields=["case"])
            _event(
                merged, actor, "case_linked", f"所并入的线索已立案：{case.number}", case=case.number
            )
        _finish(
            lead,
            status=Lead.Status.CASE,
            actor=actor,
            event_type="case_opened",
            summary=f"立案办理：{case.number}",
            fields=["case", "item"],
            case=case.number,
        )
    return case


def lead_attach_case(*, lead: Lead, case: Any, actor: Any) -> Lead:
    """Link a lead to a case that was opened on the case pages before the lead was entered (a
    case registered on the spot, then the 12345 order or the county letter arrived)."""
    _require_open(lead)
    if case.town_id != lead.town_id:
        raise DomainError("不能关联其他乡镇的案件", code="wrong_town")
    with transaction.atomic():
        lead = _lock(lead)
        _require_open(lead)
        lead.case = case
        lead.item = case.items.first()
        _finish(
            lead,
            status=Lead.Status.CASE,
            actor=actor,
            event_type="case_linked",
            summary=f"关联已登记案件：{case.number}",
            fields=["case", "item"],
            case=case.number,
        )
    return lead


def lead_transfer(*, lead: Lead, actor: Any, item: PowerItem, reason: str) -> Lead:
    """Transfer a lead the town does not hold to the item's department (lead-level, no case;
    ADR 0016). A 12345 order is sent back instead, inside its window."""
    _require_triager(actor)
    _require_open(lead)
    reason = _text(reason, label="移送理由", minimum=4, maximum=300)
    if item.town_id != lead.town_id:
        raise DomainError("所选事项不属于本镇清单", code="wrong_town")
    on = timezone.localtime(lead.received_at).date()
    if item_held_by_town(item=item, on=on):
        raise DomainError("本镇承接该事项，应立案办理，不能移送", code="item_held")
    if lead.source == Lead.Source.HOTLINE:
        raise DomainError(
            "12345 工单不属本镇职责的，请在时限内退单并说明理由", code="use_send_back"
        )
    department = item.department
    with transaction.atomic():
        lead = _lock(lead)
        _require_open(lead)
        lead.department, lead.item, lead.reason = department, item, reason
        lead.outcome = f"已移送{department.name}处理"
        lead.outcome_at = timezone.now()
        _finish(
            lead,
            status=Lead.Status.TRANSFERRED,
            actor=actor,
            event_type="transferred",
            summary=f"移送{department.name}：{reason[:60]}",
            fields=["department", "item", "reason", "outcome", "outcome_at"],
            department=department.name,
            item=item.code,
        )
        _notify_department(lead, department)
    return lead


def _notify_department(lead: Lead, department: Department) -> None:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(
        organisation=department.name, supervised_towns=lead.town, is_active=True
    )
    if users:
        notify(
            town=lead.town,
            users=users,
            title=f"{lead.town.name}移送线索：{lead.number}",
            body=lead.text[:80],
        )


def lead_merge(
    *, lead: Lead, actor: Any, into_lead: Lead | None = None, into_case: Any = None
) -> Lead:
    """Merge a duplicate into an earlier lead or an open case; the source hears that one's outcome."""
    _require_triager(actor)
    _require_open(lead)
    if (into_lead is None) == (into_case is None):
        raise DomainError("请选择要合并到的一条线索或一个案件", code="merge_target")
    if into_lead is not None:
        if into_lead.pk == lead.pk or into_lead.town_id != lead.town_id:
            raise DomainError("不能合并到该线索", code="merge_target")
        if into_lead.merged_into_id:
            into_lead = into_lead.merged_into
    if into_case is not None and into_case.town_id != lead.town_id:
        raise DomainError("不能合并到其他乡镇的案件", code="merge_target")
    with transaction.atomic():
        lead = _lock(lead)
        _require_open(lead)
        if into_lead is not None:
            lead.merged_into = into_lead
            lead.case = into_lead.case
            target = into_lead.number
        else:
            lead.case = into_case
            target = into_case.number
        _finish(
            lead,
            status=Lead.Status.MERGED,
            actor=actor,
            event_type="merged",
            summary=f"合并到{target}",
            fields=["merged_into", "case"],
            target=target,
        )
    return lead


def lead_dismiss(*, lead: Lead, actor: Any, reason: str) -> Lead:
    _require_triager(actor)
    _require_open(lead)
    reason = _text(reason, label="不予受理理由", minimum=4, maximum=300)
    if lead.source == Lead.Source.HOTLINE:
        raise DomainError("12345 工单不能直接不予受理：请退单或办理后答复", code="use_send_back")
    with transaction.atomic():
        lead = _lock(lead)
        _require_open(lead)
        lead.reason, lead.outcome, lead.outcome_at = reason, f"不予受理：{reason}", timezone.now()
        _finish(
            lead,
            status=Lead.Status.DISMISSED,
            actor=actor,
            event_type="dismissed",
            summary=f"不予受理：{reason[:60]}",
            fields=["reason", "outcome", "outcome_at"],
        )
    return lead


# --- 12345 order steps --------------------------------------------------------------------------


def _require_order(lead: Lead) -> None:
    if lead.source != Lead.Source.HOTLINE:
        raise DomainError("仅 12345 工单可以执行该操作", code="not_an_order")


def _queue(lead: Lead, kind: str, **payload: Any) -> Outbox:
    from .tasks import deliver_outbox

    message = Outbox.objects.create(
        town=lead.town,
        lead=lead,
        kind=kind,
        payload={"order_no": lead.source_ref, **payload},
    )
    message_id = message.pk
    transaction.on_commit(lambda: deliver_outbox.enqueue(message_id))
    return message


def order_sign(*, lead: Lead, actor: Any) -> Lead:
    """签收: acknowledge the order to the platform (within the dispatch window, else noted late)."""
    _require_order(lead)
    with transaction.atomic():
        lead = _lock(lead)
        if lead.signed_at is not None:
            raise DomainError("该工单已签收", code="already_signed")
        lead.signed_at = timezone.now()
        lead.save(update_fields=["signed_at"])
        late = lead.dispatch_due is not None and lead.signed_at > lead.dispatch_due
        _queue(lead, Outbox.Kind.SIGN, at=lead.signed_at.isoformat())
        _event(
            lead,
            actor,
            "order_signed",
            "签收工单" + ("（已超签收时限）" if late else ""),
            late=late,
        )
    return lead


def lead_send_back(*, lead: Lead, actor: Any, reason: str, now: dt.datetime | None = None) -> Lead:
    """退单: return a wrongly assigned order with reasons, inside the send-back window."""
    _require_triager(actor)
    _require_order(lead)
    _require_open(lead)
    reason = _text(reason, label="退单理由", minimum=6, maximum=300)
    now = now or timezone.now()
    if lead.send_back_due and now > lead.send_back_due:
        raise RuleViolation(
            f"已超过退单时限（{timezone.localtime(lead.send_back_due):%Y-%m-%d %H:%M}），"
            "本单位为首办责任单位，应办理并答复",
            article=SEND_BACK_ARTICLE,
        )
    with transaction.atomic():
        lead = _lock(lead)
        _require_open(lead)
        lead.reason, lead.outcome, lead.outcome_at = reason, f"已退单：{reason}", now
        if lead.reply_deadline_id:
            deadline_cancel(deadline=lead.reply_deadline)
        _queue(lead, Outbox.Kind.SEND_BACK, reason=reason)
        _finish(
            lead,
            status=Lead.Status.SENT_BACK,
            actor=actor,
            event_type="sent_back",
            summary=f"退单：{reason[:60]}",
            fields=["reason", "outcome", "outcome_at"],
        )
    return lead


def order_extend(*, lead: Lead, actor: Any, days: int, reason: str) -> Lead:
    """延期申请: at most N times of at most M working days each (configuration)."""
    _require_order(lead)
    w = windows()
    reason = _text(reason, label="延期理由", minimum=4, maximum=300)
    if not 1 <= int(days) <= w["extension_max_days"]:
        raise DomainError(f"每次延期不超过 {w['extension_max_days']} 个工作日", code="bad_days")
    with transaction.atomic():
        lead = _lock(lead)
        if lead.status not in (Lead.Status.NEW, Lead.Status.CASE, Lead.Status.MERGED):
            raise DomainError("该工单已办结或已退单，不能申请延期", code="order_closed")
        if lead.extensions >= w["extension_max_times"]:
            raise DomainError(f"延期不能超过 {w['extension_max_times']} 次", code="too_many")
        base = timezone.localtime(lead.reply_due or timezone.now()).date()
        lead.reply_due = end_of_day(workdays_add(base, int(days)).date)
        lead.extensions += 1
        lead.save(update_fields=["reply_due", "extensions"])
        if lead.reply_deadline_id:
            Deadline.all_towns.filter(pk=lead.reply_deadline_id).update(due_at=lead.reply_due)
        _queue(
            lead,
            Outbox.Kind.EXTENSION,
            days=int(days),
            reason=reason,
            new_due=lead.reply_due.isoformat(),
        )
        _event(
            lead,
            actor,
            "order_extended",
            f"申请延期 {days} 个工作日：{reason[:60]}",
            days=int(days),
        )
    return lead


def order_reply(*, lead: Lead, actor: Any, text: str, close: bool = True) -> Lead:
    """答复 (and 办结): queued for the platform; retried until acknowledged."""
    _require_order(lead)
    text = _text(text, label="答复内容", minimum=6, maximum=2000)
    with transaction.atomic():
        lead = _lock(lead)
        if lead.status in (Lead.Status.SENT_BACK, Lead.Status.ANSWERED):
            raise DomainError("该工单已退单或已答复", code="order_closed")
        lead.outcome, lead.outcome_at = text, timezone.now()
        lead.status = Lead.Status.ANSWERED
        lead.save(update_fields=["outcome", "outcome_at", "status"])
        if lead.reply_deadline_id:
            deadline_complete(deadline=lead.reply_deadline)
        _queue(lead, Outbox.Kind.REPLY, text=text)
        if close:
            _queue(lead, Outbox.Kind.CLOSE)
        _event(lead, actor, "order_replied", f"答复工单：{text[:60]}", close=close)
    return lead


# --- outcomes from cases ------------------------------------------------------------------------


def lead_outcome_from_case(*, case: Any, outcome: str) -> list[Lead]:
    """A linked case ended (closed, transferred, withdrawn): its leads hear it; a 12345 order gets
    its reply queued through the bridge; grid members and citizens see it on their pages."""
    heard: list[Lead] = []
    with transaction.atomic():
        for lead in Lead.all_towns.filter(case=case).exclude(
            status__in=[Lead.Status.ANSWERED, Lead.Status.SENT_BACK, Lead.Status.DISMISSED]
        ):
            if lead.source == Lead.Source.HOTLINE:
                order_reply(lead=lead, actor=None, text=outcome)
            else:
                lead = _lock(lead)
                lead.outcome, lead.outcome_at = outcome, timezone.now()
                lead.save(update_fields=["outcome", "outcome_at"])
                _event(lead, None, "outcome", f"案件办理结果：{outcome[:60]}", case=case.number)
                if lead.reported_by_id:
                    notify(
                        town=lead.town,
                        users=[lead.reported_by],
                        title=f"您上报的线索 {lead.number} 已有办理结果",
                        body=outcome[:80],
                        url=f"/intake/mine/{lead.pk}/",
                    )
            heard.append(lead)
    return heard


# --- delivery -----------------------------------------------------------------------------------

BACKOFF = [30, 60, 120, 300, 600, 1800, 3600]


def outbox_attempt(*, message: Outbox, now: dt.datetime | None = None) -> bool:
    """Try to deliver one message through the adapter; on failure schedule the next try."""
    from .bridge import adapter

    now = now or timezone.now()
    with transaction.atomic():
        message = Outbox.all_towns.select_for_update().select_related("lead").get(pk=message.pk)
        if message.acked_at is not None:
            return True
        # Messages of one order go out in order: an earlier unacknowledged one goes first.
        earlier = Outbox.all_towns.filter(lead=message.lead, pk__lt=message.pk, acked_at=None)
        if earlier.exists():
            message.next_try = now + dt.timedelta(seconds=BACKOFF[0])
            message.save(update_fields=["next_try"])
            return False
        message.attempts += 1
        try:
            adapter().send(message)
        except Exception as error:  # any failure of the wire is retried
            message.last_error = str(error)[:300]
            delay = BACKOFF[min(message.attempts - 1, len(BACKOFF) - 1)]
            message.next_try = now + dt.timedelta(seconds=delay)
            message.save(update_fields=["attempts", "last_error", "next_try"])
            return False
        message.acked_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "acked_at", "last_error"])
        _event(
            message.lead,
            None,
            "outbox_acked",
            f"12345 平台已确认{message.get_kind_display()}",
            message=message.pk,
        )
    return True


def outbox_flush(*, now: dt.datetime | None = None) -> int:
    """Deliver every due message (the worker's sweep); returns how many were acknowledged."""
    now = now or timezone.now()
    done = 0
    for message in Outbox.all_towns.filter(acked_at=None, next_try__lte=now).order_by("pk"):
        done += outbox_attempt(message=message, now=now)
    return done
