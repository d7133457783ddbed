"""Case pages in a real browser over the demo town: list, S2 detail, the on-site form (desktop
and phone); the form computes the excess area as the officer types."""

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
    from zhifa.cases.models import Case

    return Case.objects.get(cause="超出批准面积占用土地建设职工宿舍案")


def test_an_officer_works_a_case_on_desktop_and_phone(page, live_server, sign_in, shot, demo):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "zhifa1", settings.ZHIFA_DEMO_PASSWORD)

    page.goto(f"{live_server.url}/cases/?active=")
    from zhifa.cases.models import Case

    assert (
        page.get_by_test_id("case-list").locator("a").count()
        == Case.all_towns.filter(town=demo.town).count()
    )
    shot(page, "cases-list-desktop")
    page.set_viewport_size(PHONE)
    shot(page, "cases-list-phone")

    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/cases/{demo.pk}/")
    assert page.get_by_test_id("state").inner_text() == "已移送"
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "超出面积 15.27 亩" in timeline and "移送签收" in timeline
    assert "责令停止违法行为通知书" in page.get_by_test_id("documents").inner_text()
    shot(page, "cases-detail-desktop")
    page.set_viewport_size(PHONE)
    shot(page, "cases-detail-phone")

    page.goto(f"{live_server.url}/cases/mine/")
    shot(page, "cases-mine-phone")

    page.goto(f"{live_server.url}/cases/")
    page.get_by_text("施工工地未采取扬尘防治措施案").click()
    page.get_by_role("link", name="现场笔录").click()
    wait_until(page, "window.Alpine !== undefined")
    page.fill("input[name=permitted_area]", "14.43")
    page.fill("input[name=occupied_area]", "29.7")
    expect(page.get_by_test_id("excess")).to_have_text("15.27")
    shot(page, "cases-record-form-phone")
    page.set_viewport_size(DESKTOP)
    shot(page, "cases-record-form-desktop")
    page.fill("textarea[name=findings]", "工地东侧裸土未覆盖，约1200平方米。")
    page.click("button:has-text('保存并生成笔录')")
    page.wait_for_load_state()
    if page.locator(".alert-danger, .invalid-feedback").count():
        print("FORM ERRORS:", page.locator(".alert-danger, .invalid-feedback").all_inner_texts())
    page.wait_for_url("**/cases/*/")
    assert "已制作现场检查（勘验）笔录并签发" in page.content()
    shot(page, "cases-detail-after-record-desktop")
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="责令通知").click()
    expect(page.locator("#step-order textarea[name=facts]")).to_be_visible()
    page.wait_for_timeout(500)  # let the accordion finish opening
    shot(page, "cases-step-order-phone")
