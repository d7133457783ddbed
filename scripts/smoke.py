"""Browser smoke test of the real demo: `zhifa demo` on a fresh SQLite file, every role logs in.

Run by `make smoke` and by CI. Starts the demo server exactly as `make demo` does (own var dir, a
free port), drives Debian's Chromium with Playwright, saves screenshots into test-artifacts/smoke/,
and stops the server. Exits non-zero on any failure.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-artifacts" / "smoke"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 900) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"demo server did not answer at {url}")


def main() -> int:
    port = free_port()
    var_dir = tempfile.mkdtemp(prefix="zhifa-smoke-")
    env = {**os.environ, "ZHIFA_VAR_DIR": var_dir}
    env.pop("DATABASE_URL", None)
    log_path = Path(var_dir) / "demo.log"
    log = log_path.open("w")
    # A file, not a pipe: an unread pipe fills up and blocks the server's request log.
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("zhifa")), "demo", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/accounts/login/")
        os.environ["DJANGO_SETTINGS_MODULE"] = "zhifa.settings"
        os.environ["ZHIFA_VAR_DIR"] = var_dir  # read the demo's own database
        os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from django.conf import settings
        from django.contrib.auth import get_user_model

        from zhifa.accounts.demo import demo_logins
        from zhifa.core.navigation import SECTIONS

        # each role is offered the sections its views let it open (core/navigation.py)
        users = get_user_model().objects
        offered = {
            username: [s.label for s in SECTIONS if s.url_for(users.get(username=username))]
            for username, _, _ in demo_logins()
        }

        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for username, full_name, _ in demo_logins():
                for name, size in (("desktop", (1366, 900)), ("phone", (390, 844))):
                    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
                    page = context.new_page()
                    page.goto(f"{base}/accounts/login/")
                    page.fill("#id_username", username)
                    page.fill("#id_password", settings.ZHIFA_DEMO_PASSWORD)
                    page.click("button[type=submit]")
                    page.wait_for_url(lambda url: "/accounts/login/" not in url)
                    if "/accounts/second-factor/" in page.url:  # leaders and the admin: TOTP
                        # codes are single-use: a second sign-in within the same 30-second step
                        # waits for the next code, as a person would
                        for _attempt in range(4):
                            code = subprocess.run(
                                [
                                    str(Path(sys.executable).with_name("zhifa")),
                                    "demo-code",
                                    username,
                                ],
                                cwd=ROOT,
                                env=env,
                                capture_output=True,
                                text=True,
                                check=True,
                            ).stdout.strip()
                            page.fill("#id_otp_token", code)
                            page.locator("form:has(#id_otp_token) button[type=submit]").click()
                            page.wait_for_load_state()
                            if "/accounts/second-factor/" not in page.url:
                                break
                            time.sleep(31 - time.time() % 30)
                    try:
                        page.wait_for_url(f"{base}/")
                    except Exception as err:
                        alert = page.locator(".alert").all_inner_texts()
                        stuck = f"{username} ({name}) stuck at {page.url}: {alert}"
                        raise AssertionError(stuck) from err
                    assert page.get_by_test_id("user-name").inner_text() == full_name
                    nav = page.locator("#sidebar-menu").inner_text()
                    missing = [s for s in offered[username] if s not in nav]
                    assert offered[username], f"{username}: no section is offered"
                    assert not missing, f"{username}: navigation lacks {missing}"
                    page.screenshot(path=str(OUT / f"{username}-{name}.png"), full_page=True)
                    context.close()
                print(f"  ✓ {username} ({full_name})")
            browser.close()
        print(f"smoke: every demo role logged in at {base}; screenshots in {OUT}")
        return 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
        if os.environ.get("ZHIFA_SMOKE_VERBOSE"):
            print(log_path.read_text())


if __name__ == "__main__":
    sys.exit(main())
