"""公示 of penalty decisions (rule 15): record where and when a decision was made public, and its
withdrawal when a 复议 or lawsuit changed or revoked it. Each completes its clock — 7 working days
from the decision, 3 from the change — and lands on the case's record, closed or not: disclosure
follows the decision, often after the case has closed. The public page itself is the disclosure
app's; this is the record the team keeps of the obligation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhifa.cases.models import Case
from zhifa.cases.services.common import text
from zhifa.cases.transitions import case_transition
from zhifa.core.deadlines import deadlines_for_subject
from zhifa.core.errors import DomainError
from zhifa.core.models import Deadline

from .. import law
from ..models import Penalty
from .common import _finish, _penalty


def _open_clock(case: Case, kind: str) -> Deadline | None:
    return deadlines_for_subject(case).filter(kind=kind, status=Deadline.Status.OPEN).first()


def decision_disclose(
    *, case: Case, actor: Any, on: dt.date, place: str, note: str = ""
) -> Penalty:
    """The decision was made public on ``on`` at ``place`` (a government website, the town's
    notice board…). A revoked decision is never published; a changed one is published as
    changed, after the old text was withdrawn."""
    place = text(place, label="公示载体", minimum=2)
    with case_transition(case, actor=actor, event_type="disclosed", closed_ok=True) as step:
        case = step.case
        p = _penalty(case)
        if p.decided_on is None or p.decision_doc is None:
            raise DomainError("尚未作出处罚决定，不能公示", code="not_decided", status=409)
        if p.outcome != Penalty.Outcome.PENALTY:
            raise DomainError("不予行政处罚决定不在本项公示范围内", code="not_a_penalty")
        law.rule_disclosure_allowed(status=p.status)
        if p.disclosed_on and not p.disclosure_withdrawn_on:
            raise DomainError(
                f"该决定已于{p.disclosed_on:%Y年%-m月%-d日}公示",
                code="already_disclosed",
                status=409,
            )
        if on < p.decided_on:
            raise DomainError("公示日期不能早于决定日期", code="bad_date")
        clock = _open_clock(case, "disclosure")
        late = clock is not None and clock.due_at.date() < on
        p.disclosed_on, p.disclosure_place, p.disclosure_withdrawn_on = on, place[:100], None
        p.save(update_fields=["disclosed_on", "disclosure_place", "disclosure_withdrawn_on"])
        _finish(case, "disclosure", on)
        changed = "（变更后的决定）" if p.status == Penalty.Status.CHANGED else ""
        step.record(
            f"于{on:%Y-%m-%d}在{place}公示{p.decision_doc.number}{changed}"
            + ("，已超过七个工作日的公示期限" if late else ""),
            place=place,
            disclosed_on=on.isoformat(),
            late=late,
            note=note.strip(),
        )
    return p


def decision_disclosure_withdraw(*, case: Case, actor: Any, on: dt.date, reason: str) -> Penalty:
    """The published decision was taken down (a change or revocation: within 3 working days)."""
    reason = text(reason, label="撤下原因", minimum=4)
    with case_transition(
        case, actor=actor, event_type="disclosure_withdrawn", closed_ok=True
    ) as step:
        case = step.case
        p = _penalty(case)
        if not p.disclosed_on or p.disclosure_withdrawn_on:
            raise DomainError("该决定没有处于公示中的信息", code="not_disclosed", status=409)
        if on < p.disclosed_on:
            raise DomainError("撤下日期不能早于公示日期", code="bad_date")
        clock = _open_clock(case, "disclosure_withdraw")
        late = clock is not None and clock.due_at.date() < on
        p.disclosure_withdrawn_on = on
        p.save(update_fields=["disclosure_withdrawn_on"])
        _finish(case, "disclosure_withdraw", on)
        step.record(
            f"于{on:%Y-%m-%d}撤下{p.disclosure_place}公示的{p.decision_doc.number}：{reason}"
            + ("，已超过三个工作日的期限" if late else ""),
            withdrawn_on=on.isoformat(),
            late=late,
            reason=reason,
        )
    return p
