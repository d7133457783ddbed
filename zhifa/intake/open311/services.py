"""Open311 reads and writes over leads: clients and their keys, filing a request through
``lead_receive`` (source 第三方平台), the public representation of a request and of its updates
(FixMyStreet's servicerequestupdates), and the spec's query rules (filters, 90-day window).

Nothing about a reporter leaves here: no name, phone or e-mail is served, and phone numbers and
ID numbers typed into a description are masked as on every lead."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from zhifa.core.errors import DomainError
from zhifa.core.models import Town
from zhifa.core.tenancy import public_town_scope

from ..models import Lead, LeadEvent, mask_name, mask_phone
from ..selectors import STATUS_PUBLIC
from .catalog import DANGER_NOTICE, Service, service_get, services_for
from .models import SCOPES, Open311Client, Open311Request, key_hash, key_new
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


class Open311Error(Exception):
    """An error in the spec's shape: HTTP 400 (bad request), 403 (api_key), 404 (unknown)."""

    def __init__(self, status: int, *problems: str):
        super().__init__(problems[0] if problems else "")
        self.status = status
        self.problems = [(str(status), p) for p in problems]


# --- clients --------------------------------------------------------------------------------------


def client_create(
    *, town: Town, name: str, scopes: list[str], contact: str = ""
) -> tuple[Open311Client, str]:
    """A new client and its api_key (shown once; only its hash is kept)."""
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写客户端名称")
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise DomainError(f"权限范围应为 {'、'.join(SCOPES)} 中的一项或几项")
    raw = key_new()
    client = Open311Client.all_towns.create(
        town=town,
        name=name[:100],
        contact=contact[:100],
        key_prefix=raw[:8],
        key_hash=key_hash(raw),
        scopes=list(dict.fromkeys(scopes)),
    )
    return client, raw


def client_for_key(*, api_key: str, town: Town, scope: str) -> Open311Client:
    if not api_key:
        raise Open311Error(403, "缺少 api_key")
    client = (
        Open311Client.all_towns.filter(key_hash=key_hash(api_key), is_active=True)
        .select_related("town")
        .first()
    )
    if client is None:
        raise Open311Error(403, "api_key 无效或已停用")
    if client.town_id != town.pk:
        raise Open311Error(403, "该 api_key 未获准向此辖区（jurisdiction_id）提交")
    if not client.allows(scope):
        raise Open311Error(403, f"该 api_key 无“{SCOPES[scope]}”权限")
    Open311Client.all_towns.filter(pk=client.pk).update(last_used_at=timezone.now())
    return client


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


# --- filing a request -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Filed:
    lead: Lead
    notice: str
    account_id: str


def _coordinate(value: str, name: str, low: int, high: int) -> float:
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise Open311Error(400, f"{name} 应为 WGS-84 十进制度数") from None
    if not low <= number <= high:
        raise Open311Error(400, f"{name} 超出范围")
    return float(number)


def _answers(service: Service, form: Any) -> tuple[dict[str, Any], list[str]]:
    """attribute[code]=value (multivalue: attribute[code][]=v); required ones must be there."""
    answers: dict[str, Any] = {}
    problems: list[str] = []
    for attribute in service.attributes:
        code = attribute["code"]
        keys = {k for k, _ in attribute["values"]}
        if attribute["datatype"] == "multivaluelist":
            given = [v for v in form.getlist(f"attribute[{code}][]") if v]
        else:
            given = [form.get(f"attribute[{code}]", "").strip()]
            given = [v for v in given if v]
        if not given:
            if attribute["required"]:
                problems.append(
                    f"缺少必填的补充信息 attribute[{code}]（{attribute['description']}）"
                )
            continue
        if keys and any(v not in keys for v in given):
            problems.append(f"attribute[{code}] 的取值应为 {'、'.join(sorted(keys))} 之一")
            continue
        names = dict(attribute["values"])
        shown = [names.get(v, v[:50]) for v in given]
        answers[attribute["description"]] = "、".join(shown)
        if code == "danger_now" and given == ["yes"]:
            answers["_danger"] = True
    return answers, problems


