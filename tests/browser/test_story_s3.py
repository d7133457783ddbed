"""Acceptance story S3 of DESIGN walked in real Chromium through the pages only, on the house
clock frozen at the story's dates: the county ecology enforcement team's transfer letter about the
coal yard at 山会村 is registered as a lead by the officer (刘测试, whose certificate covers 生态环境), the squadron leader of the
villages (周模例) opens a case for it, the officer asks for its filing and the leader (李示范)
approves it in his approval inbox; on a phone at the yard the officer records the inspection, the
order to correct with its deadline and the order to stop over the fire hazard; the yard ignores
the order to stop, so the officer serves the yard a written notice of the power cut (停止供电告知书)
and, 24 hours later on the house clock, asks for a power-cut assistance letter to the power supply
company — refused on the page for a dwelling (行政强制法第四十三条) and before the 24 hours have
passed (安全生产法第七十条第二款), sent for the yard once the leader approves it as his own act — and
re-inspects at the correction deadline. The walk ends with
the documents downloaded from the case page and read back, and the record chain verified. README
(“The demo's stories and who walks them”) describes the same walk."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import pick, wait_until
from tests.browser.stories import (
    case_document,
    chain_verified,
    done,
    perform,
    photo,
    step,
    submit,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LETTER = "繁生环执移〔2026〕17号"
CAUSE = "贮存煤炭未采取防燃措施案"
YARD = "山会村煤场"
FIRM = "繁峙县示例煤炭经销有限公司"


def order(page, form, *, kind: str, facts: str, violated: str, basis: str, req: str, days: str):
    form.locator("select[name=kind]").select_option(label=kind)
    form.locator("textarea[name=facts]").fill(facts)
    form.locator("input[name=violated]").fill(violated)
    form.locator("input[name=basis]").fill(basis)
    form.locator("textarea[name=requirements]").fill(req)
    form.locator("input[name=days]").fill(days)


def power_cut_letter(form, *, use: str) -> None:
    """The 停止供电 assistance letter as the officer fills it in (the power company is the town's)."""
    form.locator("select[name=kind]").select_option(label="停止供电")
    expect(form.locator("input[name=recipient]")).to_have_value("示例供电公司繁峙县分公司")
    form.locator("textarea[name=matter]").fill(
        "山会村煤场煤堆自燃，拒不执行本机关针对重大事故隐患作出的责令停止违法行为通知，"
        "有发生火灾的现实危险"
    )
    form.locator("textarea[name=request]").fill(
        "对山会村煤场生产经营用电停止供电，隐患消除后本机关另行书面通知恢复供电。"
    )
    form.locator("input[name=basis]").fill("《中华人民共和国安全生产法》第七十条")
    form.locator("select[name=premises_use]").select_option(label=use)
    form.locator("input[name=premises]").fill("山会村煤场生产经营用电（户号示例0001）")
    form.locator("input[name=hazard]").fill("煤堆自燃、未设防火隔离带及消防设施")
    # the notice served on the yard is chosen already (the only one); the cut is at its time
    expect(form.locator("select[name=notice] option:checked")).to_contain_text("送达")


def test_s3_a_county_transfer_is_corrected_the_power_cut_and_the_site_reinspected(
    walk, tmp_path, settings
):
    from zhifa.cases.models import Case

    walk.begin("2026-09-15 09:30", tmp_path, settings)

    # 9-15, 9:30 at the office: the officer registers the county team's letter as a lead
    officer = walk.person("zhifa2")
    walk.go(officer, "/intake/")
    officer.get_by_role("link", name="登记线索").click()
    form = officer.locator("form:has(select[name=source])")
    form.locator("select[name=source]").select_option(label="县级部门移送")
    form.locator("input[name=source_ref]").fill(LETTER)
    form.locator("input[name=received_at]").fill("2026-09-15T09:00")
    form.locator("textarea[name=text]").fill(
        "繁峙县生态环境保护综合行政执法队移送函：山会村村西储煤场（山会村煤场）未办理用地和环评"
        "手续，露天堆放原煤未采取防燃措施，存在自燃隐患，请依法处理。"
    )
    officer.wait_for_selector(".zhifa-location[data-ready='1']")
    form.locator(".zhifa-location-search").fill("山会")
    form.locator(".zhifa-location-results button").first.click()
    expect(form.locator(".zhifa-location-status")).to_contain_text("山会村")
    form.locator("input[name=address]").fill("砂河镇山会村村西储煤场")
    form.locator("input[name=reporter_name]").fill("县生态环境执法队（示例）")
    walk.shot(officer, "lead-form")
    submit(officer, form.get_by_role("button", name="登记"))
    done(officer, "线索已登记：XS")
    number = re.search(r"XS\d+", officer.locator(".alert-success").first.inner_text()).group(0)

    # 10:00, the squadron leader of the villages opens a case for it
    walk.on("2026-09-15 10:00")
    squadron = walk.person("zhifa3")
    queue = squadron.get_by_test_id("queue-squadron-leads")
    expect(queue).to_contain_text(number)
    queue.get_by_text(number).click()
    expect(squadron.get_by_test_id("lead-card")).to_contain_text("县级部门移送")
    expect(squadron.get_by_test_id("lead-card")).to_contain_text(LETTER)
    form = squadron.get_by_test_id("open-case")
    pick(form, "item", "防燃")
    form.locator("input[name=cause]").fill(CAUSE)
    pick(form, "handlers", "刘测试")  # the ecology officer leads; the squadron leader joins
    pick(form, "handlers", "周模例")
    walk.shot(squadron, "open-case")
    submit(squadron, form.get_by_role("button", name="立案办理"))
    done(squadron, "已立案办理")
    case = Case.objects.get(cause=CAUSE)
    assert case.source == "transfer_in" and case.source_ref == LETTER

    # 10:30, the officer names the party and asks for the filing
    walk.on("2026-09-15 10:30")
    walk.go(officer, f"/cases/{case.pk}/")
    expect(officer.get_by_test_id("state")).to_have_text("已登记")
    officer.get_by_test_id("party-link").click()
    form = officer.get_by_test_id("party-form")
    pick(form, "subject", FIRM)
    submit(officer, form.get_by_role("button", name="确定当事人"))
    done(officer, f"当事人已确定为{FIRM}")
    form = step(officer, "file")
    form.locator("textarea[name=opinion]").fill(
        "县生态环境保护综合行政执法队移送，当事人贮存煤炭未采取防燃措施，属本镇承接事项，"
        "符合立案条件，建议立案调查。"
    )
    walk.shot(officer, "filing-asked")
    submit(officer, form.get_by_role("button", name="立案"))
    done(officer, "立案已提交负责人审批")

    # 11:00, the leader approves the filing in his inbox, as his own act
    walk.on("2026-09-15 11:00")
    leader = walk.person("duizhang")
    expect(leader.get_by_test_id("queue-approvals")).to_contain_text(CAUSE)
    walk.go(leader, "/cases/approvals/")
    inbox = leader.get_by_test_id("approval-inbox")
    expect(inbox).to_contain_text(CAUSE)
    inbox.locator("input[name=opinion]").first.fill("同意立案。")
    walk.shot(leader, "filing-inbox")
    submit(leader, inbox.get_by_role("button", name="批准").first)
    done(leader, "已批准并办理：立案")
    case.refresh_from_db()
    assert case.state == "filed" and case.number.startswith("繁砂")

    # 9-16 at the yard, on the phone: investigation, the inspection record, a photo
    walk.on("2026-09-16 09:00")
    field = walk.person("zhifa2", phone=True)
    walk.go(field, f"/cases/{case.pk}/")
    perform(field, step(field, "investigate"))
    done(field, "已办理：开始调查")
    walk.on("2026-09-16 10:20")
    field.get_by_role("link", name="现场笔录").click()
    form = field.get_by_test_id("record-form")
    wait_until(field, "window.Alpine !== undefined")
    form.locator("input[name=started_at]").fill("2026-09-16T09:10")
    form.locator("input[name=ended_at]").fill("2026-09-16T10:15")
    form.locator("input[name=place]").fill("繁峙县砂河镇山会村村西储煤场（山会村煤场）")
    form.locator("input[name=present]").fill("韩示例（负责人）")
    form.locator("textarea[name=findings]").fill(
        "场内露天堆放原煤约3000吨，未苫盖，未设防火隔离带和测温设施，东北角煤堆表面冒烟；"
        "当事人未能出示用地批准文件和环境影响评价审批文件。"
    )
    form.locator("input[name=occupied_area]").fill("8")
    form.locator("textarea[name=measurements]").fill("储煤场占地约8亩（皮尺丈量）。")
    form.locator("select[name=signature]").select_option(label="当事人拒绝签名")
    form.locator("input[name=witness]").fill("山会村村委会主任（示例）")
    walk.shot(field, "inspection")
    submit(field, form.get_by_role("button", name="保存并生成笔录"))
    done(field, "已制作现场检查（勘验）笔录并签发")
    field.get_by_role("link", name="上传证据").click()
    form = field.get_by_test_id("evidence-form")
    form.locator("input[name=file]").set_input_files(photo(tmp_path, "shc", (60, 60, 60)))
    form.locator("input[name=description]").fill("东北角煤堆冒烟（北侧拍摄）")
    submit(field, form.get_by_role("button", name="上传"))
    done(field, "已上传证据")

    # the order to correct: clear the coal and reclaim the site in 30 days
    form = step(field, "order")
    order(
        field,
        form,
        kind="责令（限期）改正",
        facts="在砂河镇山会村村西未经批准设置储煤场，露天贮存原煤约3000吨，未采取防燃措施",
        violated="《中华人民共和国大气污染防治法》第四十八条",
        basis="《中华人民共和国大气污染防治法》第一百一十七条",
        req="2026年10月16日前清运场内全部煤炭，拆除临时设施，对储煤场占用的土地进行复垦。",
        days="30",
    )
    walk.shot(field, "order-correct")
    perform(field, form)
    done(field, "已办理：责令通知")

    # and the order to stop using the yard at once, over the fire hazard
    form = step(field, "order")
    order(
        field,
        form,
        kind="责令停止违法行为",
        facts="储煤场煤堆自燃，未设防火隔离带及消防设施，存在重大事故隐患",
        violated="《中华人民共和国安全生产法》第四十一条",
        basis="《中华人民共和国安全生产法》第七十条",
        req="立即停止储煤场装卸作业，消除自燃隐患。",
        days="2",
    )
    form.locator("input[name=major_hazard]").check()
    walk.shot(field, "order-stop")
    perform(field, form)
    done(field, "已办理：责令通知")

    # 9-18, two days on: the yard is still loading coal and the pile still smokes
    walk.on("2026-09-18 15:00")
    field.reload()
    form = step(field, "reinspect")
    stop = form.locator("select[name=order] option", has_text="责令停止违法行为").inner_text()
    form.locator("select[name=order]").select_option(label=stop.strip())
    form.locator("select[name=complied]").select_option(label="拒不执行")
    form.locator("textarea[name=note]").fill("复查时仍在装卸煤炭，东北角煤堆冒烟未处置，拒不执行。")
    walk.shot(field, "reinspect-stop")
    perform(field, form)
    done(field, "已办理：复查")

    # 15:30, still at the yard: the written notice of the power cut, served on the manager
    walk.on("2026-09-18 15:30")
    field.reload()
    form = step(field, "power_notice")
    form.locator("select[name=premises_use]").select_option(label="生产经营")
    form.locator("input[name=premises]").fill("山会村煤场生产经营用电（户号示例0001）")
    form.locator("input[name=hazard]").fill("煤堆自燃、未设防火隔离带及消防设施")
    form.locator("input[name=cut_at]").fill("2026-09-19T17:00")
    expect(form.locator("input[name=served_at]")).to_have_value("2026-09-18T15:30")
    form.locator("input[name=served_to]").fill("韩示例（负责人）")
    walk.shot(field, "power-cut-notice")
    perform(field, form)
    done(field, "已办理：停止供电告知书")

    # 16:30 at the office: the power-cut letter — first for a dwelling, which the law forbids
    walk.on("2026-09-18 16:30")
    officer.reload()
    form = step(officer, "assistance")
    power_cut_letter(form, use="居民生活")
    perform(officer, form)
    form = officer.get_by_test_id("step-assistance")
    expect(form.get_by_test_id("step-error")).to_contain_text("不得对居民生活采取停止")
    expect(form.get_by_test_id("step-error")).to_contain_text("第四十三条")
    expect(form.locator("input[name=hazard]")).to_have_value("煤堆自燃、未设防火隔离带及消防设施")
    walk.shot(officer, "power-cut-dwelling-refused")
    # for the yard's business power: not yet — the notice was served only an hour ago
    form.locator("select[name=premises_use]").select_option(label="生产经营")
    perform(officer, form)
    form = officer.get_by_test_id("step-assistance")
    expect(form.get_by_test_id("step-error")).to_contain_text("第七十条第二款")
    expect(form.get_by_test_id("step-error")).to_contain_text("2026年9月19日15时30分以后方可发出")
    walk.shot(officer, "power-cut-too-early")

    # 9-19, 16:00, more than 24 hours after the notice was served: the letter goes for approval
    walk.on("2026-09-19 16:00")
    walk.go(officer, f"/cases/{case.pk}/")
    form = step(officer, "assistance")
    power_cut_letter(form, use="生产经营")
    walk.shot(officer, "power-cut-asked")
    perform(officer, form)
    done(officer, "协助函已提交负责人审批")

    # the leader approves the power cut himself
    walk.on("2026-09-19 16:20")
    walk.go(leader, "/cases/approvals/")
    inbox = leader.get_by_test_id("approval-inbox")
    # one letter waits — the one for the yard; the refused ones never reached the inbox
    expect(inbox.locator("[data-testid^=approval-]")).to_have_count(1)
    expect(inbox).to_contain_text("类别：停止供电")
    expect(inbox).to_contain_text("用电场所性质：生产经营")
    expect(inbox).to_contain_text("（2026-09-18 15:30送达）")
    walk.shot(leader, "power-cut-inbox")
    submit(leader, inbox.get_by_role("button", name="批准").first)
    done(leader, "已批准并办理：协助函")

    # 10-16, the correction deadline: the re-inspection finds the site cleared and reclaimed
    walk.on("2026-10-16 10:00")
    field.reload()
    form = step(field, "reinspect")
    form.locator("select[name=complied]").select_option(label="已履行")
    form.locator("textarea[name=note]").fill(
        "复查：场内煤炭已全部清运，临时设施已拆除，占用土地已平整复垦，责令改正事项已履行。"
    )
    walk.shot(field, "reinspect-correct")
    perform(field, form)
    done(field, "已办理：复查")
    walk.shot(field, "after-reinspection")

    officer.reload()
    record = case_document(officer, "笔录", tmp_path)
    assert "山会村" in record and "东北角煤堆表面冒烟" in record, record
    correction = case_document(officer, "改正通知书", tmp_path)
    assert FIRM in correction and "山会村" in correction, correction
    assert "2026年10月16日" in correction and "复垦" in correction, correction
    stop = case_document(officer, "责令停止违法行为通知书", tmp_path)
    assert "立即停止储煤场装卸作业" in stop and "第七十条" in stop, stop
    notice = case_document(officer, "停止供电告知书", tmp_path)
    assert FIRM in notice and "山会村煤场" in notice and "韩示例" in notice, notice
    assert "2026年9月19日17" in notice and "安全生产法》第七十条" in notice, notice
    letter = case_document(officer, "停止供电协助函", tmp_path)
    assert "示例供电公司繁峙县分公司" in letter and "山会村煤场" in letter, letter
    assert "李示范" in letter and "2026年9月19日17" in letter, letter
    assert "2026年9月18日15" in letter and "繁砂综执停告" in letter, letter
    chain_verified(officer, case)
