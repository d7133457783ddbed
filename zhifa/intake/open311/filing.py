"""Writes through Open311: filing a request (POST requests) through ``lead_receive`` like every
other source, and a reporter's addition to their own request (POST servicerequestupdates)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction

from zhifa.core.models import Town
from zhifa.core.tenancy import public_town_scope

from ..models import Lead
from .catalog import DANGER_NOTICE, Service, service_get
from .clients import client_for_key
from .errors import Open311Error
from .models import Open311Request
from .services import DESCRIPTION_MAX, requests_of


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
    name = form.get("last_name", "").strip() + form.get("first_name", "").strip()
    phone = form.get("phone", "").strip()
    for value, label, field in (
        (address, "address_string ", "address"),
        (name, "last_name 与 first_name 合计", "reporter_name"),
        (phone, "phone ", "reporter_phone"),
    ):
        limit = Lead._meta.get_field(field).max_length or 0
        if len(value) > limit:
            problems.append(f"{label}不能超过 {limit} 个字符（现有 {len(value)}）")
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
            reporter_phone=phone,
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
