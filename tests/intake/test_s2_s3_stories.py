"""S2 (patrol finding → lead → case → stop order → transfer) and S3 (county letter → lead → case →
correction → power cut: refused for a dwelling, allowed for the business only with its provision,
approval and notice). The lead → case part goes through the pages; the case steps through the API."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from zhifa.catalog.models import Department
from zhifa.intake.models import Lead, LeadEvent

from .conftest import photo


def _open_case_on_the_triage_page(client: Client, lead: Lead, item: str, cause: str, handlers):
    page = client.get(f"/intake/{lead.pk}/")
    assert page.status_code == 200
    assert "立案办理" in page.content.decode()
    done = client.post(
        f"/intake/{lead.pk}/act/case/",
        {"item": item, "cause": cause, "handlers": [str(h.pk) for h in handlers]},
    )
    assert done.status_code == 302, done.content.decode()[:400]
    lead.refresh_from_db()
    assert lead.status == Lead.Status.CASE and lead.case is not None
    return lead.case


def test_s2_patrol_finding_becomes_a_lead_a_case_and_a_transfer_with_the_patroller_told(
    api_client,
    personas,
    catalog,
    handlers,
    cells,
    squadrons,
    login,
    town,
    django_capture_on_commit_callbacks,
):
    from zhifa.grid.services import patrol_finding_report, subject_register

    site = subject_register(
        town=town,
        kind="site",
        site_type="construction",
        name="马家坡职工宿舍工地",
        address="繁峙县砂河镇义兴寨村马家坡",
        lat=39.175,
        lng=113.265,
    )
    with django_capture_on_commit_callbacks(execute=True):
        finding = patrol_finding_report(
            subject=site,
            town=town,
            user=personas.auxiliary,
            description="义兴寨村马家坡在建职工宿舍，围挡范围明显超出原批准用地，疑似超占土地。",
            lat=39.175,
            lng=113.265,
            photo=SimpleUploadedFile("mjp.jpg", photo().getvalue(), content_type="image/jpeg"),
        )
    # the report made the lead in the same step: photo, point and subject came along
    lead = Lead.objects.get(finding=finding)
    assert lead.source == "patrol" and lead.photos.count() == 1
    assert lead.subject == site and lead.cell is not None
    finding.refresh_from_db()
    assert finding.taken_ref == lead.number
    # the API's conversion answers with that same lead, never a second one
    officer = api_client(personas.officer)
    again = officer.post(f"/api/v1/intake/leads/from-finding/{finding.pk}")
    assert again.status_code == 200 and again.json()["id"] == lead.pk
    assert Lead.objects.filter(source="patrol").count() == 1
    lead.refresh_from_db()
    assert "SH-ZR-001" in [s["code"] for s in lead.suggestions]  # 非法占用土地 among the top 3

    case = _open_case_on_the_triage_page(
        login(Client(), personas.squadron_leader),
        lead,
        "SH-ZR-001",
        "超出批准面积占用土地建设职工宿舍案",
        handlers,
    )
    cid = case.pk
    record = officer.post(
        f"/api/v1/cases/{cid}/records",
        {
            "kind": "inspection",
            "started_at": "2026-09-08T09:30:00+08:00",
            "ended_at": "2026-09-08T10:40:00+08:00",
            "place": "繁峙县砂河镇义兴寨村马家坡",
            "present": "工地负责人（示例）",
            "findings": "现场正在建设职工宿舍，地基及部分墙体已完成。",
            "permitted_area": "14.43",
            "occupied_area": "29.7",
            "measurements": "手持GPS实测。",
            "signature": "refused",
            "witness": "义兴寨村村委会委员（示例）",
        },
        content_type="application/json",
    )
    assert record.status_code == 201, record.content
    assert record.json()["excess_area"] == "15.27"
    order = officer.post(
        f"/api/v1/cases/{cid}/orders",
        {
            "kind": "stop",
            "facts": "超出登记面积15.27亩占用土地建设职工宿舍",
            "violated": "《中华人民共和国土地管理法》第四十四条",
            "basis": "《中华人民共和国土地管理法》第七十七条及属地管理职责",
            "requirements": "立即停止施工，保持现场原状。",
            "days": 3,
        },
        content_type="application/json",
    )
    assert order.status_code == 201, order.content
    bureau = Department.objects.get(town=town, name="繁峙县规划和自然资源局")
    with django_capture_on_commit_callbacks(execute=True):
        sent = officer.post(
            f"/api/v1/cases/{cid}/transfers",
            {
                "kind": "department",
                "department_id": bureau.pk,
                "reason": "非法占用土地不属于本镇承接的下放事项，依法移送。",
                "facts": "超出登记面积15.27亩占用土地建设职工宿舍，本机关已责令停止施工。",
            },
            content_type="application/json",
        )
    assert sent.status_code == 201, sent.content
    lead.refresh_from_db()
    assert "繁峙县规划和自然资源局" in lead.outcome
    assert LeadEvent.objects.filter(lead=lead, event_type="outcome").exists()


def test_s3_county_letter_to_correction_and_a_lawful_power_cut_only(
    api_client,
    personas,
    catalog,
    handlers,
    cells,
    squadrons,
    login,
    town,
    django_capture_on_commit_callbacks,
    clock,
):
    from zhifa.grid.services import subject_register

    yard = subject_register(
        town=town,
        kind="site",
        site_type="coal_yard",
        name="山会村示例储煤场",
        address="繁峙县砂河镇山会村",
        lat=39.175,
        lng=113.265,
    )
    staff = login(Client(), personas.squadron_leader)
    with django_capture_on_commit_callbacks(execute=True):
        posted = staff.post(
            "/intake/new/",
            {
                "source": "transfer_in",
                "source_ref": "繁生环执移〔2026〕示例号",
                "text": "县生态环境保护综合行政执法队来函移送：山会村煤场未办理用地和环评手续，煤堆未采取防燃措施，存在自燃隐患。",
                "address": "繁峙县砂河镇山会村",
                "lat": "39.175",
                "lng": "113.265",
                "datum": "wgs84",
            },
        )
    assert posted.status_code == 302, posted.content.decode()[:600]
    lead = Lead.objects.get(source_ref="繁生环执移〔2026〕示例号")
    assert lead.source == "transfer_in" and lead.cell.code == "140924101002001"
    assert "SH-ST-004" in [s["code"] for s in lead.suggestions]
    lead.subject = yard
    lead.save(update_fields=["subject"])
    case = _open_case_on_the_triage_page(
        staff, lead, "SH-ST-004", "贮存煤炭未采取防燃措施案", handlers
    )
    assert list(case.parties.all()) == [yard]

    officer, leader = api_client(personas.officer), api_client(personas.leader)
    cid = case.pk
    assert (
        leader.post(f"/api/v1/cases/{cid}/file", {}, content_type="application/json").status_code
        == 200
    )
    assert (
        officer.post(
            f"/api/v1/cases/{cid}/investigate", {}, content_type="application/json"
        ).status_code
        == 200
    )
    assert (
        officer.post(
            f"/api/v1/cases/{cid}/records",
            {
                "kind": "inspection",
                "started_at": "2026-11-20T09:00:00+08:00",
                "ended_at": "2026-11-20T10:20:00+08:00",
                "place": "繁峙县砂河镇山会村村西储煤场",
                "findings": "场内露天堆放原煤约3000吨，未苫盖，东北角煤堆表面冒烟。",
                "signature": "refused",
                "witness": "山会村村委会主任（示例）",
            },
            content_type="application/json",
        ).status_code
        == 201
    )
    correct = officer.post(
        f"/api/v1/cases/{cid}/orders",
        {
            "kind": "correct",
            "facts": "贮存煤炭未采取防燃措施，煤堆未苫盖",
            "violated": "《中华人民共和国大气污染防治法》第四十八条",
            "basis": "《中华人民共和国大气污染防治法》第一百一十七条",
            "requirements": "30日内清理煤堆并对场地复垦。",
            "days": 30,
        },
        content_type="application/json",
    )
    assert correct.status_code == 201, correct.content
    stop = officer.post(
        f"/api/v1/cases/{cid}/orders",
        {
            "kind": "stop",
            "major_hazard": True,
            "days": 2,
            "facts": "储煤场煤堆自燃，未设防火隔离带及消防设施，存在重大事故隐患",
            "violated": "《中华人民共和国安全生产法》第四十一条",
            "basis": "《中华人民共和国安全生产法》第七十条",
            "requirements": "立即停止储煤场装卸作业，消除自燃隐患。",
        },
        content_type="application/json",
    ).json()
    ignored = officer.post(
        f"/api/v1/cases/orders/{stop['id']}/reinspect",
        {"complied": False, "note": "复查时仍在装卸煤炭，冒烟未处置，拒不执行。"},
        content_type="application/json",
    )
    assert ignored.status_code == 200, ignored.content
    now = timezone.now()
    notice = officer.post(  # the 停止供电告知书 served on the yard first (安全生产法第七十条第二款)
        f"/api/v1/cases/{cid}/power-cut-notices",
        {
            "stop_order_id": stop["id"],
            "premises_use": "business",
            "premises": "山会村储煤场生产经营用电",
            "hazard": "煤堆自燃、未设防火隔离带",
            "cut_at": (now + dt.timedelta(hours=25)).isoformat(),
            "served_at": now.isoformat(),
            "served_to": "韩示例（负责人）",
        },
        content_type="application/json",
    )
    assert notice.status_code == 201, notice.content
    assert notice.json()["document"]["number"].startswith("繁砂综执停告")
    letter = {
        "kind": "power_cut",
        "recipient": "国网繁峙县供电公司",
        "matter": "储煤场拒不执行针对重大事故隐患作出的停止使用决定",
        "request": "对储煤场生产经营用电停止供电。",
        "basis": "《中华人民共和国安全生产法》第七十条",
        "premises_use": "business",
        "premises": "山会村储煤场生产经营用电",
        "hazard": "煤堆自燃、未设防火隔离带",
        "stop_order_id": stop["id"],
        "notice_id": notice.json()["id"],
        "cut_at": (now + dt.timedelta(hours=25)).isoformat(),
    }

    leader = api_client(personas.leader)  # approval is the leader's own act (ADR 0028)

    def post(body):
        return leader.post(
            f"/api/v1/cases/{cid}/assistance",
            body,
            content_type="application/json",
        )

    early = post(letter)  # the same afternoon: the 24 hours have not passed
    assert early.status_code == 422 and "以后方可发出" in early.json()["message"]
    clock.freeze(now + dt.timedelta(hours=24, minutes=10))
    dwelling = post({**letter, "premises_use": "dwelling", "premises": "山会村某户居民生活用电"})
    assert dwelling.status_code == 422 and "第四十三条" in dwelling.json()["message"]
    no_basis = post({**letter, "basis": "乡镇属地管理职责"})
    assert no_basis.status_code == 422 and "第七十条" in no_basis.json()["message"]
    no_approval = officer.post(  # an officer sending it alone: no head approved it
        f"/api/v1/cases/{cid}/assistance", letter, content_type="application/json"
    )
    assert no_approval.status_code == 422 and "负责人批准" in no_approval.json()["message"]
    named = officer.post(  # nor may the officer name the leader as approver
        f"/api/v1/cases/{cid}/assistance",
        {**letter, "approver_id": personas.leader.pk},
        content_type="application/json",
    )
    assert named.status_code == 403 and "负责人本人" in named.json()["message"]
    short = post({**letter, "cut_at": (now + dt.timedelta(hours=3)).isoformat()})
    assert short.status_code == 422 and "二十四小时" in short.json()["message"]
    allowed = post(letter)
    assert allowed.status_code == 201, allowed.content
    assert allowed.json()["document"]["number"].startswith("繁砂综执停电")
    lead.refresh_from_db()
    assert lead.case_id == cid  # the lead stays linked; the county hears the outcome on closure
