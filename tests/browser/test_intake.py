"""Intake pages in a real browser over the demo town: the squadron leader's inbox and triage page
(desktop and phone), opening a case from a grid report, the grid member's phone report form, and
the public citizen form."""

from urllib.parse import unquote

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, pick, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    from zhifa.core.seeding import seed_demo

    seed_demo()
    from zhifa.intake.models import Lead

    return Lead.objects


def test_a_squadron_leader_triages_leads_on_desktop_and_phone(
    page, live_server, sign_in, shot, demo
):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "zhongduizhang", settings.ZHIFA_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/intake/")
    rows = page.get_by_test_id("lead-list").locator("a")
    # six from their sources (one 不确定), a patrol finding, and the lead an inspection's
    # suspected violation sent in
    assert rows.count() == 8
    assert "事项不确定" in page.get_by_test_id("lead-list").inner_text()
    assert "13900005678" not in page.content()
    shot(page, "intake-inbox-desktop")
    page.set_viewport_size(PHONE)
    shot(page, "intake-inbox-phone")

    order = demo.get(source_ref="12345-示例-1126")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/intake/{order.pk}/")
    assert "孙**" in page.get_by_test_id("reporter").inner_text()
    assert "SH-ZJ-005" in page.get_by_test_id("suggestions").inner_text()
    shot(page, "intake-triage-desktop")
    page.set_viewport_size(PHONE)
    shot(page, "intake-triage-phone")

    grid = demo.get(source="grid", text__startswith="山会村储煤场")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/intake/{grid.pk}/")
    form = page.get_by_test_id("open-case")
    pick(form, "item", "SH-ST-003")
    form.locator("input[name=cause]").fill("露天堆放煤炭未采取覆盖措施案")
    form.locator("button").click()
    page.wait_for_load_state()
    assert "已立案办理" in page.content()
    grid.refresh_from_db()
    assert grid.case is not None and grid.case.source == "grid"


def test_opening_a_case_offers_as_handlers_only_officers_who_may_act_for_the_chosen_item(
    page, live_server, sign_in, demo
):
    """The handler picker searches with the chosen item (a form field named ``item`` once read
    as the form's ``elements.item()`` method, so every officer was offered and refused later)."""
    page.set_viewport_size(DESKTOP)
    sign_in(page, "zhifa3", settings.ZHIFA_DEMO_PASSWORD)
    grid = demo.get(source="grid", text__startswith="山会村储煤场")
    page.goto(f"{live_server.url}/intake/{grid.pk}/")
    form = page.get_by_test_id("open-case")
    pick(form, "item", "SH-ST-004")  # 生态环境: 张演练's certificate covers 市场监管 and 住建
    wrapper = form.locator("select[name=handlers] ~ .ts-wrapper")
    wrapper.locator(".ts-control").click()
    for name, offered in (("张演练", 0), ("刘测试", 1)):
        with page.expect_response(
            lambda r, n=name: "pick/officers" in r.url and n in unquote(r.url)
        ) as r:
            wrapper.locator(".ts-control input").fill(name)
        assert "item=SH-ST-004" in r.value.url
        expect(wrapper.locator(".ts-dropdown .option", has_text=name)).to_have_count(offered)
        wrapper.locator(".ts-control input").fill("")


def test_a_grid_member_reports_from_the_phone(page, live_server, sign_in, shot, demo):
    page.set_viewport_size(PHONE)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 39.2083, "longitude": 113.2561})
    sign_in(page, "wangge", settings.ZHIFA_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/intake/report/")
    page.fill("textarea[name=text]", "东街路口有商贩占道摆摊卖菜，影响车辆通行")
    page.fill("input[name=address]", "砂河镇东街路口")
    page.click("#locate-btn")
    wait_until(page, "document.getElementById('id_lat').value !== ''")
    shot(page, "intake-report-phone")
    page.click("button:has-text('上报')")
    page.wait_for_load_state()
    assert "我的上报" in page.content()
    shot(page, "intake-mine-phone")
    lead = demo.filter(reported_by__username="wangge").order_by("-pk").first()
    assert abs(lead.lat - 39.2083) < 1e-3 and lead.text.startswith("东街路口")


def test_a_citizen_reports_on_the_public_form(page, live_server, shot, demo):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/intake/public/140924101/report/")
    shot(page, "intake-public-phone")
    page.fill("textarea[name=text]", "山会村村口有人夜里焚烧塑料垃圾，气味刺鼻")
    page.fill("input[name=address]", "砂河镇山会村村口")
    page.click("button:has-text('提交')")
    page.wait_for_load_state()
    code = page.get_by_test_id("tracking-code").inner_text()
    assert len(code) == 10
    shot(page, "intake-public-done-phone")
