"""The catalog in a real browser: list, detail, summary and the public page, desktop and phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, wait_until
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(personas):
    from zhifa.catalog.demo import seed

    seed()
    return personas


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_catalog_pages_read_well(seeded, page, live_server, sign_in, shot, size, label):
    from zhifa.catalog.models import PowerItem

    page.set_viewport_size(size)
    sign_in(page, "sysadmin", PASSWORD)
    page.goto(f"{live_server.url}/catalog/")
    assert page.get_by_test_id("equation").inner_text().startswith("5")
    shot(page, f"catalog_list_{label}")
    page.fill("#q", "扬尘")
    wait_until(page, "document.querySelector('[data-testid=count]').innerText !== '73'")
    shot(page, f"catalog_search_{label}")
    item = PowerItem.all_towns.get(town=seeded.town, code="SH-ZJ-001")
    page.goto(f"{live_server.url}/catalog/items/{item.pk}/")
    assert "10,000至100,000元" in page.content()
    shot(page, f"catalog_detail_{label}")
    mining = PowerItem.all_towns.get(town=seeded.town, code="SH-ZR-002")
    page.goto(f"{live_server.url}/catalog/items/{mining.pk}/")
    shot(page, f"catalog_detail_not_held_{label}")
    page.goto(f"{live_server.url}/catalog/summary/")
    page.wait_for_selector("#domain-chart canvas")
    shot(page, f"catalog_summary_{label}")
    page.goto(f"{live_server.url}/catalog/import/")
    shot(page, f"catalog_import_{label}")


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_public_list_opens_without_login(seeded, page, live_server, shot, size, label):
    page.set_viewport_size(size)
    page.goto(f"{live_server.url}/catalog/public/{seeded.town.code}/")
    assert "权责清单公示" in page.content()
    item = page.get_by_test_id("item").first
    item.locator("summary").click()
    expect(item.get_by_text("实施依据")).to_be_visible()
    shot(page, f"catalog_public_{label}")
