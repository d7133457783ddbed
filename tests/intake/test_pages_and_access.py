"""Pages and access: the grid member's phone form and own reports, the public citizen form
(no login, rate-limited, a tracking code, nothing about others), the reporter masked except for
the roles allowed (each look recorded), town isolation, and the bridge's own gate."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zhifa.intake.models import Lead, LeadEvent
from zhifa.intake.services import lead_receive

from .conftest import TONGLU, order, photo


def _hotline(town, no="SX-MASK-1"):
    lead, _ = lead_receive(
        town=town,
        source="hotline",
        source_ref=no,
        triage=False,
        text="有人在同路村北山私自开采铁矿石",
        address="同路村北山",
        reporter_name="赵示例",
        reporter_phone="13800001234",
    )
    return lead


def test_a_grid_member_reports_from_the_phone_form_with_photo_and_gps(
    client, login, personas, catalog, cells, squadrons
):
    login(client, personas.grid_member)
    assert client.get("/intake/report/").status_code == 200
    done = client.post(
        "/intake/report/",
        {
            "text": "同路村北山有挖掘机在挖矿，拉矿车很多",
            "address": "同路村北山",
            "lat": TONGLU[0],
            "lng": TONGLU[1],
            "photo": SimpleUploadedFile("p.jpg", photo().getvalue(), content_type="image/jpeg"),
        },
    )
    assert done.status_code == 302 and done["Location"] == "/intake/mine/"
    lead = Lead.objects.get(reported_by=personas.grid_member)
    assert lead.source == "grid" and lead.cell.code == "140924101002001"
    assert lead.photos.count() == 1 and len(lead.photos.get().sha256) == 64
    mine = client.get("/intake/mine/").content.decode()
    assert lead.number in mine
    # a grid member has no inbox: the index sends them to their own reports
    assert client.get("/intake/")["Location"] == "/intake/mine/"


def test_a_file_that_is_not_an_image_is_refused_and_the_text_is_kept(
    client, login, personas, catalog, cells
):
    login(client, personas.grid_member)
    fake = SimpleUploadedFile("p.jpg", b"not really a jpeg", content_type="image/jpeg")
    page = client.post(
        "/intake/report/", {"text": "村口垃圾堆积很久没人清理", "address": "同路村", "photo": fake}
    )
    body = page.content.decode()
    assert page.status_code == 422 and "不是有效的图片" in body
    assert "村口垃圾堆积很久没人清理" in body
    assert not Lead.objects.exists()


def test_the_grid_member_sees_the_outcome_of_a_case_opened_from_the_report(
    client, login, personas, catalog, cells, handlers, django_capture_on_commit_callbacks
):
    from zhifa.cases.services import case_close
    from zhifa.intake.services import lead_open_case

    lead, _ = lead_receive(
        town=personas.town,
        source="grid",
        reported_by=personas.grid_member,
        text="储煤场煤堆冒烟没有防燃措施",
        address="山会村",
        triage=False,
    )
    case = lead_open_case(
        lead=lead,
        actor=personas.squadron_leader,
        items=[catalog["SH-ST-004"]],
        cause="贮存煤炭未采取防燃措施案",
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_close(
            case=case, actor=personas.officer, outcome="煤堆已全部苫盖，隐患已消除，不予立案"
        )
    login(client, personas.grid_member)
    page = client.get(f"/intake/mine/{lead.pk}/").content.decode()
    assert "煤堆已全部苫盖" in page and "已立案办理" in page


def test_a_citizen_reports_without_login_and_checks_the_status_by_code(
    client, town, catalog, cells
):
    page = client.get(f"/intake/public/{town.code}/report/")
    assert page.status_code == 200 and "群众举报" in page.content.decode()
    done = client.post(
        f"/intake/public/{town.code}/report/",
        {
            "text": "同路村村口有人夜里焚烧废旧轮胎，气味刺鼻",
            "address": "同路村村口",
            "phone": "13700009999",
        },
    )
    assert done.status_code == 200
    lead = Lead.objects.get(source="report")
    assert lead.tracking_code in done.content.decode()
    status = client.get(f"/intake/public/track/?code={lead.tracking_code}").content.decode()
    assert "已受理，正在分拣" in status and "13700009999" not in status
    assert "没有找到" in client.get("/intake/public/track/?code=AAAAAAAAAA").content.decode()


def test_the_public_form_shows_nothing_about_other_reports(client, town, catalog, cells):
    _hotline(town)
    page = client.get(f"/intake/public/{town.code}/report/").content.decode()
    assert "私自开采铁矿石" not in page and "赵示例" not in page
    # a 12345 order's code does not open on the public tracking page
    code = Lead.objects.get(source="hotline").tracking_code
    assert "没有找到" in client.get(f"/intake/public/track/?code={code}").content.decode()


def test_the_public_form_is_rate_limited_per_address(client, town, settings, catalog, cells):
    from django.core.cache import cache

    cache.clear()
    settings.ZHIFA_INTAKE_PUBLIC_LIMIT = 2
    body = {"text": "东街路口有人占道经营卖水果，影响通行", "address": "东街路口"}
    url = f"/intake/public/{town.code}/report/"
    assert [client.post(url, body).status_code for _ in range(3)] == [200, 200, 429]
    assert Lead.objects.filter(source="report").count() == 2
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(url, body).status_code == 200


def test_the_reporter_is_masked_and_each_look_is_recorded(
    client, login, personas, api_client, catalog, cells
):
    lead = _hotline(personas.town)
    officer = api_client(personas.officer)
    shown = officer.get(f"/api/v1/intake/leads/{lead.pk}").json()
    assert shown["reporter"] == "赵**" and shown["phone"] == "*******1234"
    assert officer.get(f"/api/v1/intake/leads/{lead.pk}/reporter").status_code == 403
    login(client, personas.squadron_leader)
    page = client.get(f"/intake/{lead.pk}/").content.decode()
    assert "赵**" in page and "13800001234" not in page
    revealed = client.post(f"/intake/{lead.pk}/act/reveal/", follow=True).content.decode()
    assert "13800001234" in revealed
    looks = LeadEvent.objects.filter(lead=lead, event_type="reporter_viewed")
    assert looks.count() == 1 and looks.get().actor == personas.squadron_leader
    inbox = client.get("/intake/").content.decode()
    assert lead.number in inbox and "13800001234" not in inbox and "赵示例" not in inbox


def test_another_towns_leader_cannot_see_or_route_the_lead(api_client, personas, catalog, cells):
    lead = _hotline(personas.town)
    outsider = api_client(personas.outsider)
    assert outsider.get(f"/api/v1/intake/leads/{lead.pk}").status_code == 404
    refused = outsider.post(
        f"/api/v1/intake/leads/{lead.pk}/dismiss",
        {"reason": "不属实的反映"},
        content_type="application/json",
    )
    assert refused.status_code == 404
    assert Lead.objects.get(pk=lead.pk).status == "new"


def test_anonymous_visitors_are_sent_to_login_from_the_inbox_and_triage(
    client, town, catalog, cells
):
    lead = _hotline(town)
    for url in ("/intake/", f"/intake/{lead.pk}/", "/intake/report/", "/intake/new/"):
        assert client.get(url).status_code == 302


def test_only_a_12345_token_or_a_town_leader_may_push_orders(api_client, personas, catalog, cells):
    officer = api_client(personas.officer)
    refused = officer.post(
        "/api/v1/12345/orders",
        order("SX-GATE-1", "同路村北山有人私挖铁矿"),
        content_type="application/json",
    )
    assert refused.status_code == 403 and not Lead.objects.exists()


def test_a_grid_member_may_only_report_grid_leads_through_the_api(api_client, personas, cells):
    grid = api_client(personas.grid_member)
    refused = grid.post(
        "/api/v1/intake/leads", {"source": "hotline", "text": "有人私挖铁矿了", "address": "同路村"}
    )
    assert refused.status_code == 403


def test_a_malformed_order_gets_a_clear_error_and_creates_nothing(platform, catalog, cells):
    answer = platform.post(
        "/api/v1/12345/orders", {"sqnr": "缺少工单编号"}, content_type="application/json"
    )
    assert answer.status_code == 400 and "工单编号" in answer.json()["message"]
    assert not Lead.objects.exists()


def test_an_order_may_be_extended_at_most_three_times(api_client, personas, catalog, cells):
    lead = _hotline(personas.town, "SX-EXT-1")
    leader = api_client(personas.leader)
    url = "/api/v1/12345/orders/SX-EXT-1/extension"
    body = {"days": 3, "reason": "需会同县自然资源部门核查"}
    codes = [leader.post(url, body, content_type="application/json").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 400]
    lead.refresh_from_db()
    assert lead.extensions == 3 and lead.outbox.filter(kind="extension").count() == 3


def test_s1_the_12345_order_is_signed_and_opened_as_a_case_on_the_triage_page(
    client, login, personas, catalog, cells, handlers, simulator, django_capture_on_commit_callbacks
):
    lead = _hotline(personas.town, "SX-PAGE-1")
    login(client, personas.squadron_leader)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/intake/{lead.pk}/act/sign/").status_code == 302
    opened = client.post(
        f"/intake/{lead.pk}/act/case/",
        {
            "item": "SH-ZR-002",
            "cause": "未取得采矿许可证擅自采矿案",
            "handlers": [str(h.pk) for h in handlers],
        },
    )
    assert opened.status_code == 302
    lead.refresh_from_db()
    assert lead.status == "case" and lead.case.source_ref == "SX-PAGE-1"
    assert [m["action"] for m in simulator.received("SX-PAGE-1")] == ["qs"]


def test_a_refused_send_back_keeps_the_reason_typed_on_the_page(
    client, login, personas, catalog, cells
):
    lead = _hotline(personas.town, "SX-PAGE-2")
    login(client, personas.squadron_leader)
    page = client.post(f"/intake/{lead.pk}/act/send_back/", {"reason": "不归我管"})
    body = page.content.decode()
    assert page.status_code == 422 and "退单理由至少 6 个字" in body and "不归我管" in body
    assert Lead.objects.get(pk=lead.pk).status == "new"
