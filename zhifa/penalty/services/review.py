"""Legal review and collective discussion before a decision (行政处罚法第五十七条、第五十八条)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhifa.accounts.roles import LEGAL_REVIEWER, has_role
from zhifa.cases.models import Case, State
from zhifa.cases.services.common import (
    issue,
    text,
)
from zhifa.cases.transitions import case_transition
from zhifa.core.errors import DomainError, RuleViolation

from .. import law
from ..models import Penalty
from .common import _context, _finish, _penalty

# --- legal review, collective discussion --------------------------------------------------------


def legal_review_record(
    *,
    case: Case,
    actor: Any,
    reviewer: Any,
    passed: bool,
    opinion: str,
    on: dt.date,
    qualification: str = "",
) -> Penalty:
    """法制审核 (第五十八条) by a user holding the legal_reviewer role; pass or fail with opinion."""
    opinion = text(opinion, label="审核意见", minimum=4)
    if reviewer is None or not (has_role(reviewer, LEGAL_REVIEWER) or reviewer.is_superuser):
        raise RuleViolation(
            "法制审核应由取得法律职业资格的法制审核人员进行", article=law.A58, code="not_a_reviewer"
        )
    with case_transition(case, "review", actor=actor, event_type="legal_review") as step:
        case = step.case
        p = _penalty(case)
        if case.state == State.HEARING and p.hearing_held_on is None:
            raise RuleViolation(
                "当事人申请了听证，应在听证结束后再送法制审核",
                article=law.A64,
                code="hearing_pending",
            )
        if case.state == State.NOTIFIED and p.hearing_request_due and on <= p.hearing_request_due:
            raise RuleViolation(
                f"听证申请期限至{p.hearing_request_due:%Y年%m月%d日}届满，期满前不能送法制审核",
                article=law.A64,
                code="hearing_window_open",
            )
        ground = law.legal_review_grounds(
            hearing_held=bool(p.hearing_held_on), party=p.party_kind, amount=p.amount, kinds=p.kinds
        )
        context = _context(case, p)
        context["review"] = {
            "submitted": on.isoformat(),
            "ground": ground or "承办机构送审",
            "proposal": f"对当事人{p.content}",
            "opinion": opinion,
            "conclusion": "通过" if passed else "不通过",
            "reviewer": reviewer.full_name or reviewer.username,
            "qualification": qualification or "—",
            "date": on.isoformat(),
        }
        doc = issue(case=case, doc_type="legal_review", context=context, actor=actor, date=on)
        step.change()
        _finish(case, "statement", on)
        _finish(case, "hearing_request", on)
        p.review_ground, p.reviewer, p.review_passed, p.review_opinion, p.review_doc = (
            ground,
            reviewer,
            passed,
            opinion,
            doc,
        )
        p.save()
        step.record(
            f"法制审核{'通过' if passed else '未通过'}：{opinion[:60]}",
            passed=passed,
            reviewer=reviewer.pk,
        )
    return p


def discussion_record(
    *, case: Case, actor: Any, on: dt.date, members: list[str], conclusion: str
) -> Penalty:
    """集体讨论 by the heads (第五十七条第二款)."""
    conclusion = text(conclusion, label="讨论结论", minimum=4)
    members = [m.strip() for m in members if m and m.strip()]
    if len(members) < 3:
        raise DomainError("集体讨论应记录至少三名参加的负责人", code="members_required")
    with case_transition(case, actor=actor, event_type="discussion") as step:
        case = step.case
        p = _penalty(case)
        p.discussion_on, p.discussion_members, p.discussion_conclusion = on, members, conclusion
        p.save()
        step.record(f"集体讨论（{'、'.join(members)}）：{conclusion[:60]}", on=on)
    return p
