"""The simple procedure on the spot and collection on the spot (行政处罚法第五十一条、第六十八条至第七十一条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.cases.context import case_context
from zhifa.cases.models import Case
from zhifa.cases.services.case import case_register
from zhifa.cases.services.common import (
    issue,
    text,
)
from zhifa.cases.transitions import case_transition
from zhifa.catalog.models import PowerItem
from zhifa.catalog.rules import fine_rule_check, money
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.core.models import Town
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from .. import law
from ..models import Penalty
from .common import _clock, _finish, _payment, _penalty
from .execution import penalty_close

# --- simple procedure ---------------------------------------------------------------------------


def onthespot_decide(
    *,
    town: Town,
    actor: Any,
    officers: list[Officer],
    party: Subject,
    item: PowerItem,
    cause: str,
    facts: str,
    place: str,
    act_at: dt.datetime,
    violated: str,
    basis: str,
    kinds: list[str],
    amount: Decimal | int | str = 0,
    collect_on_spot: bool = False,
    hard_to_collect: bool = False,
    remote_area_request: bool = False,
    receipt_no: str = "",
    lat: float | None = None,
    lng: float | None = None,
) -> Case:
    """当场处罚 (第五十一条、第五十二条): two officers, a warning or a small fine, the numbered form
    handed over on the spot, on-the-spot collection only where Art 68 allows (with the finance
    receipt), the hand-in clock (2 working days, 第七十一条) and 备案 with the team."""
    party_kind = law.party_kind_of(party)
    kinds = [k for k in kinds if k]
    law.rule_simple_procedure_limits(kinds=kinds, amount=amount, party=party_kind)
    amount = Decimal(str(amount or 0)) if "fine" in kinds else Decimal(0)
    facts = text(facts, label="违法事实", minimum=4)
    violated, basis = (
        text(violated, label="违反的规定", minimum=4),
        text(basis, label="处罚依据", minimum=4),
    )
    place = text(place, label="违法地点")
    if collect_on_spot:
        law.rule_on_the_spot_collection(
            amount=amount,
            hard_to_collect=hard_to_collect,
            remote_area_request=remote_area_request,
        )
        if len(receipt_no.strip()) < 4:
            raise RuleViolation(
                "当场收缴罚款应当出具财政部门统一制发的专用票据，请填写票据号",
                article=law.A70,
                code="receipt_required",
            )
    local = timezone.localtime(act_at) if timezone.is_aware(act_at) else act_at
    on = local.date()
    law.rule_two_handlers(officers=officers, on=on, item=item)
    if "fine" in kinds:  # the law's own range applies under the simple procedure too
        fine_rule_check(item=item, amount=amount, facts={"party": party_kind}, on=on)
    with transaction.atomic():
        case = case_register(
            town=town,
            actor=actor,
            cause=text(cause, label="案由", minimum=4),
            source=Case.Source.PATROL,
            summary=facts,
            address=place,
            items=[item],
            parties=[party],
            discovered_on=on,
            act_date=on,
            lat=lat,
            lng=lng,
            handlers=officers,
        )
        with case_transition(
            case, "decide_on_the_spot", actor=actor, event_type="decided_on_the_spot"
        ) as step:
            case = step.case
            law.rule_authority_on_act_date(case=case, act="penalty", on=on)
            p = Penalty.objects.create(
                town=town,
                case=case,
                procedure=Penalty.Procedure.SIMPLE,
                item=item,
                party=party,
                party_kind=party_kind,
                kinds=kinds,
                amount=amount,
                facts=facts,
                violated=violated,
                basis=basis,
                act_at=act_at,
                act_place=place,
                collected_on_spot=collect_on_spot,
                receipt_no=receipt_no.strip(),
            )
            context = case_context(case, party=party)
            context.update(
                act={
                    "time": local.replace(tzinfo=None).isoformat(timespec="minutes"),
                    "place": place,
                },
                facts=facts,
                violated=violated,
                basis=basis,
                penalty={
                    "kind": "罚款" if "fine" in kinds else "警告",
                    "amount": float(amount) if "fine" in kinds else None,
                    "content": p.content,
                },
                payment={
                    "on_the_spot": collect_on_spot,
                    "receipt_no": receipt_no.strip(),
                    **_payment(town),
                },
            )
            doc = issue(
                case=case, doc_type="onthespot_decision", context=context, actor=actor, date=on
            )
            step.change(outcome=f"{doc.number}：{p.content}")
            p.decided_on, p.decision_doc, p.status = on, doc, Penalty.Status.EFFECTIVE
            p.filed_with_team_on = on
            p.save()
            step.record(
                f"当场作出{doc.number}：{p.content}，报队部备案",
                document=doc.number,
                amount=str(amount),
            )
        # 当场交付 (第五十二条): the decision is served as it is made.
        with case_transition(case, "serve", actor=actor, event_type="served") as step:
            case = step.case
            p.served_on, p.effective_on, p.service_method = on, on, "on_the_spot"
            if "fine" in kinds and not collect_on_spot:
                pay = _clock(
                    case,
                    kind="payment",
                    purpose="当事人缴纳罚款期限",
                    clock=law.rule_payment_clock(effective_on=on),
                    actor=actor,
                )
                p.due_on = timezone.localtime(pay.due_at).date()
            p.save()
            step.record(
                f"当场交付{doc.number}（{on:%Y-%m-%d}）"
                + (f"，缴款期限至{p.due_on}" if p.due_on else ""),
                method="on_the_spot",
                effective_on=on,
            )
        if "fine" in kinds and collect_on_spot:
            # 当场收缴 (第六十八条、第六十九条): executed as it is paid, handed in within 2 working days.
            with case_transition(case, "execute", actor=actor, event_type="payment") as step:
                case = step.case
                p.paid_on, p.paid_amount = on, amount
                p.save()
                _clock(
                    case,
                    kind="hand_in",
                    purpose="当场收缴罚款交至指定银行",
                    clock=law.rule_hand_in_clock(collected_on=on),
                    actor=actor,
                )
                step.record(
                    f"当场收缴罚款{money(amount)}元，票据号{p.receipt_no}",
                    fine=str(amount),
                    surcharge="0",
                    late_days=0,
                    receipt=p.receipt_no,
                )
    return case


def onthespot_hand_in(*, case: Case, actor: Any, on: dt.date, close: bool = True) -> Case:
    """当场收缴的罚款 handed in to the bank within 2 working days (第七十一条); then the case closes."""
    with case_transition(case, actor=actor, event_type="handed_in", closed_ok=True) as step:
        case = step.case
        p = _penalty(case)
        if not p.collected_on_spot:
            raise DomainError("本案罚款不是当场收缴", code="not_collected")
        if p.handed_in_on:
            raise DomainError("罚款已上缴", code="already_handed_in", status=409)
        p.handed_in_on = on
        p.save(update_fields=["handed_in_on"])
        _finish(case, "hand_in", on)
        bank = case.town.payment_bank or "指定银行"
        step.record(f"{on:%Y-%m-%d}将当场收缴的罚款交至{bank}", on=on)
    if close:
        case = penalty_close(case=case, actor=actor, on=on)
    return case
