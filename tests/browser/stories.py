"""What the acceptance-story walks (test_stories*.py) share: a ``Walk`` (conftest's ``walk``)
seeds the demo town as of a story's first day on the house clock (core/clock.py), opens one
browser per person —
each signed in with their own demo login, at phone width for field work — and moves the clock
from step to step; and the helpers a person's hands need: press a form's button, open a step on
the case page, download a document from the case page and read it back with pdftotext.

Nothing here calls a service or the API to do a step: the seeding is the demo's own (people,
catalog, grid, team), and every step of a story is a page a person uses."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_grid import ensure_domains

PASSWORD = settings.ZHIFA_DEMO_PASSWORD


def submit(page: Page, button: Any) -> None:
    """Press a form's button from the keyboard (a tap can miss while the web font's subsets load
    and the page reflows) and wait for the page that answers the POST."""

    def posted(response: Any) -> bool:
        return response.request.method == "POST" and response.request.resource_type == "document"

    button.focus()  # leaving a picker closes its list, as a person's tap on the button does
    expect(page.locator(".ts-dropdown:visible")).to_have_count(0)
    with page.expect_response(posted, timeout=60_000):
        button.press("Enter")
    page.wait_for_load_state()


def refusals(page: Page) -> list[str]:
    return page.locator(".alert-danger, .invalid-feedback").all_inner_texts()


def done(page: Page, message: str) -> None:
    """The page says the step was done (and nothing was refused)."""
    assert refusals(page) == [], refusals(page)
    expect(page.locator(".alert-success").first).to_contain_text(message)


def step(page: Page, verb: str) -> Any:
    """Open a step of the case page's 办理 list and return its form."""
    form = page.get_by_test_id(f"step-{verb}")
    if not form.is_visible():
        page.locator(f"button[data-bs-target='#step-{verb}']").click()
        expect(form).to_be_visible()
        page.wait_for_timeout(400)  # the accordion finishes opening before the screenshot
    return form


def photo(tmp_path: Path, name: str, color: tuple[int, int, int] = (120, 95, 60)) -> str:
    """A site photo as a phone's camera hands it to the file input."""
    from PIL import Image

    path = tmp_path / f"{name}.jpg"
    Image.new("RGB", (640, 480), color).save(path, "JPEG")
    return str(path)


def perform(page: Page, form: Any) -> None:
    """Press a step form's own button (the one that names the step)."""
    submit(page, form.locator(":scope > button"))


def pdf_text(data: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return re.sub(r"\s+", "", out)  # the layout's spacing and line breaks are not the text


def case_document(page: Page, title: str, tmp_path: Path) -> str:
    """Download a document from the case page (its PDF link, as a person clicks it with Alt to
    save it) and return its text as pdftotext reads it, white space removed."""
    row = page.get_by_test_id("document-row").filter(has_text=title).first
    link = row.get_by_test_id("document-pdf")
    with page.expect_download() as download:
        link.click(modifiers=["Alt"])
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF"), title
    return pdf_text(data, tmp_path, re.sub(r"\W", "", title))


def chain_verified(page: Page, case: Any) -> None:
    """The case page shows its record chain intact, and `zhifa verify-record` passes."""
    from django.core.management import call_command

    expect(page.get_by_test_id("timeline")).to_contain_text("哈希链完整")
    call_command("verify_record", case=str(case.pk))


class Walk:
    """One story: people signed in on their own browsers, the clock, numbered screenshots."""

    def __init__(self, *, browser, context_args, live_server, sign_in, shot, clock, name) -> None:
        self.browser, self.context_args = browser, context_args
        self.url, self.sign_in, self._shot, self.clock = live_server.url, sign_in, shot, clock
        self.name, self.count = name, 0
        self.contexts: list[Any] = []
        self.pages: dict[str, Page] = {}

    def begin(self, when: str, tmp_path: Path, settings: Any) -> Any:
        """Freeze the clock at the story's first moment and seed the demo town as of that day."""
        from zhifa.accounts import demo as accounts
        from zhifa.catalog import demo as catalog
        from zhifa.grid import demo as grid
        from zhifa.team import demo as team

        settings.MEDIA_ROOT = tmp_path / "media"
        self.on(when)
        ensure_domains()
        for module in (accounts, catalog, grid, team):
            module.seed()
        return accounts.demo_towns()["main"]

    def on(self, when: str) -> None:
        """The clock reads ``when`` (Shanghai time) and runs on from there."""
        self.clock.freeze(when, tick=True)

    def person(self, username: str, *, phone: bool = False, **context: Any) -> Page:
        """``username``'s browser (phone width for field work), signed in once."""
        key = f"{username}-{'phone' if phone else 'desk'}"
        if key not in self.pages:
            args = {**self.context_args, **context, "viewport": PHONE if phone else DESKTOP}
            if phone:  # the phone tells the pages where it is (browser geolocation)
                args.setdefault("permissions", ["geolocation"])
            browser_context = self.browser.new_context(**args)
            self.contexts.append(browser_context)
            page = browser_context.new_page()
            self.sign_in(page, username, PASSWORD)
            self.pages[key] = page
        return self.pages[key]

    @staticmethod
    def stand(page: Page, lat: float, lng: float) -> None:
        """The phone's GPS reads this point (WGS-84)."""
        page.context.set_geolocation({"latitude": lat, "longitude": lng, "accuracy": 12})

    def go(self, page: Page, path: str) -> Page:
        page.goto(f"{self.url}{path}")
        return page

    def shot(self, page: Page, what: str) -> Path:
        self.count += 1
        return self._shot(page, f"story-{self.name}-{self.count:02d}-{what}")

    def close(self) -> None:
        for browser_context in self.contexts:
            browser_context.close()
