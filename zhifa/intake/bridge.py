"""The 12345 bridge's wire: one adapter per provincial platform.

Platforms differ in field names, datums and endpoints; the rest of intake speaks ``OrderIn`` and
``Outbox``. ``ShanxiAdapter`` is the default (pinyin-initial field names, GCJ-02 points, one
endpoint per action); choose another with ``ZHIFA_12345_ADAPTER`` (a dotted path).
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.module_loading import import_string

from zhifa.core.errors import DomainError


@dataclass
class OrderIn:
    order_no: str
    text: str
    address: str
    lat: float | None
    lng: float | None
    datum: str
    caller_name: str
    caller_phone: str
    due: dt.datetime | None
    received_at: dt.datetime | None


class DeliveryError(Exception):
    pass


class PlatformAdapter:
    """Translate the platform's wire format to ``OrderIn`` and deliver ``Outbox`` messages."""

    def parse_order(self, data: dict[str, Any]) -> OrderIn:  # pragma: no cover - interface
        raise NotImplementedError

    def encode(self, message: Any) -> tuple[str, dict[str, Any]]:  # pragma: no cover
        raise NotImplementedError

    def base_url(self) -> str:
        url = getattr(settings, "ZHIFA_12345_URL", "")
        if not url:
            raise DeliveryError("未配置 12345 平台地址（ZHIFA_12345_URL）")
        return url.rstrip("/")

    def send(self, message: Any) -> None:
        """POST the message; raise ``DeliveryError`` unless the platform acknowledged it."""
        path, body = self.encode(message)
        request = urllib.request.Request(
            self.base_url() + path,
            data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "X-Message-Id": str(message.pk),
                "Authorization": f"Bearer {getattr(settings, 'ZHIFA_12345_KEY', '')}",
            },
            method="POST",
        )
        timeout = float(getattr(settings, "ZHIFA_12345_TIMEOUT", 5))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                answer = json.loads(response.read().decode("utf-8") or "{}")
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise DeliveryError(f"12345 平台不可达：{error}") from error
        self.check_ack(answer)

    def check_ack(self, answer: dict[str, Any]) -> None:
        if str(answer.get("code")) != "0":
            raise DeliveryError(f"12345 平台未确认：{answer.get('msg', answer)}")


class ShanxiAdapter(PlatformAdapter):
    """Wire format of the demo province (fields: 工单编号 gdbh, 诉求内容 sqnr, 事发地址 sfdz,
    坐标 zb{jd, wd, zbx}, 来电人 ldr{xm, dh}, 办理时限 blsx, 受理时间 slsj)."""

    ACTIONS = {"sign": "QS", "send_back": "TD", "extension": "YQ", "reply": "DF", "close": "BJ"}

    def parse_order(self, data: dict[str, Any]) -> OrderIn:
        try:
            order_no = str(data["gdbh"]).strip()
            text = str(data["sqnr"]).strip()
        except (KeyError, TypeError) as error:
            raise DomainError("工单格式不正确：缺少工单编号或诉求内容", code="bad_order") from error
        point = data.get("zb") or {}
        lat = point.get("wd")
        lng = point.get("jd")
        caller = data.get("ldr") or {}
        datum = {"gcj02": "gcj02", "wgs84": "wgs84"}.get(str(point.get("zbx", "gcj02")).lower())
        if datum is None:
            raise DomainError("工单坐标系不正确", code="bad_order")
        return OrderIn(
            order_no=order_no,
            text=text,
            address=str(data.get("sfdz", "")),
            lat=float(lat) if lat not in (None, "") else None,
            lng=float(lng) if lng not in (None, "") else None,
            datum=datum,
            caller_name=str(caller.get("xm", "")),
            caller_phone=str(caller.get("dh", "")),
            due=_when(data.get("blsx")),
            received_at=_when(data.get("slsj")),
        )

    def encode(self, message: Any) -> tuple[str, dict[str, Any]]:
        payload = message.payload
        body = {
            "gdbh": payload["order_no"],
            "czlx": self.ACTIONS[message.kind],
            "xxid": message.pk,
            "czsj": timezone.localtime(message.created_at).isoformat(),
            "nr": payload.get("text") or payload.get("reason", ""),
        }
        if message.kind == "extension":
            body["yqts"] = payload["days"]
        return f"/gd/{quote(payload['order_no'], safe='')}/{body['czlx'].lower()}", body


def _when(value: Any) -> dt.datetime | None:
    if not value:
        return None
    parsed = parse_datetime(str(value))
    if parsed is None:
        raise DomainError("工单时间格式不正确", code="bad_order")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def adapter() -> PlatformAdapter:
    path = getattr(settings, "ZHIFA_12345_ADAPTER", "zhifa.intake.bridge.ShanxiAdapter")
    return import_string(path)()
