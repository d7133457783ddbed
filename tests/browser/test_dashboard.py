"""The cockpit (desktop and phone), the county view and a review sheet in a real browser over
the demo towns."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    from zhifa.core.seeding import seed_demo

    seed_demo()


def test_the_leader_reads_the_cockpit_and_its_trend(page, live_server, sign_in, shot, demo):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "duizhang", settings.ZHIFA_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    expect(page.locator("[data-kpi=registered]")).to_be_visible()
    wait_until(page, "document.querySelector('#trend-chart canvas') !== null")
    shot(page, "dashboard-cockpit-desktop")
    page.set_viewport_size(PHONE)
    shot(page, "dashboard-cockpit-phone")
    page.set_viewport_size(DESKTOP)
    page.locator("[data-kpi=registered] a").click()
    expect(page.get_by_test_id("drill")).to_be_visible()
    shot(page, "dashboard-drill-desktop")


def test_the_supervisor_compares_towns_and_scores_a_review_sheet(
    page, live_server, sign_in, shot, demo
):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "jiandu", settings.ZHIFA_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    table = page.get_by_test_id("county-table")
    expect(table).to_contain_text("砂河镇")
    expect(table).to_contain_text("大营镇")
    shot(page, "dashboard-county-desktop")
    page.goto(f"{live_server.url}/dashboard/warnings/")
    shot(page, "dashboard-warnings-desktop")
    page.goto(f"{live_server.url}/dashboard/reviews/")
    form = page.get_by_test_id("draw")
    form.locator("input[name=seed]").fill("2026繁峙评查")
    form.locator("input[name=size]").fill("1")
    form.get_by_role("button", name="随机抽取").click()
    page.get_by_test_id("sheets").locator("a").first.click()
    sheet = page.get_by_test_id("review-sheet")
    for box in sheet.locator("input[type=number]").all():
        box.fill(box.get_attribute("max"))
    sheet.locator("textarea").fill("卷宗完整，文书规范。")
    sheet.get_by_role("button", name="保存评查表").click()
    expect(page.get_by_test_id("total")).to_have_text("100/100")
    shot(page, "dashboard-review-sheet-desktop")


def test_the_cockpit_map_shows_the_heat_by_cell_and_by_village(
    page, live_server, sign_in, shot, demo
):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "duizhang", settings.ZHIFA_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    wait_until(page, "Number(document.querySelector('#heat-map').dataset.loaded || 0) > 0")
    expect(page.locator("#heat-legend")).to_contain_text("无")
    filled = page.evaluate(
        "Array.from(document.querySelectorAll('#heat-map path.leaflet-interactive'))"
        ".map(p => p.getAttribute('fill'))"
    )
    assert filled and len(set(filled)) >= 1
    page.get_by_role("button", name="按村（社区）").click()
    expect(page.get_by_role("button", name="按村（社区）")).to_have_class("btn btn-sm active")
    page.locator("#heat-map").scroll_into_view_if_needed()
    shot(page, "dashboard-heat-desktop")
