"""Acceptance story S1 of DESIGN walked in real Chromium: a villager's 12345 call about iron-ore
mining at 同路村 arrives through the 12345 bridge (the platform is a machine: its push to the
bridge is the one step that is no page), is located to the village's grid and classified; the
squadron leader of the villages (镇区外中队, 周模例) finds it in his queue on the home page, signs
for the order and opens a case; the officer (刘测试) on a phone inspects the site, records that
no mining permit exists and orders the digging stopped; the county natural-resources team joins
a joint operation that stops it; the town transfers the matter to that team, and the 12345
order is answered and closed — the reply reaches the (simulated) platform. The walk ends with
the documents downloaded from the case page and read back, and the record chain verified.
README (“The demo's stories and who walks them”) describes the same walk."""

from __future__ import annotations

import re
import secrets

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

ORDER_NO = "SX12345-20260923-0017"
CALL = (
    "村民来电反映：同路村北山有人私自开采铁矿石，挖掘机昼夜作业，没有看到任何采矿手续，请尽快制止。"
)
TEAM = "繁峙县规划和自然资源综合行政执法队"


@pytest.fixture
def platform(settings):
    """The provincial 12345 platform: a machine that pushes orders to the bridge and takes the
    town's sign-for, reply and close messages (the project's own simulator)."""
    from zhifa.intake.simulator import Simulator

    sim = Simulator(port=0).start()
    settings.ZHIFA_12345_URL = sim.url
    yield sim
    sim.stop()


def platform_push(walk, town, point: tuple[float, float]) -> str:
    """The platform pushes the call as an order, with its GCJ-02 point, under its own token."""
    from zhifa.accounts.services import token_create, user_create
    from zhifa.grid.datum import wgs84_to_gcj02
    from zhifa.intake.simulator import order_payload, push_order

    machine = user_create(
        username="p12345",
        full_name="12345平台接口",
        password=secrets.token_urlsafe(24),  # a machine: it never signs in
        town=town,
        roles=[],
    )
    _, token = token_create(user=machine, name="12345 平台", scopes=["12345"])
    gcj = wgs84_to_gcj02(*point)
    answer = push_order(
        zhifa_url=walk.url,
        token=token,
        order=order_payload(
            order_no=ORDER_NO,
            text=CALL,
            address="繁峙县砂河镇同路村北山",
            lat=gcj[0],
            lng=gcj[1],
            caller=("赵示例", "13800001234"),
        ),
    )
    assert answer["code"] == "0" and answer["created"] is True, answer
    return answer["lead"]


