"""The hearing: request, notice, record (行政处罚法第六十三条、第六十四条、第六十五条)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zhifa.cases.models import Case, State
from zhifa.cases.services.common import (
    issue,
    text,
)
from zhifa.cases.transitions import case_transition
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.team.models import Officer

from .. import law
from ..models import Penalty
from .common import _context, _finish, _investigators, _penalty

# --- hearing ------------------------------------------------------------------------------------


def hearing_request(*, case: Case, actor: Any, requested_on: dt.date) -> Penalty:
    """A hearing request within 5 working days of the notice (第六十四条第一项)."""
    with case_transition(case, "hear", actor=actor, event_type="hearing_requested") as step:
        case = step.case
        p = _penalty(case)
        if not p.hearing_offered:
            raise RuleViolation(
                "本案未告知听证权利，不属于应当听证的情形", article=law.A63, code="no_hearing_right"
            )
        answer = law.rule_hearing_request_in_time(
            notice_served_on=p.notice_served_on, requested_on=requested_on
        )
        step.change()
        p.hearing_requested_on = requested_on
        p.save(update_fields=["hearing_requested_on"])
        _finish(case, "hearing_request", requested_on)
        step.record(
            f"当事人于{requested_on:%Y-%m-%d}申请听证{'（' + answer.warning + '）' if answer.warning else ''}",
            requested_on=requested_on,
            warning=answer.warning,
        )
    return p


def hearing_schedule(
    *,
    case: Case,
    actor: Any,
    notice_on: dt.date,
    at: dt.datetime,
    place: str,
    chair: Officer,
    members: list[str] | None = None,
    clerk: str = "",
    public: bool = True,
) -> Penalty:
    """听证通知书 ≥7 working days before; the chair is not an investigator (第六十四条)."""
    place = text(place, label="听证地点")
    with case_transition(case, actor=actor, event_type="hearing_scheduled") as step:
        case = step.case
        if case.state != State.HEARING:
            raise RuleViolation(
                "当事人未申请听证，不能安排听证", article=law.A64, code="no_hearing"
            )
        p = _penalty(case)
        law.rule_chair_not_investigator(chair=chair, investigators=_investigators(case))
        local = timezone.localtime(at) if timezone.is_aware(at) else at
        law.rule_hearing_notice_7_workdays(notice_on=notice_on, hearing_on=local.date())
        context = _context(case, p)
        context["hearing"] = {
            "requested": p.hearing_requested_on.isoformat() if p.hearing_requested_on else "",
            "time": local.replace(tzinfo=None).isoformat(timespec="minutes"),
            "place": place,
            "public": public,
            "chair": chair.name,
            "members": members or [],
            "clerk": clerk,
        }
        doc = issue(
            case=case, doc_type="hearing_notice", context=context, actor=actor, date=notice_on
        )
        p.hearing_at, p.hearing_place, p.hearing_chair, p.hearing_notice_doc = at, place, chair, doc
        p.save()
        step.record(
            f"{doc.number}：定于{local:%Y-%m-%d %H:%M}在{place}举行听证，主持人{chair.name}",
            document=doc.number,
        )
    return p


def hearing_hold(
    *,
    case: Case,
    actor: Any,
    held_on: dt.date,
    proceedings: list[dict[str, str]],
    final_statement: str = "",
    end: dt.datetime | None = None,
) -> Penalty:
    """听证笔录 (第六十五条): the record of the hearing as held."""
    with case_transition(case, actor=actor, event_type="hearing_held") as step:
        case = step.case
        p = _penalty(case)
        if case.state != State.HEARING or p.hearing_notice_doc_id is None:
            raise RuleViolation("请先送达听证通知书", article=law.A64, code="hearing_not_scheduled")
        rows = [
            r for r in proceedings or [] if (r.get("q") or "").strip() or (r.get("a") or "").strip()
        ]
        if not rows:
            raise DomainError("请记录听证过程", code="field_required")
        start = timezone.localtime(p.hearing_at)
        context = _context(case, p)
        context["hearing"] = {
            "time": start.replace(tzinfo=None).isoformat(timespec="minutes"),
            "end": (timezone.localtime(end) if end else start + dt.timedelta(hours=1))
            .replace(tzinfo=None)
            .isoformat(timespec="minutes"),
            "place": p.hearing_place,
            "public": True,
            "chair": p.hearing_chair.name,
            "members": [],
            "clerk": "",
            "agents": [],
            "proceedings": rows,
            "final_statement": final_statement,
        }
        doc = issue(
            case=case, doc_type="hearing_record", context=context, actor=actor, date=held_on
        )
        p.hearing_held_on, p.hearing_record_doc = held_on, doc
        p.save()
        step.record(
            f"{held_on:%Y-%m-%d}举行听证，制作听证笔录",
            held_on=held_on,
        )
    return p
