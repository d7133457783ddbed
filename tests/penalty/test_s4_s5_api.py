"""S4 and S5 end to end through the public API: the simple procedure's limits, and the ordinary
procedure from filing to closure with the National Day hearing window and the surcharge cap."""

from __future__ import annotations

from zhifa.cases.models import Case, CaseEvent
from zhifa.core.models import Deadline
from zhifa.documents.models import Document
from zhifa.penalty.models import Penalty


def _post(api, url, data):
    return api.post(url, data, content_type="application/json")


def test_s4_on_the_spot_fine_of_100_yuan_is_accepted_and_500_refused_for_the_same_person(
    api_client, personas, handlers, stall
):
    api = api_client(personas.officer)
    form = {
        "officer_ids": [h.pk for h in handlers],
        "party_id": stall["keeper"].pk,
        "item_id": stall["item"].pk,
        "cause": "擅自占用人行道摆摊经营案",
        "facts": "擅自占用人行道摆摊经营水果，经劝阻拒不改正",
        "place": "砂河镇东街农贸市场北口人行道",
        "act_at": "2026-09-05T10:20:00+08:00",
        "violated": "《城市道路管理条例》第二十七条第（六）项",
        "basis": "《城市道路管理条例》第四十二条",
        "kinds": ["fine"],
        "amount": "100",
        "collect_on_spot": True,
        "receipt_no": "晋财罚示例0000123",
    }
    accepted = _post(api, "/api/v1/cases/on-the-spot", form)
    assert accepted.status_code == 201, accepted.content
    body = accepted.json()
    assert body["state"] == "executing"
    assert body["penalty"]["procedure"] == "simple"
    assert body["penalty"]["receipt_no"] == "晋财罚示例0000123"
    doc = Document.objects.get(doc_type="onthespot_decision")
    assert doc.number.startswith("繁砂综执当罚〔2026〕") and doc.status == "issued"
    hand_in = Deadline.objects.get(kind="hand_in", status="open")
    assert hand_in.unit == "working_days" and hand_in.amount == 2

    cases_before = Case.objects.count()
    refused = _post(api, "/api/v1/cases/on-the-spot", {**form, "amount": "500"})
    assert refused.status_code == 422, refused.content
    error = refused.json()
    assert "不得超过200元" in error["message"] and "第五十一条" in error["message"]
    assert Case.objects.count() == cases_before  # nothing registered

    closed = _post(api, f"/api/v1/cases/{body['id']}/hand-in", {"on": "2026-09-07"})
    assert closed.status_code == 200, closed.content
    assert closed.json()["state"] == "closed"


