"""``case_transition``: every change of a case's state locks the case, is checked against the
machine's table, and writes exactly one event; a refusal inside the step changes nothing. The
table itself tells the truth: a proposal never closes directly."""

from __future__ import annotations

import pytest
from django_fsm import can_proceed

from zhifa.cases import services
from zhifa.cases.forms import steps_available
from zhifa.cases.models import Case, CaseEvent, State
from zhifa.cases.transitions import case_transition
from zhifa.core.errors import DomainError, RuleViolation


def _investigating(new_case, personas) -> Case:
    case = new_case()
    services.case_file(case=case, actor=personas.officer, approved_by=personas.leader)
    return services.case_start_investigation(case=case, actor=personas.officer)


@pytest.mark.parametrize(
    ("proposal", "article"),
    [("penalty", "第四十四条"), ("no_penalty", "第三十三条"), ("transfer", "第二十七条")],
)
def test_a_proposal_is_never_closed_directly_nor_offered_closing_on_its_page(
    proposal, article, new_case, personas
):
    case = services.case_propose(
        case=_investigating(new_case, personas),
        actor=personas.officer,
        proposal=proposal,
        text_="调查终结，提出处理意见",
    )
    before = (case.record_length, case.record_head)

    assert not can_proceed(case.close)
    assert "close" not in steps_available(case)
    with pytest.raises(RuleViolation, match=article) as refused:
        services.case_close(case=case, actor=personas.officer, outcome="直接结案试试")

    assert "不能直接结案" in refused.value.message
    case = Case.objects.get(pk=case.pk)
    assert case.state == State.PROPOSED
    assert (case.record_length, case.record_head) == before


def test_a_registered_matter_closes_and_its_one_event_records_both_states(new_case, personas):
    case = new_case()
    before = case.record_length

    services.case_close(
        case=case, actor=personas.officer, outcome="经初步核查不符合立案条件，不予立案"
    )

    closed = CaseEvent.objects.filter(case=case, seq__gt=before, event_type="closed").get()
    assert closed.old == {"state": "registered"} and closed.new["state"] == "closed"
    state_events = CaseEvent.objects.filter(case=case, seq__gt=before, new__has_key="state")
    assert state_events.count() == 1


def test_a_refusal_inside_the_step_rolls_back_the_state_and_the_record(new_case, personas):
    case = new_case()
    before = (case.record_length, case.record_head)

    with (
        pytest.raises(DomainError, match="材料不全"),
        case_transition(case, "file", actor=personas.officer, event_type="filed") as step,
    ):
        step.change()
        raise DomainError("材料不全，不能立案")

    case = Case.objects.get(pk=case.pk)
    assert case.state == State.REGISTERED
    assert (case.record_length, case.record_head) == before


def test_a_step_that_records_no_event_changes_nothing(new_case, personas):
    case = new_case()
    before = case.record_length

    with (
        pytest.raises(RuntimeError, match="no event"),
        case_transition(case, "file", actor=personas.officer, event_type="filed"),
    ):
        pass

    case = Case.objects.get(pk=case.pk)
    assert case.state == State.REGISTERED and case.record_length == before


def test_a_verb_the_state_does_not_allow_is_refused_before_the_step_runs(new_case, personas):
    case = new_case()
    ran = []

    with (
        pytest.raises(RuleViolation, match="不能开始调查"),
        case_transition(
            case, "investigate", actor=personas.officer, event_type="investigation_started"
        ) as step,
    ):
        ran.append(step)
        step.record("开始调查取证")

    assert ran == [] and Case.objects.get(pk=case.pk).state == State.REGISTERED


def test_a_measure_step_on_a_closed_case_is_refused_unless_it_may_follow_the_case(
    new_case, personas
):
    case = new_case()
    services.case_close(
        case=case, actor=personas.officer, outcome="经初步核查不符合立案条件，不予立案"
    )

    with (
        pytest.raises(DomainError, match="不能再修改"),
        case_transition(case, actor=personas.officer, event_type="note") as step,
    ):
        step.record("补记")
    with case_transition(case, actor=personas.officer, event_type="note", closed_ok=True) as step:
        step.record("当事人申请行政复议，县政府维持")

    last = CaseEvent.objects.filter(case=case).order_by("-seq").first()
    assert last.event_type == "note" and last.summary == "当事人申请行政复议，县政府维持"
