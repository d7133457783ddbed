"""Response schemas of the intake and 12345 APIs: what each operation answers, documented in the
OpenAPI and checked by schemathesis. ``lead_out`` (api.py) builds the dicts; times are already
ISO 8601 strings with +08:00 there. Open objects (``extra="allow"``) may gain fields, never lose
or retype these."""

from __future__ import annotations

from typing import Any

from ninja import Schema

from zhifa.core.api_fields import OpenSchema as Open


class CaseRef(Schema):
    id: int
    number: str


class LeadOut(Open):
    id: int
    number: str
    source: str
    source_label: str
    source_ref: str
    status: str
    status_label: str
    text: str
    address: str
    lat: float | None
    lng: float | None
    cell: str
    squadron: str
    reporter: str
    phone: str
    received_at: str | None
    reply_due: str | None
    send_back_due: str | None
    suggestions: list[Any]
    triage_model: int | None
    triage_confident: bool | None
    triage_label: str
    item: str
    case: CaseRef | None
    department: str
    merged_into: str
    outcome: str
    photos: list[dict[str, Any]]


class LeadDetailOut(LeadOut):
    duplicates: list[Any]
    advice: Any
    events: list[dict[str, Any]]


class LeadListOut(Schema):
    results: list[LeadOut]


class ReporterOut(Schema):
    name: str
    phone: str


class OrderAckOut(Schema):
    """The platform's acknowledgement: ``code`` "0" is success in its wire format."""

    code: str
    lead: str
    created: bool
    status: str


class OrderOut(LeadOut):
    outbox: list[dict[str, Any]]