def request_file(*, town: Town, form: Any) -> Filed:
    """POST requests: validate as the spec says (one location, required attributes, description
    ≤ 4000), then take the lead in through ``lead_receive`` like every other source."""
    client = client_for_key(api_key=form.get("api_key", ""), town=town, scope="requests")
    code = form.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, "缺少 service_code")
    service = service_get(town, code)
    if service is None:
        raise Open311Error(404, f"未知的 service_code：{code[:40]}")
    problems: list[str] = []
    lat, lng = form.get("lat", "").strip(), form.get("long", "").strip()
    address = form.get("address_string", "").strip()
    if bool(lat) != bool(lng):
        problems.append("lat 与 long 应同时提供")
    if not (lat and lng) and not address:
        problems.append(
            "缺少位置：请提供 lat 和 long（WGS-84），或 address_string"
            + ("（本接口不使用 address_id）" if form.get("address_id") else "")
        )
    description = form.get("description", "").strip()
    if len(description) > DESCRIPTION_MAX:
        problems.append(f"description 不能超过 {DESCRIPTION_MAX} 个字符（现有 {len(description)}）")
    email = form.get("email", "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append("email 格式不正确")
    media_url = form.get("media_url", "").strip()
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            problems.append("media_url 应为 http 或 https 链接")
        if len(media_url) > 1000:
            problems.append("media_url 不能超过 1000 个字符")
    answers, attribute_problems = _answers(service, form)
    problems += attribute_problems
    if problems:
        raise Open311Error(400, *problems)
    point = (
        (_coordinate(lat, "lat", -90, 90), _coordinate(lng, "long", -180, 180))
        if lat and lng
        else (None, None)
    )
    danger = answers.pop("_danger", False)
    # lead_receive wants 5 characters at least; a terse or empty description keeps its service.
    text = description if len(description) >= 5 else f"{service.name}：{description or '未附说明'}"
    if answers:
        text += "\n补充：" + "；".join(f"{k}：{v}" for k, v in answers.items())
    name = (form.get("last_name", "").strip() + form.get("first_name", "").strip())[:50]
    with public_town_scope(town), transaction.atomic():
        from ..services import lead_receive

        lead, _ = lead_receive(
            town=town,
            source=Lead.Source.OPEN311,
            text=text,
            source_ref=client.name[:60],
            address=address,
            lat=point[0],
            lng=point[1],
            reporter_name=name,
            reporter_phone=form.get("phone", "").strip()[:30],
        )
        Open311Request.all_towns.create(
            town=town,
            lead=lead,
            client=client,
            service_code=service.code,
            description=description,
            attributes=answers,
            media_url=media_url,
            email=email,
            account_id=form.get("account_id", "").strip()[:100],
            device_id=form.get("device_id", "").strip()[:100],
        )
    return Filed(
        lead=lead,
        notice=DANGER_NOTICE if danger else "",
        account_id=form.get("account_id", "").strip()[:100],
    )


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


_PHONE = re.compile(r"(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)")
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")


def masked(text: str, lead: Lead) -> str:
    """A description as the public may read it: phone and ID numbers and the reporter's own
    name masked, as on every lead."""
    text = _ID.sub(r"\1********\2", text)
    text = _PHONE.sub(r"\1****\2", text)
    if lead.reporter_name and len(lead.reporter_name) >= 2:
        text = text.replace(lead.reporter_name, mask_name(lead.reporter_name))
    if lead.reporter_phone:
        text = text.replace(lead.reporter_phone, mask_phone(lead.reporter_phone))
    return text


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


def update_post(*, town: Town, form: Any) -> dict[str, Any]:
    """POST servicerequestupdates (scope ``updates``): the reporter adds to their own request
    through the client that filed it; it joins the lead's record."""
    from ..services import _event

    client = client_for_key(api_key=form.get("api_key", ""), town=town, scope="updates")
    number = form.get("service_request_id", "").strip()
    lead = requests_of(town).filter(number=number, open311__client=client).first()
    if lead is None:
        raise Open311Error(404, f"未找到该客户端提交的诉求 {number[:30]}")
    description = form.get("description", "").strip()
    if not description:
        raise Open311Error(400, "缺少 description")
    if len(description) > DESCRIPTION_MAX:
        raise Open311Error(400, f"description 不能超过 {DESCRIPTION_MAX} 个字符")
    with transaction.atomic():
        event = _event(
            lead,
            None,
            "reporter_update",
            f"反映人经{client.name}补充：{description[:200]}",
            client=client.name,
            text=description,
        )
    return {"update_id": f"{lead.number}-{event.seq}"}
