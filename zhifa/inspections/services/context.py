"""The document contexts of an inspection (documents renders them and knows nothing of us)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from zhifa.core import clock
from zhifa.grid.models import Subject

from ..models import Inspection


def party_context(subject: Subject) -> dict[str, Any]:
    is_person = subject.kind == Subject.Kind.INDIVIDUAL
    return {
        "name": subject.name,
        "kind": "个人" if is_person else "单位",
        "id_number": subject.id_number if is_person else subject.credit_code,
        "legal_rep": subject.legal_representative,
        "phone": subject.phone,
        "address": subject.address,
    }


def verify_url(inspection: Inspection) -> str:
    path = reverse(
        "inspections:verify", kwargs={"town_code": inspection.town.code, "code": inspection.code}
    )
    return f"{settings.ZHIFA_PUBLIC_URL}{path}"


def provisions_text(item: Any) -> str:
    rows = item.provisions.order_by("sort", "pk")
    return "；".join(f"《{p.law}》{p.article}{p.paragraph}" for p in rows) or item.name


def _base(inspection: Inspection) -> dict[str, Any]:
    items = list(inspection.items.order_by("sort", "code"))
    return {
        "inspection": {
            "number": inspection.number,
            "code": inspection.code,
            "verify_url": verify_url(inspection),
            "origin": inspection.get_origin_display(),
            "plan": inspection.plan.name if inspection.plan_id else "",
            "items": "；".join(i.name for i in items),
            "basis": "；".join(provisions_text(i) for i in items),
            "planned_on": inspection.planned_on.isoformat(),
        },
        "party": party_context(inspection.subject),
        "handlers": [{"name": h["name"], "cert_no": h["cert_no"]} for h in inspection.handlers],
    }


def notice_context(inspection: Inspection) -> dict[str, Any]:
    return {**_base(inspection), "doc": {"date": clock.today().isoformat()}}


def record_context(inspection: Inspection) -> dict[str, Any]:
    context = _base(inspection)
    answers = inspection.answers.order_by("sort", "pk")
    context["checklist"] = [
        {
            "text": a.text,
            "answer": a.get_answer_display(),
            "note": a.note,
            "photos": a.photos.count(),
        }
        for a in answers
    ]
    context["record"] = {
        "start": timezone.localtime(inspection.started_at).isoformat()
        if inspection.started_at
        else "",
        "end": timezone.localtime(inspection.finished_at).isoformat()
        if inspection.finished_at
        else "",
        "place": inspection.place,
        "present": inspection.present,
        "witness": inspection.witness,
        "recorder": inspection.recorder,
        "findings": inspection.result_note,
        "result": inspection.get_result_display(),
        "order": inspection.order.document.number
        if inspection.order_id and inspection.order.document_id
        else "",
        "lead": inspection.lead.number if inspection.lead_id else "",
        "party_signature": inspection.party_signature,
        "party_refused": inspection.party_refused,
    }
    context["doc"] = {"date": (inspection.done_on or clock.today()).isoformat()}
    return context
