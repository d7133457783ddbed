"""S1 through the public API: a 12345 order about iron-ore mining at 同路村 arrives through the
bridge, is located and classified, opened as a case the town may only stop and record (the item
is the county's), a joint operation with the county team is recorded, the mining stops, the case
closes — and the 12345 reply reaches the simulator and the order is closed."""

from __future__ import annotations

import re

from zhifa.cases.models import Case
from zhifa.grid.datum import wgs84_to_gcj02
from zhifa.intake.models import Lead, Outbox

from .conftest import TONGLU, order

TEXT = (
    "村民来电反映：同路村北山有人私自开采铁矿石，挖掘机昼夜作业，没有看到任何采矿手续，请尽快制止。"
)


def test_s1_hotline_order_to_joint_operation_and_reply_runs_end_to_end(
    platform,
    api_client,
    personas,
    catalog,
    handlers,
    simulator,
    cells,
    squadrons,
    django_capture_on_commit_callbacks,
):
    gcj = wgs84_to_gcj02(*TONGLU)  # the platform sends GCJ-02
    with django_capture_on_commit_callbacks(execute=True):
        pushed = platform.post(
            "/api/v1/12345/orders",
            order(
                "SX12345-20260923-0001",
                TEXT,
                address="繁峙县砂河镇同路村北山",
                lat=gcj[0],
                lng=gcj[1],
                caller=("赵示例", "13800001234"),
            ),
            content_type="application/json",
        )
    assert pushed.status_code == 201, pushed.content
    assert pushed.json()["created"] is True

    leader = api_client(personas.squadron_leader)
    lead = leader.get("/api/v1/12345/orders/SX12345-20260923-0001").json()
    # located in 同路村's cell after the datum conversion, to the rural squadron
    assert lead["cell"] == "140924101002001" and lead["squadron"] == "镇区外中队"
    assert abs(lead["lat"] - TONGLU[0]) < 1e-4 and abs(lead["lng"] - TONGLU[1]) < 1e-4
    # classified as unlicensed mining; the reporter is masked
    assert lead["suggestions"][0]["code"] == "SH-ZR-002"
    assert lead["reporter"] == "赵**" and lead["phone"] == "*******1234"
    detail = leader.get(f"/api/v1/intake/leads/{lead['id']}").json()
    assert detail["advice"]["action"] == "transfer" and detail["advice"]["held"] is False

    with django_capture_on_commit_callbacks(execute=True):
        signed = leader.post("/api/v1/12345/orders/SX12345-20260923-0001/sign")
    assert signed.status_code == 200, signed.content
    with django_capture_on_commit_callbacks(execute=True):
        opened = leader.post(
            f"/api/v1/intake/leads/{lead['id']}/case",
            {
                "item_codes": ["SH-ZR-002"],
                "cause": "未取得采矿许可证擅自采矿案",
                "handler_ids": [h.pk for h in handlers],
            },
            content_type="application/json",
        )
    assert opened.status_code == 201, opened.content
    case_id = opened.json()["case"]["id"]
    case = Case.objects.get(pk=case_id)
    assert case.source == "hotline" and case.source_ref == "SX12345-20260923-0001"

    officer = api_client(personas.officer)
    record = officer.post(
        f"/api/v1/cases/{case_id}/records",
        {
            "kind": "inspection",
            "started_at": "2026-09-24T14:00:00+08:00",
            "ended_at": "2026-09-24T15:00:00+08:00",
            "place": "砂河镇同路村北山",
            "findings": "北山南坡新挖矿坑2处，现场有挖掘机1台，当事人不能出示采矿许可证。",
            "signature": "absent",
            "witness": "同路村网格员（示例）",
        },
        content_type="application/json",
    )
    assert record.status_code == 201, record.content
    from zhifa.catalog.models import Department

    team = Department.objects.get(town=personas.town, name="繁峙县规划和自然资源综合行政执法队")
    joint = officer.post(
        f"/api/v1/cases/{case_id}/joint-operations",
        {
            "department_ids": [team.pk],
            "participants": [
                "队员丙（镇执法队）",
                "队员丁（镇执法队）",
                "县自然资源执法队队员（示例）",
            ],
            "started_at": "2026-09-25T09:00:00+08:00",
            "place": "砂河镇同路村北山",
            "outcome": "联合检查，责令立即停止开采，挖掘机撤离现场，矿坑设置警示标志。",
        },
        content_type="application/json",
    )
    assert joint.status_code == 201, joint.content
    with django_capture_on_commit_callbacks(execute=True):
        closed = officer.post(
            f"/api/v1/cases/{case_id}/close",
            {
                "outcome": "开采行为已制止，设备撤离，矿坑已设警示标志，线索已报县自然资源执法队依法查处。"
            },
            content_type="application/json",
        )
    assert closed.status_code == 200, closed.content

    final = leader.get("/api/v1/12345/orders/SX12345-20260923-0001").json()
    assert final["status"] == "answered"
    assert all(m["acked"] for m in final["outbox"])
    actions = [m["action"] for m in simulator.received("SX12345-20260923-0001")]
    assert actions == ["qs", "df", "bj"]
    reply = simulator.received("SX12345-20260923-0001")[1]["body"]
    assert "开采行为已制止" in reply["nr"]


