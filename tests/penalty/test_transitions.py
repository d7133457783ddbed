"""The penalty procedure on the case's state machine: every change of state is one event whose
old state is the one before it; execution is its own transition (``execute``), taken where the
fine is paid, collected on the spot, reminded or sent to court; the machine's conditions, not the
services, refuse a step the proposal does not lead to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhifa.cases import services
from zhifa.cases.models import Case, CaseEvent, State
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.penalty import services as penalty_services

from .conftest import decide

D = dt.date


def _state_path(case: Case) -> list[tuple[str, str]]:
    """(event type, old → new state) for every event that changed the state, in order; asserts
    that each starts where the previous one ended and the last ends where the case stands."""
    path, current = [], None
    for event in CaseEvent.objects.filter(case=case).order_by("seq"):
        if "state" not in event.old:
            continue
        old, new = event.old["state"], event.new["state"]
        assert current is None or old == current, (event.event_type, old, current)
        path.append((event.event_type, f"{old}→{new}"))
        current = new
    assert current == Case.objects.get(pk=case.pk).state
    return path


def test_s5_paid_late_records_each_change_of_state_once_and_execution_at_the_payment(
    notified_case, personas
):
    decide(notified_case, personas)
    penalty_services.decision_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 11, 3), method="direct"
    )
    penalty_services.payment_record(
        case=notified_case, actor=personas.officer, paid_on=D(2026, 12, 28), amount=120000
    )
    penalty_services.penalty_close(case=notified_case, actor=personas.officer, on=D(2026, 12, 29))

    assert _state_path(notified_case)[-7:] == [
        ("proposed", "investigating→proposed"),
        ("notified", "proposed→notified"),
        ("legal_review", "notified→under_review"),
        ("decided", "under_review→decided"),
        ("served", "decided→served"),
        ("payment", "served→executing"),
        ("closed", "executing→closed"),
    ]


def _on_the_spot(personas, handlers, stall, **extra):  # type: ignore[no-untyped-def]
    values = dict(
        town=personas.town,
        actor=personas.officer,
        officers=handlers,
        party=stall["keeper"],
        item=stall["item"],
        cause="擅自占用人行道摆摊经营案",
        facts="在东街人行道上摆摊经营",
        place="东街",
        act_at=timezone.make_aware(dt.datetime(2026, 9, 5, 10)),
        violated="《城市道路管理条例》第二十七条",
        basis="《城市道路管理条例》第四十二条",
        kinds=["fine"],
        amount=100,
    )
    return penalty_services.onthespot_decide(**{**values, **extra})


def test_an_on_the_spot_fine_collected_there_is_decided_served_and_executed_one_event_each(
    personas, handlers, stall
):
    case = _on_the_spot(
        personas, handlers, stall, collect_on_spot=True, receipt_no="晋财罚示例0000123"
    )
    penalty_services.onthespot_hand_in(case=case, actor=personas.officer, on=D(2026, 9, 7))

    assert _state_path(case) == [
        ("decided_on_the_spot", "registered→decided"),
        ("served", "decided→served"),
        ("payment", "served→executing"),
        ("closed", "executing→closed"),
    ]
    payment = CaseEvent.objects.get(case=case, event_type="payment")
    assert "当场收缴" in payment.summary and "晋财罚示例0000123" in payment.summary


def test_an_on_the_spot_fine_paid_later_stays_served_until_the_payment_executes_it(
    personas, handlers, stall
):
    case = _on_the_spot(personas, handlers, stall)
    assert case.state == State.SERVED

    penalty_services.payment_record(
        case=case, actor=personas.officer, paid_on=D(2026, 9, 10), amount=100
    )

    assert _state_path(case)[-1] == ("payment", "served→executing")


def test_a_served_warning_closes_without_execution(personas, handlers, stall):
    case = _on_the_spot(personas, handlers, stall, kinds=["warning"], amount=0)

    closed = penalty_services.penalty_close(case=case, actor=personas.officer, on=D(2026, 9, 6))

    assert closed.state == State.CLOSED
    assert _state_path(case)[-1] == ("closed", "served→closed")


def test_a_payment_before_service_is_refused_by_the_machine_and_changes_nothing(
    notified_case, personas
):
    decide(notified_case, personas)
    before = Case.objects.get(pk=notified_case.pk).record_length

    with pytest.raises(RuleViolation, match="决定送达后方可执行") as refused:
        penalty_services.payment_record(
            case=notified_case, actor=personas.officer, paid_on=D(2026, 11, 3), amount=60000
        )

    assert "第六十六条" in refused.value.message
    case = Case.objects.get(pk=notified_case.pk)
    assert case.state == State.DECIDED and case.record_length == before


def _no_penalty_proposed(new_case, personas) -> Case:
    case = new_case(item_keys=("coal",))
    services.case_file(
        case=case, actor=personas.officer, approved_by=personas.leader, on=D(2026, 9, 8)
    )
    services.case_start_investigation(case=case, actor=personas.officer, on=D(2026, 9, 8))
    return penalty_services.penalty_propose(
        case=case,
        actor=personas.officer,
        proposal="no_penalty",
        reason="初次违法且危害后果轻微，当场改正",
        facts="煤堆局部未覆盖，当场覆盖",
        violated="《中华人民共和国大气污染防治法》第七十二条",
        basis="《中华人民共和国行政处罚法》第三十三条第一款",
    )


def test_a_no_penalty_proposal_is_neither_notified_nor_decided_as_a_penalty(new_case, personas):
    case = _no_penalty_proposed(new_case, personas)
    before = (case.record_length, case.record_head)

    with pytest.raises(DomainError, match="无需事先告知，请作出不予行政处罚决定"):
        penalty_services.notice_serve(case=case, actor=personas.officer, served_on=D(2026, 9, 9))
    with pytest.raises(DomainError, match="处理意见为不予处罚，请作出不予行政处罚决定"):
        penalty_services.decision_make(case=case, actor=personas.officer, on=D(2026, 9, 9))

    case = Case.objects.get(pk=case.pk)
    assert case.state == State.PROPOSED
    assert (case.record_length, case.record_head) == before


def test_a_penalty_proposal_gets_no_no_penalty_decision_nor_a_decision_before_its_notice(
    proposed_case, personas
):
    before = (proposed_case.record_length, proposed_case.record_head)

    with pytest.raises(DomainError, match="处理意见不是不予处罚"):
        penalty_services.no_penalty_decide(
            case=proposed_case,
            actor=personas.officer,
            on=D(2026, 9, 26),
            reason="初次违法且危害后果轻微",
            education_on=D(2026, 9, 26),
            education_form="当面批评教育",
        )
    with pytest.raises(RuleViolation, match="第四十四条") as refused:
        penalty_services.decision_make(
            case=proposed_case, actor=personas.officer, on=D(2026, 9, 26)
        )

    assert "事先告知" in refused.value.message
    case = Case.objects.get(pk=proposed_case.pk)
    assert case.state == State.PROPOSED
    assert (case.record_length, case.record_head) == before
