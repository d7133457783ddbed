"""Open311 reads over leads: the jurisdiction and the spec's query rules (filters, 90-day
window), the public representation of a request and of its updates (FixMyStreet's
servicerequestupdates). Clients are in ``clients``, filing in ``filing``.

Nothing about a reporter leaves here: no name, phone or e-mail is served, and phone numbers and
ID numbers typed into a description are masked as on every lead."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from zhifa.core.models import Town

from ..models import Lead, LeadEvent, mask_text
from ..selectors import STATUS_PUBLIC
from .catalog import services_for
from .errors import Open311Error
from .models import Open311Request
from .render import w3c

WINDOW = dt.timedelta(days=90)
LIMIT = 1000
DESCRIPTION_MAX = 4000
CLOSED = (
    Lead.Status.TRANSFERRED,
    Lead.Status.DISMISSED,
    Lead.Status.SENT_BACK,
    Lead.Status.ANSWERED,
)


# --- jurisdiction and parameters ------------------------------------------------------------------


def jurisdiction(value: str) -> Town:
    """The town of ``jurisdiction_id`` (its 9-digit code). Required when the deployment serves
    more than one town, as the spec says."""
    towns = Town.objects.filter(is_active=True)
    if not value:
        if towns.count() == 1:
            return towns.get()
        raise Open311Error(400, "本接口服务多个乡镇，请提供 jurisdiction_id（乡镇代码）")
    town = towns.filter(code=value).first()
    if town is None:
        raise Open311Error(404, f"未知的 jurisdiction_id：{value[:20]}")
    return town


def when(value: str, name: str) -> dt.datetime | None:
    """A W3C datetime (or date) from a query; naive values are the town's local time."""
    if not value:
        return None
    try:
        parsed = parse_datetime(value)
        if parsed is None:
            day = parse_date(value)
            parsed = dt.datetime.combine(day, dt.time()) if day else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise Open311Error(400, f"{name} 应为 W3C 日期时间，如 2026-11-01T00:00:00+08:00")
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def window(start: dt.datetime | None, end: dt.datetime | None) -> tuple[dt.datetime, dt.datetime]:
    """The spec's date range: the last 90 days by default, never wider than 90 days."""
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - WINDOW
    if end is None:
        end = min(start + WINDOW, timezone.now())
    if end < start:
        raise Open311Error(400, "end_date 不能早于 start_date")
    if end - start > WINDOW:
        raise Open311Error(400, "start_date 与 end_date 的间隔不能超过 90 天")
    return start, end


def codes(value: str) -> list[str]:
    return [c.strip() for c in (value or "").split(",") if c.strip()]


# --- reading requests -----------------------------------------------------------------------------


def closed_q() -> Q:
    return Q(status__in=CLOSED) | Q(
        status__in=[Lead.Status.CASE, Lead.Status.MERGED], outcome_at__isnull=False
    )


def is_closed(lead: Lead) -> bool:
    if lead.status in CLOSED:
        return True
    return lead.status in (Lead.Status.CASE, Lead.Status.MERGED) and lead.outcome_at is not None


def requests_of(town: Town) -> QuerySet[Lead]:
    return (
        Lead.all_towns.filter(town=town, source=Lead.Source.OPEN311, open311__isnull=False)
        .select_related("open311", "department", "town")
        .annotate(last_event=Max("events__created_at"))
    )


def requests_query(*, town: Town, params: Any) -> list[Lead]:
    """GET requests: ``service_request_id`` (a comma list) overrides every other filter;
    otherwise ``service_code``, ``status`` and a window of at most 90 days (the last 90 by
    default), newest first, at most 1000."""
    qs = requests_of(town)
    ids = codes(params.get("service_request_id", ""))
    if ids:
        return list(qs.filter(number__in=ids[:LIMIT]).order_by("-received_at", "-pk"))
    start, end = window(
        when(params.get("start_date", ""), "start_date"),
        when(params.get("end_date", ""), "end_date"),
    )
    qs = qs.filter(received_at__gte=start, received_at__lte=end)
    services = codes(params.get("service_code", ""))
    if services:
        qs = qs.filter(open311__service_code__in=services)
    statuses = set(codes(params.get("status", "")))
    if statuses - {"open", "closed"}:
        raise Open311Error(400, "status 应为 open 或 closed（可用逗号分隔）")
    if statuses == {"open"}:
        qs = qs.exclude(closed_q())
    elif statuses == {"closed"}:
        qs = qs.filter(closed_q())
    return list(qs.order_by("-received_at", "-pk")[:LIMIT])


