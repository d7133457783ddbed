"""网上预警: red for overdue clocks, yellow for those due within two working days (counted on the
holiday calendar), legal risk signals, and a list that refreshes itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_yellow_reaches_the_second_working_day_across_national_day(db):
    """On 2026-09-30 the next two working days are 10-08 and 10-09 (10-01…10-07 are off)."""
    from zhifa.core.clock import TZ
    from zhifa.dashboard.warnings import yellow_until

    now = dt.datetime(2026, 9, 30, 10, tzinfo=TZ)
    assert yellow_until(now) == dt.datetime(2026, 10, 10, 0, tzinfo=TZ)


def test_an_overdue_clock_is_red_and_one_due_soon_is_yellow(county, clock):
    from zhifa.core.deadlines import deadline_open
    from zhifa.dashboard.warnings import RED, YELLOW, warnings_list

    town = county["town"]
    # opened on 10-19 for 2 working days: due 10-21, within two working days of 10-20
    deadline_open(
        town=town,
        subject=county["c"],
        kind="reply",
        purpose="答复期限",
        article="",
        start=dt.datetime.fromisoformat("2026-10-19 10:00+08:00"),
        amount=2,
        unit="working_days",
    )
    items = warnings_list(
        town_ids=[town.pk], now=dt.datetime.fromisoformat("2026-10-20 10:00+08:00")
    )
    clocks = [(w.level, w.title) for w in items if w.kind == "clock"]
    assert clocks == [(RED, "陈述申辩期限"), (YELLOW, "答复期限")]


def test_a_case_filed_over_80_days_ago_without_a_decision_is_warned(county, clock):
    from zhifa.dashboard.warnings import warnings_list

    town = county["town"]
    later = dt.datetime.fromisoformat("2026-12-30 10:00+08:00")  # C was filed on 10-09: day 82
    clock.freeze("2026-12-30 10:00")
    kinds = {w.kind: w for w in warnings_list(town_ids=[town.pk], now=later)}
    assert "decision_limit" in kinds
    assert kinds["decision_limit"].level == "yellow"
    assert county["c"].number in kinds["decision_limit"].title


def test_a_fine_above_the_hearing_threshold_without_a_hearing_offer_is_red(county):
    from zhifa.dashboard.warnings import warnings_list
    from zhifa.penalty.models import Penalty

    penalty = Penalty.objects.get(case=county["a"])  # 60,000 yuan to an organisation (≥ 50,000)
    Penalty.objects.filter(pk=penalty.pk).update(notice_served_on=dt.date(2026, 9, 29))
    items = warnings_list(
        town_ids=[county["town"].pk], now=dt.datetime.fromisoformat("2026-10-20 10:00+08:00")
    )
    hearing = [w for w in items if w.kind == "hearing"]
    assert len(hearing) == 1 and hearing[0].level == "red"
    Penalty.objects.filter(pk=penalty.pk).update(hearing_offered=True)
    items = warnings_list(
        town_ids=[county["town"].pk], now=dt.datetime.fromisoformat("2026-10-20 10:00+08:00")
    )
    assert not [w for w in items if w.kind == "hearing"]


def test_the_warnings_page_refreshes_itself_and_shows_only_the_users_towns(
    client, login, county, personas, supervisor
):
    page = login(client, personas.outsider).get(reverse("dashboard:warnings")).content.decode()
    assert 'hx-trigger="every 60s"' in page
    assert "陈述申辩期限" not in page  # the overdue clock belongs to the other town
    partial = login(client, supervisor).get(reverse("dashboard:warnings"), HTTP_HX_REQUEST="true")
    text = partial.content.decode()
    assert "<html" not in text and "陈述申辩期限" in text and "红色" in text
