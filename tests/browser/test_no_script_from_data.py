"""No script runs from data: a payload planted in the free-text fields people fill (a lead's
report, address and reporter, a case's cause, a party's name and address, evidence, a document's
title, a village, a grid cell, a person's name, a notice) opens no dialog on any page that shows
them, including map popups and pickers, and the Content-Security-Policy reports no violation."""

import pytest
from django.conf import settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = '<img src=x onerror=alert(1)>"><script>alert(2)</script>'
SHORT = '"><img src=x onerror=alert(3)>'  # for fields of 50 characters
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.fixture
def planted(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    from zhifa.accounts.models import User
    from zhifa.cases.models import Case, Evidence
    from zhifa.core.models import Notification
    from zhifa.core.seeding import seed_demo
    from zhifa.documents.models import Document
    from zhifa.grid.models import GridCell, Subject, Village
    from zhifa.intake.models import Lead

    seed_demo()
    Lead.all_towns.update(text=PAYLOAD, address=PAYLOAD, reporter_name=SHORT)
    Case.all_towns.update(cause=PAYLOAD)
    Subject.all_towns.update(name=PAYLOAD, address=PAYLOAD)
    Evidence.all_towns.update(description=PAYLOAD, original_name=PAYLOAD)
    Document.all_towns.update(title=PAYLOAD)
    # village names are unique in a town: each gets the payload and its own number
    for number, village in enumerate(Village.all_towns.all()):
        Village.all_towns.filter(pk=village.pk).update(name=f"{SHORT}{number}")
    GridCell.all_towns.update(name=SHORT)
    Notification.all_towns.update(title=PAYLOAD, body=PAYLOAD)
    User.objects.filter(username__in=["zhifa1", "zhifa2", "wangge"]).update(full_name=SHORT)
    return {
        "case": Case.all_towns.filter(evidence__isnull=False).first(),
        "lead": Lead.all_towns.filter(town__code=Case.all_towns.first().town.code).first(),
        "document": Document.all_towns.first(),
    }


def test_a_planted_payload_runs_nowhere(page, live_server, sign_in, shot, planted):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script(WATCH)
    sign_in(page, "duizhang", settings.ZHIFA_DEMO_PASSWORD)
    base = live_server.url
    pages = [
        "/",
        "/notifications/",
        "/intake/?status=all",
        f"/intake/{planted['lead'].pk}/",
        "/cases/?active=",
        f"/cases/{planted['case'].pk}/",
        "/grid/",
        "/grid/subjects/",
        "/documents/",
        f"/documents/{planted['document'].pk}/",
        "/team/",
        "/catalog/summary/",
    ]
    for path in pages:
        answer = page.goto(base + path)
        assert answer.status < 400, path
        page.wait_for_load_state("networkidle")
        # open what the scripts build from data: map popups and cell panels, picker lists
        for marker in page.locator("path.leaflet-interactive").all()[:3]:
            marker.click(force=True)
        # (pickers inside a folded section, e.g. the case page's step forms, stay shut)
        for picker in [p for p in page.locator(".ts-control").all() if p.is_visible()][:2]:
            picker.click()
        assert page.evaluate("window.__violations") == [], path
        assert dialogs == [], path
    shot(page, "no-script-from-data")
    text = page.goto(f"{base}/cases/{planted['case'].pk}/")
    assert text.status == 200 and "<script>alert(2)</script>" in page.inner_text("body")
