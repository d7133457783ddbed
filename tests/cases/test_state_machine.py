"""The case state machine as a table: each allowed transition succeeds and writes its event; each
forbidden one is refused with a Chinese message naming the rule, and changes nothing."""

from __future__ import annotations

import pytest

from zhifa.cases import services
from zhifa.cases.models import Case, CaseEvent, State
from zhifa.core.errors import RuleViolation


def _drive(case: Case, personas, target: str) -> Case:
    """Bring a fresh case to ``target`` through the services (the only way states change)."""
    leader = personas.leader
    officer = personas.officer
    path = {
        State.REGISTERED: [],
        State.FILED: ["file"],
        State.INVESTIGATING: ["file", "investigate"],
        State.PROPOSED: ["file", "investigate", "propose"],
        State.CLOSED: ["close_registered"],
        State.WITHDRAWN: ["file", "withdraw"],
        State.TRANSFERRED: ["transfer"],
    }[target]
    for step in path:
        case = STEPS[step](case, officer, leader)
    return case


def _transfer(case, officer, leader):
    from zhifa.catalog.models import Department

    if case.is_active:
        services.record_create(
            case=case,
            actor=officer,
            kind="inspection",
            started_at=_at(9),
            ended_at=_at(10),
            place="山会村储煤场",
            findings="煤堆未覆盖，局部冒烟。",
            signature="signed",
        )
    dept = Department.objects.get(town=case.town, name="繁峙县规划和自然资源局")
    services.case_transfer(
        case=case,
        actor=officer,
        kind="department",
        department=dept,
        reason="不属于本镇承接事项",
        facts="占用土地堆放煤炭",
    )
    return Case.objects.get(pk=case.pk)


def _at(hour: int):
    import datetime as dt

    from django.utils import timezone

    return timezone.make_aware(dt.datetime(2026, 9, 8, hour, 0))


STEPS = {
    "file": lambda c, o, lead: services.case_file(case=c, actor=o, approved_by=lead),
    "investigate": lambda c, o, lead: services.case_start_investigation(case=c, actor=o),
    "propose": lambda c, o, lead: services.case_propose(
        case=c, actor=o, proposal="no_penalty", text_="首次违法，已当场改正，危害轻微"
    ),
    "reinvestigate": lambda c, o, lead: services.case_reinvestigate(
        case=c, actor=o, reason="需补充询问当事人"
    ),
    "withdraw": lambda c, o, lead: services.case_withdraw(
        case=c, actor=o, reason="经核查违法事实不能成立", approved_by=lead
    ),
    "close_registered": lambda c, o, lead: services.case_close(
        case=c, actor=o, outcome="经初步核查不符合立案条件，不予立案"
    ),
    "close": lambda c, o, lead: services.case_close(
        case=c, actor=o, outcome="不予行政处罚，已对当事人进行教育"
    ),
    "transfer": _transfer,
}

# (verb, source state) → expected target; every other pair is forbidden.
ALLOWED = {
    ("file", State.REGISTERED): (State.FILED, "filed"),
    ("investigate", State.FILED): (State.INVESTIGATING, "investigation_started"),
    ("propose", State.INVESTIGATING): (State.PROPOSED, "proposed"),
    ("reinvestigate", State.PROPOSED): (State.INVESTIGATING, "reinvestigation"),
    ("withdraw", State.FILED): (State.WITHDRAWN, "withdrawn"),
    ("withdraw", State.INVESTIGATING): (State.WITHDRAWN, "withdrawn"),
    ("withdraw", State.PROPOSED): (State.WITHDRAWN, "withdrawn"),
    ("close_registered", State.REGISTERED): (State.CLOSED, "closed"),
    ("transfer", State.REGISTERED): (State.TRANSFERRED, "transferred"),
    ("transfer", State.FILED): (State.TRANSFERRED, "transferred"),
    ("transfer", State.INVESTIGATING): (State.TRANSFERRED, "transferred"),
    ("transfer", State.PROPOSED): (State.TRANSFERRED, "transferred"),
}
SOURCES = [
    State.REGISTERED,
    State.FILED,
    State.INVESTIGATING,
    State.PROPOSED,
    State.CLOSED,
    State.WITHDRAWN,
    State.TRANSFERRED,
]
VERBS = ["file", "investigate", "propose", "reinvestigate", "withdraw", "close", "transfer"]
FORBIDDEN = [
    (verb, source)
    for verb in VERBS
    for source in SOURCES
    if (verb, source) not in ALLOWED and not (verb == "close" and source == State.REGISTERED)
]


@pytest.mark.parametrize(("verb", "source"), list(ALLOWED), ids=lambda v: str(v))
def test_each_allowed_transition_succeeds_and_writes_its_event(verb, source, new_case, personas):
    case = _drive(new_case(), personas, source)
    target, event_type = ALLOWED[(verb, source)]
    before = case.record_length

    STEPS[verb](case, personas.officer, personas.leader)

    case = Case.objects.get(pk=case.pk)
    assert case.state == target
    types = list(
        CaseEvent.objects.filter(case=case, seq__gt=before).values_list("event_type", flat=True)
    )
    assert event_type in types


@pytest.mark.parametrize(("verb", "source"), FORBIDDEN, ids=lambda v: str(v))
def test_each_forbidden_transition_is_refused_naming_the_rule_and_changes_nothing(
    verb, source, new_case, personas
):
    case = _drive(new_case(), personas, source)
    before = (case.state, case.record_length, case.record_head)

    with pytest.raises(RuleViolation) as refused:
        STEPS[verb](case, personas.officer, personas.leader)

    assert "行政处罚法第" in refused.value.message
    assert "不能" in refused.value.message
    case = Case.objects.get(pk=case.pk)
    assert (case.state, case.record_length, case.record_head) == before


def test_a_proposed_penalty_cannot_be_closed_before_the_prior_notice(new_case, personas):
    case = _drive(new_case(), personas, State.INVESTIGATING)
    case = services.case_propose(
        case=case, actor=personas.officer, proposal="penalty", text_="拟处罚款一万元"
    )

    with pytest.raises(RuleViolation, match="第四十四条"):
        services.case_close(case=case, actor=personas.officer, outcome="直接结案试试")
    assert Case.objects.get(pk=case.pk).state == State.PROPOSED


def test_a_no_penalty_proposal_cannot_be_closed_without_its_decision_and_education(
    new_case, personas
):
    case = _drive(new_case(), personas, State.PROPOSED)
    assert case.proposal == Case.Proposal.NO_PENALTY
    before = (case.record_length, case.record_head)

    with pytest.raises(RuleViolation, match="第三十三条") as refused:
        services.case_close(case=case, actor=personas.officer, outcome="不予处罚，直接结案")

    assert "教育" in refused.value.message
    case = Case.objects.get(pk=case.pk)
    assert case.state == State.PROPOSED
    assert (case.record_length, case.record_head) == before


def test_a_closed_case_takes_no_edits_but_its_record_still_grows(new_case, personas):
    from zhifa.core.errors import DomainError

    case = _drive(new_case(), personas, State.CLOSED)
    with pytest.raises(DomainError, match="不能再修改"):
        services.record_create(
            case=case,
            actor=personas.officer,
            kind="inspection",
            started_at=_at(9),
            ended_at=_at(10),
            place="现场",
            findings="再去看看情况",
            signature="signed",
        )
    length = case.record_length
    case = services.case_note(
        case=case, actor=personas.leader, text_="当事人申请行政复议，县政府维持"
    )
    assert case.record_length == length + 1
