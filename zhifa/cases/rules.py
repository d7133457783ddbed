"""The case's legal rules, each a named function: who may act (≥2 certified handlers), whether the
town holds authority for an act on its date, and why a transition is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django_fsm import can_proceed

from zhifa.catalog.models import PowerItem
from zhifa.catalog.rules import HELD_ARTICLE, item_held_by_town
from zhifa.core.articles import (
    A27,
    A33,
    A44,
    A51,
    A54,
    A55,
    A57,
    A58,
    A61,
    A62,
    A64,
    A66,
    cite,
    short,
)
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.team.models import Officer
from zhifa.team.rules import handlers_check

from .models import Case, State
from .models.case import proposes_no_penalty, proposes_penalty

# Acts and whether they need an item the town holds on the act date (行政处罚法第十七条、第二十四条).
# Inspecting, interviewing and stopping an act (属地管理 制止) do not; penalties and coercion do.
ACTS: dict[str, tuple[str, bool]] = {
    "inspection": ("现场检查", False),
    "interview": ("调查询问", False),
    "stop": ("责令停止违法行为（属地管理制止）", False),
    "assistance": ("发送协助函", False),
    "transfer": ("移送", False),
    "file": ("立案", True),
    "correct": ("责令改正", True),
    "evidence_hold": ("先行登记保存", True),
    "seizure": ("查封、扣押", True),
    "power_cut": ("通知停止供电", True),
    "penalty": ("行政处罚", True),
}


def authority_check(*, case: Case, act: str, on: dt.date) -> PowerItem | None:
    """The case item under which the town may do ``act`` on ``on``; None for acts that need no
    held item. Raises ``RuleViolation`` (naming the department to transfer to) when none is held."""
    label, needs_item = ACTS[act]
    items = list(case.items.select_related("department"))
    if not needs_item:
        return None
    for item in items:
        if item_held_by_town(item=item, on=on):
            return item
    names = "、".join(f"“{i.name}”" for i in items) or "（未选事项）"
    departments = "、".join(dict.fromkeys(i.department.name for i in items)) or "原实施部门"
    raise RuleViolation(
        f"{on:%Y年%m月%d日}本镇未承接本案所涉事项{names}，不能以本镇名义{label}；"
        f"可依属地管理职责检查、制止并记录，应移送{departments}",
        article=HELD_ARTICLE,
        code="item_not_held",
    )


def act_handlers(*, officers: list[Officer], on: dt.date, item: Any = None) -> list[dict[str, str]]:
    """≥2 officers with certificates valid on ``on``; returns [{name, cert_no, officer}]."""
    handlers = handlers_check(officers=officers, on=on, item=item)
    return [
        {"officer": h.officer.pk, "name": h.officer.name, "cert_no": h.certificate_number}
        for h in handlers
    ]


# Why each transition is allowed only from its sources: the message names the rule (the refusal
# cites it by its compact label, ``articles.short``).
TRANSITION_RULES: dict[str, tuple[str, str, str]] = {
    "file": ("立案", "只有已登记、尚未立案的案件可以立案", A54),
    "investigate": ("开始调查", "调查取证应在立案之后进行", cite(A54, A55)),
    "propose": ("提出处理意见", "处理意见应在调查终结后提出", A57),
    "reinvestigate": (
        "补充调查",
        "只有已提出处理意见的案件可以退回补充调查",
        A57,
    ),
    "transfer": (
        "移送",
        "移送应在作出处理决定之前进行，已移送、撤销或结案的案件不能再移送",
        A27,
    ),
    "withdraw": ("撤销立案", "只有已立案、尚未作出决定的案件可以撤销立案", A57),
    "notify": ("事先告知", "事先告知应在提出拟处罚意见之后、作出决定之前", A44),
    "hear": ("举行听证", "听证应在事先告知之后、作出决定之前申请", A64),
    "review": ("提交法制审核", "法制审核应在事先告知之后、作出决定之前", A58),
    "decide": (
        "作出处罚决定",
        "处罚决定应在事先告知（及听证、法制审核）之后作出",
        cite(A44, A62),
    ),
    "decide_no_penalty": (
        "作出不予行政处罚决定",
        "不予行政处罚决定应在提出拟不予处罚意见之后作出",
        cite(A33, A57),
    ),
    "decide_on_the_spot": (
        "当场处罚",
        "当场处罚只适用于新登记、尚未立案的案件",
        A51,
    ),
    "serve": ("送达决定书", "只有已作出、尚未送达的决定可以送达", A61),
    "execute": ("执行", "决定送达后方可执行", A66),
    "close": (
        "结案",
        "结案须在不予立案、处理意见为不予处罚或决定执行完毕之后",
        A57,
    ),
}


def _proposal_next(case: Case) -> DomainError:
    """What a proposed case must do instead of closing or being decided straight away."""
    if case.proposal == Case.Proposal.PENALTY:
        return RuleViolation(
            "拟给予行政处罚的案件应先告知当事人拟处罚内容及陈述申辩、听证权利，不能直接结案",
            article=short(A44),
            code="notice_first",
        )
    if case.proposal == Case.Proposal.NO_PENALTY:
        return RuleViolation(
            "拟不予行政处罚的案件应作出不予行政处罚决定，并记录对当事人的教育，不能直接结案",
            article=short(A33),
            code="no_penalty_decision_first",
        )
    return RuleViolation(
        "处理意见为移送的案件应办理移送，不能直接结案",
        article=short(A27),
        code="transfer_first",
    )


def _decide_what(case: Case) -> DomainError | None:
    if case.proposal == Case.Proposal.NO_PENALTY:
        return DomainError("处理意见为不予处罚，请作出不予行政处罚决定", code="no_penalty_outcome")
    return None


# A state the verb may not leave from, where the table knows better than the general rule why not.
STATE_REFUSALS: dict[tuple[str, str], Callable[[Case], DomainError | None]] = {
    ("close", State.PROPOSED): _proposal_next,
    ("decide", State.PROPOSED): _decide_what,
}


def _notify_refusal(case: Case) -> DomainError:
    if case.proposal == Case.Proposal.NO_PENALTY:
        return DomainError(
            "拟不予处罚的案件无需事先告知，请作出不予行政处罚决定", code="no_notice_needed"
        )
    return RuleViolation(
        "处理意见为移送的案件应办理移送，不能事先告知",
        article=short(A27),
        code="transfer_first",
    )


# A transition's condition that does not hold, and its refusal.
CONDITION_REFUSALS: dict[Callable[[Case], bool], Callable[[Case], DomainError]] = {
    proposes_penalty: _notify_refusal,
    proposes_no_penalty: lambda case: DomainError("处理意见不是不予处罚", code="not_no_penalty"),
}


def transition_require(case: Case, verb: str) -> None:
    """Refuse (changing nothing) a transition the case's state does not allow, or whose
    condition does not hold, with the table's message naming the rule."""
    method = getattr(case, verb)
    if can_proceed(method):
        return
    transition = method._django_fsm.get_transition(case.state)
    if transition is not None:  # the state allows the verb: a condition refuses
        for condition in transition.conditions:
            if not condition(case):
                raise CONDITION_REFUSALS[condition](case)
    explain = STATE_REFUSALS.get((verb, case.state))
    refusal = explain(case) if explain else None
    if refusal is not None:
        raise refusal
    label, rule, article = TRANSITION_RULES[verb]
    raise RuleViolation(
        f"案件处于“{State(case.state).label}”状态，不能{label}：{rule}",
        article=short(article),
        code="transition_not_allowed",
        state=case.state,
        verb=verb,
    )


def require_open(case: Case) -> None:
    """A closed, withdrawn or transferred case takes no edits; later outcomes are appended."""
    if not case.is_active:
        raise DomainError(
            f"案件{State(case.state).label}，不能再修改；后续情况请以“补记”方式追加到案件记录",
            code="case_not_active",
            status=409,
        )
