import pytest
from django.conf import settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


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


def test_the_leader_reads_the_roster_and_the_liaison_matrix(page, live_server, sign_in, shot, demo):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "duizhang", settings.ZHIFA_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/team/")
    assert page.get_by_test_id("expiring").is_visible()
    assert page.locator("tbody tr").count() == 16
    shot(page, "team_roster_desktop")
    page.goto(f"{live_server.url}/team/liaison/")
    assert page.locator("tbody tr").count() == 11
    shot(page, "team_liaison_desktop")
    page.goto(f"{live_server.url}/team/duty/")
    shot(page, "team_duty_desktop")
    page.goto(f"{live_server.url}/team/squadrons/")
    shot(page, "team_squadrons_desktop")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/team/")
    shot(page, "team_roster_phone")
    page.goto(f"{live_server.url}/team/liaison/")
    shot(page, "team_liaison_phone")


def test_anyone_reads_the_public_list_of_officers(page, live_server, shot, demo):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/team/public/{demo.code}/")
    assert page.get_by_text("执法人员公示").first.is_visible()
    assert page.locator(".card").count() == 11
    shot(page, "team_public_phone")
