"""The shell in a real browser: every demo role logs in and sees the navigation, desktop and phone."""

import pytest
from django.conf import settings

from tests.browser.conftest import DESKTOP, PHONE, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_accounts(db):
    from zhifa.accounts import demo

    demo.seed()
    return demo.demo_logins()


def test_the_login_page_renders_chinese_text_with_the_bundled_font(page, live_server, shot):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("h1").inner_text().strip() == "乡镇综合行政执法平台"
    # The web font from npm is what renders the text, not a font the machine happens to have.
    wait_until(page, "document.fonts.check('16px \"Noto Sans SC\"', '登录')")
    assert page.evaluate("document.fonts.check('16px \"Noto Sans SC\"', '执法')")
    shot(page, "login-desktop")
    page.set_viewport_size(PHONE)
    shot(page, "login-phone")


def test_every_demo_role_logs_in_and_sees_the_shell(
    page, live_server, sign_in, shot, demo_accounts
):
    for username, full_name, _roles in demo_accounts:
        page.context.clear_cookies()
        page.set_viewport_size(DESKTOP)
        sign_in(page, username, settings.ZHIFA_DEMO_PASSWORD)
        assert page.get_by_test_id("user-name").inner_text() == full_name
        nav = page.locator("#sidebar-menu").inner_text()
        # every role has the list and cases; the rest only where the role may open them
        assert "清单" in nav and "案件" in nav
        # the county supervisor reads cases and statistics across towns, not a town's daily work
        staff = username not in ("wangge", "bumen", "jiandu")
        for label in ("队伍", "网格", "线索", "文书"):
            if staff:
                assert label in nav, (username, label)
        if username == "wangge":
            assert "队伍" not in nav and "文书" not in nav and "网格" in nav
        if username == "jiandu":
            assert "统计" in nav and "线索" not in nav and "文书" not in nav
        if username == "bumen":
            assert "网格" not in nav and "线索" not in nav and "队伍" in nav
        if username == "duizhang":
            shot(page, "home-desktop")
            page.set_viewport_size(PHONE)
            page.reload()
            shot(page, "home-phone")


def test_a_wrong_password_shows_a_chinese_error(page, live_server, demo_accounts):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "zhifa1")
    page.fill("#id_password", "不对的密码123")
    page.click("button[type=submit]")
    assert "用户名或密码不正确" in page.locator(".alert-danger").inner_text()


def test_the_deadline_calculator_answers_across_national_day(
    page, live_server, sign_in, shot, demo_accounts
):
    sign_in(page, "zhifa1", settings.ZHIFA_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/workdays/")
    page.fill("#id_start", "2026-09-29")
    page.fill("#id_days", "5")
    page.get_by_role("button", name="计算").click()
    answer = page.get_by_test_id("workday-answer")
    answer.wait_for()
    assert "2026年10月12日" in answer.inner_text()
    shot(page, "workdays-desktop")