def request_get(*, town: Town, number: str) -> Lead:
    lead = requests_of(town).filter(number=number).first()
    if lead is None:
        raise Open311Error(404, f"未找到诉求 {number[:30]}")
    return lead


def masked(text: str, lead: Lead) -> str:
    """A description as the public may read it: phone and ID numbers and the reporter's own
    name masked, as on every lead."""
    return mask_text(text, reporter_name=lead.reporter_name, phone=lead.reporter_phone)


def _notes(lead: Lead) -> str:
    if is_closed(lead):
        return lead.outcome or STATUS_PUBLIC[lead.status]
    return STATUS_PUBLIC[lead.status]


def request_out(lead: Lead, names: dict[str, str]) -> dict[str, Any]:
    extra: Open311Request = lead.open311
    agency = (
        lead.department.name
        if lead.status == Lead.Status.TRANSFERRED and lead.department_id
        else lead.town.team_name
    )
    updated = max(filter(None, [lead.outcome_at, getattr(lead, "last_event", None)]), default=None)
    return {
        "service_request_id": lead.number,
        "status": "closed" if is_closed(lead) else "open",
        "status_notes": _notes(lead),
        "service_name": names.get(extra.service_code, extra.service_code),
        "service_code": extra.service_code,
        "description": masked(extra.description, lead),
        "agency_responsible": agency,
        "service_notice": "",
        "requested_datetime": w3c(lead.received_at),
        "updated_datetime": w3c(
            lead.outcome_at if is_closed(lead) and lead.outcome_at else updated
        ),
        "expected_datetime": None,
        "address": lead.address,
        "address_id": None,
        "zipcode": None,
        "lat": lead.lat,
        "long": lead.lng,
        "media_url": extra.media_url,
    }


def service_names(town: Town) -> dict[str, str]:
    return {s.code: s.name for s in services_for(town)}


# --- updates (FixMyStreet's servicerequestupdates) -----------------------------------------------

# Events a reporter may learn of, with the status after them.
PUBLIC_EVENTS = {
    "received": "open",
    "case_opened": "open",
    "case_linked": "open",
    "merged": "open",
    "transferred": "closed",
    "dismissed": "closed",
    "outcome": "closed",
}


def _update_text(event: LeadEvent) -> str:
    new = event.new or {}
    lead = event.lead
    if event.event_type == "received":
        return "已受理"
    if event.event_type in ("case_opened", "case_linked"):
        return "已立案办理"
    if event.event_type == "merged":
        return STATUS_PUBLIC[Lead.Status.MERGED]
    if event.event_type == "transferred":
        return f"已移送{new.get('department') or '主管部门'}处理"
    if event.event_type == "dismissed":
        return lead.outcome or "不予受理"
    return lead.outcome or event.summary


def updates_query(*, town: Town, params: Any) -> list[dict[str, Any]]:
    start, end = window(
        when(params.get("start_date", ""), "start_date"),
        when(params.get("end_date", ""), "end_date"),
    )
    events = (
        LeadEvent.all_towns.filter(
            town=town,
            lead__source=Lead.Source.OPEN311,
            event_type__in=PUBLIC_EVENTS,
            created_at__gte=start,
            created_at__lte=end,
        )
        .select_related("lead")
        .order_by("created_at", "pk")[:LIMIT]
    )
    return [
        {
            "update_id": f"{e.lead.number}-{e.seq}",
            "service_request_id": e.lead.number,
            "status": PUBLIC_EVENTS[e.event_type],
            "updated_datetime": w3c(e.created_at),
            "description": _update_text(e),
            "media_url": "",
            "external_status_code": e.event_type,
        }
        for e in events
    ]
