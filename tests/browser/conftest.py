"""Browser tests: Debian's Chromium driven by Playwright (never `playwright install`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # as the team's browsers are set; Chromium's own strings (a file input's button) stay English
    # here because Debian's chromium ships only the en-US locale pack (chromium-l10n has the rest)
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


# Reference rows the migrations write (RunPython): a transactional test's flush removes them.
REFERENCE_ROWS = [
    ("zhifa.catalog.migrations.0002_domains", "add_domains"),
    ("zhifa.dashboard.migrations.0002_review_checklist", "seed"),
]


@pytest.fixture(autouse=True)
def _reference_rows(request):
    """Every browser test runs on a transactional database; the test before it in the same worker
    flushed what the migrations had written (domains, the review checklist): write it again, as
    the migrations do (idempotent), so no test depends on the order it runs in."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for module, function in REFERENCE_ROWS:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture
def shot():
    """Save a screenshot into test-artifacts/screenshots/ (gitignored) for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def sign_in(live_server):
    def do(page, username: str, password: str) -> None:
        from zhifa.accounts.models import User
        from zhifa.accounts.second_factor import (
            current_code,
            demo_device_ensure,
            needs_second_factor,
        )

        user = User.objects.filter(username=username).first()
        device = demo_device_ensure(user) if needs_second_factor(user) else None
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        if device is not None:  # leaders and admins: the second factor, as `zhifa demo-code`
            page.wait_for_url("**/accounts/second-factor/**")
            device.refresh_from_db()
            page.fill("#id_otp_token", current_code(device, fresh=True))
            page.locator("form:has(#id_otp_token) button[type=submit]").click()  # not 退出登录
        page.wait_for_url(f"{live_server.url}/")

    return do


def wait_until(page, expression: str, timeout_ms: int = 10_000) -> None:
    """Wait until a JavaScript expression is true on the page.

    Playwright's ``wait_for_function`` builds its predicate with ``eval`` inside the page, which the
    pages' Content Security Policy forbids (no 'unsafe-eval'); ``page.evaluate`` goes through the
    DevTools protocol instead, outside the policy, so the wait polls with it."""
    waited = 0
    while not page.evaluate(expression):
        if waited >= timeout_ms:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(100)
        waited += 100


def pick(scope, name: str, text: str, *, keyboard: bool = True) -> None:
    """Choose in a searchable picker (core/widgets.py) as a person does: focus it, type part of
    the name, then Enter on the first match (or a tap on it), and look that the choice shows in
    the field. ``scope`` is a page or a form.

    A list re-filled by a search answered late (or by a dependency's change) can swallow the
    Enter; a person sees the name did not appear and chooses again — so does this, twice at most."""
    wrapper = scope.locator(f"select[name={name}] ~ .ts-wrapper").first
    control = wrapper.locator(".ts-control input")
    for _ in range(3):
        wrapper.locator(".ts-control").click()  # a tap on the field, wherever its text box sits
        control.fill(text)
        if keyboard:
            # the search has run once the highlighted option is a match
            option = wrapper.locator(".ts-dropdown .option.active")
            expect(option).to_contain_text(text)
        else:
            option = wrapper.locator(".ts-dropdown .option", has_text=text).first
        label = option.locator("div").first.inner_text().strip()  # the text matched may be its hint
        if keyboard:
            control.press("Enter")
        else:
            option.click()
        # a search answered late may open the list again: Escape until it stays shut
        for _ in range(30):
            control.press("Escape")
            if wrapper.locator(".ts-dropdown").is_hidden():
                break
            control.page.wait_for_timeout(100)
        expect(wrapper.locator(".ts-dropdown")).to_be_hidden()
        chosen = wrapper.locator(".ts-control .item", has_text=label)
        if chosen.count():
            return
    expect(chosen).to_have_count(1)


@pytest.fixture
def walk(request, browser, browser_context_args, live_server, sign_in, shot, clock):
    """One acceptance story (tests/browser/stories.py): its people's browsers, its clock."""
    from tests.browser.stories import Walk

    story = Walk(
        browser=browser,
        context_args=browser_context_args,
        live_server=live_server,
        sign_in=sign_in,
        shot=shot,
        clock=clock,
        name=request.node.name.split("_")[1],  # test_s1_… → s1
    )
    yield story
    story.close()
