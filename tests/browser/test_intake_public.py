"""The citizen's report form, its done page and the progress tracker on the public frame
(core/public_base.html), in Chromium with no login: reached from the town's portal at phone width,
a refusal that keeps what was typed (too short a text, then a file that is not a picture), a report
filed with its village and photo, and the tracking code looked up again from the portal."""

import io

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOWN = "140924101"


@pytest.fixture
def demo(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    from zhifa.core.seeding import seed_demo

    seed_demo()
    from zhifa.intake.models import Lead

    return Lead.objects


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def _on_public_frame(page) -> None:
    expect(page.locator("body.gongshi")).to_have_count(1)
    expect(page.get_by_test_id("town-name")).to_contain_text("砂河镇")
    expect(page.locator("header[role=banner]")).to_have_count(1)
    expect(page.locator("main#main")).to_have_count(1)
    expect(page.locator("footer[role=contentinfo]")).to_contain_text("办公电话")
    expect(page.locator("script")).to_have_count(0)
    expect(page.locator(".navbar, aside.navbar-vertical")).to_have_count(0)  # no staff shell


def test_a_citizen_reports_and_tracks_on_the_public_frame_at_phone_width(
    page, live_server, shot, demo
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/gongshi/{TOWN}/")
    page.get_by_role("link", name="我要举报").click()
    page.wait_for_load_state()
    _on_public_frame(page)
    expect(page.get_by_role("heading", name="群众举报")).to_be_visible()
    expect(page.locator("nav[aria-label=公示栏目] a[aria-current=page]")).to_have_text("投诉举报")
    shot(page, "intake-public-report-frame-phone")

    # too short a text: refused in Chinese, everything typed stays
    page.get_by_label("反映内容").fill("太吵了")
    page.get_by_label("所在村（社区）（可不填）").select_option(label="山会村")
    page.get_by_label("发生地点").fill("村口煤场北侧")
    page.get_by_label("您的称呼（可不填）").fill("李先生")
    page.get_by_label("联系电话（可不填，仅执法队可见）").fill("13700005678")
    page.get_by_role("button", name="提交").click()
    page.wait_for_load_state()
    _on_public_frame(page)
    expect(page.get_by_test_id("form-errors")).to_contain_text("提交未成功")
    expect(page.get_by_test_id("error-text")).to_contain_text("反映内容至少写 10 个字")
    text = page.get_by_label("反映内容")
    expect(text).to_have_value("太吵了")
    expect(text).to_have_attribute("aria-invalid", "true")
    expect(text).to_have_attribute("aria-describedby", "id_text-error id_text_helptext")
    expect(page.get_by_label("发生地点")).to_have_value("村口煤场北侧")
    expect(page.get_by_label("您的称呼（可不填）")).to_have_value("李先生")
    expect(page.get_by_label("联系电话（可不填，仅执法队可见）")).to_have_value("13700005678")
    expect(page.locator("select[name=village] option:checked")).to_have_text("山会村")
    shot(page, "intake-public-refused-phone")
    assert demo.filter(source="report", text__startswith="太吵了").count() == 0

    # a file that is not a picture: the server refuses it on the photo field
    page.get_by_label("反映内容").fill("山会村煤场夜里装卸煤炭不苫盖，扬尘很大，噪声扰民")
    page.get_by_label("照片（可不填）").set_input_files(
        {"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": b"not a picture at all"}
    )
    page.get_by_role("button", name="提交").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("error-photo")).to_contain_text("不是有效的图片")
    expect(page.get_by_test_id("form-errors")).to_contain_text("照片需要重新选择")
    expect(page.get_by_label("反映内容")).to_have_value(
        "山会村煤场夜里装卸煤炭不苫盖，扬尘很大，噪声扰民"
    )
    expect(page.get_by_label("发生地点")).to_have_value("村口煤场北侧")

    # a real photo: the report is filed and the done page gives the tracking code
    page.get_by_label("照片（可不填）").set_input_files(
        {"name": "现场.png", "mimeType": "image/png", "buffer": _png()}
    )
    page.get_by_role("button", name="提交").click()
    page.wait_for_load_state()
    _on_public_frame(page)
    expect(page.get_by_role("heading", name="已收到您的反映")).to_be_visible()
    code = page.get_by_test_id("tracking-code").inner_text().strip()
    number = page.get_by_test_id("lead-number").inner_text().strip()
    assert len(code) == 10
    shot(page, "intake-public-done-frame-phone")
    lead = demo.get(tracking_code=code)
    assert lead.number == number and lead.photos.count() == 1
    assert lead.address == "山会村 村口煤场北侧" and lead.reporter_phone == "13700005678"

    # back on the portal, the tracker finds it by the code typed in
    page.get_by_test_id("town-name").get_by_role("link").click()
    page.get_by_role("link", name="办理进度查询").click()
    page.wait_for_load_state()
    _on_public_frame(page)
    page.get_by_label("查询码").fill(code.lower())
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state()
    _on_public_frame(page)
    result = page.get_by_test_id("track-result")
    expect(result).to_contain_text(number)
    expect(page.get_by_test_id("track-status")).to_have_text("已受理，正在分拣")
    body = page.content()
    assert "13700005678" not in body and "李先生" not in body  # the tracker shows no reporter
    shot(page, "intake-public-track-frame-phone")

    page.get_by_label("查询码").fill("AAAAAAAAAA")
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("没有找到该查询码")


def test_the_public_report_and_tracker_at_desktop_width(page, live_server, shot, demo):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/intake/public/{TOWN}/report/")
    _on_public_frame(page)
    expect(page.get_by_role("heading", name="查询办理进度")).to_be_visible()
    shot(page, "intake-public-report-frame-desktop")
    page.get_by_role("link", name="输入查询码").click()
    page.wait_for_load_state()
    _on_public_frame(page)  # the town comes along to the tracker
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("error-code")).to_contain_text("请输入查询码")
    shot(page, "intake-public-track-frame-desktop")
