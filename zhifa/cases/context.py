"""The context the documents app renders from: the case, its party and handlers as plain data."""

from __future__ import annotations

from typing import Any

from zhifa.grid.models import Subject

from .models import Case


def party_context(subject: Subject | None) -> dict[str, Any]:
    if subject is None:
        return {}
    is_person = subject.kind == Subject.Kind.INDIVIDUAL
    return {
        "name": subject.name,
        "kind": "个人" if is_person else "单位",
        "id_number": subject.id_number if is_person else subject.credit_code,
        "legal_rep": subject.legal_representative,
        "phone": subject.phone,
        "address": subject.address,
    }


def case_context(
    case: Case, *, party: Subject | None = None, handlers: list[dict] | None = None
) -> dict[str, Any]:
    party = party or case.parties.first()
    if handlers is None:
        handlers = [
            {"name": row.officer.name, "cert_no": row.certificate_number}
            for row in case.handler_rows.select_related("officer__user")
        ]
    return {
        "case": {
            "number": case.number,
            "cause": case.cause,
            "source": case.get_source_display(),
            "received": case.discovered_on.isoformat(),
            "filed": case.filed_at.date().isoformat() if case.filed_at else "",
            "summary": case.summary,
        },
        "party": party_context(party),
        "handlers": [{"name": h["name"], "cert_no": h["cert_no"]} for h in handlers],
    }


def contact_context(case: Case) -> dict[str, str]:
    """联系人、联系电话 on the case's documents: the lead handler (主办人) and their work phone
    (办公电话, never a personal mobile), and the team's address."""
    lead = case.handler_rows.select_related("officer__user").first()
    return {
        "name": lead.officer.name if lead else "",
        "phone": lead.officer.work_phone if lead else "",
        "address": case.town.team_name or f"{case.town.name}综合行政执法队",
    }
