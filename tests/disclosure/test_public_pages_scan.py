"""Every public page of the demo, reached as a visitor does (from the portal, following links,
no login), holds no personal data: no 18-digit ID number, no mobile number (written whole or in
groups), and no full name of a natural-person party, a party's legal representative, or a
reporter. The demo publishes a natural person's decision whose facts and change name him and
his phone: the pages show him as 郑某某, with the fine before and after the change."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from zhifa.disclosure.demo import CHANGED_CAUSE

pytestmark = pytest.mark.django_db

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)")
SKIP = ("/static/", "/media/", "/accounts/", "/admin/", "/api/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


def _crawl(client, start: list[str], limit: int = 400) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200 or response.get("Content-Disposition"):
            seen[url] = ""
            continue
        body = response.content.decode("utf-8", errors="replace")
        seen[url] = body
        if "html" not in response["Content-Type"]:
            continue
        parser = _Links()
        parser.feed(body)
        for href in parser.hrefs:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith(SKIP) and path not in seen:
                queue.append(path)
    return seen


def test_no_public_page_of_the_demo_shows_personal_data(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    from zhifa.core.models import Town
    from zhifa.core.seeding import seed_demo
    from zhifa.disclosure.sources import Penalty
    from zhifa.grid.models import Subject
    from zhifa.intake.models import Lead

    seed_demo()
    names = set(Subject.objects.filter(kind="individual").values_list("name", flat=True))
    names |= set(
        Subject.objects.exclude(legal_representative="").values_list(
            "legal_representative", flat=True
        )
    )
    names |= set(Lead.objects.exclude(reporter_name="").values_list("reporter_name", flat=True))
    names = {n for n in names if len(n) >= 2}
    assert len(names) >= 5  # the demo has natural persons to hide

    towns = list(Town.objects.filter(is_active=True).values_list("code", flat=True))
    pages = _crawl(client, ["/gongshi/"] + [f"/gongshi/{code}/" for code in towns])
    shown = {url: body for url, body in pages.items() if body}
    # the crawl reached each part of the portal, and S5 is published there with its party
    for part in (
        "/gongshi/",
        "/catalog/public/",
        "/team/public/",
        "/inspections/public/",
        "/intake/public/",
        "/decisions/rss.xml",
        "/decisions.json",
    ):
        assert any(part in url for url in shown), part
    s5 = Penalty.objects.get(case__cause__contains="S5")
    assert any(s5.decision_doc.number in body for body in shown.values())
    assert len(shown) >= 12
    # the power list, the officers page, the inspection results and the citizen's report form
    # and tracker are on the public frame (no staff shell, no script)
    assert any("/intake/public/track/" in url for url in shown)
    assert any(url.endswith("/report/") and "/intake/public/" in url for url in shown)
    for part in ("/catalog/public/", "/team/public/", "/inspections/public/", "/intake/public/"):
        for url in (u for u in shown if part in u):
            assert 'class="gongshi"' in shown[url] and "tel:" in shown[url], url
            assert "<script" not in shown[url], url
    # the power list shows an item's limits (public) and never its internal notes
    powers = " ".join(body for url, body in shown.items() if "/catalog/public/" in url)
    assert "限定范围：限于城管职权范围内" in powers
    assert "流动摊点罚款200元以下可适用简易程序当场处罚" not in powers
    # the natural person's changed decision is there, masked, with its change
    changed = Penalty.objects.get(case__cause=CHANGED_CAUSE)
    assert "郑示户" in names
    detail = next(body for url, body in shown.items() if url.endswith(f"/decisions/{changed.pk}/"))
    assert "郑某某" in detail and "原决定罚款" in detail and "人民币1,500.00元" in detail
    assert "人民币800.00元" in detail and "（电话已隐去）" in detail

    for url, body in shown.items():
        assert not ID_NUMBER.search(body), (url, ID_NUMBER.search(body).group())
        assert not MOBILE.search(body), (url, MOBILE.search(body).group())
        leaked = sorted(n for n in names if n in body)
        assert not leaked, (url, leaked)
