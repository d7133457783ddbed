"""A patrol finding becomes a lead in the same transaction as its report (source 巡查发现, with
its photo and point), reaches the squadron leader's inbox, and the page names the lead; if the
lead cannot be made, the finding is not kept either. Lead receipt times obey the fact-date rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhifa.core import clock as house_clock
from zhifa.core.errors import DomainError
from zhifa.core.models import Notification
from zhifa.grid.models import PatrolFinding
from zhifa.grid.services import grid_member_assign, patrol_finding_report, patrol_plan
from zhifa.intake.models import Lead

from .conftest import TONGLU, photo


@pytest.fixture
def patrol(personas, cells, catalog, squadrons):
    member = personas.grid_member
    grid_member_assign(town=personas.town, user=member, cells=list(cells.values()))
    start = house_clock.now()
    return patrol_plan(
        town=personas.town,
        patroller=member,
        title="同路村日常巡查",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
    )


def _jpeg() -> SimpleUploadedFile:
    return SimpleUploadedFile("site.jpg", photo().getvalue(), content_type="image/jpeg")


def test_a_finding_reported_on_the_patrol_page_is_a_lead_in_the_squadron_leaders_inbox(
    client, login, personas, patrol, django_capture_on_commit_callbacks
):
    login(client, personas.grid_member)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            f"/grid/patrols/{patrol.pk}/finding/",
            {
                "description": "同路村北山发现新挖土坑和运矿车辆痕迹，疑似私挖铁矿",
                "lat": TONGLU[0],
                "lng": TONGLU[1],
                "photo": _jpeg(),
            },
        )
    assert done.status_code == 302
    finding = PatrolFinding.objects.get()
    lead = Lead.objects.get(finding=finding)
    assert lead.source == Lead.Source.PATROL and lead.get_source_display() == "巡查发现"
    assert lead.photos.count() == 1
    assert (lead.lat, lead.lng) == (finding.lat, finding.lng) and lead.cell == finding.cell
    assert lead.reported_by == personas.grid_member and lead.received_at == finding.at
    assert finding.taken_ref == lead.number
    # the page says where it went, by number
    page = client.get(done["Location"]).content.decode()
    assert f"已转入线索分拨：线索编号 {lead.number}" in page
    # the squadron leader is told and finds it in the inbox
    assert Notification.objects.filter(
        user=personas.squadron_leader, title__contains=lead.number
    ).exists()
    inbox = login(client, personas.squadron_leader).get("/intake/").content.decode()
    assert lead.number in inbox and "巡查发现" in inbox


def test_when_the_lead_cannot_be_made_the_finding_is_not_kept_and_the_text_stays_on_the_form(
    client, login, personas, patrol, monkeypatch
):
    from zhifa.intake import receivers

    def refuse(**kwargs):
        raise DomainError("线索登记失败（测试）")

    monkeypatch.setattr(receivers, "lead_receive_finding", refuse)
    page = login(client, personas.grid_member).post(
        f"/grid/patrols/{patrol.pk}/finding/",
        {"description": "村口有人倾倒建筑垃圾", "lat": TONGLU[0], "lng": TONGLU[1]},
    )
    assert page.status_code == 422
    body = page.content.decode()
    assert "线索登记失败（测试）" in body and "村口有人倾倒建筑垃圾" in body
    assert PatrolFinding.objects.count() == 0 and Lead.objects.count() == 0


def test_a_too_short_finding_is_refused_in_chinese_and_nothing_is_saved(
    client, login, personas, patrol
):
    page = login(client, personas.grid_member).post(
        f"/grid/patrols/{patrol.pk}/finding/", {"description": "有情况"}
    )
    assert page.status_code == 422 and "至少 5 个字" in page.content.decode()
    assert PatrolFinding.objects.count() == 0 and Lead.objects.count() == 0


def test_a_finding_dated_in_the_future_is_refused_and_makes_no_lead(personas, patrol, clock):
    clock.freeze("2026-09-29 10:00")
    with pytest.raises(DomainError, match="发现时间（2026年9月30日 10:00）晚于当前时间"):
        patrol_finding_report(
            town=personas.town,
            user=personas.grid_member,
            patrol=patrol,
            description="北山有挖掘机在挖矿",
            at=dt.datetime(2026, 9, 30, 10, 0, tzinfo=house_clock.TZ),
        )
    assert PatrolFinding.objects.count() == 0 and Lead.objects.count() == 0


def test_a_finding_kept_from_before_becomes_one_lead_through_the_api_however_often_asked(
    personas, cells, catalog, squadrons, api_client
):
    old = PatrolFinding.objects.create(
        town=personas.town,
        reported_by=personas.officer,
        at=house_clock.now() - dt.timedelta(days=1),
        description="振华街有商户占道经营，摆放货架",
        lat=TONGLU[0],
        lng=TONGLU[1],
    )
    officer = api_client(personas.officer)
    first = officer.post(f"/api/v1/intake/leads/from-finding/{old.pk}")
    again = officer.post(f"/api/v1/intake/leads/from-finding/{old.pk}")
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert Lead.objects.filter(finding=old).count() == 1


def test_a_lead_received_in_the_future_is_refused_on_the_staff_form_and_the_input_kept(
    client, login, personas, catalog, cells, clock
):
    clock.freeze("2026-09-29 10:00")
    page = login(client, personas.squadron_leader).post(
        "/intake/new/",
        {
            "source": "assignment",
            "received_at": "2026-09-30T08:00",
            "text": "镇长交办：东街农贸市场门口占道经营",
            "address": "东街农贸市场",
            "datum": "wgs84",
        },
    )
    body = page.content.decode()
    assert page.status_code == 422
    assert "接收时间（2026年9月30日 08:00）晚于当前时间" in body
    assert "镇长交办：东街农贸市场门口占道经营" in body and 'value="2026-09-30T08:00"' in body
    assert Lead.objects.count() == 0


def test_a_lead_received_before_the_town_held_any_power_is_refused(
    client, login, personas, catalog, cells
):
    from zhifa.catalog.rules import town_powers_since

    first = town_powers_since(personas.town)
    day_before = first - dt.timedelta(days=1)
    page = login(client, personas.squadron_leader).post(
        "/intake/new/",
        {
            "source": "assignment",
            "received_at": f"{day_before:%Y-%m-%d}T09:00",
            "text": "镇长交办：东街农贸市场门口占道经营",
            "address": "东街农贸市场",
            "datum": "wgs84",
        },
    )
    assert page.status_code == 422
    assert f"早于{first:%Y年%-m月%-d日}（本镇首次承接执法事项之日" in page.content.decode()
    assert Lead.objects.count() == 0


def test_a_lead_received_earlier_today_is_taken_with_that_time(
    client, login, personas, catalog, cells, clock
):
    clock.freeze("2026-09-29 10:00")
    done = login(client, personas.squadron_leader).post(
        "/intake/new/",
        {
            "source": "assignment",
            "received_at": "2026-09-29T08:15",
            "text": "镇长交办：东街农贸市场门口占道经营",
            "address": "东街农贸市场",
            "datum": "wgs84",
        },
    )
    assert done.status_code == 302
    lead = Lead.objects.get()
    assert lead.received_at == dt.datetime(2026, 9, 29, 8, 15, tzinfo=house_clock.TZ)
