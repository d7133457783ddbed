import pytest
from django.conf import settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
TONGLU = {"latitude": 39.19803, "longitude": 113.23305}  # inside 同路村 in the demo layout


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "permissions": ["geolocation"], "geolocation": TONGLU}


def ensure_domains():
    """A transactional test before this one flushes the migration-made reference rows."""
    import importlib

    from zhifa.catalog.models import Domain

    if not Domain.objects.exists():
        migration = importlib.import_module("zhifa.catalog.migrations.0002_domains")
        for sort, (code, name) in enumerate(migration.DOMAINS, start=1):
            Domain.objects.create(code=code, name=name, sort=sort)


@pytest.fixture
def demo(transactional_db):
    from zhifa.accounts import demo as accounts
    from zhifa.catalog import demo as catalog
    from zhifa.grid import demo as grid
    from zhifa.team import demo as team

    ensure_domains()
    for module in (accounts, catalog, grid, team):
        module.seed()
    return accounts.demo_towns()["main"]


def open_map(page, live_server):
    page.goto(f"{live_server.url}/grid/")
    page.wait_for_selector("#grid-map[data-loaded]")
    return int(page.get_attribute("#grid-map", "data-loaded"))


def test_the_map_shows_the_cells_and_a_click_shows_a_cells_details(
    page, live_server, sign_in, shot, demo
):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "duizhang", settings.ZHIFA_DEMO_PASSWORD)
    assert open_map(page, live_server) > 200
    shot(page, "grid_map_overview_desktop")
    page.locator("[data-village='008']").click()
    assert "山会村" in page.locator("#cell-info").inner_text()
    shot(page, "grid_map_desktop")
    page.set_viewport_size(PHONE)
    open_map(page, live_server)
    page.locator("#grid-map path.leaflet-interactive").nth(150).click(force=True)
    assert "网格编码" in page.locator("#cell-info").inner_text()
    shot(page, "grid_map_phone")


def test_a_grid_member_sees_only_their_cells_and_checks_in_from_the_phone(
    page, live_server, sign_in, shot, demo
):
    from zhifa.grid.models import GridCell, PatrolCheckIn

    page.set_viewport_size(PHONE)
    sign_in(page, "wangge", settings.ZHIFA_DEMO_PASSWORD)
    mine = GridCell.objects.filter(members__user__username="wangge").count()
    assert open_map(page, live_server) == mine
    shot(page, "grid_map_grid_member_phone")
    page.goto(f"{live_server.url}/grid/patrols/")
    assert (
        page.locator(".zhifa-subnav a").count() == 2
    )  # 地图、巡查: no subject list for grid members
    page.get_by_text("同路村网格日常巡查").click()
    page.wait_for_selector("#ci-submit:not([disabled])")
    page.locator("#ci-submit").click()
    page.wait_for_selector(".alert-success")
    assert "签到成功（网格 140924101006" in page.locator(".alert-success").inner_text()
    shot(page, "grid_checkin_phone")
    assert PatrolCheckIn.objects.filter(user__username="wangge").count() == 2
