"""The penalty procedure in a real browser over the demo town: the deadline board, a case at the
prior-notice step, and the on-the-spot form at desktop and phone width (500 yuan refused, 100
accepted)."""

import pytest
from django.conf import settings

from tests.browser.conftest import DESKTOP, PHONE, pick, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    from zhifa.core.seeding import seed_demo

    seed_demo()
    from zhifa.cases.models import Case

    return Case.objects.get(cause="施工工地未设置硬质围挡案")


def test_the_deadline_board_and_a_case_at_the_prior_notice_step(
    page, live_server, sign_in, shot, demo
):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "zhifa1", settings.ZHIFA_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/cases/deadlines/")
    board = page.get_by_test_id("board").inner_text()
    assert "当事人申请听证期限" in board and "工作日" in board and "自然日" in board
    shot(page, "penalty-deadline-board-desktop")
    page.set_viewport_size(PHONE)
    shot(page, "penalty-deadline-board-phone")

    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/cases/{demo.pk}/")
    assert page.get_by_test_id("state").inner_text() == "已事先告知"
    panel = page.get_by_test_id("penalty").inner_text()
    assert "罚款人民币伍万元整" in panel and "听证申请至" in panel
    assert "登记听证申请" in page.get_by_test_id("steps").inner_text()
    shot(page, "penalty-case-notified-desktop")
    page.set_viewport_size(PHONE)
    shot(page, "penalty-case-notified-phone")


def test_the_on_the_spot_form_on_a_phone_refuses_500_and_decides_100(
    page, live_server, sign_in, shot, demo
):
    page.set_viewport_size(PHONE)
    sign_in(page, "zhifa1", settings.ZHIFA_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/cases/on-the-spot/")
    wait_until(page, "window.Alpine !== undefined")
    shot(page, "penalty-onthespot-phone")
    page.set_viewport_size(DESKTOP)
    shot(page, "penalty-onthespot-desktop")
    page.set_viewport_size(PHONE)
    # searchable pickers: the item first (the officers offered follow it: only certificates
    # covering 住建, here the two squadron leaders'), then the people
    form = page.locator("form:has(input[name=place])")
    pick(form, "item", "SH-ZJ-005")
    pick(form, "party", "贾示摊")
    pick(form, "officers", "王样例")
    pick(form, "officers", "周模例")
    page.fill("input[name=place]", "砂河镇东街农贸市场北口人行道")
    page.fill("textarea[name=facts]", "擅自占用人行道摆摊经营水果，经劝阻拒不改正")
    page.fill("input[name=violated]", "《城市道路管理条例》第二十七条第（六）项")
    page.fill("input[name=basis]", "《城市道路管理条例》第四十二条")
    page.fill("input[name=amount]", "500")
    page.click("button:has-text('作出当场处罚决定')")
    page.wait_for_load_state()
    error = page.get_by_test_id("form-error").inner_text()
    assert "不得超过200元" in error and "第五十一条" in error
    assert page.input_value("textarea[name=facts]") == "擅自占用人行道摆摊经营水果，经劝阻拒不改正"
    shot(page, "penalty-onthespot-refused-phone")
    # the refused form kept the people chosen
    chosen = page.locator("select[name=officers] option:checked").all_inner_texts()
    assert any("王样例" in c for c in chosen) and any("周模例" in c for c in chosen), chosen
    page.fill("input[name=amount]", "100")
    page.click("button:has-text('作出当场处罚决定')")
    page.wait_for_load_state()
    errors = page.get_by_test_id("form-error")
    assert errors.count() == 0, errors.all_inner_texts()
    assert page.get_by_test_id("state").inner_text() == "已送达"
    assert "罚款人民币壹佰元整" in page.get_by_test_id("penalty").inner_text()
    shot(page, "penalty-onthespot-decided-phone")
