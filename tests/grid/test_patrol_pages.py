"""The leaders' 安排巡查 form: on the patrols page (not lost in the page title), a working date
input, a day gone by refused in Chinese with what was typed kept; officers are not offered it."""

from __future__ import annotations

import re

import pytest

from zhifa.grid.models import Patrol
from zhifa.grid.services import grid_member_assign

from .conftest import C

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(personas, cells):
    grid_member_assign(town=personas.town, user=personas.grid_member, cells=[cells[C]])
    return personas.grid_member


def _plan(member, **extra):
    return {
        "patroller": member.pk,
        "title": "同路村夜间巡查",
        "kind": "area",
        "day": "2026-09-29",
        "start": "19:00",
        "end": "22:00",
        "villages": ["002"],
        **extra,
    }


def test_a_squadron_leader_finds_the_planning_form_on_the_page(
    client, login, personas, member, clock
):
    clock.freeze("2026-09-29 08:00")
    page = login(client, personas.squadron_leader).get("/grid/patrols/").content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and "安排巡查" not in title
    body = page.split("</head>", 1)[1]
    assert "安排巡查" in body and 'data-testid="plan-form"' in body
    assert re.search(r'<input type="date" name="day" value="2026-09-29"', body)
    # the people and villages are searchable pickers, not a Ctrl-click listbox
    assert re.search(r'<select name="villages"[^>]*data-picker="multiple"', body)
    assert re.search(r'<select name="patroller"[^>]*data-picker="single"', body)


def test_an_officer_is_not_offered_the_planning_form_and_may_not_post_it(
    client, login, personas, member
):
    page = login(client, personas.officer).get("/grid/patrols/").content.decode()
    assert "安排巡查" not in page
    assert client.post("/grid/patrols/new/", _plan(member)).status_code == 403


def test_a_planned_patrol_for_today_is_saved_in_shanghai_time(
    client, login, personas, member, clock
):
    clock.freeze("2026-09-29 08:00")
    done = login(client, personas.squadron_leader).post("/grid/patrols/new/", _plan(member))
    assert done.status_code == 302
    patrol = Patrol.objects.get(title="同路村夜间巡查")
    assert patrol.starts_at.isoformat() == "2026-09-29T11:00:00+00:00"  # 19:00 in Shanghai
    assert [c.code for c in patrol.cells.all()] == [C]


def test_a_day_gone_by_is_refused_in_chinese_and_the_typed_form_comes_back(
    client, login, personas, member, clock
):
    clock.freeze("2026-09-29 08:00")
    page = login(client, personas.squadron_leader).post(
        "/grid/patrols/new/", _plan(member, day="2026-09-28", note="重点：北山矿点")
    )
    body = page.content.decode()
    assert page.status_code == 422
    assert "巡查日期（2026年9月28日）已经过去，只能安排今天或以后的巡查" in body
    assert 'value="2026-09-28"' in body and 'value="同路村夜间巡查"' in body
    assert 'value="重点：北山矿点"' in body
    assert re.search(r'<option value="002" selected>', body)  # the chosen village kept
    assert Patrol.objects.count() == 0


def test_a_day_more_than_a_year_ahead_and_a_garbled_day_are_refused(
    client, login, personas, member, clock
):
    clock.freeze("2026-09-29 08:00")
    login(client, personas.squadron_leader)
    far = client.post("/grid/patrols/new/", _plan(member, day="2027-12-01"))
    assert far.status_code == 422 and "超过一年以后" in far.content.decode()
    garbled = client.post("/grid/patrols/new/", _plan(member, day="29/09/2026"))
    assert garbled.status_code == 422 and "请按“年-月-日”填写日期" in garbled.content.decode()
    assert Patrol.objects.count() == 0