def test_a_repeated_order_number_creates_nothing_new(platform, catalog, cells, simulator):
    body = order("SX12345-DUP-1", TEXT, address="同路村北山")
    first = platform.post("/api/v1/12345/orders", body, content_type="application/json")
    again = platform.post("/api/v1/12345/orders", body, content_type="application/json")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["lead"] == first.json()["lead"] and again.json()["created"] is False
    assert Lead.objects.filter(source_ref="SX12345-DUP-1").count() == 1


def test_the_repeat_check_reads_a_few_index_pages_however_many_orders_the_town_had(
    platform, catalog, cells, town
):
    """Every 12345 push first looks its order number up. The lookup must stay a search on (town,
    order number): a plan bounded by the town alone reads every order the town ever had, and
    acceptance slows down year after year (measured before the key was fixed: 260 index pages
    per push at 12,000 orders)."""
    from django.db import connection
    from django.utils import timezone

    from zhifa.intake.selectors import hotline_order_find, hotline_order_lookup

    now = timezone.now()
    Lead.all_towns.bulk_create(
        Lead(
            town=town,
            source=Lead.Source.HOTLINE,
            source_ref=f"SX12345-OLD-{n:05d}",
            number=f"XSOLD{n:06d}",
            received_at=now,
            text="历史工单",
            address="同路村",
        )
        for n in range(5000)
    )
    body = order("SX12345-IDX-1", TEXT, address="同路村北山")
    pushed = platform.post("/api/v1/12345/orders", body, content_type="application/json")
    assert pushed.status_code == 201
    query = hotline_order_lookup(town_id=town.pk, order_no="SX12345-IDX-1")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE intake_lead")
        plan = query.explain(analyze=True, buffers=True)
        assert "intake_hotline_order_unique" in plan, plan
        scan = next(line for line in plan.splitlines() if line.strip().startswith("Buffers:"))
        pages = sum(int(n) for n in re.findall(r"(?:hit|read)=(\d+)", scan))
        assert pages <= 10, plan
    else:
        plan = query.explain()
        assert "USING INDEX intake_hotline_order_unique" in plan and "source_ref=?" in plan, plan
    found = hotline_order_find(town_id=town.pk, order_no="SX12345-IDX-1")
    assert found.number == pushed.json()["lead"]
    assert hotline_order_find(town_id=town.pk, order_no="SX12345-IDX-2") is None


