import pytest

from zhifa.accounts.models import User
from zhifa.grid.locate import locate
from zhifa.grid.models import GridCell, Subject, Village
from zhifa.team.models import Liaison, Officer
from zhifa.team.selectors import on_duty_at, roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    from zhifa.accounts import demo as accounts
    from zhifa.catalog import demo as catalog
    from zhifa.grid import demo as grid
    from zhifa.team import demo as team

    for module in (accounts, catalog, grid, team):
        module.seed()
    for module in (grid, team):  # idempotent
        module.seed()
    return accounts.demo_towns()["main"]


def test_the_demo_town_has_sixteen_people_and_eleven_certified(demo):
    rows = roster(demo)
    assert len(rows) == 16
    assert sum(r.status in ("valid", "expiring") for r in rows) == 11
    assert Liaison.objects.filter(town=demo).count() == 11


def test_the_demo_town_has_twenty_villages_and_a_few_hundred_cells(demo):
    assert Village.objects.filter(town=demo).count() == 20
    assert 200 <= GridCell.objects.filter(town=demo).count() <= 600
    assert {"同路村", "义兴寨村", "山会村"} <= set(Village.objects.values_list("name", flat=True))


def test_the_demo_coal_yard_lies_in_shanhui_village(demo):
    yard = Subject.objects.get(name="山会村煤场")
    assert yard.cell.village.name == "山会村"
    assert Subject.objects.get(name="马家坡宿舍区工地").cell.village.alias == "马家坡"


def test_the_town_centre_is_in_the_urban_squadrons_zone(demo):
    found = locate(town=demo, lat=float(demo.center_lat), lng=float(demo.center_lng))
    assert found.zone_name == "镇区"


def test_someone_is_on_duty_now_in_the_demo(demo):
    assert on_duty_at(demo).exists()


def test_the_demo_pages_render_for_the_leader(demo, client, login):
    leader = User.objects.get(username="duizhang")
    client = login(client, leader)
    officer = Officer.objects.get(user__username="zhifa1")
    for url in [
        "/team/",
        f"/team/officers/{officer.pk}/",
        "/team/squadrons/",
        "/team/liaison/",
        "/team/duty/",
        "/grid/",
        "/grid/villages/",
        "/grid/subjects/",
        "/grid/patrols/",
    ]:
        assert client.get(url).status_code == 200, url
    assert "张演练" in client.get(f"/team/public/{demo.code}/").content.decode()
