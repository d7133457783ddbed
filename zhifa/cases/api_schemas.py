"""Response schemas of the cases API: what each operation answers, documented in the OpenAPI and
checked by schemathesis. The presenters (``presenters.py``) build the dicts; every top-level key
they build must be declared here (django-ninja drops undeclared ones). Nested rows stay plain
objects, so a presenter may add a field inside them without a schema change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from zhifa.core.api_fields import OpenSchema as Open


class CaseRowOut(Open):
    id: int
    number: str
    cause: str
    state: str
    state_label: str
    source: str
    address: str
    discovered_on: dt.date | None
    parties: list[str]
    squadron: str | None
    lat: float | None
    lng: float | None
    url: str


class CaseOut(CaseRowOut):
    summary: str
    act_date: dt.date | None
    serious_harm: bool
    cell: str | None
    proposal: str
    proposal_text: str
    outcome: str
    is_active: bool
    items: list[dict[str, Any]]
    party_details: list[dict[str, Any]]
    handlers: list[dict[str, Any]]
    deadlines: list[dict[str, Any]]
    events: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    records: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    transfers: list[dict[str, Any]]


class CasePenaltyOut(CaseOut):
    """A case with its penalty file (``null`` before a penalty proposal)."""

    penalty: dict[str, Any] | None


class CaseListOut(Schema):
    count: int
    results: list[CaseRowOut]


class VerifyOut(Schema):
    intact: bool
    problems: list[Any]


class DocumentRef(Schema):
    id: int
    number: str | None


class DeadlineOut(Open):
    due_at: dt.datetime
    provisional: bool
    status: str
    article: str


class MeasureOut(Schema):
    id: int
    status: str
    document: DocumentRef | None
    deadline: DeadlineOut | None


class RecordOut(Schema):
    id: int
    kind: str
    officers: Any
    permitted_area: str | None
    occupied_area: str | None
    excess_area: str | None
    area_unit: str
    document: int | None


class EvidenceOut(Schema):
    id: int
    kind: str
    mime: str
    size: int
    sha256: str
    name: str
    description: str
    captured_at: dt.datetime | None
    lat: float | None
    lng: float | None


class TransferOut(Schema):
    id: int
    kind: str
    department: str
    document: DocumentRef | None
    sent_at: dt.datetime | None
    received_at: dt.datetime | None
    receiver_name: str


class JointOut(Schema):
    id: int
    place: str
    started_at: dt.datetime
    outcome: str


class DueOut(Open):
    purpose: str
    due_at: dt.datetime
    article: str
    url: str


class MyWorkOut(Schema):
    todo: list[CaseRowOut]
    due_soon: list[DueOut]
    overdue: list[DueOut]
    now: dt.datetime


class BoardOut(Schema):
    """The deadline board: one open row per running deadline of a case."""

    count: int
    results: list[dict[str, Any]]
