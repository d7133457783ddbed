"""A hand-counted county: cases, clocks, penalties and leads of the demo town around National
Day 2026, and one case of the second town that must never show in the first town's figures.

Clocks: a 5-working-day clock started 2026-09-29 falls due on 2026-10-12 (09-30, 10-08, 10-09,
10-10 调休上班, 10-12; 10-01…10-07 are the holiday). The figures the tests expect are counted by
hand in each test's docstring.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tests.cases import conftest as _cases

cells, fresh_index, places = _cases.cells, _cases.fresh_index, _cases.places
domains, departments, squadrons, make_officer = (
    _cases.domains,
    _cases.departments,
    _cases.squadrons,
    _cases.make_officer,
)
items, handlers, party, _media = _cases.items, _cases.handlers, _cases.party, _cases._media

NOW = "2026-10-20 10:00"


def at(day: str, hour: int = 10) -> dt.datetime:
    from zhifa.core.clock import TZ

    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=TZ)


@pytest.fixture
def supervisor(make_user, towns):
    """县司法局执法监督员 supervising both demo towns (no town of their own)."""
    return make_user(
        roles=["jiandu"],
        town=None,
        username="jiandu",
        full_name="监督甲",
        supervised_towns=[towns["main"], towns["second"]],
        organisation="繁峙县司法局",
    )


@pytest.fixture
def county(personas, items, party, handlers, clock) -> dict[str, Any]:
    """The fixture county (see the module docstring)."""
    from zhifa.cases.models import Case, CaseHandler, State
    from zhifa.core.deadlines import deadline_complete, deadline_open
    from zhifa.intake.models import Lead
    from zhifa.penalty.models import Penalty

    clock.freeze(NOW)
    town, other = personas.town, personas.other_town
    seq = {"n": 0}

    def case(
        t: Any, *, registered: str, state: str, filed: str | None = None, closed: str | None = None
    ) -> Case:
        seq["n"] += 1
        c = Case.objects.create(
            town=t,
            number=f"测试〔2026〕{seq['n']}号",
            year=2026,
            seq=seq["n"],
            cause="测试案由",
            source="patrol",
            summary="测试",
            discovered_on=dt.date(2026, 8, 1),
            address="砂河镇",
            registered_by=personas.officer,
            registered_at=at(registered),
            filed_at=at(filed) if filed else None,
            closed_at=at(closed) if closed else None,
            state=state,
        )
        if t == town:
            c.items.add(items["coal"])
            CaseHandler.objects.create(
                town=t,
                case=c,
                officer=handlers[0],
                certificate_number="X",
                assigned_on=c.discovered_on,
            )
        return c

    def clock_on(c: Case, *, start: str, done: str | None) -> Any:
        d = deadline_open(
            town=c.town,
            subject=c,
            kind="statement_window",
            purpose="陈述申辩期限",
            article="行政处罚法第四十五条",
            start=at(start),
            amount=5,
            unit="working_days",
        )
        if done:
            deadline_complete(deadline=d, at=at(done))
        return d

    a = case(
        town, registered="2026-09-28", filed="2026-09-29", closed="2026-10-15", state=State.CLOSED
    )
    b = case(
        town, registered="2026-09-29", filed="2026-09-29", closed="2026-10-16", state=State.CLOSED
    )
    c = case(town, registered="2026-10-09", filed="2026-10-09", state=State.INVESTIGATING)
    d = case(
        town, registered="2026-08-15", filed="2026-08-16", closed="2026-09-10", state=State.CLOSED
    )
    e = case(
        other, registered="2026-09-30", filed="2026-09-30", closed="2026-10-10", state=State.CLOSED
    )
    clock_on(a, start="2026-09-29", done="2026-10-12")  # the 5th working day: on time
    clock_on(b, start="2026-09-29", done="2026-10-13")  # one working day late
    overdue = clock_on(c, start="2026-10-09", done=None)  # due 10-15, open on 10-20: overdue

    def penalty(c: Case, *, decided: str, amount: int, paid: bool) -> Penalty:
        return Penalty.objects.create(
            town=c.town,
            case=c,
            procedure="ordinary",
            outcome="penalty",
            status="effective",
            item=items["coal"],
            party=party,
            party_kind="organisation",
            kinds=["fine"],
            amount=Decimal(amount),
            decided_on=dt.date.fromisoformat(decided),
            paid_on=dt.date.fromisoformat(decided) if paid else None,
            paid_amount=Decimal(amount) if paid else None,
        )

    penalty(a, decided="2026-10-12", amount=60000, paid=True)  # 5 working days after filing
    penalty(b, decided="2026-10-13", amount=1000, paid=False)  # 6 working days after filing

    def lead(
        t: Any,
        *,
        received: str,
        source: str = "hotline",
        due: str | None = None,
        signed: str | None = None,
        case_: Case | None = None,
    ) -> Lead:
        return Lead.objects.create(
            town=t,
            source=source,
            source_ref=f"GD{received}{source}",
            text="测试反映",
            received_at=at(received),
            dispatch_due=at(due, 18) if due else None,
            signed_at=at(signed) if signed else None,
            case=case_,
            status="case" if case_ else "new",
        )

    lead(town, received="2026-09-29", due="2026-09-30", signed="2026-09-30", case_=c)  # on time
    lead(town, received="2026-09-30", due="2026-10-08", signed="2026-10-09")  # late
    lead(town, received="2026-10-10", source="grid")
    lead(other, received="2026-10-10")
    return {
        "a": a,
        "b": b,
        "c": c,
        "d": d,
        "e": e,
        "overdue": overdue,
        "town": town,
        "other": other,
    }
