"""The leader's warnings list (网上预警, on the dashboard) carries the publication clocks of rule 15:
a penalty decision of the general procedure not published within 7 working days of its decision,
and a changed decision whose published text is not withdrawn within 3 working days of the change,
both counted on the official holiday calendar. Each leaves the list once its step is recorded."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from zhifa.disclosure.sources import (
    appeal_decide,
    appeal_file,
    decision_disclose,
    decision_disclosure_withdraw,
)

from .conftest import decide

pytestmark = pytest.mark.django_db
D = dt.date
ROW = re.compile(r'<tr data-level="(red|yellow)" data-kind="clock">(.*?)</tr>', re.S)


def _warnings(client, case_number: str, what: str) -> list[str]:
    """The levels of the warning rows naming this case and this clock."""
    page = client.get("/dashboard/warnings/").content.decode()
    return [level for level, row in ROW.findall(page) if case_number in row and what in row]


def test_a_decision_not_published_in_7_working_days_is_red_on_the_warnings_list(
    client, login, clock, notified_case, personas
):
    clock.freeze("2026-11-03 10:00")
    decide(notified_case, personas)  # Monday 11-02: the 7 working days end Wednesday 11-11
    login(client, personas.leader)
    number = notified_case.number
    assert _warnings(client, number, "公开行政处罚决定") == []
    clock.freeze("2026-11-09 10:00")  # two working days left: yellow
    assert _warnings(client, number, "公开行政处罚决定") == ["yellow"]
    clock.freeze("2026-11-12 09:00")
    assert _warnings(client, number, "公开行政处罚决定") == ["red"]
    page = client.get("/dashboard/warnings/").content.decode()
    assert "届满 2026-11-11" in page

    decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 12), place="镇政务公开栏"
    )
    assert _warnings(client, number, "公开行政处罚决定") == []


def test_the_7_working_days_skip_the_national_day_holiday(
    client, login, clock, notified_case, personas
):
    """Decided on Tuesday 09-29: seven weekdays would end on 10-08, but on the official calendar
    of 2026 the National Day holiday is off and the clock ends on Wednesday 10-14."""
    clock.freeze("2026-09-29 16:00")
    decide(notified_case, personas, on=D(2026, 9, 29))
    login(client, personas.leader)
    number = notified_case.number
    clock.freeze("2026-10-09 10:00")
    assert _warnings(client, number, "公开行政处罚决定") == []
    clock.freeze("2026-10-13 10:00")
    assert _warnings(client, number, "公开行政处罚决定") == ["yellow"]
    assert "届满 2026-10-14" in client.get("/dashboard/warnings/").content.decode()
    clock.freeze("2026-10-15 10:00")
    assert _warnings(client, number, "公开行政处罚决定") == ["red"]


def test_a_changed_decision_still_on_public_view_after_3_working_days_is_red(
    client, login, clock, notified_case, personas
):
    clock.freeze("2026-11-05 10:00")
    decide(notified_case, personas)
    decision_disclose(
        case=notified_case, actor=personas.officer, on=D(2026, 11, 5), place="繁峙县人民政府网站"
    )
    appeal = appeal_file(
        case=notified_case,
        actor=personas.officer,
        kind="reconsideration",
        body="繁峙县人民政府",
        filed_on=D(2026, 11, 10),
    )
    clock.freeze("2026-11-18 10:00")
    appeal_decide(  # Wednesday 11-18: the 3 working days end Monday 11-23
        appeal=appeal,
        actor=personas.officer,
        outcome="changed",
        decided_on=D(2026, 11, 18),
        new_amount=40000,
        note="复议决定变更罚款数额",
    )
    login(client, personas.leader)
    number = notified_case.number
    assert _warnings(client, number, "撤下或更正已公开的处罚决定") == []
    clock.freeze("2026-11-20 10:00")  # Friday: two working days left (the weekend not counted)
    assert _warnings(client, number, "撤下或更正已公开的处罚决定") == ["yellow"]
    clock.freeze("2026-11-24 10:00")
    assert _warnings(client, number, "撤下或更正已公开的处罚决定") == ["red"]
    assert "届满 2026-11-23" in client.get("/dashboard/warnings/").content.decode()

    decision_disclosure_withdraw(
        case=notified_case,
        actor=personas.officer,
        on=D(2026, 11, 24),
        reason="复议决定变更罚款数额",
    )
    assert _warnings(client, number, "撤下或更正已公开的处罚决定") == []