def test_s1_a_12345_call_about_mining_ends_in_a_joint_operation_and_an_answered_order(
    walk, platform, tmp_path, settings
):
    from zhifa.cases.models import Case
    from zhifa.grid.models import Subject
    from zhifa.intake.models import Lead

    town = walk.begin("2026-09-23 08:40", tmp_path, settings)
    mine = Subject.objects.get(name="同路村北山矿点")
    site = (float(mine.lat), float(mine.lng))

    # 8:40, a villager calls 12345; the platform pushes the order through the bridge
    number = platform_push(walk, town, site)

    # 9:10, the squadron leader of the villages finds it in his queue on the home page
    walk.on("2026-09-23 09:10")
    leader = walk.person("zhifa3")
    walk.go(leader, "/")
    queue = leader.get_by_test_id("queue-squadron-leads")
    expect(queue).to_contain_text(number)
    expect(queue).to_contain_text("12345")
    walk.shot(leader, "lead-queue")
    queue.get_by_text(number).click()
    card = leader.get_by_test_id("lead-card")
    expect(card).to_contain_text(ORDER_NO)
    # located to the village's grid cell, and so to the squadron of the villages
    expect(card).to_contain_text(re.compile(r"网格 \d+ 同路村第\d+网格"))
    expect(card).to_contain_text("镇区外中队")
    expect(card.get_by_test_id("reporter")).to_contain_text("赵**")  # the caller is masked
    suggestions = leader.get_by_test_id("suggestions")
    expect(suggestions).to_contain_text("SH-ZR-002 对未取得采矿许可证擅自采矿的行政处罚")
    expect(suggestions.get_by_test_id("triage-confidence")).to_contain_text("有把握")
    # not the town's: the county team enforces it (the bureau is named as its source department)
    expect(suggestions).to_contain_text(
        "非本镇承接事项：建议移送繁峙县规划和自然资源综合行政执法队"
    )
    walk.shot(leader, "lead")
    submit(leader, leader.get_by_role("button", name="签收工单"))
    done(leader, "已签收")
    expect(leader.get_by_test_id("lead-card")).to_contain_text("已签收")

    form = leader.get_by_test_id("open-case")
    pick(form, "item", "擅自采矿")
    form.locator("input[name=cause]").fill("未取得采矿许可证擅自采矿案")
    pick(form, "handlers", "刘测试")
    pick(form, "handlers", "周模例")
    walk.shot(leader, "open-case")
    submit(leader, form.get_by_role("button", name="立案办理"))
    done(leader, "已立案办理")
    case = Case.objects.get(pk=Lead.objects.get(number=number).case_id)

    # 14:00 on the north hill, on the officer's phone: the party, the inspection, a photo
    walk.on("2026-09-23 14:00")
    field = walk.person("zhifa2", phone=True)
    walk.stand(field, *site)
    walk.go(field, "/")
    field.get_by_text(case.number).first.click()
    expect(field.get_by_test_id("state")).to_be_visible()
    field.get_by_test_id("party-link").click()
    form = field.get_by_test_id("party-form")
    pick(form, "subject", "同路村北山矿点")
    submit(field, form.get_by_role("button", name="确定当事人"))
    done(field, "当事人已确定为同路村北山矿点")
    field.get_by_role("link", name="现场笔录").click()
    form = field.get_by_test_id("record-form")
    wait_until(field, "window.Alpine !== undefined")
    form.locator("input[name=place]").fill("繁峙县砂河镇同路村北山南坡")
    form.locator("textarea[name=findings]").fill(
        "北山南坡新挖矿坑2处，坑边堆放铁矿石约30吨，现场有挖掘机1台正在作业；"
        "现场作业人员不能出示采矿许可证，称未办理任何采矿手续。"
    )
    form.locator("[name=present]").fill("挖掘机司机（示例）")
    form.locator("select[name=signature]").select_option(label="当事人不在场，由见证人签名")
    form.locator("[name=witness]").fill("同路村网格员钱网例")
    walk.shot(field, "inspection")
    submit(field, form.get_by_role("button", name="保存并生成笔录"))
    done(field, "已制作现场检查（勘验）笔录并签发")
    field.get_by_role("link", name="上传证据").click()
    form = field.get_by_test_id("evidence-form")
    form.locator("input[name=file]").set_input_files(photo(tmp_path, "tonglu", (110, 90, 70)))
    form.locator("input[name=description]").fill("北山南坡新挖矿坑及作业中的挖掘机")
    submit(field, form.get_by_role("button", name="上传"))
    done(field, "已上传证据")

    # the digging is ordered stopped on the spot, under the town's territorial duty
    form = step(field, "order")
    form.locator("select[name=kind]").select_option(label="责令停止违法行为")
    form.locator("textarea[name=facts]").fill(
        "未取得采矿许可证，在砂河镇同路村北山南坡使用挖掘机开采铁矿石"
    )
    form.locator("input[name=violated]").fill("《中华人民共和国矿产资源法》第三条")
    form.locator("input[name=basis]").fill("乡镇属地管理职责")
    form.locator("textarea[name=requirements]").fill(
        "立即停止开采，撤离挖掘机等机械设备，不得再次开挖。"
    )
    form.locator("input[name=days]").fill("1")
    walk.shot(field, "order")
    perform(field, form)
    done(field, "已办理：责令通知")

    # 9-24 morning: the county natural-resources team comes; the joint operation stops the mining
    walk.on("2026-09-24 11:30")
    field.reload()
    form = step(field, "joint")
    pick(form, "departments", "规划和自然资源综合行政执法队")
    form.locator("textarea[name=participants]").fill(
        "刘测试（镇执法队）\n周模例（镇执法队）\n县自然资源执法队队员（示例）"
    )
    form.locator("input[name=started_at]").fill("2026-09-24T09:00")
    form.locator("input[name=place]").fill("繁峙县砂河镇同路村北山南坡")
    form.locator("textarea[name=outcome]").fill(
        "联合检查，开采已停止，挖掘机撤离现场，矿坑设置警示标志，已开采矿石就地封存。"
    )
    walk.shot(field, "joint")
    perform(field, form)
    done(field, "已办理：联动执法")
    expect(field.get_by_test_id("timeline")).to_contain_text("开采已停止")
    expect(field.get_by_test_id("timeline")).to_contain_text("2026-09-24")  # the house's day
    # the same visit is the re-inspection the order to stop called for: it was obeyed
    form = step(field, "reinspect")
    form.locator("select[name=complied]").select_option(label="已履行")
    form.locator("textarea[name=note]").fill(
        "复查时现场已停止开采，挖掘机已撤离，未见新的开挖痕迹。"
    )
    walk.shot(field, "reinspect")
    perform(field, form)
    done(field, "已办理：复查")
    deadline = (
        field.get_by_test_id("deadlines")
        .locator(".list-group-item")
        .filter(has_text="复查责令停止违法行为")
    )
    expect(deadline).to_contain_text("已完成")

    # 15:00 at the office: the matter goes to the county team with the evidence
    walk.on("2026-09-24 15:00")
    desk = walk.person("zhifa2")
    walk.go(desk, f"/cases/{case.pk}/")
    form = step(desk, "transfer")
    pick(form, "department", "规划和自然资源综合行政执法队")
    form.locator("textarea[name=reason]").fill(
        "未取得采矿许可证擅自采矿的行政处罚不属于本镇承接的下放事项，依法移送有管辖权的执法队。"
    )
    form.locator("textarea[name=facts]").fill(
        "未取得采矿许可证在同路村北山南坡开采铁矿石，本机关已责令停止开采，"
        "并会同县自然资源执法队联合检查制止。"
    )
    walk.shot(desk, "transfer")
    perform(desk, form)
    done(desk, "已办理：移送")
    expect(desk.get_by_test_id("state")).to_have_text("已移送")

    # the 12345 order is answered and closed: the squadron leader sees it on the lead's page
    walk.on("2026-09-24 15:10")
    walk.go(leader, "/")
    expect(leader.get_by_test_id("queue-squadron-leads")).not_to_contain_text(number)
    leader.goto(f"{walk.url}/intake/{Lead.objects.get(number=number).pk}/")
    card = leader.get_by_test_id("lead-card")
    expect(card).to_contain_text("已办结答复")
    # the caller is told the digging was stopped, and where the matter went
    expect(card).to_contain_text("已责令当事人停止违法行为；9月24日会同" + TEAM + "联合执法")
    expect(card).to_contain_text("开采已停止")
    expect(card).to_contain_text(f"该事项已依法移送{TEAM}处理")
    expect(leader.get_by_role("button", name="签收工单")).to_have_count(0)
    walk.shot(leader, "answered")
    received = platform.received(ORDER_NO)
    assert [m["action"] for m in received] == ["qs", "df", "bj"], received
    assert "开采已停止" in received[1]["body"]["nr"], received

    # the documents, downloaded from the case page and read back
    record = case_document(desk, "笔录", tmp_path)
    assert "检查时间2026年9月23日13时30分" in record, record
    assert "繁峙县砂河镇同路村北山南坡" in record and "同路村北山矿点" in record, record
    assert "刘测试（执法证号：140924200003）" in record and "周模例" in record, record
    assert "现场作业人员不能出示采矿许可证，称未办理任何采矿手续" in record, record
    assert "当事人不在场，由见证人签名" in record and "同路村网格员钱网例" in record, record
    order = case_document(desk, "责令停止违法行为通知书", tmp_path)
    assert "同路村北山矿点：经查，你（单位）未取得采矿许可证" in order, order
    assert "立即停止开采" in order and "二〇二六年九月二十三日" in order, order
    letter = case_document(desk, "移送", tmp_path)
    assert f"{TEAM}：本机关在2026年9月23日12345工单中发现，同路村北山矿点未取得" in letter, letter
    assert "联合检查制止。未取得采矿许可证" in letter, letter  # the facts' sentence ends once
    assert "现场检查（勘验）笔录（2026-09-23）" in letter and "照片" in letter, letter
    assert "二〇二六年九月二十四日" in letter, letter
    chain_verified(desk, case)
