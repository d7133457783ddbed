"""Who sees which case (one gate for pages and API), and the pages a user works with."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhifa.cases import services
from zhifa.catalog.models import Department


@pytest.fixture
def case(new_case):
    return new_case()


def test_team_staff_see_the_case_on_the_page_and_through_the_api(
    case, personas, client, login, api_client
):
    login(client, personas.auxiliary)
    page = client.get(f"/cases/{case.pk}/")
    assert page.status_code == 200
    assert case.number in page.content.decode()
    assert api_client(personas.legal_reviewer).get(f"/api/v1/cases/{case.pk}").status_code == 200


def test_another_towns_leader_does_not_see_the_case(case, personas, client, login, api_client):
    login(client, personas.outsider)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert api_client(personas.outsider).get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert api_client(personas.outsider).get("/api/v1/cases/").json()["count"] == 0


def test_a_department_sees_only_cases_transferred_to_or_shared_with_it(
    case, new_case, personas, api_client, town
):
    api = api_client(personas.department)  # 繁峙县规划和自然资源综合行政执法队
    assert api.get(f"/api/v1/cases/{case.pk}").status_code == 404
    team = Department.objects.get(town=town, name="繁峙县规划和自然资源综合行政执法队")
    services.joint_operation_record(
        case=case,
        actor=personas.officer,
        departments=[team],
        participants=["队员丙", "县执法队员（示例）"],
        started_at=timezone.now(),
        place="山会村储煤场",
        outcome="联合检查，责令当事人立即覆盖煤堆",
    )
    assert api.get(f"/api/v1/cases/{case.pk}").status_code == 200
    other = new_case()
    assert [c["id"] for c in api.get("/api/v1/cases/").json()["results"]] == [case.pk]
    assert api.get(f"/api/v1/cases/{other.pk}").status_code == 404
    # a department reads but does not act
    refused = api.post(f"/api/v1/cases/{case.pk}/investigate")
    assert refused.status_code == 403


def test_a_grid_member_sees_only_the_cases_they_reported(new_case, personas, api_client):
    mine = new_case(reported_by=personas.grid_member)
    new_case()
    api = api_client(personas.grid_member)
    assert [c["id"] for c in api.get("/api/v1/cases/").json()["results"]] == [mine.pk]


def test_an_auxiliary_cannot_take_a_step(case, personas, api_client):
    refused = api_client(personas.auxiliary).post(
        f"/api/v1/cases/{case.pk}/close", {"outcome": "不予立案"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert refused.json()["message"].startswith("该操作仅限")


def test_the_list_page_filters_by_state_and_text(new_case, personas, client, login):
    a = new_case(cause="贮存煤炭未采取防燃措施案")
    b = new_case(cause="施工工地扬尘污染案", item_keys=("dust",))
    services.case_file(case=b, actor=personas.officer, approved_by=personas.leader)
    login(client, personas.officer)
    body = client.get("/cases/?state=filed").content.decode()
    assert "施工工地扬尘污染案" in body and a.number not in body
    body = client.get("/cases/?q=煤炭").content.decode()
    assert a.number in body and b.number not in body


def test_registering_on_the_page_locates_the_case_and_opens_its_detail(
    personas, client, login, items, handlers, party
):
    login(client, personas.officer)
    response = client.post(
        "/cases/new/",
        {
            "cause": "煤堆未覆盖扬尘案",
            "source": "patrol",
            "items": [items["coal"].pk],
            "parties": [party.pk],
            "address": "山会村储煤场",
            "lat": "39.175",
            "lng": "113.265",
            "discovered_on": "2026-09-08",
            "summary": "巡查发现煤堆未覆盖。",
            "handlers": [h.pk for h in handlers],
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "同路一格" in detail or "140924101002001" in detail
    assert "镇区外中队" in detail


def test_an_officer_naming_themselves_approver_files_nothing_the_request_waits_for_a_leader(
    case, personas, client, login
):
    login(client, personas.officer)
    response = client.post(
        f"/cases/{case.pk}/steps/file/", {"approver": personas.officer.pk}, follow=True
    )
    body = response.content.decode()
    assert "已提交负责人审批" in body
    assert case.__class__.objects.get(pk=case.pk).state == "registered"
    pending = case.approvals.get()
    assert pending.status == "pending" and pending.decided_by is None


def test_the_on_site_form_computes_the_excess_in_decimal_and_issues_the_record(
    case, personas, client, login
):
    login(client, personas.officer)
    day = "2026-09-08T09:30"
    response = client.post(
        f"/cases/{case.pk}/records/new/",
        {
            "kind": "inspection",
            "started_at": day,
            "ended_at": "2026-09-08T10:30",
            "place": "马家坡工地",
            "findings": "正在建设宿舍",
            "permitted_area": "14.43",
            "occupied_area": "29.7",
            "area_unit": "亩",
            "signature": "signed",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = case.records.get()
    assert str(record.excess_area) == "15.27"
    assert record.document.status == "issued"


def test_my_work_lists_overdue_and_due_soon_clocks(case, personas, client, login):
    services.correction_order_issue(
        case=case,
        actor=personas.officer,
        kind="stop",
        facts="煤堆冒烟未处置",
        violated="安全生产法第四十一条",
        basis="属地管理职责",
        requirements="立即停止装卸",
        days=2,
        issued_on=dt.date(2026, 9, 8),
    )
    login(client, personas.officer)
    body = client.get("/cases/mine/").content.decode()
    assert "已超期 1" in body
    assert "复查责令停止违法行为" in body


def test_a_subjects_page_lists_its_cases(case, party, personas, client, login):
    login(client, personas.officer)
    body = client.get(f"/cases/subjects/{party.pk}/").content.decode()
    assert case.number in body


def test_a_refused_on_site_record_shows_the_rule_and_keeps_what_was_typed(
    case, personas, client, login
):
    login(client, personas.officer)
    response = client.post(
        f"/cases/{case.pk}/records/new/",
        {
            "kind": "inspection",
            "started_at": "2026-09-08T09:30",
            "ended_at": "2026-09-08T10:30",
            "place": "马家坡工地东侧",
            "findings": "当事人不在场，工地大门紧锁",
            "area_unit": "亩",
            "signature": "absent",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "应由见证人签名" in body
    assert "马家坡工地东侧" in body and "当事人不在场，工地大门紧锁" in body
    assert not case.records.exists()
