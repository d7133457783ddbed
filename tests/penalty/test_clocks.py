"""The clocks the penalty procedure opens are the ones its rules compute: each deadline counts
the rule's period (amount, unit, article) from the rule's start and falls due on the rule's day."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhifa.core.articles import short
from zhifa.core.deadlines import deadlines_for_subject
from zhifa.penalty import law
from zhifa.penalty import services as penalty_services

from .conftest import decide

D = dt.date


def _clock_of(case, kind):  # type: ignore[no-untyped-def]
    return deadlines_for_subject(case).get(kind=kind)


def _same(deadline, rule) -> None:  # type: ignore[no-untyped-def]
    assert timezone.localtime(deadline.due_at).date() == rule.due
    assert (deadline.amount, deadline.unit) == (rule.period.amount, rule.period.unit)
    assert deadline.article == short(rule.period.article)


def test_every_clock_of_s5_is_the_one_its_rule_computes(notified_case, personas):
    served = D(2026, 9, 29)
    _same(
        _clock_of(notified_case, "hearing_request"),
        law.rule_hearing_request_clock(served_on=served),
    )
    _same(
        _clock_of(notified_case, "statement"),
        law.rule_statement_clock(served_on=served, hearing_offered=True),
    )
    decided = D(2026, 11, 2)
    decide(notified_case, personas, on=decided)
    _same(_clock_of(notified_case, "service"), law.rule_service_clock(decided_on=decided))
    _same(_clock_of(notified_case, "disclosure"), law.rule_disclosure_clock(decided_on=decided))
    penalty_services.decision_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 11, 3), method="direct"
    )
    payment = law.rule_payment_clock(effective_on=D(2026, 11, 3))
    _same(_clock_of(notified_case, "payment"), payment)
    assert payment.due == D(2026, 11, 18)
    penalty_services.reminder_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 12, 14)
    )
    _same(
        _clock_of(notified_case, "enforcement"),
        law.rule_enforcement_clock(reminder_served_on=D(2026, 12, 14)),
    )


def test_the_disclosure_of_a_decision_changed_on_appeal_is_withdrawn_on_the_rules_day(
    notified_case, personas
):
    decide(notified_case, personas)
    penalty_services.decision_serve(
        case=notified_case, actor=personas.officer, served_on=D(2026, 11, 3), method="direct"
    )
    penalty_services.decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 5), place="镇政务公开栏"
    )
    appeal = penalty_services.appeal_file(
        case=notified_case,
        actor=personas.officer,
        kind="reconsideration",
        body="县人民政府",
        filed_on=D(2026, 11, 10),
    )
    penalty_services.appeal_decide(
        appeal=appeal,
        actor=personas.officer,
        outcome="changed",
        decided_on=D(2026, 12, 1),
        new_amount=40000,
    )

    _same(
        _clock_of(notified_case, "disclosure_withdraw"),
        law.rule_disclosure_clock(decided_on=D(2026, 12, 1), changed=True),
    )
