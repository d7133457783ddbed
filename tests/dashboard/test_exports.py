"""Every dashboard list exports to Excel with the filters applied, and the rows round-trip."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

PERIOD = {"since": "2026-09-01", "until": "2026-10-31"}


def sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_drill_down_list_behind_a_figure_is_the_figure(client, login, county, personas):
    login(client, personas.leader)
    url = reverse("dashboard:drill", args=[personas.town.code, "registered"])
    page = client.get(url, PERIOD).content.decode()
    assert "登记案件（3）" in page
    rows = sheet(client.get(url, {**PERIOD, "export": "xlsx"}))
    assert rows[1][0] == "筛选条件：2026-09-01 至 2026-10-31"
    assert rows[2][0] == "案件编号"
    numbers = sorted(r[0] for r in rows[3:])
    assert numbers == sorted(county[k].number for k in ("a", "b", "c"))


def test_the_filters_narrow_the_export(client, login, county, personas):
    login(client, personas.leader)
    url = reverse("dashboard:drill", args=[personas.town.code, "registered"])
    rows = sheet(client.get(url, {"since": "2026-10-01", "until": "2026-10-31", "export": "xlsx"}))
    assert [r[0] for r in rows[3:]] == [county["c"].number]


def test_the_outstanding_fines_list_exports_the_unpaid_decision(client, login, county, personas):
    login(client, personas.leader)
    url = reverse("dashboard:drill", args=[personas.town.code, "outstanding"])
    rows = sheet(client.get(url, {**PERIOD, "export": "xlsx"}))
    assert [(r[0], r[2]) for r in rows[3:]] == [(county["b"].number, 1000)]


def test_the_cockpit_and_county_tables_export_with_their_definitions(
    client, login, county, personas, supervisor
):
    login(client, personas.leader)
    rows = sheet(
        client.get(
            reverse("dashboard:town", args=[personas.town.code]), {**PERIOD, "export": "xlsx"}
        )
    )
    by_label = {r[0]: r for r in rows[3:]}
    assert by_label["登记案件"][1] == 3
    assert by_label["按期结案率"][1] == 66.7 and "节假日顺延" in by_label["按期结案率"][3]
    login(client, supervisor)
    rows = sheet(client.get(reverse("dashboard:county"), {**PERIOD, "export": "xlsx"}))
    assert rows[2] == ("指标", "单位", "砂河镇", "大营镇")
    assert {r[0]: r[2:] for r in rows[3:]}["结案"] == (3, 1)


def test_a_bad_period_is_explained_and_the_default_period_shown(client, login, county, personas):
    login(client, personas.leader)
    page = client.get(
        reverse("dashboard:town", args=[personas.town.code]),
        {"since": "2026-10-31", "until": "2026-09-01"},
    )
    assert page.status_code == 200
    assert "起始日期不能晚于截止日期" in page.content.decode()


def test_the_warnings_export_lists_each_warning(client, login, county, supervisor):
    rows = sheet(login(client, supervisor).get(reverse("dashboard:warnings"), {"export": "xlsx"}))
    assert ("红色", "砂河镇", "陈述申辩期限") in [r[:3] for r in rows[3:]]
