"""Helpers the case services share: locking, approvals, issuing a document owned by the case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zhifa.accounts.roles import LEADER, has_role
from zhifa.core import clock
from zhifa.core.deadlines import deadline_cancel, deadlines_for_subject
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.core.models import Deadline
from zhifa.documents.models import Document
from zhifa.documents.services import document_draft, document_issue
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from ..models import Case, CorrectionOrder

# re-exported: steps that change no state lock the case the same way
from ..transitions import lock as lock

# Clocks that outlive the case: the decision is published (or taken down) after it, closed or not.
OUTLIVE_CASE = ("disclosure", "disclosure_withdraw")


def clocks_settle(case: Case) -> list[Deadline]:
    """The case ends (closed, withdrawn, transferred): its clocks that no longer run are cancelled
    — the decision window of a case never decided, a party window, the re-inspection of an order
    the case no longer follows. Returns them."""
    ended = list(
        deadlines_for_subject(case)
        .filter(status=Deadline.Status.OPEN)
        .exclude(kind__in=OUTLIVE_CASE)
    )
    ended += [
        order.deadline
        for order in CorrectionOrder.all_towns.filter(
            case=case, status=CorrectionOrder.Status.OPEN
        ).select_related("deadline")
        if order.deadline_id and order.deadline.status == Deadline.Status.OPEN
    ]
    for deadline in ended:
        deadline_cancel(deadline=deadline)
    return ended


def require_approval(approved_by: Any, *, what: str, article: str) -> None:
    """The head's approval (行政机关负责人批准): a leader of the team must have approved."""
    if approved_by is None or not getattr(approved_by, "pk", None):
        raise RuleViolation(
            f"{what}须经行政机关负责人批准", article=article, code="approval_missing"
        )
    if not (approved_by.is_superuser or has_role(approved_by, LEADER)):
        raise RuleViolation(
            f"{what}须经行政机关负责人批准，{approved_by.full_name or approved_by.username}不是负责人",
            article=article,
            code="approval_missing",
        )


def issue(
    *, case: Case, doc_type: str, context: dict[str, Any], actor: Any, date: dt.date | None = None
) -> Document:
    """Draft and issue a document owned by the case; its issue lands on the case record."""
    draft = document_draft(
        town=case.town, doc_type=doc_type, context=context, owner=case, actor=actor
    )
    return document_issue(document=draft, actor=actor, date=date)


def text(value: str, *, label: str, minimum: int = 2) -> str:
    value = (value or "").strip()
    if len(value) < minimum:
        raise DomainError(
            f"请填写{label}（至少 {minimum} 个字）", code="field_required", details={"field": label}
        )
    return value


def officers_of(case: Case, officers: list[Officer] | None) -> list[Officer]:
    """The officers acting: those given, or the case's handlers."""
    if officers:
        for officer in officers:
            if officer.town_id != case.town_id:
                raise DomainError("执法人员不属于本镇", code="wrong_town")
        return list(officers)
    return [row.officer for row in case.handler_rows.select_related("officer__user")]


def clock_start(day: dt.date) -> dt.datetime:
    """The start of a period counted in days from ``day`` (the law does not count the start day;
    the due date depends only on the day, so the hour is a fixed midday anchor)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def case_url(case: Case) -> str:
    return f"/cases/{case.pk}/"


def local_date(at: dt.datetime | dt.date | None) -> dt.date:
    if at is None:
        return clock.today()
    if isinstance(at, dt.datetime):
        return timezone.localtime(at).date() if timezone.is_aware(at) else at.date()
    return at


def aware(at: dt.datetime | None) -> dt.datetime:
    if at is None:
        return clock.now()
    return at if timezone.is_aware(at) else timezone.make_aware(at)


def party_of(case: Case, party: Subject | None) -> Subject | None:
    if party is not None and party.town_id != case.town_id:
        raise DomainError("当事人不属于本镇", code="wrong_town")
    return party or case.parties.first()
