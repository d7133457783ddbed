"""Acceptance stories S4 and S5 of DESIGN walked in real Chromium through the pages only, each
step by the demo login whose role does it, on the story's own dates (the house clock is frozen and
moved from step to step): the on-the-spot fine on a phone, and the ordinary procedure in full.
Each ends with the documents downloaded from the case page and read back, and the record chain
verified. The walks are described in README (“The demo's stories and who walks them”)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import pick, wait_until
from tests.browser.stories import (
    case_document,
    chain_verified,
    done,
    perform,
    photo,
    refusals,
    step,
    submit,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_s4_an_officer_fines_a_stall_keeper_100_yuan_on_the_spot_and_500_is_refused(
    walk, tmp_path, settings
):
    from zhifa.cases.models import Case

    walk.begin("2026-09-05 10:20", tmp_path, settings)
    officer = walk.person("zhifa1", phone=True)
    walk.go(officer, "/cases/")
    officer.get_by_role("link", name="当场处罚").click()
    form = officer.get_by_test_id("onthespot-form")
    wait_until(officer, "window.Alpine !== undefined")
    expect(form.locator("select[name=officers] ~ .ts-wrapper .item")).to_contain_text(["张演练"])
    pick(form, "item", "占道")
    pick(form, "officers", "王样例")
    pick(form, "party", "贾示摊")
    form.locator("input[name=place]").fill("砂河镇东街农贸市场北口人行道")
    form.locator("textarea[name=facts]").fill("擅自占用人行道摆摊经营水果，经劝阻拒不改正")
    form.locator("input[name=violated]").fill("《城市道路管理条例》第二十七条第（六）项")
    form.locator("input[name=basis]").fill("《城市道路管理条例》第四十二条")
    form.locator("input[name=amount]").fill("500")
    expect(form).to_contain_text("超过 200 元")
    walk.shot(officer, "form-500")
    submit(officer, form.get_by_role("button", name="作出当场处罚决定"))

    form = officer.get_by_test_id("onthespot-form")
    error = form.get_by_test_id("form-error").inner_text()
    assert "不得超过200元" in error and "第五十一条" in error
    expect(form.locator("textarea[name=facts]")).to_have_value(
        "擅自占用人行道摆摊经营水果，经劝阻拒不改正"
    )
    expect(form.locator("select[name=officers] ~ .ts-wrapper .item")).to_have_count(2)
    expect(form.locator("select[name=party] ~ .ts-wrapper .item")).to_contain_text("贾示摊")
    assert not Case.objects.exists()
    walk.shot(officer, "refused-500")

    form.locator("input[name=amount]").fill("100")
    form.locator("input[name=collect_on_spot]").check()
    form.locator("input[name=receipt_no]").fill("晋财罚示例0000123")
    submit(officer, form.get_by_role("button", name="作出当场处罚决定"))
    done(officer, "已当场作出处罚决定")
    expect(officer.get_by_test_id("state")).to_have_text(
        "执行中"
    )  # the cash is yet to be handed in
    expect(officer.get_by_test_id("penalty")).to_contain_text("罚款人民币壹佰元整")
    walk.shot(officer, "decided")

    # two days on, the officer hands the cash in at the office and the case closes
    walk.on("2026-09-07 16:00")
    officer.reload()
    form = step(officer, "hand_in")
    walk.shot(officer, "hand-in")
    perform(officer, form)
    done(officer, "已办理")
    expect(officer.get_by_test_id("state")).to_have_text("已结案")
    walk.shot(officer, "closed")

    case = Case.objects.get()
    decision = case_document(officer, "当场行政处罚决定书", tmp_path)
    assert "当事人：贾示摊" in decision and "罚款人民币壹佰元整" in decision, decision
    assert "票据号：晋财罚示例0000123" in decision and "六十日内" in decision, decision
    assert "张演练（执法证号：" in decision and "王样例（执法证号：" in decision, decision
    chain_verified(officer, case)
    assert refusals(officer) == []


S5_CAUSE = "施工工地未采取扬尘污染防治措施案"
S5_FACTS = (
    "2026年8月18日起在示范路东段住宅楼建设工地施工，未设置硬质围挡（未围挡长度180米），"
    "裸露土方约1200平方米未覆盖，造成扬尘污染"
)


def test_s5_a_dust_case_goes_through_the_ordinary_procedure_in_full(walk, tmp_path, settings):
    from zhifa.cases.models import Case

    walk.begin("2026-09-08 09:00", tmp_path, settings)

    # 9-08, at the office: the officer registers the case and asks for its filing
    officer = walk.person("zhifa1")
    walk.go(officer, "/cases/new/")
    form = officer.get_by_test_id("register-form")
    form.locator("input[name=cause]").fill(S5_CAUSE)
    form.locator("select[name=source]").select_option(label="巡查发现")
    pick(form, "items", "硬质围挡")
    pick(form, "parties", "山西示例建筑")
    officer.wait_for_selector(".zhifa-location[data-ready='1']")
    form.locator(".zhifa-location-search").fill("东街")
    form.locator(".zhifa-location-results button").first.click()
    expect(form.locator(".zhifa-location-status")).to_contain_text("东街社区")
    form.locator("input[name=address]").fill("砂河镇示范路东段住宅楼建设工地")
    form.locator("textarea[name=summary]").fill(
        "巡查发现示范路东段住宅楼建设工地未设置硬质围挡，裸露土方未覆盖，车辆未冲洗驶出，扬尘明显。"
    )
    pick(form, "handlers", "张演练")
    pick(form, "handlers", "王样例")
    walk.shot(officer, "register")
    submit(officer, form.get_by_role("button", name="登记"))
    done(officer, "已登记案件")
    case = Case.objects.get(cause=S5_CAUSE)
    form = step(officer, "file")
    form.locator("textarea[name=opinion]").fill(
        "当事人施工工地未采取扬尘污染防治措施，属本镇承接事项，符合立案条件，建议立案调查。"
    )
    walk.shot(officer, "filing-asked")
    submit(officer, form.get_by_role("button", name="立案"))
    done(officer, "立案已提交负责人审批")
    expect(officer.get_by_test_id("state")).to_have_text("已登记")

    # the leader approves the filing as their own act, from their inbox
    leader = walk.person("duizhang")
    expect(leader.get_by_test_id("queue-approvals")).to_contain_text(S5_CAUSE)
    leader.get_by_test_id("queue-approvals").get_by_role("link").first.click()
    inbox = leader.get_by_test_id("approval-inbox")
    expect(inbox).to_contain_text(S5_CAUSE)
    walk.shot(leader, "filing-inbox")
    inbox.locator("input[name=opinion]").first.fill("同意立案。")
    submit(leader, inbox.get_by_role("button", name="批准").first)
    done(leader, "已批准并办理：立案")
    case.refresh_from_db()
    assert case.state == "filed" and case.number.startswith("繁砂")

    # on site, on the phone: investigation, the inspection record, a photo
    field = walk.person("zhifa1", phone=True)
    walk.go(field, f"/cases/{case.pk}/")
    form = step(field, "investigate")
    perform(field, form)
    done(field, "已办理：开始调查")
    field.get_by_role("link", name="现场笔录").click()
    form = field.get_by_test_id("record-form")
    wait_until(field, "window.Alpine !== undefined")
    form.locator("input[name=place]").fill("砂河镇示范路东段住宅楼建设工地")
    form.locator("input[name=present]").fill("贺样本（项目负责人）")
    form.locator("textarea[name=findings]").fill(
        "工地东、南两侧未设置硬质围挡，未围挡长度约180米；裸露土方约1200平方米未覆盖；"
        "出入口未设车辆冲洗设施，车辆带泥驶出。"
    )
    form.locator("input[name=witness]").fill("东街社区网格员（示例）")
    walk.shot(field, "inspection-record")
    submit(field, form.get_by_role("button", name="保存并生成笔录"))
    done(field, "已制作现场检查（勘验）笔录并签发")
    walk.shot(field, "after-record")
    field.get_by_role("link", name="上传证据").click()
    form = field.get_by_test_id("evidence-form")
    form.locator("input[name=file]").set_input_files(photo(tmp_path, "site", (150, 140, 110)))
    form.locator("input[name=description]").fill("工地南侧未设置硬质围挡、裸土未覆盖（东南角拍摄）")
    walk.shot(field, "evidence")
    submit(field, form.get_by_role("button", name="上传"))
    done(field, "已上传证据")
    expect(field.get_by_test_id("evidence-thumb")).to_have_count(1)

    # 9-25, at the office: the proposal with its discretion — 60,000 yuan, a hearing to offer
    walk.on("2026-09-25 10:00")
    officer.reload()
    form = step(officer, "penalty_proposal")
    form.locator("select[name=proposal]").select_option(label="拟给予行政处罚")
    form.locator("select[name=item]").select_option(index=1)
    form.locator("input[name=amount]").fill("60000")
    form.locator("select[name=level]").select_option(label="较重")
    form.locator("textarea[name=reason]").fill(
        "责令改正后仍未全面落实防尘措施，未围挡长度超过100米，属较重情形"
    )
    form.locator("textarea[name=facts]").fill(S5_FACTS)
    form.locator("textarea[name=evidence]").fill("现场检查（勘验）笔录1份\n现场照片1张")
    form.locator("input[name=violated]").fill("《中华人民共和国大气污染防治法》第六十九条第三款")
    form.locator("input[name=basis]").fill(
        "《中华人民共和国大气污染防治法》第一百一十五条第一款第一项"
    )
    walk.shot(officer, "proposal")
    perform(officer, form)
    done(officer, "已办理")
    expect(officer.get_by_test_id("penalty")).to_contain_text("罚款人民币陆万元整")

    # 9-29, on the phone at the company: the prior notice is served (a hearing is offered)
    walk.on("2026-09-29 15:00")
    field.reload()
    form = step(field, "notice")
    expect(form.locator("input[name=served_on]")).to_have_value("2026-09-29")
    walk.shot(field, "notice")
    perform(field, form)
    done(field, "已办理：送达事先告知书")
    expect(field.get_by_test_id("penalty")).to_contain_text("听证申请至 2026-10-12")

    # 10-13: the company's hearing request dated 10-13 is late; its letter of 10-12 is not
    walk.on("2026-10-13 09:30")
    officer.reload()
    form = step(officer, "hearing_request")
    form.locator("input[name=requested_on]").fill("2026-10-13")
    perform(officer, form)
    form = officer.get_by_test_id("step-hearing_request")
    expect(form.get_by_test_id("step-error")).to_contain_text("第六十四条")
    expect(form.locator("input[name=requested_on]")).to_have_value("2026-10-13")
    walk.shot(officer, "hearing-request-late")
    form.locator("input[name=requested_on]").fill("2026-10-12")
    perform(officer, form)
    done(officer, "已办理：登记听证申请")
    expect(officer.get_by_test_id("state")).to_have_text("听证中")

    form = step(officer, "hearing_notice")
    form.locator("input[name=at]").fill("2026-10-23T09:00")
    form.locator("input[name=place]").fill("砂河镇人民政府三楼会议室")
    pick(form, "chair", "周模例")
    form.locator("input[name=clerk]").fill("赵辅例")
    walk.shot(officer, "hearing-notice")
    perform(officer, form)
    done(officer, "已办理：听证通知")

    walk.on("2026-10-23 11:30")
    officer.reload()
    form = step(officer, "hearing_record")
    form.locator("textarea[name=proceedings]").fill(
        "（调查人员）陈述案件事实、证据、处罚依据及拟处罚意见。\n"
        "（当事人代理人）对现场检查笔录记载的事实无异议。\n"
        "（主持人）当事人对拟处罚数额有何意见？\n"
        "（当事人代理人）已于8月25日完成整改，系初次违法，请求从轻处罚。"
    )
    form.locator("input[name=final_statement]").fill("请求综合考虑整改情况从轻处罚。")
    walk.shot(officer, "hearing-record")
    perform(officer, form)
    done(officer, "已办理：听证笔录")

    # 10-28: the legal reviewer finds the case in their queue and records the 法制审核
    walk.on("2026-10-28 10:00")
    reviewer = walk.person("fazhi")
    expect(reviewer.get_by_test_id("queue-legal-review")).to_contain_text(S5_CAUSE)
    walk.shot(reviewer, "review-queue")
    reviewer.get_by_test_id("queue-legal-review").get_by_text(S5_CAUSE).click()
    form = step(reviewer, "legal_review")
    form.locator("select[name=passed]").select_option(label="通过")
    form.locator("textarea[name=opinion]").fill(
        "执法主体合法，事实清楚，证据确实充分，适用法律正确，裁量适当，程序合法。"
    )
    form.locator("input[name=qualification]").fill("A2026140000000001")
    walk.shot(reviewer, "legal-review")
    perform(reviewer, form)
    done(reviewer, "已办理：法制审核")

    # 10-29: the leaders discuss it (a fine this large needs their collective discussion)
    walk.on("2026-10-29 15:00")
    leader.goto(f"{walk.url}/cases/{case.pk}/")
    form = step(leader, "discussion")
    form.locator("input[name=members]").fill("李示范，陈副例，孙审例")
    form.locator("textarea[name=conclusion]").fill(
        "当事人虽已整改，但违法持续时间较长，维持罚款人民币陆万元。"
    )
    walk.shot(leader, "discussion")
    perform(leader, form)
    done(leader, "已办理：负责人集体讨论")

    # 11-02: the officer drafts the decision; it waits for the leader, who approves it
    walk.on("2026-11-02 09:30")
    officer.reload()
    form = step(officer, "decision")
    form.locator("input[name=account]").fill("1409 2400 0000 0000 001")
    perform(officer, form)
    done(officer, "作出行政处罚决定已提交负责人审批")
    walk.go(leader, "/cases/approvals/")
    inbox = leader.get_by_test_id("approval-inbox")
    expect(inbox).to_contain_text("作出行政处罚决定")
    walk.shot(leader, "decision-inbox")
    submit(leader, inbox.get_by_role("button", name="批准").first)
    done(leader, "已批准并办理：作出行政处罚决定")

    # 11-03, on the phone at the company: the decision is served; 11-06 it is made public
    walk.on("2026-11-03 10:00")
    field.reload()
    expect(field.get_by_test_id("state")).to_have_text("已决定")
    form = step(field, "service")
    form.locator("select[name=method]").select_option(label="直接送达")
    form.locator("input[name=place]").fill("公司办公室")
    walk.shot(field, "service")
    perform(field, form)
    done(field, "已办理：送达决定书")
    walk.on("2026-11-06 09:00")
    officer.reload()
    form = step(officer, "disclosure")
    perform(officer, form)
    done(officer, "已办理：登记决定公示")

    # 12-28, forty days after the due date (11-18): the surcharge has reached its cap
    walk.on("2026-12-28 11:00")
    officer.reload()
    form = step(officer, "payment")
    form.locator("input[name=amount]").fill("60000")
    form.locator("input[name=receipt_no]").fill("晋财缴示例0001")
    perform(officer, form)
    form = officer.get_by_test_id("step-payment")
    expect(form.get_by_test_id("step-error")).to_contain_text("加处罚款60,000")
    expect(form.get_by_test_id("step-error")).to_contain_text("合计120,000")
    expect(form.locator("input[name=receipt_no]")).to_have_value("晋财缴示例0001")
    walk.shot(officer, "payment-short")
    form.locator("input[name=amount]").fill("120000")
    perform(officer, form)
    done(officer, "已办理：登记缴款")
    expect(officer.get_by_test_id("penalty")).to_contain_text("加处罚款 ¥60000")

    walk.on("2026-12-29 09:00")
    officer.reload()
    form = step(officer, "penalty_close")
    perform(officer, form)
    done(officer, "已办理：执行完毕，结案")
    expect(officer.get_by_test_id("state")).to_have_text("已结案")
    walk.shot(officer, "closed")

    notice = case_document(officer, "事先告知书", tmp_path)
    assert "山西示例建筑工程有限公司" in notice and "罚款人民币陆万元整" in notice, notice
    assert "有权要求举行听证" in notice, notice
    # the lead handler (chosen first) and his desk line, not anyone's mobile
    assert "联系人：张演练联系电话：0350-5550002" in notice, notice
    decision = case_document(officer, "行政处罚决定书", tmp_path)
    assert "罚款人民币陆万元整" in decision and "第一百一十五条" in decision, decision
    assert "六十日内" in decision and "六个月内" in decision, decision
    chain_verified(officer, case)
