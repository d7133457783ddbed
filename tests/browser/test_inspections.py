"""One inspection on a phone (390 px), over the demo town: from the officer's queue to the signed
检查笔录 — start on site, answer the checklist with a photo, conclude, the party signs."""

import io

import pytest
from django.conf import settings

from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    from zhifa.core.seeding import seed_demo

    seed_demo()


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 140, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_officer_walks_one_inspection_on_a_phone(page, live_server, sign_in, shot, demo):
    from zhifa.inspections.models import Inspection

    page.set_viewport_size(PHONE)
    sign_in(page, "zhifa2", settings.ZHIFA_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inspections/")
    queue = page.get_by_test_id("my-queue")
    assert queue.locator("a").count() >= 2
    shot(page, "inspections-queue-phone")
    queue.locator("a", has_text="待检查").first.click()
    page.wait_for_load_state()
    number = page.locator(".page-pretitle").inner_text().split(" ")[0]
    inspection = Inspection.objects.get(number=number)
    assert inspection.status == "drawn"
    shot(page, "inspections-drawn-phone")

    start = page.get_by_test_id("start")
    start.locator("input[name=present]").fill("项目经理褚示例")
    start.locator("button").click()
    page.wait_for_load_state()
    assert "已开始检查" in page.content()
    lines = page.get_by_test_id("line")
    count = lines.count()
    assert count == 4
    shot(page, "inspections-checklist-phone")

    for index in range(count):
        line = page.get_by_test_id("line").nth(index)
        line.get_by_text("符合", exact=True).click()
        line.locator("form").first.locator("button").click()
        page.wait_for_load_state()
    first = page.get_by_test_id("line").first
    first.locator("input[type=file]").set_input_files(
        {"name": "scene.png", "mimeType": "image/png", "buffer": _png()}
    )
    first.get_by_role("button", name="上传照片").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("pending").inner_text() == "未填 0 项"
    assert page.get_by_test_id("line").first.locator("img").count() == 1
    shot(page, "inspections-answered-phone")

    finish = page.get_by_test_id("finish")
    assert finish.locator("[data-field=requirements]").is_hidden()  # order fields only for an order
    finish.get_by_text("未发现问题", exact=True).click()
    finish.locator("textarea[name=findings]").fill("检查清单各项均符合要求，未发现问题。")
    finish.locator("button").click()
    page.wait_for_load_state()
    sign = page.get_by_test_id("sign")
    sign.locator("input[name=party_signature]").fill("褚示例")
    shot(page, "inspections-sign-phone")
    sign.locator("button").click()
    page.wait_for_load_state()

    assert "检查笔录已签名确认，检查完成" in page.content()
    assert page.get_by_test_id("status").inner_text() == "已完成"
    assert page.get_by_test_id("record-pdf").is_visible()
    shot(page, "inspections-signed-phone")
    inspection.refresh_from_db()
    assert inspection.status == "completed" and inspection.party_signature == "褚示例"
    assert inspection.record_document.status == "issued" and inspection.publish_deadline is not None
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
