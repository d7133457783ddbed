"""GeoReport v2's two formats: XML (schemaless, no namespace, UTF-8 declaration) and its JSON
"Spark convention" mapping (a collection is a bare list). Datetimes are W3C with the offset."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from xml.etree.ElementTree import Element, tostring

from django.http import HttpResponse
from django.utils import timezone

CONTENT_TYPES = {
    "xml": "text/xml; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
# The element of each member of a list, by the list's own element.
MEMBERS = {
    "services": "service",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def w3c(value: dt.datetime | None) -> str | None:
    """2026-11-30T19:40:00+08:00 (the town's time zone, seconds, explicit offset)."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _element(tag: str, value: Any) -> Element:
    element = Element(tag)
    if isinstance(value, list):
        for member in value:
            element.append(_element(MEMBERS[tag], member))
    elif isinstance(value, dict):
        for key, member in value.items():
            element.append(_element(key, member))
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)
    return element


def document(fmt: str, root: str, data: Any, *, status: int = 200) -> HttpResponse:
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False).encode()
    else:
        xml = tostring(_element(root, data), encoding="unicode")
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n' + xml).encode()
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def errors(fmt: str, status: int, problems: list[tuple[str, str]]) -> HttpResponse:
    """The spec's error list: ``code`` (the HTTP status, or a more specific code) and a
    description; several errors may come at once."""
    return document(
        fmt,
        "errors",
        [{"code": code, "description": description} for code, description in problems],
        status=status,
    )
