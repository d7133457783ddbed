"""Service of the decision (行政处罚法第六十一条; 民事诉讼法 on the ways of service)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zhifa.cases.context import case_context
from zhifa.cases.models import Case
from zhifa.cases.services.common import (
    issue,
)
from zhifa.cases.transitions import case_transition

from .. import law
from ..models import Penalty
from .common import _clock, _finish, _penalty

# --- service and payment ------------------------------------------------------------------------


def decision_serve(
    *,
    case: Case,
    actor: Any,
    served_on: dt.date,
    method: str,
    place: str = "",
    party_present: bool = False,
    consent: bool = False,
    witness: str = "",
    media: bool = False,
) -> Penalty:
    """送达 (第六十一条; 民诉法): methods, the 7-working-day clock and 公告 after 30 days; the
    payment clock (15 days, 第六十七条) starts from the day service takes effect."""
    with case_transition(case, "serve", actor=actor, event_type="served") as step:
        case = step.case
        p = _penalty(case)
        answer = law.rule_service_deadline(
            decided_on=p.decided_on,
            served_on=served_on,
            method=method,
            party_present=party_present,
            consent=consent,
            witness=witness,
            media=media,
        )
        context = case_context(case, party=p.party)
        context["recipient"] = {"name": p.party.name}
        context["service"] = {
            "documents": [
                {
                    "name": p.decision_doc.get_doc_type_display()
                    if hasattr(p.decision_doc, "get_doc_type_display")
                    else "决定书",
                    "number": p.decision_doc.number,
                }
            ],
            "place": place or p.party.address or case.address,
            "method": law.SERVICE_METHODS[method],
            "time": f"{served_on.isoformat()}T10:00:00",
            "servers": [h["name"] for h in context["handlers"]],
            "witness": witness,
            "media": "已拍照、录像" if media else "",
        }
        doc = issue(
            case=case, doc_type="service_receipt", context=context, actor=actor, date=served_on
        )
        step.change()
        p.served_on, p.effective_on, p.service_method, p.service_doc = (
            served_on,
            answer.due,
            method,
            doc,
        )
        _finish(case, "service", served_on)
        if p.outcome == Penalty.Outcome.PENALTY and "fine" in p.kinds and not p.paid_on:
            pay = _clock(
                case,
                kind="payment",
                purpose="当事人缴纳罚款期限",
                clock=law.rule_payment_clock(effective_on=answer.due),
                actor=actor,
            )
            p.due_on = timezone.localtime(pay.due_at).date()
        p.save()
        step.record(
            f"{law.SERVICE_METHODS[method]}决定书（{served_on:%Y-%m-%d}）{'，公告期满生效日' + str(answer.due) if method == 'public' else ''}{'，缴款期限至' + str(p.due_on) if p.due_on else ''}",
            method=method,
            effective_on=answer.due,
        )
    return p
