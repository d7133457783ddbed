"""Writes of the 公示 section. Publication and withdrawal themselves are steps of the penalty
procedure (``sources.decision_disclose`` / ``decision_disclosure_withdraw``); here the team
records that a decision is never to be published, and keeps the town's public contacts."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from zhifa.accounts.access import require_role
from zhifa.accounts.roles import LEADER
from zhifa.core.deadlines import deadline_cancel, deadlines_for_subject
from zhifa.core.errors import DomainError
from zhifa.core.models import Deadline, Town

from .models import Portal, Withholding
from .sources import EVENT_LABELS, Case, Penalty, measure_event

EVENT_LABELS.setdefault("disclosure_withheld", "不予公开")


def decision_withhold(*, case: Case, actor: Any, reason: str, note: str = "") -> Withholding:
    """The leader decides a decision is never published (a minor, privacy…). Its publication
    clock is cancelled and the decision goes on the case's record. A decision now on public view
    must first be withdrawn through the penalty procedure's step, so the withdrawal is on file."""
    require_role(actor, LEADER)
    if reason not in Withholding.Reason.values:
        raise DomainError("请选择不予公开的理由", code="bad_reason")
    note = (note or "").strip()
    if reason == Withholding.Reason.OTHER and len(note) < 4:
        raise DomainError("请写明不予公开所依据的法律、法规规定", code="note_required")
    with transaction.atomic():
        case = Case.all_towns.select_for_update().get(pk=case.pk)
        penalty = Penalty.all_towns.filter(case=case).first()
        if penalty is None or penalty.decided_on is None:
            raise DomainError("尚未作出处罚决定", code="not_decided", status=409)
        if Withholding.all_towns.filter(case=case).exists():
            raise DomainError("该决定已登记不予公开", code="already_withheld", status=409)
        if penalty.disclosed_on and not penalty.disclosure_withdrawn_on:
            raise DomainError(
                "该决定正在公示中，请先登记撤下公示，再登记不予公开", code="disclosed", status=409
            )
        withholding = Withholding.all_towns.create(
            town=case.town, case=case, reason=reason, note=note, decided_by=actor
        )
        for clock in deadlines_for_subject(case).filter(
            kind="disclosure", status=Deadline.Status.OPEN
        ):
            deadline_cancel(deadline=clock)
        measure_event(
            case=case,
            actor=actor,
            event_type="disclosure_withheld",
            summary=f"决定不予公开：{withholding.get_reason_display()}"
            + (f"（{note}）" if note else ""),
            new={"reason": reason, "note": note},
        )
    return withholding


def portal_save(*, town: Town, **values: Any) -> Portal:
    """The town's public contacts (used by the demo and the admin)."""
    portal, _ = Portal.all_towns.update_or_create(town=town, defaults=values)
    return portal