def test_s5_construction_dust_runs_the_ordinary_procedure_end_to_end(
    api_client, personas, handlers, chair, dust_rules, company
):
    api = api_client(personas.officer)
    created = _post(
        api,
        "/api/v1/cases/",
        {
            "cause": "施工工地未采取扬尘污染防治措施案",
            "source": "patrol",
            "summary": "巡查发现示范路东段住宅楼工地未设置硬质围挡，裸土未覆盖，扬尘明显。",
            "address": "繁峙县砂河镇示范路东段住宅楼建设工地",
            "item_codes": ["T-DQ-1"],
            "party_ids": [company.pk],
            "handler_ids": [h.pk for h in handlers],
            "discovered_on": "2026-09-08",
            "act_date": "2026-08-18",
        },
    )
    assert created.status_code == 201, created.content
    cid = created.json()["id"]
    url = f"/api/v1/cases/{cid}"
    lead = api_client(personas.leader)
    filed = _post(lead, f"{url}/file", {"on": "2026-09-08"})
    assert filed.status_code == 200, filed.content
    assert _post(api, f"{url}/investigate", {}).status_code == 200
    inspection = _post(
        api,
        f"{url}/records",
        {
            "kind": "inspection",
            "started_at": "2026-09-08T09:30:00+08:00",
            "ended_at": "2026-09-08T10:20:00+08:00",
            "place": "繁峙县砂河镇示范路东段住宅楼建设工地",
            "party_id": company.pk,
            "present": "项目经理（示例）",
            "findings": "工地东侧约180米未设置硬质围挡，裸露土方约1200平方米未覆盖。",
            "signature": "signed",
        },
    )
    assert inspection.status_code == 201, inspection.content

    proposal = {
        "proposal": "penalty",
        "reason": "未围挡长度超过100米，持续时间较长，属较重情形",
        "kinds": ["fine"],
        "amount": "60000",
        "level": "serious",
        "facts": "2026年8月18日起在示范路东段住宅楼建设工地施工，未设置硬质围挡、裸土未覆盖，造成扬尘污染",
        "evidence": ["现场检查（勘验）笔录1份", "现场照片12张"],
        "violated": "《中华人民共和国大气污染防治法》第六十九条第三款",
        "basis": "《中华人民共和国大气污染防治法》第一百一十五条第一款第一项",
    }
    outside = _post(api, f"{url}/penalty-proposal", {**proposal, "amount": "80000"})
    assert outside.status_code == 422 and "较重" in outside.json()["message"]
    proposed = _post(api, f"{url}/penalty-proposal", proposal)
    assert proposed.status_code == 200, proposed.content
    assert proposed.json()["state"] == "proposed"

    notice = _post(api, f"{url}/notice", {"served_on": "2026-09-29", "hearing_offered": False})
    assert notice.status_code == 422 and "听证" in notice.json()["message"]
    notice = _post(api, f"{url}/notice", {"served_on": "2026-09-29"})
    assert notice.status_code == 200, notice.content
    p = notice.json()["penalty"]
    assert p["hearing_offered"] is True and p["hearing_request_due"] == "2026-10-12"
    assert Document.objects.filter(doc_type="prior_notice_hearing", status="issued").count() == 1

    too_early = _post(api, f"{url}/decision", {"on": "2026-10-09"})
    assert too_early.status_code == 422 and "陈述、申辩期限" in too_early.json()["message"]

    late = _post(api, f"{url}/hearing-request", {"requested_on": "2026-10-13"})
    assert late.status_code == 422, late.content
    assert "已逾期" in late.json()["message"] and "第六十四条" in late.json()["message"]
    assert Case.objects.get(pk=cid).state == "notified"
    in_time = _post(api, f"{url}/hearing-request", {"requested_on": "2026-10-12"})
    assert in_time.status_code == 200, in_time.content
    assert in_time.json()["state"] == "hearing"

    investigator_chair = _post(
        api,
        f"{url}/hearing-notice",
        {
            "notice_on": "2026-10-13",
            "at": "2026-10-23T09:00:00+08:00",
            "place": "砂河镇人民政府三楼会议室",
            "chair_id": handlers[0].pk,
        },
    )
    assert (
        investigator_chair.status_code == 422
        and "不能主持听证" in investigator_chair.json()["message"]
    )
    short = _post(
        api,
        f"{url}/hearing-notice",
        {
            "notice_on": "2026-10-13",
            "at": "2026-10-21T09:00:00+08:00",
            "place": "砂河镇人民政府三楼会议室",
            "chair_id": chair.pk,
        },
    )
    assert short.status_code == 422 and "七个工作日" in short.json()["message"]
    scheduled = _post(
        api,
        f"{url}/hearing-notice",
        {
            "notice_on": "2026-10-13",
            "at": "2026-10-23T09:00:00+08:00",
            "place": "砂河镇人民政府三楼会议室",
            "chair_id": chair.pk,
        },
    )
    assert scheduled.status_code == 200, scheduled.content
    held = _post(
        api,
        f"{url}/hearing-record",
        {
            "held_on": "2026-10-23",
            "proceedings": [
                {
                    "q": "（调查人员）陈述案件事实、证据及拟处罚意见。",
                    "a": "（当事人代理人）对事实无异议。",
                },
                {"q": "（主持人）对拟处罚数额有何意见？", "a": "已整改完毕，请求从轻处罚。"},
            ],
        },
    )
    assert held.status_code == 200, held.content

    no_review = _post(api, f"{url}/decision", {"on": "2026-10-26"})
    assert no_review.status_code == 422 and "法制审核" in no_review.json()["message"]
    officer_review = _post(
        api, f"{url}/legal-review", {"passed": True, "opinion": "同意", "on": "2026-10-28"}
    )
    assert officer_review.status_code == 403
    reviewed = _post(
        api_client(personas.legal_reviewer),
        f"{url}/legal-review",
        {
            "passed": True,
            "opinion": "事实清楚，证据确实充分，适用法律正确，程序合法，裁量适当。",
            "on": "2026-10-28",
        },
    )
    assert reviewed.status_code == 200, reviewed.content
    assert reviewed.json()["state"] == "under_review"
    no_discussion = _post(api, f"{url}/decision", {"on": "2026-10-30"})
    assert no_discussion.status_code == 422 and "集体讨论" in no_discussion.json()["message"]
    assert (
        _post(
            lead,
            f"{url}/discussion",
            {
                "on": "2026-10-29",
                "members": ["队长甲", "副镇长示例", "中队长乙"],
                "conclusion": "同意罚款人民币陆万元。",
            },
        ).status_code
        == 200
    )
    heavier = _post(api, f"{url}/decision", {"on": "2026-11-02", "amount": "65000"})
    assert heavier.status_code == 422 and "第四十五条" in heavier.json()["message"]
    decided = _post(api, f"{url}/decision", {"on": "2026-11-02"})
    assert decided.status_code == 200, decided.content
    assert decided.json()["state"] == "decided"
    decision = Document.objects.get(doc_type="penalty_decision")
    assert decision.number.startswith("繁砂综执罚决〔2026〕")
    disclosure = Deadline.objects.get(kind="disclosure")
    assert disclosure.unit == "working_days" and disclosure.amount == 7
    disclosed = _post(api, f"{url}/disclosure", {"on": "2026-11-06", "place": "繁峙县人民政府网站"})
    assert disclosed.status_code == 200, disclosed.content
    assert disclosed.json()["penalty"]["disclosed_on"] == "2026-11-06"
    disclosure.refresh_from_db()
    assert disclosure.status == "done"

    served = _post(
        api,
        f"{url}/service",
        {"served_on": "2026-11-03", "method": "direct", "place": "公司办公室"},
    )
    assert served.status_code == 200, served.content
    assert served.json()["penalty"]["due_on"] == "2026-11-18"

    short_pay = _post(api, f"{url}/payment", {"paid_on": "2026-12-28", "amount": "60000"})
    assert short_pay.status_code == 400 and "120,000" in short_pay.json()["message"]
    paid = _post(api, f"{url}/payment", {"paid_on": "2026-12-28", "amount": "120000"})
    assert paid.status_code == 200, paid.content
    assert paid.json()["penalty"]["surcharge"] == "60000.00"  # 40 days × 3% = 72,000, capped

    closed = _post(api, f"{url}/penalty-close", {"on": "2026-12-29"})
    assert closed.status_code == 200, closed.content
    assert closed.json()["state"] == "closed"
    types = set(CaseEvent.objects.filter(case_id=cid).values_list("event_type", flat=True))
    assert {
        "notified",
        "hearing_requested",
        "hearing_held",
        "legal_review",
        "decided",
        "served",
        "payment",
        "closed",
    } <= types
    issued = set(Document.objects.filter(status="issued").values_list("doc_type", flat=True))
    assert {
        "case_filing",
        "prior_notice_hearing",
        "hearing_notice",
        "hearing_record",
        "legal_review",
        "penalty_decision",
        "service_receipt",
        "closing_report",
    } <= issued
    assert api.get(f"{url}/verify").json()["intact"] is True

    # 复议 after closure: appended to the record; a changed decision must be withdrawn in 3 working days
    appeal = _post(
        api,
        f"{url}/appeals",
        {"kind": "reconsideration", "body": "繁峙县人民政府", "filed_on": "2026-12-30"},
    )
    assert appeal.status_code == 201, appeal.content
    aid = appeal.json()["penalty"]["appeals"][0]["id"]
    outcome = _post(
        api,
        f"/api/v1/cases/appeals/{aid}/outcome",
        {"outcome": "changed", "decided_on": "2027-02-10", "new_amount": "40000"},
    )
    assert outcome.status_code == 200, outcome.content
    assert Penalty.objects.get(case_id=cid).status == "changed"
    withdrawal = Deadline.objects.get(kind="disclosure_withdraw", amount=3, unit="working_days")
    taken_down = _post(
        api,
        f"{url}/disclosure-withdrawal",
        {"on": "2027-02-11", "reason": "复议决定变更罚款金额，撤下原决定"},
    )
    assert taken_down.status_code == 200, taken_down.content
    withdrawal.refresh_from_db()
    assert withdrawal.status == "done"
    republished = _post(
        api, f"{url}/disclosure", {"on": "2027-02-12", "place": "繁峙县人民政府网站"}
    )
    assert republished.status_code == 200, republished.content
    assert republished.json()["penalty"]["disclosure_withdrawn_on"] is None
    assert "变更后的决定" in CaseEvent.objects.filter(case_id=cid).last().summary
    assert api.get(f"{url}/verify").json()["intact"] is True
