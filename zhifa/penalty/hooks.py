"""What the case file asks of the penalty procedure (registered in ``cases.extensions``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from zhifa.accounts.roles import LEGAL_REVIEWER, has_role
from zhifa.cases.models import Case, State
from zhifa.cases.queues import case_queue_row
from zhifa.core import clock
from zhifa.core.articles import A44, short
from zhifa.core.errors import DomainError
from zhifa.core.queues import Queue

from . import law
from .law_common import party_kind_of
from .models import Penalty


def executed(case: Any) -> None:
    """A served or executing case closes only once its decision is executed (rule_executed)."""
    if case.state in (State.SERVED, State.EXECUTING):
        law.rule_executed(penalty=Penalty.all_towns.filter(case=case).first())


def page_section(case: Any) -> dict[str, Any] | None:
    penalty = (
        Penalty.objects.filter(case=case)
        .select_related("item", "party", "notice_doc", "decision_doc", "hearing_chair", "reviewer")
        .first()
    )
    if penalty is None:
        return None
    return {"penalty": penalty, "appeals": case.appeals.all()}


def urlpatterns() -> list[Any]:
    """The penalty pages keep their public paths under /cases/ and their ``cases:`` names."""
    from django.urls import path

    from . import views

    return [
        path("deadlines/", views.deadlines, name="deadlines"),
        path("on-the-spot/", views.on_the_spot, name="on_the_spot"),
    ]


def party_fixed_after_notice(case: Any, subject: Any) -> None:
    """The prior notice (事先告知) named the party: from then on the party cannot change."""
    penalty = Penalty.all_towns.select_for_update().filter(case=case).first()
    if penalty is not None and penalty.notice_doc_id:
        raise DomainError(
            f"已向“{penalty.party.name}”送达事先告知书，不能再更换当事人"
            f"（{short(A44)}）；确需更换的，应撤销立案后重新立案",
            code="party_after_notice",
            status=409,
        )


def party_follows(case: Any, subject: Any) -> None:
    """A pending proposal follows a new party of the same kind (citizen / organisation), on which
    its fine range depends; a change of kind goes back to investigation first."""
    penalty = Penalty.all_towns.select_for_update().filter(case=case).first()
    if penalty is None:
        return
    if party_kind_of(subject) != penalty.party_kind:
        raise DomainError(
            "拟处理意见按原当事人的类别（公民 / 法人或其他组织）确定罚款幅度，"
            "请先退回补充调查，再更换当事人",
            code="party_kind_changed",
            status=409,
        )
    penalty.party = subject
    penalty.save(update_fields=["party"])


def awaiting_review(limit: int = 50) -> list[Case]:
    """Cases the legal reviewer can take up now and must (第五十八条): a penalty proposed and
    notified, not yet reviewed, its hearing held or its hearing window over, and a ground for
    review (``law.legal_review_grounds``) — in the order they were registered."""
    today = clock.today()
    ready = (
        Q(case__state=State.UNDER_REVIEW)
        | Q(case__state=State.HEARING, hearing_held_on__isnull=False)
        | Q(case__state=State.NOTIFIED)
        & (Q(hearing_request_due__isnull=True) | Q(hearing_request_due__lt=today))
    )
    rows = (
        Penalty.objects.filter(ready, reviewer__isnull=True, outcome=Penalty.Outcome.PENALTY)
        .select_related("case")
        .order_by("case__registered_at")
    )
    return [
        p.case
        for p in rows[: limit * 4]
        if law.legal_review_grounds(
            hearing_held=bool(p.hearing_held_on), party=p.party_kind, amount=p.amount, kinds=p.kinds
        )
    ][:limit]


def reviewer_queues(user: Any) -> list[Queue]:
    """The legal reviewer's queue (home page and 我的工作): cases waiting for 法制审核."""
    if not has_role(user, LEGAL_REVIEWER):
        return []
    waiting = awaiting_review()
    return [
        Queue(
            "legal-review",
            "待法制审核",
            "scale",
            [case_queue_row(c) for c in waiting[:20]],
            "没有等待法制审核的案件",
            total=len(waiting),
        )
    ]