def test_a_reply_survives_the_platform_being_down_and_is_delivered_once_it_is_back(
    platform, api_client, personas, catalog, cells, simulator, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from zhifa.intake.hotline import outbox_flush

    platform.post(
        "/api/v1/12345/orders",
        order("SX-DOWN-1", TEXT, address="同路村北山"),
        content_type="application/json",
    )
    simulator.set_down(True)
    leader = api_client(personas.leader)
    with django_capture_on_commit_callbacks(execute=True):
        replied = leader.post(
            "/api/v1/12345/orders/SX-DOWN-1/reply",
            {"text": "经核查，已责令停止开采并报县自然资源执法队。"},
            content_type="application/json",
        )
    assert replied.status_code == 200, replied.content
    waiting = Outbox.objects.get(lead__source_ref="SX-DOWN-1", kind="reply")
    assert waiting.acked_at is None and waiting.attempts == 1 and "不可达" in waiting.last_error
    assert simulator.received("SX-DOWN-1") == []
    simulator.set_down(False)
    assert outbox_flush(now=timezone.now() + dt.timedelta(minutes=5)) == 2
    assert [m["action"] for m in simulator.received("SX-DOWN-1")] == ["df", "bj"]
    assert outbox_flush(now=timezone.now() + dt.timedelta(hours=1)) == 0  # nothing sent twice
    assert len(simulator.received("SX-DOWN-1")) == 2


def test_acceptance_answers_before_triage_which_runs_in_the_worker_after_commit(
    platform, catalog, cells, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        accepted = platform.post(
            "/api/v1/12345/orders",
            order("SX-ASYNC-1", TEXT, address="同路村"),
            content_type="application/json",
        )
    assert accepted.status_code == 201
    lead = Lead.objects.get(source_ref="SX-ASYNC-1")
    assert lead.suggestions == [] and lead.triaged_at is None
    for callback in queued:
        callback()
    lead.refresh_from_db()
    assert lead.suggestions[0]["code"] == "SH-ZR-002" and lead.triaged_at is not None


def test_the_leads_record_stays_intact_through_its_steps_and_shows_tampering(
    platform, api_client, personas, catalog, cells, simulator, django_capture_on_commit_callbacks
):
    from zhifa.core.audit import chain_verify
    from zhifa.intake.models import LeadEvent

    with django_capture_on_commit_callbacks(execute=True):
        platform.post(
            "/api/v1/12345/orders",
            order("SX-CHAIN-1", TEXT, address="同路村"),
            content_type="application/json",
        )
        leader = api_client(personas.leader)
        leader.post("/api/v1/12345/orders/SX-CHAIN-1/sign")
        leader.post(
            "/api/v1/12345/orders/SX-CHAIN-1/reply",
            {"text": "经核查已制止开采并移交县自然资源部门。"},
            content_type="application/json",
        )
    lead = Lead.objects.get(source_ref="SX-CHAIN-1")
    types = list(LeadEvent.objects.filter(lead=lead).values_list("event_type", flat=True))
    assert types[0] == "received"
    assert {"triaged", "order_signed", "order_replied", "outbox_acked"} <= set(types)
    assert chain_verify(event_model=LeadEvent, subject=lead) == []
    LeadEvent.objects.filter(lead=lead, seq=2).update(summary="改过的摘要")
    assert chain_verify(event_model=LeadEvent, subject=lead) == ["第 2 条记录内容被改动"]


def test_a_transferred_orders_reply_tells_the_caller_what_the_town_did_before_handing_it_on(
    platform,
    personas,
    catalog,
    handlers,
    simulator,
    cells,
    party,
    django_capture_on_commit_callbacks,
):
    """The caller asked for the digging to be stopped: the reply a transfer sends says it was
    ordered stopped and stopped in the joint operation, then where the matter went."""
    import datetime as dt

    from django.utils import timezone

    from zhifa.cases.services import case_transfer, correction_order_issue, joint_operation_record
    from zhifa.catalog.models import Department
    from zhifa.core import clock
    from zhifa.intake.services import lead_open_case

    platform.post(
        "/api/v1/12345/orders",
        order("SX-TRANSFER-1", TEXT, address="同路村北山"),
        content_type="application/json",
    )
    lead = Lead.objects.get(source_ref="SX-TRANSFER-1")
    case = lead_open_case(
        lead=lead,
        actor=personas.squadron_leader,
        items=[catalog["SH-ZR-002"]],
        cause="未取得采矿许可证擅自采矿案",
        handlers=handlers,
        parties=[party],
    )
    correction_order_issue(
        case=case,
        actor=personas.officer,
        kind="stop",
        days=1,
        facts="未取得采矿许可证在同路村北山开挖铁矿石",
        violated="《中华人民共和国矿产资源法》第三条",
        basis="乡镇属地管理职责",
        requirements="立即停止开采，撤离机械设备。",
    )
    team = Department.objects.get(town=personas.town, name="繁峙县规划和自然资源综合行政执法队")
    joint_operation_record(
        case=case,
        actor=personas.officer,
        departments=[team],
        participants=["队员丙（镇执法队）", "县自然资源执法队队员（示例）"],
        started_at=clock.now() - dt.timedelta(hours=1),
        place="砂河镇同路村北山",
        outcome="联合检查，开采已停止，挖掘机撤离现场。",
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_transfer(
            case=case,
            actor=personas.officer,
            kind="department",
            department=team,
            reason="不属于本镇承接的下放事项，依法移送。",
            facts="未取得采矿许可证开采铁矿石，已联合检查制止。",
        )
    lead.refresh_from_db()
    day = timezone.localtime(clock.now() - dt.timedelta(hours=1))
    assert lead.status == "answered"
    assert lead.outcome == (
        f"经核查，已责令当事人停止违法行为；{day.month}月{day.day}日会同繁峙县规划和自然资源综合"
        "行政执法队联合执法：联合检查，开采已停止，挖掘机撤离现场；"
        "该事项已依法移送繁峙县规划和自然资源综合行政执法队处理。"
    )
    replies = [m for m in simulator.received("SX-TRANSFER-1") if m["action"] == "df"]
    assert replies and replies[0]["body"]["nr"] == lead.outcome
