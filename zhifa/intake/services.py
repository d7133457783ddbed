"""Writes for leads: receive from any source, route (case, transfer, merge, dismiss), and
outcomes heard from cases. Triage (classify, duplicates, advice, item confirmation) is in
``triage``; the 12345 order's own steps and their delivery in ``hotline``.

Every service is atomic, validates before saving, and appends its event to the lead's
hash-chained record in the same transaction. Jobs and signals run on commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhifa.accounts.roles import has_role
from zhifa.catalog.models import Department, PowerItem
from zhifa.catalog.rules import fact_date_require, item_held_by_town
from zhifa.core import clock
from zhifa.core.audit import event_append
from zhifa.core.deadlines import deadline_open
from zhifa.core.errors import DomainError, Forbidden
from zhifa.core.lengths import text_check
from zhifa.core.models import Deadline, Town
from zhifa.core.notifications import notify
from zhifa.core.workdays import end_of_day, office_hours, workdays_add, workhours_add
from zhifa.grid.datum import DATUMS, WGS84, to_wgs84
from zhifa.grid.locate import locate
from zhifa.grid.models import PatrolFinding, Subject
from zhifa.grid.photos import photo_check
from zhifa.grid.services import patrol_finding_take
from zhifa.team.models import Officer, Squadron

from .models import Lead, LeadEvent, LeadPhoto
from .selectors import hotline_order_find

# Who may see a reporter's name and phone (each look is recorded on the lead).
REVEAL_ROLES = ("leader", "squadron_leader")
TRIAGE_ROLES = ("leader", "squadron_leader")
INTAKE_ROLES = ("leader", "squadron_leader", "officer", "auxiliary", "admin")
SEND_BACK_ARTICLE = "12345热线工单办理规定（退单时限）"
# A case records where its matter came from; a citizen's report through a third-party platform
# (Open311) is a 群众举报 to the case file.
CASE_SOURCES = {"open311": "report"}


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
    source_ref = text_check(Lead, "source_ref", (source_ref or "").strip())
    if source == Lead.Source.HOTLINE:
        if not source_ref:
            raise DomainError("12345 工单缺少工单编号", code="order_number_required")
        existing = hotline_order_find(town_id=town.pk, order_no=source_ref)
        if existing is not None:
            return existing, False
    if source == Lead.Source.TRANSFER_IN and not source_ref:
        raise DomainError("县级部门移送应填写移送函文号", code="letter_number_required")
    text = _text(text, label="反映内容", minimum=5)
    address = text_check(Lead, "address", (address or "").strip())
    reporter_name = text_check(Lead, "reporter_name", (reporter_name or "").strip())
    reporter_phone = text_check(Lead, "reporter_phone", (reporter_phone or "").strip())
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
    received_at = _aware(received_at) or clock.now()
    fact_date_require(town=town, value=received_at, label="接收时间")
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
                reporter_name=reporter_name,
                reporter_phone=reporter_phone,
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


def lead_receive_finding(*, finding: PatrolFinding, actor: Any) -> tuple[Lead, bool]:
    """A patrol finding (grid app) becomes a lead, once: (lead, created). Called inside the
    transaction that reports the finding (receivers.on_finding_reported), and by the API for a
    finding reported before that; a finding that already has its lead returns that lead."""
    existing = Lead.all_towns.filter(finding=finding).first()
    if existing is not None:
        return existing, False
    if finding.subject_id and finding.subject.address:
        address = finding.subject.address
    elif finding.cell_id:
        address = f"{finding.cell.village.name} {finding.cell.name}"
    else:
        address = "巡查发现地点"
    return lead_receive(
        town=finding.town,
        source=Lead.Source.PATROL,
        text=finding.description,
        actor=actor,
        address=address,
        lat=finding.lat,
        lng=finding.lng,
        reported_by=finding.reported_by,
        subject=finding.subject,
        finding=finding,
        received_at=finding.at,
        photos=[finding.photo.open("rb")] if finding.photo else [],
    )


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


def _learn(lead: Lead, item: PowerItem, actor: Any) -> None:
    """The item a squadron leader routes a lead with is triage's training data (ADR 0015)."""
    from .triage import triage_label_record

    triage_label_record(lead=lead, item=item, actor=actor)


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
            source=CASE_SOURCES.get(lead.source, lead.source),
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
        _learn(lead, items[0], actor)
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
        _learn(lead, item, actor)
        lead.outcome = f"已移送{department.name}处理"
        lead.outcome_at = clock.now()
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
            body=lead.text_masked[:80],
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
        lead.reason, lead.outcome, lead.outcome_at = reason, f"不予受理：{reason}", clock.now()
        _finish(
            lead,
            status=Lead.Status.DISMISSED,
            actor=actor,
            event_type="dismissed",
            summary=f"不予受理：{reason[:60]}",
            fields=["reason", "outcome", "outcome_at"],
        )
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
                from .hotline import order_reply

                order_reply(lead=lead, actor=None, text=outcome)
            else:
                lead = _lock(lead)
                lead.outcome, lead.outcome_at = outcome, clock.now()
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
