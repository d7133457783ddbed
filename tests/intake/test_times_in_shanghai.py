"""Times are shown in Asia/Shanghai everywhere: the public tracking page, the pages, the API's
JSON (typed and untyped operations) and what is queued for the 12345 platform."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from zhifa.grid.services import patrol_finding_report
from zhifa.intake.hotline import order_sign
from zhifa.intake.models import Lead, Outbox
from zhifa.intake.services import lead_receive

# 2026-09-28 17:30 UTC is 2026-09-29 01:30 in Shanghai: a UTC rendering shows the wrong day.
LATE = dt.datetime(2026, 9, 28, 17, 30, tzinfo=dt.UTC)


def _citizen_report(town):
    lead, _ = lead_receive(
        town=town,
        source="report",
        text="同路村村口夜里有人焚烧废旧轮胎",
        address="同路村村口",
        received_at=LATE,
        triage=False,
    )
    return lead


def test_the_public_tracking_page_shows_shanghai_time(personas, cells):
    lead = _citizen_report(personas.town)
    page = Client().get(f"/intake/public/track/?code={lead.tracking_code}").content.decode()
    assert "2026-09-29 01:30" in page and "2026-09-28 17:30" not in page


def test_the_grid_members_own_report_page_shows_shanghai_time(client, login, personas, cells):
    lead = _citizen_report(personas.town)
    Lead.objects.filter(pk=lead.pk).update(reported_by=personas.grid_member)
    page = login(client, personas.grid_member).get(f"/intake/mine/{lead.pk}/").content.decode()
    assert "2026-09-29 01:30" in page


def test_the_triage_page_shows_shanghai_time(client, login, personas, cells):
    lead = _citizen_report(personas.town)
    page = login(client, personas.squadron_leader).get(f"/intake/{lead.pk}/").content.decode()
    assert "2026-09-29 01:30" in page


def test_the_api_gives_times_with_the_shanghai_offset(personas, cells, api_client):
    lead = _citizen_report(personas.town)
    api = api_client(personas.squadron_leader)
    untyped = api.get(f"/api/v1/intake/leads/{lead.pk}").json()
    assert untyped["received_at"] == "2026-09-29T01:30:00+08:00"
    patrol_finding_report(
        town=personas.town,
        user=personas.officer,
        description="振华街有商户占道经营摆放货架",
        at=LATE,
        lat=39.175,
        lng=113.265,
    )
    typed = api_client(personas.officer).get("/api/v1/grid/findings").json()
    assert typed[0]["at"].startswith("2026-09-29T01:30:00") and typed[0]["at"].endswith("+08:00")


def test_what_is_queued_for_the_12345_platform_is_in_shanghai_time(personas, cells):
    lead, _ = lead_receive(
        town=personas.town,
        source="hotline",
        source_ref="12345-TZ-1",
        text="东街农贸市场门口有商贩占道摆摊",
        address="东街农贸市场",
        triage=False,
    )
    order_sign(lead=lead, actor=personas.squadron_leader)
    sign = Outbox.objects.get(lead=lead, kind="sign")
    assert sign.payload["at"].endswith("+08:00")


def test_a_lead_received_and_signed_on_a_frozen_day_is_recorded_on_that_day(
    client, login, personas, cells, clock
):
    clock.freeze("2026-09-23 09:10")
    lead, _ = lead_receive(
        town=personas.town,
        source="hotline",
        source_ref="12345-CLOCK-1",
        text="同路村北山有人私自开采铁矿石",
        address="同路村北山",
        triage=False,
    )
    order_sign(lead=lead, actor=personas.squadron_leader)
    page = login(client, personas.squadron_leader).get(f"/intake/{lead.pk}/").content.decode()
    assert "2026-09-23 09:10" in page  # received (the lead card)
    record = page.split("09-23 09:10 · ")
    assert len(record) >= 3, page  # its record: received, then signed, on the house's day
