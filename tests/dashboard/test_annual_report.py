"""行政执法数据年度报告: per town, for the county (towns summed), exported, and public."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeal(county):
    from zhifa.penalty.models import Appeal

    return Appeal.objects.create(
        town=county["town"],
        case=county["a"],
        kind="reconsideration",
        body="繁峙县人民政府",
        filed_on=dt.date(2026, 10, 14),
        outcome="changed",
        decided_on=dt.date(2026, 10, 19),
    )


def test_the_towns_report_counts_the_fixture(county, appeal):
    """Two fine decisions (61,000 decided, 60,000 collected), one reconsideration, changed."""
    from zhifa.dashboard.annual import annual_report

    r = annual_report(town_ids=[county["town"].pk], year=2026)
    assert (r.penalties, r.penalties_simple, r.no_penalty) == (2, 0, 0)
    assert r.by_kind == [("罚款", 2)]
    assert (r.fines, r.collected) == (Decimal("61000.00"), Decimal("60000.00"))
    assert (r.reconsiderations, r.lawsuits, r.appeals_changed, r.appeals_revoked) == (1, 0, 1, 0)
    assert annual_report(town_ids=[county["town"].pk], year=2025).penalties == 0
    assert annual_report(town_ids=[county["other"].pk], year=2026).penalties == 0


def test_the_public_page_needs_no_login_and_shows_counts_only(client, county, appeal):
    url = reverse(
        "dashboard:annual_public", kwargs={"town_code": county["town"].code, "year": 2026}
    )
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "2026年度行政执法数据报告" in text and "61,000.00" in text
    assert county["a"].number not in text
    assert (
        client.get(
            reverse("dashboard:annual_public", kwargs={"town_code": "000", "year": 2026})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "dashboard:annual_public", kwargs={"town_code": county["town"].code, "year": 2099}
            )
        ).status_code
        == 404
    )


def test_the_county_report_sums_the_supervised_towns_and_exports(
    client, login, county, supervisor, appeal
):
    login(client, supervisor)
    answer = client.get(reverse("dashboard:annual_county", args=[2026]), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    values = {r[1]: r[2] for r in rows[3:]}
    assert (
        values["行政处罚决定总数"] == 2
        and values["行政复议"] == 1
        and values["罚没金额（元）"] == 61000
    )
    assert (
        client.get(reverse("dashboard:annual", args=[county["town"].code, 2026])).status_code == 200
    )


def test_a_leader_cannot_open_the_county_report(client, login, county, personas):
    assert (
        login(client, personas.leader)
        .get(reverse("dashboard:annual_county", args=[2026]))
        .status_code
        == 403
    )
