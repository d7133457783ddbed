"""Production smoke test: `zhifa serve` (gunicorn, DEBUG off, whitenoise's manifest storage) on a
fresh PostgreSQL database, driven by Chromium through a login, the case list, a case's evidence
photo, a lead's photo and an issued document's PDF.

Run by `make prod-smoke` and by CI. Needs PostgreSQL: the database named by ZHIFA_SMOKE_DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/zhifa_prod_smoke) is dropped and created afresh, and
dropped again at the end. Exits non-zero on any failure; screenshots go to test-artifacts/prod-smoke/.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUT = ROOT / "test-artifacts" / "prod-smoke"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/zhifa_prod_smoke"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database(url: str, *, drop_only: bool = False) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def run(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "zhifa"), *args], cwd=ROOT, env=env, check=True)


def wait_for(url: str, seconds: float = 900) -> None:
    """Until the server answers: `zhifa serve` first collects and compresses the static files,
    minutes on a busy machine."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"zhifa serve did not answer at {url}")


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"prod-smoke: {message}")
    print(f"  ok  {message}")


def browse(base: str, password: str, env: dict[str, str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_context(locale="zh-CN").new_page()
        problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda e: problems.append(str(e)))
        login = page.goto(f"{base}/accounts/login/")
        check(login.status == 200, "the login page answers")
        headers = login.headers
        check("script-src 'self'" in headers.get("content-security-policy", ""), "CSP is sent")
        check(headers.get("x-content-type-options") == "nosniff", "nosniff is sent")
        css = page.locator("link[rel=stylesheet]").first.get_attribute("href") or ""
        check(".css" in css and css.count(".") >= 2, f"static files are hashed ({css})")
        page.fill("#id_username", "duizhang")
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        if "/accounts/second-factor/" in page.url:  # a leader signs in with TOTP
            code = subprocess.run(
                [str(BIN / "zhifa"), "demo-code", "duizhang"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            page.fill("#id_otp_token", code)
            page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        check("执法平台" in page.title(), "the leader is signed in")
        page.goto(f"{base}/cases/")
        page.screenshot(path=str(OUT / "cases.png"), full_page=True)
        link = page.locator("[data-testid=evidence-file]")
        for href in page.locator("a[href^='/cases/']").evaluate_all(
            "els => [...new Set(els.map(e => e.getAttribute('href')))]"
        ):
            if not href.rstrip("/").split("/")[-1].isdigit():
                continue
            page.goto(base + href)
            if link.count():
                break
        check(link.count() > 0, f"a case with evidence is found ({page.url})")
        photo = page.request.get(base + (link.first.get_attribute("href") or ""))
        check(photo.status == 200, "its evidence file is served")
        check(photo.headers["content-type"].startswith(("image/", "application/pdf")), "typed")
        page.screenshot(path=str(OUT / "case.png"), full_page=True)
        page.goto(f"{base}/intake/?status=all")
        for href in page.locator("a[href^='/intake/']").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        ):
            if href.rstrip("/").split("/")[-1].isdigit():
                page.goto(base + href)
                if page.locator("img[alt=现场照片]").count():
                    break
        images = page.locator("img[alt=现场照片]")
        check(images.count() > 0, f"a lead with a photo is found ({page.url})")
        loaded = images.first.evaluate("img => img.complete && img.naturalWidth > 0")
        check(loaded, "the lead's photo shows in the page")
        page.screenshot(path=str(OUT / "lead.png"), full_page=True)
        page.goto(f"{base}/documents/")
        ids = page.locator("a[href^='/documents/']").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        doc = next(h for h in ids if h.rstrip("/").split("/")[-1].isdigit())
        pdf = page.request.get(f"{base}/api/v1/documents/{doc.rstrip('/').split('/')[-1]}/pdf")
        check(pdf.status == 200 and pdf.body().startswith(b"%PDF"), "a document's PDF is served")
        media = page.request.get(f"{base}/media/")
        check(media.status == 404, "nothing is served from /media/")
        check(not problems, f"no script errors or CSP violations in the pages {problems}")
        browser.close()


def main() -> int:
    url = os.environ.get("ZHIFA_SMOKE_DATABASE_URL", DEFAULT_DB)
    port = int(os.environ.get("ZHIFA_SMOKE_PORT") or free_port())
    var_dir = tempfile.mkdtemp(prefix="zhifa-prod-smoke-")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ZHIFA_VAR_DIR": var_dir,
        # plain HTTP on the loopback: in production TLS ends at the proxy in front (README)
        "ZHIFA_SECURE_COOKIES": "false",
    }
    fresh_database(url)
    log = (Path(var_dir) / "serve.log").open("w")
    server = None
    try:
        run(env, "seed-demo")
        server = subprocess.Popen(
            [str(BIN / "zhifa"), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/accounts/login/")
        browse(base, os.environ.get("ZHIFA_DEMO_PASSWORD", "Zhifa@demo2026"), env)
    except BaseException:
        log.flush()
        print((Path(var_dir) / "serve.log").read_text()[-4000:], file=sys.stderr)
        raise
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        fresh_database(url, drop_only=True)
    print("prod-smoke: zhifa serve works with DEBUG off on PostgreSQL")
    return 0


if __name__ == "__main__":
    sys.exit(main())
