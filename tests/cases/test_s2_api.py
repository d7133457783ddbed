"""S2 through the API: patrol at 义兴寨马家坡 → inspection (15.27 亩 over, computed) → order to
stop → transfer to 繁峙县规划和自然资源局 with the evidence → the bureau's receipt."""

from __future__ import annotations

import io

from PIL import Image

from zhifa.cases.models import Case, CaseEvent
from zhifa.catalog.models import Department


def _photo() -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 160, 90)).save(data, "JPEG")
    data.seek(0)
    data.name = "mjp-site.jpg"
    return data


def test_s2_patrol_stop_order_and_transfer_run_end_to_end_through_the_api(
    api_client, personas, items, handlers, party, town, make_user
):
    api = api_client(personas.officer)
    created = api.post(
        "/api/v1/cases/",
        {
            "cause": "超出批准面积占用土地建设职工宿舍案",
            "source": "patrol",
            "summary": "日常巡查发现义兴寨村马家坡职工宿舍建设项目实际占地明显超出不动产权证书登记范围。",
            "address": "繁峙县砂河镇义兴寨村马家坡",
            "item_codes": ["T-TD-1"],
            "party_ids": [party.pk],
            "handler_ids": [h.pk for h in handlers],
            "discovered_on": "2026-09-08",
            "lat": 39.175,
            "lng": 113.265,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    case = created.json()
    assert case["state"] == "registered"
    assert case["number"] == "繁砂综执〔2026〕案字第1号"
    assert case["cell"] == "140924101002001" and case["squadron"] == "镇区外中队"
    cid = case["id"]

    record = api.post(
        f"/api/v1/cases/{cid}/records",
        {
            "kind": "inspection",
            "started_at": "2026-09-08T09:30:00+08:00",
            "ended_at": "2026-09-08T10:40:00+08:00",
            "place": "繁峙县砂河镇义兴寨村马家坡职工宿舍建设工地",
            "party_id": party.pk,
            "present": "工地负责人（示例）",
            "findings": "现场正在建设职工宿舍，地基及部分墙体已完成。",
            "permitted_area": "14.43",
            "occupied_area": "29.7",
            "measurements": "手持GPS沿围挡实测。",
            "signature": "refused",
            "witness": "义兴寨村村委会委员（示例）",
        },
        content_type="application/json",
    )
    assert record.status_code == 201, record.content
    assert record.json()["excess_area"] == "15.27"

    photo = api.post(
        f"/api/v1/cases/{cid}/evidence", {"file": _photo(), "description": "宿舍工地全景"}
    )
    assert photo.status_code == 201, photo.content
    assert photo.json()["mime"] == "image/jpeg"

    order = api.post(
        f"/api/v1/cases/{cid}/orders",
        {
            "kind": "stop",
            "facts": "在义兴寨村马家坡建设职工宿舍，实际占用土地29.7亩，超出登记面积14.43亩15.27亩",
            "violated": "《中华人民共和国土地管理法》第四十四条",
            "basis": "《中华人民共和国土地管理法》第七十七条及属地管理职责",
            "requirements": "立即停止施工，保持现场原状，等待有关部门处理。",
            "days": 3,
            "issued_on": "2026-09-08",
        },
        content_type="application/json",
    )
    assert order.status_code == 201, order.content
    assert order.json()["document"]["number"].startswith("繁砂综执责停〔2026〕")

    # The town does not hold the land item: a penalty step is refused, naming the department.
    refused = api.post(f"/api/v1/cases/{cid}/file", {}, content_type="application/json")
    assert refused.status_code == 422  # an officer cannot approve the filing himself
    assert "负责人批准" in refused.json()["message"]
    leader_api = api_client(personas.leader)
    refused = leader_api.post(f"/api/v1/cases/{cid}/file", {}, content_type="application/json")
    assert refused.status_code == 422
    assert "繁峙县规划和自然资源局" in refused.json()["message"]

    bureau = Department.objects.get(town=town, name="繁峙县规划和自然资源局")
    transfer = api.post(
        f"/api/v1/cases/{cid}/transfers",
        {
            "kind": "department",
            "department_id": bureau.pk,
            "reason": "非法占用土地不属于本镇承接的下放事项，依法移送。",
            "facts": "超出登记面积15.27亩占用土地建设职工宿舍，本机关已责令停止施工。",
            "evidence_ids": [photo.json()["id"]],
            "on": "2026-09-09",
        },
        content_type="application/json",
    )
    assert transfer.status_code == 201, transfer.content
    assert transfer.json()["document"]["number"].startswith("繁砂综执移送〔2026〕")

    bureau_user = make_user(
        roles=["department"],
        town=None,
        supervised_towns=[town],
        organisation="繁峙县规划和自然资源局",
    )
    bureau_api = api_client(bureau_user)
    seen = bureau_api.get(f"/api/v1/cases/{cid}")
    assert seen.status_code == 200
    receipt = bureau_api.post(
        f"/api/v1/cases/transfers/{transfer.json()['id']}/receipt",
        {"receiver_name": "自然资源局收件人（示例）", "received_at": "2026-09-10T15:00:00+08:00"},
        content_type="application/json",
    )
    assert receipt.status_code == 200, receipt.content

    detail = api.get(f"/api/v1/cases/{cid}").json()
    assert detail["state"] == "transferred"
    assert detail["transfers"][0]["receiver_name"] == "自然资源局收件人（示例）"
    doc_types = {d["type"] for d in detail["documents"]}
    assert {"inspection_record", "stop_order", "transfer_department"} <= doc_types
    assert [e["type"] for e in detail["events"]][-1] == "transfer_received"
    assert api.get(f"/api/v1/cases/{cid}/verify").json() == {"intact": True, "problems": []}
    # left the active list, still traceable
    active = api.get("/api/v1/cases/?active=true").json()
    assert cid not in [c["id"] for c in active["results"]]
    assert cid in [c["id"] for c in api.get("/api/v1/cases/?state=transferred").json()["results"]]
    dossier = api.get(f"/api/v1/cases/{cid}/dossier")
    assert dossier.status_code == 200 and dossier.content.startswith(b"%PDF")
    assert CaseEvent.objects.filter(case_id=cid, event_type="document_issued").count() == 3
    assert Case.objects.get(pk=cid).record_length == CaseEvent.objects.filter(case_id=cid).count()
