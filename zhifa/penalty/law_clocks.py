"""The penalty procedure's clocks, one named rule each: the day a period the law sets ends, with
the ``Period`` it counts (``core.articles``). Services open their deadlines from these answers and
never write a number of days themselves."""

from __future__ import annotations

import dataclasses
import datetime as dt

from zhifa.core.articles import (
    DECISION,
    DISCLOSURE,
    DISCLOSURE_WITHDRAW,
    HAND_IN,
    HEARING_REQUEST,
    PAYMENT,
    REMINDER,
    SERVICE,
    STATEMENT,
)

from .law_common import Clock, period_clock


def rule_decision_clock(*, filed_on: dt.date) -> Clock:
    """A decision within 90 days of filing (第六十条)."""
    return period_clock(filed_on, DECISION)


def rule_statement_clock(
    *, served_on: dt.date, hearing_offered: bool, days: int | None = None
) -> Clock:
    """The party's statement window from the prior notice (第四十四条、第四十五条): the house's 3
    working days, as long as the hearing-request window when a hearing is offered, or the longer
    window the notice gives."""
    length = days or (HEARING_REQUEST.amount if hearing_offered else STATEMENT.amount)
    return period_clock(served_on, dataclasses.replace(STATEMENT, amount=int(length)))


def rule_hearing_request_clock(*, served_on: dt.date) -> Clock:
    """A hearing request within 5 working days of the notice (第六十四条第一项)."""
    return period_clock(served_on, HEARING_REQUEST)


def rule_service_clock(*, decided_on: dt.date) -> Clock:
    """The decision served within 7 working days when the party was absent (第六十一条)."""
    return period_clock(decided_on, SERVICE)


def rule_payment_clock(*, effective_on: dt.date) -> Clock:
    """The fine paid within 15 days of the day service took effect (第六十七条)."""
    return period_clock(effective_on, PAYMENT)


def rule_hand_in_clock(*, collected_on: dt.date) -> Clock:
    """A fine collected on the spot handed in to the bank within 2 working days (第七十一条)."""
    return period_clock(collected_on, HAND_IN)


def rule_enforcement_clock(*, reminder_served_on: dt.date) -> Clock:
    """The court may be asked 10 working days after the reminder was served (强制法第五十四条)."""
    return period_clock(reminder_served_on, REMINDER)


def rule_disclosure_clock(*, decided_on: dt.date, changed: bool = False) -> Clock:
    """A penalty decision is disclosed within 7 working days; a changed or revoked one withdrawn
    within 3 working days (处罚法第四十八条; 国办发〔2018〕118号)."""
    return period_clock(decided_on, DISCLOSURE_WITHDRAW if changed else DISCLOSURE)
