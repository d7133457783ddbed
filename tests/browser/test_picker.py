"""The searchable picker (core/widgets.py, static/core/picker.js) on a busy server: the list of
everyone the picker asks for (on focus, or when the field it depends on changed) may come back
only after the person has typed a name and chosen it. That late answer must not open the list
again over the form."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, pick
from tests.browser.test_grid import ensure_domains

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


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


def test_a_list_answered_after_the_choice_does_not_open_again_over_the_form(
    page, live_server, sign_in, shot, demo
):
    held = []  # the server's answers to the searches in `slow`, kept back
    slow = {""}  # first the list of everyone (an empty search)

    def answer(route):
        if parse_qs(urlparse(route.request.url).query).get("q", [""])[0] in slow:
            held.append(route)
        else:
            route.continue_()

    def arrive() -> None:
        """The late answers arrive; the list stays shut."""
        while held:
            held.pop().continue_()
        page.wait_for_timeout(1500)
        expect(page.locator(".ts-dropdown:visible")).to_have_count(0)

    page.set_viewport_size(DESKTOP)
    sign_in(page, "zhongduizhang", settings.ZHIFA_DEMO_PASSWORD)
    page.route("**/pick/officers*", answer)
    page.goto(f"{live_server.url}/cases/new/")
    form = page.get_by_test_id("register-form")
    pick(form, "items", "占道")
    # the item changed: the handlers' picker asks for everyone who may act for it
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the picker asked for everyone when the item changed"
    pick(form, "handlers", "周模例")
    wrapper = form.locator("select[name=handlers] ~ .ts-wrapper")
    expect(wrapper.locator(".item")).to_contain_text(["周模例"])
    arrive()

    # the next name is typed and chosen as soon as the page shows it; its search reaches the
    # server about then (tom-select waits 300 ms twice: to filter, then to ask the server)
    slow.add("张演")
    control = wrapper.locator(".ts-control input")
    control.fill("张演")
    expect(wrapper.locator(".ts-dropdown .option.active")).to_contain_text("张演练")
    control.press("Enter")
    expect(wrapper.locator(".item")).to_contain_text(["周模例", "张演练"])
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the typed name was searched on the server"
    control.press("Escape")
    expect(wrapper.locator(".ts-dropdown")).to_be_hidden()
    arrive()
    shot(page, "picker-late-answer-stays-shut")

    # the person goes on: typing searches and opens the list as before
    slow.clear()
    control.fill("王样")
    expect(wrapper.locator(".ts-dropdown")).to_be_visible()
    expect(wrapper.locator(".ts-dropdown .option.active")).to_contain_text("王样例")
