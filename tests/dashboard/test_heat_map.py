"""The cockpit's map heat: cases registered in the period per grid cell and per village, over
the grid's cells; a cell or a village opens the list of its cases (and its export)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

PERIOD = {"since": "2026-09-01", "until": "2026-10-31"}
EAST_1, EAST_2, WEST_1 = "140924101001001", "140924101001002", "140924101002001"


@pytest.fixture
def placed(county, cells):
    """A and C in 东街一格 (东街社区), B in 同路一格 (同路村); D (August) and the other town's E
    stay out of the period's heat."""
    from zhifa.cases.models import Case

    Case.objects.filter(pk__in=[county["a"].pk, county["c"].pk]).update(cell=cells[EAST_1])
    Case.objects.filter(pk=county["b"].pk).update(cell=cells[WEST_1])
    return county


def by_code(data):
    return {f["properties"]["code"]: f["properties"] for f in data["features"]}


def test_each_cell_carries_its_cases_and_its_villages_total(client, login, placed, personas):
    login(client, personas.leader)
    data = client.get(reverse("dashboard:heat", args=[personas.town.code]), PERIOD).json()
    cells = by_code(data)
    assert set(cells) == {EAST_1, EAST_2, WEST_1}
    assert (cells[EAST_1]["n"], cells[EAST_1]["open"]) == (2, 1)  # A closed, C open
    assert cells[EAST_2]["n"] == 0 and cells[EAST_2]["village_n"] == 2
    assert (cells[WEST_1]["n"], cells[WEST_1]["village"]) == (1, "同路村")
    assert data["unplaced"] == 0
    assert data["features"][0]["geometry"]["type"] == "Polygon"


def test_the_period_narrows_the_heat(client, login, placed, personas):
    """In October only C was registered."""
    login(client, personas.leader)
    url = reverse("dashboard:heat", args=[personas.town.code])
    cells = by_code(client.get(url, {"since": "2026-10-01", "until": "2026-10-31"}).json())
    assert [cells[c]["n"] for c in (EAST_1, EAST_2, WEST_1)] == [1, 0, 0]


def test_a_village_and_a_cell_open_the_list_of_their_cases(client, login, placed, personas):
    login(client, personas.leader)
    url = reverse("dashboard:drill", args=[personas.town.code, "registered"])
    page = client.get(url, {**PERIOD, "village": "001"}).content.decode()
    assert "登记案件（2）" in page and "村（社区）：东街社区" in page
    rows = list(
        load_workbook(
            io.BytesIO(client.get(url, {**PERIOD, "village": "001", "export": "xlsx"}).content)
        ).active.iter_rows(values_only=True)
    )
    assert rows[1][0] == "筛选条件：2026-09-01 至 2026-10-31；村（社区）：东街社区"
    assert sorted(r[0] for r in rows[3:]) == sorted([placed["a"].number, placed["c"].number])
    page = client.get(url, {**PERIOD, "cell": WEST_1}).content.decode()
    assert "登记案件（1）" in page and placed["b"].number in page


def test_the_heat_is_read_only_by_whoever_reads_the_cockpit(
    client, login, placed, personas, make_user, towns
):
    url = reverse("dashboard:heat", args=[personas.town.code])
    login(client, personas.officer)
    assert client.get(url).status_code == 403
    login(client, personas.outsider)
    assert client.get(url).status_code == 404
    only_second = make_user(roles=["jiandu"], town=None, supervised_towns=[towns["second"]])
    login(client, only_second)
    assert client.get(url).status_code == 404


def test_the_cockpit_page_carries_the_map_with_the_bundled_library(client, login, placed, personas):
    login(client, personas.leader)
    page = client.get(reverse("dashboard:town", args=[personas.town.code]), PERIOD).content.decode()
    assert 'id="heat-map"' in page and "leaflet/leaflet.js" in page and "dashboard/heat.js" in page
    assert "https://" not in page.split('id="heat-map"')[1].split(">")[0]
