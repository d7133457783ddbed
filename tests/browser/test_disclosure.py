"""The public portal (公示) in Chromium, without logging in, at desktop and phone width: S5's
decision appears once its publication is recorded, its company shown and its legal
representative masked; it disappears on its withdrawal and returns as the changed decision. The
leader previews a decision exactly as the public will see it."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.cases import conftest as _cases
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
D = dt.date

_media = _cases._media
cells, fresh_index, places = _cases.cells, _cases.fresh_index, _cases.places
domains, departments, squadrons, make_officer = (
    _cases.domains,
    _cases.departments,
    _cases.squadrons,
    _cases.make_officer,
)
items, handlers, party, new_case = _cases.items, _cases.handlers, _cases.party, _cases.new_case
dust_rules, company, proposed_case, notified_case = (
    _cases.dust_rules,
    _cases.company,
    _cases.proposed_case,
    _cases.notified_case,
)


@pytest.fixture(autouse=True)
def _reference_rows(transactional_db):
    """A transactional test before this one may have flushed the migration-made domains."""
    from tests.browser.test_grid import ensure_domains

    ensure_domains()


@pytest.fixture
def s5(notified_case, personas, items):
    from zhifa.disclosure.services import portal_save

    _cases.decide(notified_case, personas)
    items["dust"].limits = "限于本镇行政区域内房屋建筑和市政基础设施施工工地"
    items["dust"].notes = "内部备注：县住建局仍保留资质类处罚"
    items["dust"].save(update_fields=["limits", "notes"])
    portal_save(
        town=notified_case.town,
        address="繁峙县砂河镇人民政府一楼（示例地址）",
        phone="0350-5000000",
        hours="工作日 8:00—17:30",
        supervision="繁峙县司法局（行政执法协调监督）",
    )
    return notified_case


def _public(page, url: str) -> None:
    page.goto(url)
    _on_public_frame(page)


def _on_public_frame(page, town=None) -> None:
    """The public frame: its banner and main part, and nothing of the staff shell."""
    expect(page.locator("main#main")).to_be_visible()
    expect(page.locator("header[role=banner]")).to_be_visible()
    expect(page.locator("aside.navbar-vertical")).to_have_count(0)
    if town is not None:
        expect(page.get_by_test_id("town-name")).to_have_text(town.agency_name)
        expect(page.get_by_test_id("call")).to_have_attribute("href", "tel:0350-5000000")
        expect(page.get_by_test_id("footer-contacts")).to_contain_text("繁峙县砂河镇人民政府一楼")


def _power_list_and_officers(page, town, shot, width: str) -> None:
    """From the portal's landing page to the power list (an item's limits, never its internal
    notes), the officers page and the inspection results, each on the public frame."""
    page.get_by_test_id("tiles").get_by_role("link", name="权责清单").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("综合行政执法权责清单公示")
    _on_public_frame(page, town)
    item = page.get_by_test_id("item").filter(has=page.get_by_test_id("limits")).first
    expect(item.get_by_test_id("limits")).to_contain_text("限于本镇行政区域内")
    item.locator("summary").click()
    expect(item.get_by_text("实施依据")).to_be_visible()
    assert "县住建局仍保留资质类处罚" not in page.content()
    shot(page, f"disclosure-powers-{width}")
    page.get_by_role("navigation", name="公示栏目").get_by_role("link", name="执法人员").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("执法人员公示")
    _on_public_frame(page, town)
    expect(page.get_by_test_id("officer").first).to_contain_text("执法证号")
    shot(page, f"disclosure-officers-{width}")
    page.get_by_role("navigation", name="公示栏目").get_by_role("link", name="抽查结果").click()
    expect(page.get_by_test_id("public-results")).to_be_visible()
    _on_public_frame(page, town)
    shot(page, f"disclosure-inspections-{width}")
    page.get_by_role("navigation", name="公示栏目").get_by_role("link", name="首页").click()


def test_s5_on_the_public_portal_from_publication_to_its_changed_version(
    page, live_server, shot, s5, personas
):
    from zhifa.disclosure.sources import (
        appeal_decide,
        appeal_file,
        decision_disclose,
        decision_disclosure_withdraw,
    )

    town = s5.town
    number = s5.penalty.decision_doc.number
    base = f"{live_server.url}/gongshi/{town.code}"
    page.set_viewport_size(DESKTOP)
    _public(page, f"{base}/decisions/")
    expect(page.get_by_test_id("empty")).to_be_visible()  # decided, not yet published

    decision_disclose(
        case=s5, actor=personas.officer, on=D(2026, 11, 5), place="繁峙县人民政府网站"
    )
    _public(page, f"{live_server.url}/gongshi/")
    page.get_by_test_id("towns").get_by_role("link", name=town.agency_name).click()
    expect(page.get_by_test_id("contacts")).to_contain_text("0350-5000000")
    expect(page.get_by_test_id("latest")).to_contain_text(number)
    shot(page, "disclosure-portal-desktop")
    page.get_by_role("navigation", name="公示栏目").get_by_role("link", name="处罚决定").click()
    card = page.get_by_test_id("decision")
    expect(card).to_have_count(1)
    expect(card.get_by_test_id("party")).to_contain_text("繁峙县示例建筑工程有限公司")
    expect(card.get_by_test_id("party")).to_contain_text("周某某")
    assert "周示例" not in page.content()
    shot(page, "disclosure-decisions-desktop")
    page.get_by_label("年度").select_option("2026")
    page.get_by_label("关键词").fill("扬尘")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_test_id("total")).to_have_text("共 1 件")
    page.get_by_label("关键词").fill("占道")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_test_id("empty")).to_be_visible()

    _public(page, f"{base}/")
    _power_list_and_officers(page, town, shot, "desktop")

    page.set_viewport_size(PHONE)
    _public(page, f"{base}/")
    shot(page, "disclosure-portal-phone")
    _power_list_and_officers(page, town, shot, "phone")
    page.get_by_role("link", name="行政处罚决定").first.click()
    expect(page.get_by_test_id("decision")).to_contain_text(number)
    page.get_by_role("link", name="查看单件（可打印）").click()
    expect(page.get_by_test_id("content")).to_contain_text("陆万元")
    shot(page, "disclosure-decision-phone")
    page.emulate_media(media="print")
    shot(page, "disclosure-decision-print")
    page.emulate_media(media="screen")

    appeal = appeal_file(
        case=s5,
        actor=personas.officer,
        kind="reconsideration",
        body="繁峙县人民政府",
        filed_on=D(2026, 11, 10),
    )
    appeal_decide(
        appeal=appeal,
        actor=personas.officer,
        outcome="changed",
        decided_on=D(2026, 11, 18),
        new_amount=40000,
    )
    decision_disclosure_withdraw(
        case=s5, actor=personas.officer, on=D(2026, 11, 20), reason="复议决定变更罚款数额"
    )
    _public(page, f"{base}/decisions/")
    expect(page.get_by_test_id("empty")).to_be_visible()  # gone on the withdrawal date
    _public(page, f"{base}/")
    expect(page.get_by_test_id("latest")).to_have_count(0)

    decision_disclose(
        case=s5, actor=personas.officer, on=D(2026, 11, 20), place="繁峙县人民政府网站"
    )
    _public(page, f"{base}/decisions/")
    card = page.get_by_test_id("decision")
    expect(card.get_by_test_id("changed")).to_be_visible()
    change = card.get_by_test_id("change")
    expect(change.get_by_test_id("change-date")).to_have_text("2026年11月18日")
    expect(change.get_by_test_id("old-amount")).to_have_text("人民币60,000.00元")
    expect(change.get_by_test_id("new-amount")).to_have_text("人民币40,000.00元")
    expect(card.get_by_test_id("content")).to_contain_text("肆万元")
    shot(page, "disclosure-changed-phone")
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="查看单件（可打印）").click()
    expect(page.get_by_test_id("old-amount")).to_have_text("人民币60,000.00元")
    shot(page, "disclosure-changed-desktop")


def test_the_leader_previews_what_the_public_will_see(page, live_server, sign_in, shot, s5):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "leader", PASSWORD)
    page.goto(f"{live_server.url}/disclosure/")
    row = page.get_by_test_id("row").filter(has_text=s5.penalty.decision_doc.number)
    expect(row).to_contain_text("待公示")
    # decided 2026-11-02 and not published: past its 7 working days, red on the leader's warnings
    expect(page.get_by_test_id("warning-danger").filter(has_text=s5.number)).to_be_visible()
    shot(page, "disclosure-board-desktop")
    row.get_by_role("link", name="预览").click()
    preview = page.get_by_test_id("preview")
    expect(preview.get_by_test_id("party")).to_contain_text("周某某")
    shot(page, "disclosure-preview-desktop")
    # signed in, the public pages still show the public frame, not the staff shell
    for url in (f"/catalog/public/{s5.town.code}/", f"/team/public/{s5.town.code}/"):
        page.goto(live_server.url + url)
        _on_public_frame(page, s5.town)
