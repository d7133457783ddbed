"""Plain data for the API and the pages' JSON (map markers): one shape per use."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from . import selectors as sel
from .events import EVENT_LABELS
from .models import Case


def case_row(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "cause": case.cause,
        "state": case.state,
        "state_label": case.get_state_display(),
        "source": case.source,
        "address": case.address,
        "discovered_on": case.discovered_on,
        "parties": [p.name for p in case.parties.all()],
        "squadron": case.squadron.name if case.squadron_id else None,
        "lat": case.lat,
        "lng": case.lng,
        "url": reverse("cases:detail", args=[case.pk]),
    }


def case_detail(case: Case) -> dict[str, Any]:
    case = (
        Case.objects.prefetch_related("items", "parties")
        .select_related("cell", "squadron")
        .get(pk=case.pk)
    )
    return {
        **case_row(case),
        "summary": case.summary,
        "act_date": case.act_date,
        "serious_harm": case.serious_harm,
        "cell": case.cell.code if case.cell_id else None,
        "proposal": case.proposal,
        "proposal_text": case.proposal_text,
        "outcome": case.outcome,
        "is_active": case.is_active,
        "items": [
            {
                "id": i.pk,
                "code": i.code,
                "name": i.name,
                "type": i.type,
                "department": i.department.name,
            }
            for i in case.items.select_related("department")
        ],
        "party_details": [{"id": p.pk, "name": p.name, "kind": p.kind} for p in case.parties.all()],
        "handlers": [
            {
                "officer_id": r.officer_id,
                "name": r.officer.name,
                "cert_no": r.certificate_number,
                "lead": r.is_lead,
            }
            for r in case.handler_rows.select_related("officer__user")
        ],
        "deadlines": [
            {
                "purpose": d.purpose,
                "kind": d.kind,
                "due_at": d.due_at,
                "status": d.status,
                "provisional": d.provisional,
                "article": d.article,
            }
            for d in sel.case_deadlines(case)
        ],
        "events": [
            {
                "seq": e.seq,
                "type": e.event_type,
                "label": EVENT_LABELS.get(e.event_type, e.event_type),
                "summary": e.summary,
                "actor": e.actor_name,
                "at": e.created_at,
                "files": e.files,
                "hash": e.hash,
            }
            for e in sel.case_events(case)
        ],
        "documents": [
            {
                "id": d.pk,
                "type": d.doc_type,
                "title": d.get_doc_type_display(),
                "number": d.number,
                "status": d.status,
                "sha256": d.pdf_sha256,
            }
            for d in sel.case_documents(case)
        ],
        "records": [
            {
                "id": r.pk,
                "kind": r.kind,
                "place": r.place,
                "excess_area": None if r.excess_area is None else str(r.excess_area),
                "area_unit": r.area_unit,
            }
            for r in case.records.all()
        ],
        "evidence": [
            {
                "id": e.pk,
                "kind": e.kind,
                "name": e.original_name,
                "sha256": e.sha256,
                "size": e.size,
            }
            for e in case.evidence.all()
        ],
        "transfers": [
            {
                "id": t.pk,
                "department": t.department.name,
                "number": t.document.number if t.document else "",
                "received_at": t.received_at,
                "receiver_name": t.receiver_name,
            }
            for t in case.transfers.select_related("department", "document")
        ],
    }


def measure_data(obj: Any) -> dict[str, Any]:
    d = obj.deadline
    return {
        "id": obj.pk,
        "status": getattr(obj, "status", ""),
        "document": {"id": obj.document.pk, "number": obj.document.number}
        if obj.document
        else None,
        "deadline": {
            "due_at": d.due_at,
            "provisional": d.provisional,
            "status": d.status,
            "article": d.article,
        }
        if d
        else None,
    }
