"""Pages and the API through their real interfaces: who may do what (checked on the server),
town scope, bad input that keeps what was typed, the public results with masking, and the
检查码 verification without login."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.inspections.conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(approved_plan, personas, subjects, officers):
    from zhifa.inspections.services import plan_draw

    made = approved_plan()
    plan_draw(plan=made, actor=personas.leader, seed="页面", on=DAY)
    return made


def _complete(inspection, actor, day=dt.date(2026, 9, 15)):
    from zhifa.inspections.services import (
        inspection_answer,
        inspection_finish,
        inspection_sign,
        inspection_start,
    )

    at = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    inspection_start(inspection=inspection, actor=actor, place="现场", at=at)
    for row in inspection.answers.all():
        inspection_answer(inspection=inspection, actor=actor, answer_id=row.pk, answer="pass")
    inspection_finish(
        inspection=inspection, actor=actor, result="compliant", findings="均符合要求", at=at
    )
    return inspection_sign(inspection=inspection, actor=actor, party_signature="负责人")


def test_staff_pages_answer_and_others_are_refused(client, login, personas, plan):
    from zhifa.inspections.models import Inspection

    inspection = Inspection.objects.filter(plan=plan).first()
    urls = [
        "/inspections/",
        f"/inspections/plans/{plan.pk}/",
        f"/inspections/draws/{plan.draws.get().pk}/",
        f"/inspections/{inspection.pk}/",
        "/inspections/subjects/",
        f"/inspections/subjects/{inspection.subject_id}/",
        "/inspections/checklists/",
        "/inspections/plans/new/",
    ]
    login(client, personas.leader)
    for url in urls:
        assert client.get(url).status_code == 200, url
    login(client, personas.grid_member)
    for url in urls:
        assert client.get(url).status_code == 403, url
    login(client, personas.outsider)
    assert client.get(f"/inspections/{inspection.pk}/").status_code == 404
    assert client.get(f"/inspections/plans/{plan.pk}/").status_code == 404
    client.logout()
    assert client.get("/inspections/").status_code == 302


def test_the_draw_page_shows_the_verification(client, login, personas, plan):
    login(client, personas.squadron_leader)
    page = client.get(f"/inspections/draws/{plan.draws.get().pk}/").content.decode()
    assert "复核通过" in page and plan.draws.get().seal in page
    data = client.get(f"/inspections/draws/{plan.draws.get().pk}/?format=json").json()
    from zhifa.inspections.draw import draw_run

    assert draw_run(data["inputs"]) == data["result"]


def test_a_refused_plan_form_keeps_what_was_typed(client, login, personas, inspection_item):
    from zhifa.inspections.models import Plan

    login(client, personas.squadron_leader)
    response = client.post(
        "/inspections/plans/new/",
        {
            "name": "十月专项抽查计划",
            "kind": "special",
            "year": "2026",
            "items": [inspection_item.pk],
            "sample_mode": "count",
            "sample_count": "3",
            "period_start": "2026-10-31",
            "period_end": "2026-10-01",
        },
    )
    page = response.content.decode()
    assert "检查期间的结束日期不能早于开始日期" in page
    assert "十月专项抽查计划" in page
    assert not Plan.objects.exists()


def test_a_planner_cannot_approve_through_the_page(
    client, login, personas, approved_plan, inspection_item
):
    from zhifa.inspections.services import plan_create

    draft = plan_create(
        town=personas.town,
        actor=personas.squadron_leader,
        name="专项抽查计划甲",
        kind="special",
        year=2026,
        items=[inspection_item],
        period_start=dt.date(2026, 9, 1),
        period_end=dt.date(2026, 9, 30),
        sample_mode="count",
        sample_count=2,
    )
    login(client, personas.squadron_leader)
    response = client.post(f"/inspections/plans/{draft.pk}/act/approve/", {"opinion": "同意"})
    assert "仅限队长" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    login(client, personas.leader)
    client.post(f"/inspections/plans/{draft.pk}/act/approve/", {"opinion": "同意"})
    draft.refresh_from_db()
    assert draft.status == "approved" and draft.approved_by == personas.leader


def test_the_api_draws_once_and_refuses_the_second_with_the_reason(
    api_client, personas, approved_plan, subjects, officers
):
    plan = approved_plan()
    caller = api_client(personas.squadron_leader)
    first = caller.post(
        f"/api/v1/inspections/plans/{plan.pk}/draw",
        {"seed": "api", "on": "2026-09-08"},
        content_type="application/json",
    )
    assert first.status_code == 200 and first.json()["problems"] == []
    second = caller.post(
        f"/api/v1/inspections/plans/{plan.pk}/draw",
        {"seed": "again"},
        content_type="application/json",
    )
    assert second.status_code == 422
    assert second.json()["code"] == "draw_sealed" and "不能重新抽取" in second.json()["message"]
    listed = caller.get("/api/v1/inspections/inspections").json()
    assert len(listed) == 4
    assert (
        api_client(personas.grid_member).get("/api/v1/inspections/inspections").status_code == 403
    )


def test_public_results_mask_natural_persons_and_show_businesses(
    client, town, personas, inspection_item, officers
):
    from zhifa.grid.services import subject_register
    from zhifa.inspections.services import inspection_create, inspection_publish

    person = subject_register(town=town, kind="individual", name="钱示例", address="砂河镇西街")
    inspection = inspection_create(
        town=town,
        actor=personas.squadron_leader,
        subject=person,
        items=[inspection_item],
        officers=officers[:2],
        origin="complaint",
        planned_on=dt.date(2026, 9, 15),
    )
    done = _complete(inspection, personas.officer)
    inspection_publish(inspection=done, actor=personas.leader)
    stall = subject_register(
        town=town, kind="site", site_type="shop", name="钱示例水果摊", operator=person
    )
    yard = subject_register(town=town, kind="site", site_type="coal_yard", name="北关村煤场")
    for subject, day in ((stall, dt.date(2026, 9, 16)), (yard, dt.date(2026, 9, 17))):
        other = inspection_create(
            town=town,
            actor=personas.squadron_leader,
            subject=subject,
            items=[inspection_item],
            officers=officers[:2],
            origin="complaint",
            planned_on=day,
        )
        inspection_publish(
            inspection=_complete(other, personas.officer, day), actor=personas.leader
        )
    page = client.get(f"/inspections/public/{town.code}/").content.decode()
    assert done.number in page and "个体经营者（姓名不公开）" in page
    assert "钱示例" not in page  # neither the person nor the stall named after them
    assert "北关村煤场" in page  # a place run by no person keeps its name
    api = client.get(f"/api/v1/inspections/public/{town.code}/results").json()
    assert [r["subject"] for r in api] == [
        "北关村煤场",
        "个体经营者（姓名不公开）",
        "个体经营者（姓名不公开）",
    ]


def test_the_inspection_code_verifies_without_login_and_shows_only_public_facts(client, town, plan):
    from zhifa.inspections.models import Inspection

    inspection = Inspection.objects.filter(plan=plan).first()
    page = client.get(f"/inspections/verify/{town.code}/{inspection.code}/")
    text = page.content.decode()
    assert page.status_code == 200 and "本次检查已在" in text and inspection.number in text
    assert inspection.handlers[0]["cert_no"] in text
    assert inspection.subject.address not in text
    missing = client.get(f"/inspections/verify/{town.code}/ZZZZZZZZZZZZ/")
    assert missing.status_code == 404 and "没有找到检查码" in missing.content.decode()
    api = client.get(f"/api/v1/inspections/public/{town.code}/verify/{inspection.code}")
    assert api.status_code == 200 and api.json()["number"] == inspection.number


def test_the_counts_for_the_cockpit(personas, plan, town):
    from zhifa.inspections.models import Inspection
    from zhifa.inspections.selectors import counts
    from zhifa.inspections.services import inspection_publish

    mine = Inspection.objects.filter(plan=plan, officers__user=personas.officer).order_by("pk")
    on_time, late = _complete(mine[0], personas.officer), _complete(mine[1], personas.officer)
    inspection_publish(
        inspection=on_time,
        actor=personas.leader,
        at=timezone.make_aware(dt.datetime(2026, 9, 20, 10)),
    )
    inspection_publish(
        inspection=late,
        actor=personas.leader,
        at=timezone.make_aware(dt.datetime(2026, 11, 20, 10)),
    )
    figures = counts(town=town, year=2026, now=timezone.make_aware(dt.datetime(2026, 11, 30)))
    assert figures["inspections"] == 4 and figures["random"] == 4
    assert figures["by_status"]["completed"] == 2 and figures["by_status"]["drawn"] == 2
    assert figures["by_result"]["compliant"] == 2
    assert figures["published"] == 2 and figures["published_on_time"] == 1
    assert figures["plans"] == 1 and figures["plans_approved"] == 1


def test_an_officer_walks_the_on_site_pages(client, login, personas, plan):
    from zhifa.inspections.models import Inspection

    inspection = Inspection.objects.filter(plan=plan, officers__user=personas.officer).first()
    login(client, personas.officer)
    assert inspection.number in client.get("/inspections/").content.decode()
    client.post(
        f"/inspections/{inspection.pk}/act/start/", {"place": "示范路工地", "present": "项目经理"}
    )
    inspection.refresh_from_db()
    assert inspection.status == "in_progress"
    first = inspection.answers.order_by("sort").first()
    refused = client.post(
        f"/inspections/{inspection.pk}/act/answer/",
        {"answer_id": first.pk, "answer": "fail", "note": ""},
    )
    assert "不符合的条目请写明具体情况" in refused.content.decode()
    for row in inspection.answers.all():
        client.post(
            f"/inspections/{inspection.pk}/act/answer/", {"answer_id": row.pk, "answer": "pass"}
        )
    client.post(
        f"/inspections/{inspection.pk}/act/finish/",
        {"result": "compliant", "findings": "均符合要求"},
    )
    client.post(f"/inspections/{inspection.pk}/act/sign/", {"party_signature": "项目经理"})
    inspection.refresh_from_db()
    assert inspection.status == "completed" and inspection.record_document.status == "issued"


def test_the_api_walks_an_inspection_to_an_order(api_client, personas, plan, items):
    from zhifa.inspections.models import Inspection

    inspection = Inspection.objects.filter(plan=plan, officers__user=personas.officer).first()
    caller = api_client(personas.officer)
    base = f"/api/v1/inspections/inspections/{inspection.pk}"
    assert (
        api_client(personas.leader)
        .post(f"{base}/start", {"place": "工地"}, content_type="application/json")
        .status_code
        == 403
    )
    started = caller.post(
        f"{base}/start", {"place": "示范路工地"}, content_type="application/json"
    ).json()
    for n, line in enumerate(started["checklist"]):
        answer = {"answer": "fail", "note": "裸土未覆盖"} if n == 0 else {"answer": "pass"}
        caller.post(f"{base}/answers/{line['id']}", answer, content_type="application/json")
    finished = caller.post(
        f"{base}/finish",
        {
            "result": "order",
            "findings": "裸土未覆盖，责令改正",
            "requirements": "三日内覆盖",
            "days": 3,
        },
        content_type="application/json",
    ).json()
    assert finished["order"] and finished["case"]
    signed = caller.post(
        f"{base}/sign", {"party_signature": "负责人"}, content_type="application/json"
    )
    assert signed.json()["status"] == "completed" and signed.json()["publish_due"]
