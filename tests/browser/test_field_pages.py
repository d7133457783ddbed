"""The field steps in real Chromium at phone width (390 px), through the pages only: a grid
member's patrol finding becomes a lead the squadron leader finds in the inbox; a leader plans a
patrol with the keyboard (a day gone by refused, what was typed kept); the staff lead form and the
case form set the point on the map and choose items, parties and handlers in searchable pickers;
the case list's map shows a planted cause as text, never as markup."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, pick
from tests.browser.test_grid import TONGLU, ensure_domains

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = settings.ZHIFA_DEMO_PASSWORD
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "permissions": ["geolocation"], "geolocation": TONGLU}


@pytest.fixture
def demo(transactional_db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    from zhifa.accounts import demo as accounts
    from zhifa.catalog import demo as catalog
    from zhifa.grid import demo as grid
    from zhifa.team import demo as team

    ensure_domains()
    for module in (accounts, catalog, grid, team):
        module.seed()
    return accounts.demo_towns()["main"]


@pytest.fixture
def other_person(browser, browser_context_args):
    """A second phone for a second person."""
    contexts = []

    def make():
        context = browser.new_context(**browser_context_args, viewport=PHONE)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def submit(page, button) -> None:
    """Press a form's button from the keyboard (a pointer's tap can miss while the web font's
    Chinese subsets are still loading and the page reflows) and wait for the answer page."""

    def posted(response) -> bool:
        return response.request.method == "POST" and response.request.resource_type == "document"

    # no picker's list left open over the button
    expect(page.locator(".ts-dropdown:visible")).to_have_count(0)
    with page.expect_response(posted, timeout=60_000):
        button.press("Enter")
    page.wait_for_load_state()


def jpeg(path) -> str:
    Image.new("RGB", (320, 240), (120, 95, 60)).save(path, "JPEG")
    return str(path)


def test_a_finding_reported_on_the_phone_reaches_the_squadron_leaders_inbox_as_a_lead(
    page, live_server, sign_in, shot, demo, other_person, tmp_path
):
    from zhifa.intake.models import Lead

    page.set_viewport_size(PHONE)
    sign_in(page, "wangge", PASSWORD)
    page.goto(f"{live_server.url}/grid/patrols/")
    page.get_by_text("同路村网格日常巡查").click()
    page.wait_for_selector("#ci-submit:not([disabled])")  # the phone has its position
    form = page.get_by_test_id("finding-form")
    form.locator("textarea[name=description]").fill(
        "同路村北山发现新挖土坑和运矿车辆痕迹，疑似私挖铁矿"
    )
    form.locator("input[name=photo]").set_input_files(jpeg(tmp_path / "site.jpg"))
    shot(page, "field-finding-form-phone")
    submit(page, form.locator("button[type=submit]"))
    notice = page.locator(".alert-success")
    expect(notice).to_contain_text("已转入线索分拨：线索编号 XS")
    number = re.search(r"XS\d+", notice.inner_text()).group(0)
    shot(page, "field-finding-reported-phone")

    lead = Lead.objects.get(number=number)
    assert lead.source == "patrol" and lead.photos.count() == 1
    assert abs(lead.lat - TONGLU["latitude"]) < 1e-4 and lead.cell is not None
    assert lead.squadron is not None

    leader = other_person()
    sign_in(leader, "zhongduizhang", PASSWORD)
    leader.goto(f"{live_server.url}/intake/")
    expect(leader.get_by_test_id("lead-list")).to_contain_text(number)
    expect(leader.get_by_test_id("lead-list")).to_contain_text("巡查发现")
    leader.wait_for_selector("#lead-map[data-ready='1']")
    shot(leader, "field-finding-in-inbox-phone")
    leader.get_by_text(number).click()
    expect(leader.get_by_test_id("lead-card")).to_contain_text("巡查发现")
    expect(leader.locator("#lead-map img, #lead-map path").first).to_be_attached()
    shot(leader, "field-finding-lead-triage-phone")


def test_a_leader_plans_a_patrol_on_the_phone_with_the_keyboard_and_a_past_day_is_refused(
    page, live_server, sign_in, shot, demo
):
    from zhifa.core import clock
    from zhifa.grid.models import Patrol

    today = clock.today()
    yesterday = today.fromordinal(today.toordinal() - 1)
    page.set_viewport_size(PHONE)
    sign_in(page, "zhongduizhang", PASSWORD)
    page.goto(f"{live_server.url}/grid/patrols/")
    form = page.get_by_test_id("plan-form")
    expect(form).to_be_visible()
    # without a mouse: from the title, Shift+Tab reaches the patroller picker; type, Enter
    form.locator("input[name=title]").fill("同路村北山夜间巡查")
    form.locator("input[name=title]").press("Shift+Tab")
    page.keyboard.type("钱网")
    expect(form.locator("select[name=patroller] ~ .ts-wrapper .option.active")).to_contain_text(
        "钱网例"
    )
    page.keyboard.press("Enter")
    form.locator("input[name=day]").fill(yesterday.isoformat())
    form.locator("input[name=start]").fill("19:00")
    form.locator("input[name=end]").fill("22:00")
    pick(form, "villages", "同路村")
    pick(form, "villages", "茶坊村")
    form.locator("input[name=note]").fill("北山矿点有无夜间开采")
    shot(page, "field-plan-form-phone")
    submit(page, form.locator("button[type=submit]"))

    form = page.get_by_test_id("plan-form")
    expect(form).to_contain_text(f"巡查日期（{yesterday:%Y年%-m月%-d日}）已经过去")
    expect(form.locator("input[name=title]")).to_have_value("同路村北山夜间巡查")
    expect(form.locator("input[name=note]")).to_have_value("北山矿点有无夜间开采")
    expect(form.locator("select[name=villages] ~ .ts-wrapper .item")).to_have_count(2)
    expect(form.locator("select[name=patroller] ~ .ts-wrapper .item")).to_have_text("钱网例")
    shot(page, "field-plan-refused-phone")
    assert not Patrol.objects.filter(title="同路村北山夜间巡查").exists()

    form.locator("input[name=day]").fill(today.isoformat())
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator(".alert-success")).to_contain_text("已安排巡查任务“同路村北山夜间巡查”")
    shot(page, "field-plan-saved-phone")
    patrol = Patrol.objects.get(title="同路村北山夜间巡查")
    assert patrol.patroller.username == "wangge"
    assert {c.village.name for c in patrol.cells.all()} == {"同路村", "茶坊村"}


def test_the_staff_lead_form_sets_the_point_on_the_map_and_by_search(
    page, live_server, sign_in, shot, demo
):
    from zhifa.intake.models import Lead

    page.set_viewport_size(PHONE)
    sign_in(page, "zhongduizhang", PASSWORD)
    page.goto(f"{live_server.url}/intake/new/")
    page.select_option("select[name=source]", "assignment")
    page.fill("textarea[name=text]", "镇长交办：同路村北山有人夜间私挖铁矿，请中队核查")
    box = page.locator(".zhifa-location")
    page.wait_for_selector(".zhifa-location[data-ready='1']")
    expect(box).to_contain_text("坐标系：WGS-84（GPS）")
    # by search, with the keyboard: the village fills the address and the point
    box.locator(".zhifa-location-search").fill("同路")
    box.locator(".zhifa-location-results button").first.wait_for()
    box.locator(".zhifa-location-search").press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("input[name=address]")).to_have_value(re.compile("同路村$"))
    expect(box.locator(".zhifa-location-status")).to_contain_text("同路村")
    searched = float(page.input_value("input[name=lat]"))
    # a tap on the map moves it
    box.locator(".zhifa-location-map").click(position={"x": 60, "y": 60})
    expect(box.locator(".zhifa-location-status")).to_contain_text("WGS-84")
    tapped = float(page.input_value("input[name=lat]"))
    assert tapped != searched and page.input_value("select[name=datum]") == "wgs84"
    # without a pointer: Enter on the focused map sets its centre
    box.locator(".zhifa-location-clear").click()
    assert page.input_value("input[name=lat]") == ""
    box.locator(".zhifa-location-map").focus()
    page.keyboard.press("Enter")
    expect(page.locator("input[name=lat]")).not_to_have_value("")
    box.locator(".zhifa-location-map").click(position={"x": 60, "y": 60})
    expect(page.locator("input[name=lat]")).to_have_value(f"{tapped:.6f}")
    shot(page, "field-lead-form-map-phone")
    submit(page, page.locator("form button:has-text('登记')").last)
    expect(page).to_have_url(re.compile(r"/intake/\d+/$"))
    lead = Lead.objects.get(text__startswith="镇长交办：同路村北山")
    assert lead.lat == pytest.approx(tapped, abs=1e-6) and lead.address.endswith("同路村")
    shot(page, "field-lead-triage-phone")


def test_a_case_registered_on_the_phone_with_pickers_shows_its_cause_on_the_map_as_text(
    page, live_server, sign_in, shot, demo
):
    from zhifa.cases.models import Case

    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_viewport_size(PHONE)
    sign_in(page, "zhifa1", PASSWORD)
    page.goto(f"{live_server.url}/cases/new/")
    form = page.get_by_test_id("register-form")
    form.locator("input[name=cause]").fill(f"占道经营案{XSS}")
    pick(form, "items", "占道")
    pick(form, "parties", "振华")
    # 占道经营 is a 住建 item: the squadron leaders' certificates cover every domain (the
    # officers' own cover one domain each and are refused for it at registration)
    pick(form, "handlers", "王样例")
    pick(form, "handlers", "周模例")
    page.wait_for_selector(".zhifa-location[data-ready='1']")
    form.locator(".zhifa-location-map").click(position={"x": 180, "y": 120})
    expect(form.locator(".zhifa-location-status")).to_contain_text("已选点")
    form.locator("input[name=address]").fill("砂河镇振华街")
    form.locator("textarea[name=summary]").fill("巡查发现商户在店外占道摆放货架经营。")
    shot(page, "field-case-form-phone")
    submit(page, form.locator("button[type=submit], button:not([type])").filter(has_text="登记"))
    refused = page.locator(".alert-danger, .invalid-feedback").all_inner_texts()
    assert refused == [], refused
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"), timeout=60_000)
    case = Case.objects.get(cause__startswith="占道经营案")
    assert case.items.count() == 1 and case.parties.count() == 1
    assert case.handler_rows.count() == 2 and case.lat is not None

    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/cases/")
    page.wait_for_selector("#case-map[data-ready]")
    page.locator("#case-map path.leaflet-interactive").last.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(XSS)  # shown as the text it is
    assert popup.locator("img").count() == 0
    page.wait_for_timeout(300)
    shot(page, "field-case-map-popup-desktop")
    assert dialogs == []


def test_a_county_user_switches_town_from_the_top_bar_without_an_inline_handler(
    page, live_server, sign_in, demo
):
    from zhifa.accounts.demo import demo_towns
    from zhifa.accounts.services import user_create

    towns = demo_towns()
    user_create(
        username="xianli",
        full_name="县联例",
        password=PASSWORD,
        town=None,
        roles=["department"],
        supervised_towns=[towns["main"], towns["second"]],
        organisation="繁峙县规划和自然资源综合行政执法队",
    )
    page.set_viewport_size(DESKTOP)
    sign_in(page, "xianli", PASSWORD)
    switch = page.locator("select[name=town_id]")
    assert switch.get_attribute("onchange") is None
    expect(page.locator(".zhifa-topbar")).to_contain_text(towns["main"].agency_name)
    switch.select_option(str(towns["second"].pk))
    expect(page.locator(".zhifa-topbar")).to_contain_text(towns["second"].agency_name)
