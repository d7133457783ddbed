"""Acceptance stories S1, S2 and S3 of DESIGN walked in real Chromium through the pages only,
each step by the demo login whose role does it — the clerk at the desk, the squadron leader of the
villages (镇区外中队, 周模例) at the inbox, the officer (刘测试) on a phone in the field, the leader
(李示范) in the approval inbox — on the house clock frozen at the story's dates. Each ends with
the documents downloaded from the case page and read back, and the record chain verified. README
(“The demo's stories and who walks them”) describes the same walks."""

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


def subject_point(name: str) -> tuple[float, float]:
    """Where a registered subject stands (the phone is taken there)."""
    from zhifa.grid.models import Subject

    subject = Subject.objects.get(name=name)
    return float(subject.lat), float(subject.lng)


def inspection(page, *, place: str, findings: str, **fields: str) -> None:
    """Fill in and save 现场检查（勘验）笔录 on the record page."""
    page.get_by_role("link", name="现场笔录").click()
    form = page.get_by_test_id("record-form")
    wait_until(page, "window.Alpine !== undefined")
    form.locator("input[name=place]").fill(place)
    form.locator("textarea[name=findings]").fill(findings)
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    return form


def test_s2_a_patrol_finds_land_overused_the_work_is_stopped_and_the_case_transferred(
    walk, tmp_path, settings
):
    from zhifa.cases.models import Case
    from zhifa.intake.models import Lead

    walk.begin("2026-09-14 08:00", tmp_path, settings)
    site = subject_point("马家坡宿舍区工地")

    # 8:00, the squadron leader of the villages plans the day's patrol at 义兴寨村
    leader = walk.person("zhifa3")
    walk.go(leader, "/grid/patrols/")
    form = leader.get_by_test_id("plan-form")
    pick(form, "patroller", "刘测试")
    form.locator("input[name=title]").fill("义兴寨村马家坡用地巡查")
    form.locator("input[name=day]").fill("2026-09-14")
    form.locator("input[name=start]").fill("09:00")
    form.locator("input[name=end]").fill("12:00")
    pick(form, "villages", "义兴寨")
    form.locator("input[name=note]").fill("马家坡在建项目用地范围")
    walk.shot(leader, "plan")
    submit(leader, form.get_by_role("button", name="安排"))
    done(leader, "已安排巡查任务")

    # 9:40 at 马家坡, on the officer's phone: check in, report what the patrol found
    walk.on("2026-09-14 09:40")
    field = walk.person("zhifa2", phone=True)
    walk.stand(field, *site)
    walk.go(field, "/grid/patrols/")
    field.get_by_text("义兴寨村马家坡用地巡查").click()
    field.wait_for_selector("#ci-submit:not([disabled])")  # the phone has its position
    submit(field, field.locator("#ci-submit"))
    done(field, "签到")
    form = field.get_by_test_id("finding-form")
    form.locator("textarea[name=description]").fill(
        "义兴寨村马家坡职工宿舍建设项目围挡范围明显超出批准用地，现场仍在施工，疑似超占土地"
    )
    form.locator("input[name=photo]").set_input_files(photo(tmp_path, "mjp", (150, 140, 110)))
    walk.shot(field, "finding")
    submit(field, form.get_by_role("button", name="上报"))
    notice = field.locator(".alert-success")
    expect(notice).to_contain_text("已转入线索分拨：线索编号 XS")
    number = re.search(r"XS\d+", notice.inner_text()).group(0)
    walk.shot(field, "finding-reported")

    # 10:00, the squadron leader finds the lead in his queue and opens a case for it
    walk.on("2026-09-14 10:00")
    walk.go(leader, "/")
    queue = leader.get_by_test_id("queue-squadron-leads")
    expect(queue).to_contain_text(number)
    walk.shot(leader, "lead-queue")
    queue.get_by_text(number).click()
    expect(leader.get_by_test_id("lead-card")).to_contain_text("巡查发现")
    form = leader.get_by_test_id("open-case")
    pick(form, "item", "非法占用土地")
    form.locator("input[name=cause]").fill("超出批准面积占用土地建设职工宿舍案")
    pick(form, "handlers", "刘测试")
    pick(form, "handlers", "周模例")
    walk.shot(leader, "open-case")
    submit(leader, form.get_by_role("button", name="立案办理"))
    done(leader, "已立案办理")
    lead = Lead.objects.get(number=number)
    case = Case.objects.get(pk=lead.case_id)

    # 10:30 on site: the party, the inspection with its measurement, a photo
    walk.on("2026-09-14 10:30")
    walk.go(field, f"/cases/{case.pk}/")
    expect(step(field, "order").get_by_test_id("needs-party")).to_be_visible()
    field.get_by_test_id("party-link").click()
    form = field.get_by_test_id("party-form")
    pick(form, "subject", "山西示例建筑")
    walk.shot(field, "party")
    submit(field, form.get_by_role("button", name="确定当事人"))
    done(field, "当事人已确定为山西示例建筑工程有限公司")
    form = inspection(
        field,
        place="繁峙县砂河镇义兴寨村马家坡职工宿舍建设工地",
        findings="现场正在建设职工宿舍，已完成地基及部分墙体，东侧、南侧围挡外另有硬化场地和材料堆场。",
        present="贺样本（项目负责人）",
        permitted_area="14.43",
        occupied_area="29.7",
        measurements="手持GPS沿围挡及硬化场地外沿实测，不动产权证书载明面积14.43亩。",
        witness="义兴寨村村委会委员（示例）",
    )
    expect(form.get_by_test_id("excess")).to_have_text("15.27")
    walk.shot(field, "inspection")
    submit(field, form.get_by_role("button", name="保存并生成笔录"))
    done(field, "已制作现场检查（勘验）笔录并签发")
    field.get_by_role("link", name="上传证据").click()
    form = field.get_by_test_id("evidence-form")
    form.locator("input[name=file]").set_input_files(photo(tmp_path, "mjp-02", (130, 120, 100)))
    form.locator("input[name=description]").fill("超出证载范围的硬化场地和材料堆场")
    submit(field, form.get_by_role("button", name="上传"))
    done(field, "已上传证据")

    # the order to stop the work, under the town's territorial duty (属地管理)
    form = step(field, "order")
    form.locator("select[name=kind]").select_option(label="责令停止违法行为")
    form.locator("textarea[name=facts]").fill(
        "在砂河镇义兴寨村马家坡建设职工宿舍，实际占用土地29.7亩，超出《不动产权证书》登记面积"
        "14.43亩达15.27亩"
    )
    form.locator("input[name=violated]").fill("《中华人民共和国土地管理法》第四十四条")
    form.locator("input[name=basis]").fill(
        "《中华人民共和国土地管理法》第七十七条及乡镇属地管理职责"
    )
    form.locator("textarea[name=requirements]").fill(
        "立即停止施工，不得新建、续建；保持现场原状，等待有关部门处理。"
    )
    form.locator("input[name=days]").fill("3")
    walk.shot(field, "order")
    perform(field, form)
    done(field, "已办理：责令通知")

    # 15:00 at the office: the case goes to the county bureau with its evidence
    walk.on("2026-09-14 15:00")
    desk = walk.person("zhifa2")
    walk.go(desk, f"/cases/{case.pk}/")
    form = step(desk, "transfer")
    pick(form, "department", "规划和自然资源局")
    form.locator("textarea[name=reason]").fill(
        "非法占用土地的行政处罚不属于本镇承接的下放事项，依法移送有管辖权的部门。"
    )
    form.locator("textarea[name=facts]").fill(
        "超出不动产权证书登记面积15.27亩占用土地建设职工宿舍，本机关已责令其停止施工。"
    )
    walk.shot(desk, "transfer")
    perform(desk, form)
    done(desk, "已办理：移送")
    expect(desk.get_by_test_id("state")).to_have_text("已移送")

    # 9-16: the bureau signs for it; the receipt is recorded
    walk.on("2026-09-16 15:30")
    desk.reload()
    form = step(desk, "receipt")
    form.locator("input[name=receiver_name]").fill("自然资源局收件人（示例）")
    form.locator("input[name=received_at]").fill("2026-09-16T15:00")
    perform(desk, form)
    done(desk, "已办理：登记回执")
    expect(desk.locator("body")).to_contain_text("已签收：自然资源局收件人（示例）")
    walk.shot(desk, "received")

    record = case_document(desk, "笔录", tmp_path)
    assert "批准（登记）面积14.43亩，实际占用29.70亩，超出15.27亩" in record, record
    order = case_document(desk, "责令停止违法行为通知书", tmp_path)
    assert "山西示例建筑工程有限公司" in order and "立即停止施工" in order, order
    assert "联系人：刘测试联系电话：0350-5550003" in order, order
    letter = case_document(desk, "移送", tmp_path)
    assert "繁峙县规划和自然资源局" in letter and "15.27亩" in letter, letter
    assert "联系电话：0350-5550003" in letter, letter
    chain_verified(desk, case)
