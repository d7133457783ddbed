"""协助与移送: 协助函, 停止供电告知书 (served on the business first), 停止供电协助函, 案件移送函,
涉嫌犯罪案件移送书."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhifa.core.articles import A26, A27, AQ70, AQ70_2, Q21, Q43

from .common import (
    HANDLERS,
    SAMPLE_TOWN_CASE,
    addressee,
    header,
    need,
    need_block,
    number,
    p,
    seal,
    signatures,
)
from .registry import DocType, Field, register

ATTACHMENTS = {
    "kind": "table",
    "title": "移送材料清单",
    "source": "attachments",
    "min_rows": 3,
    "columns": [
        {"title": "序号", "value": "{{ index }}", "width": "10%"},
        {"title": "材料名称", "value": "{{ item.name }}", "width": "60%"},
        {"title": "页数（件数）", "value": "{{ item.pages }}", "width": "30%"},
    ],
}
CONTACT = p("联系人：{{ contact.name }}　　联系电话：{{ contact.phone }}", indent=False)

register(
    DocType(
        code="assistance_letter",
        name="协助函",
        group="协助与移送",
        abbr="协助",
        description="行政机关因实施行政处罚的需要，可以向有关机关提出协助请求（处罚法第二十六条）。",
        blocks=[
            header("协助函", red=True),
            number(),
            addressee("recipient.name"),
            p(
                "本机关在办理{{ case.cause }}过程中，{{ matter }}。依据{{ basis }}的规定，特请贵单位协助：{{ request }}"
            ),
            p(
                "请于{{ reply_by|plain_date|default:'收函后及时' }}{% if reply_by %}前{% endif %}将协助情况函告本机关。"
            ),
            CONTACT,
            seal(),
        ],
        fields=(
            Field("recipient.name", "协助单位"),
            Field("case.cause", "案由"),
            Field("matter", "请求协助的事由"),
            Field("basis", "依据"),
            Field("request", "协助事项"),
            Field("reply_by", "回复期限"),
            Field("contact.*", "联系人、电话"),
        ),
        needs=(
            need("协助单位", A26, "recipient.name"),
            need("请求协助的事由", A26, "matter"),
            need("协助事项", A26, "request"),
            need_block("行政机关印章位置", A26, "seal"),
        ),
        sample={
            **SAMPLE_TOWN_CASE,
            "recipient": {"name": "繁峙县不动产登记中心"},
            "matter": "需核实当事人所用土地的不动产登记情况",
            "basis": "《中华人民共和国行政处罚法》第二十六条",
            "request": "查询并提供繁峙县示例置业有限公司名下位于砂河镇义兴寨村马家坡地块的不动产登记信息（权属、面积、用途及四至）。",
            "reply_by": "2026-09-18",
            "contact": {"name": "张演练", "phone": "0350-5550110"},
        },
    )
)


def power_cut_notice_check(context: dict[str, Any]) -> list[tuple[str, str]]:
    """The planned cut is at least 24 hours after the notice is served (安全生产法第七十条第二款)."""
    try:
        at = dt.datetime.fromisoformat(str((context.get("cut_off") or {}).get("at")))
        served = dt.datetime.fromisoformat(str((context.get("service") or {}).get("served_at")))
    except ValueError:
        return [("应载明拟停电时间和告知书送达时间", AQ70_2)]
    if at - served < dt.timedelta(hours=24):
        return [("停止供电应当提前二十四小时通知生产经营单位", AQ70_2)]
    return []


register(
    DocType(
        code="power_cut_notice",
        name="停止供电告知书",
        group="责令与强制措施",
        abbr="停告",
        description="通知供电企业停止供电前，提前二十四小时书面通知拒不执行停产停业决定的生产经营单位（安全生产法第七十条第二款，有危及生产安全的紧急情形的除外）；不得用于居民生活（强制法第四十三条）。",
        blocks=[
            header("停止供电告知书", red=True),
            number(),
            addressee("party.name"),
            p(
                "你（单位）存在{{ hazard }}的重大事故隐患，本机关已于"
                "{{ stop_order.date|plain_date }}以{{ stop_order.number }}责令你（单位）停止生产经营，"
                "你（单位）拒不执行，有发生生产安全事故的现实危险。"
            ),
            p(
                f"依据{AQ70}的规定，本机关将书面通知供电企业于"
                "{{ cut_off.at|plain_datetime }}起停止对你（单位）{{ premises.description }}的供电，"
                "现提前二十四小时予以告知。"
            ),
            p(
                "你（单位）依法履行行政决定、采取相应措施消除事故隐患的，本机关将及时通知供电企业恢复供电。"
                "停止供电范围仅限生产经营用电，不涉及居民生活用电。"
            ),
            p("执法人员：" + HANDLERS, indent=False),
            CONTACT,
            seal(),
            signatures(
                ("受送达人：", "{{ service.served_to }}"),
                ("送达时间：", "{{ service.served_at|plain_datetime }}（{{ service.method }}）"),
                ("受送达人签名：", ""),
            ),
        ],
        fields=(
            Field("party.*", "生产经营单位及地址"),
            Field("hazard", "重大事故隐患"),
            Field("stop_order.number", "拒不执行的责令停产停业文书文号"),
            Field("stop_order.date", "责令日期"),
            Field("premises.description", "停电范围"),
            Field("cut_off.at", "拟停电时间"),
            Field("service.served_at", "送达时间"),
            Field("service.served_to", "受送达人"),
            Field("service.method", "送达方式"),
            Field("handlers", "执法人员"),
        ),
        needs=(
            need("生产经营单位名称", AQ70_2, "party.name"),
            need("重大事故隐患", AQ70, "hazard"),
            need("拒不执行的责令停产停业决定", AQ70, "stop_order.number"),
            need("停电范围", AQ70, "premises.description"),
            need("拟停电时间", AQ70_2, "cut_off.at"),
            need_block("行政机关印章位置", AQ70, "seal"),
        ),
        checks=(power_cut_notice_check,),
        sample={
            **SAMPLE_TOWN_CASE,
            "party": {"name": "繁峙县示例煤炭经销有限公司", "address": "繁峙县砂河镇山会村储煤场"},
            "hazard": "储煤场煤堆自燃、未设置防火隔离带及消防设施",
            "stop_order": {"number": "繁砂综执责停〔2026〕3号", "date": "2026-09-14"},
            "premises": {
                "description": "山会村储煤场生产经营用电（户号示例0001）",
                "residential": False,
            },
            "cut_off": {"at": "2026-09-20T09:00:00"},
            "service": {
                "served_at": "2026-09-18T16:00:00",
                "served_to": "韩示例（负责人）",
                "method": "直接送达",
            },
            "handlers": [
                {"name": "刘测试", "cert_no": "14090000001"},
                {"name": "周模例", "cert_no": "14090000002"},
            ],
            "contact": {"name": "张演练", "phone": "0350-5550110"},
        },
    )
)


def power_cut_check(context: dict[str, Any]) -> list[tuple[str, str]]:
    """安全生产法第七十条 conditions; never for residents' daily life (强制法第四十三条)."""
    problems: list[tuple[str, str]] = []
    premises = context.get("premises") or {}
    if premises.get("residential") or premises.get("use") == "居民生活":
        problems.append(("不得对居民生活采取停止供水、供电、供热、供燃气等方式迫使当事人履行", Q43))
    cut = context.get("cut_off") or {}
    notice = context.get("advance_notice") or {}
    if cut.get("emergency"):
        if len(str(cut.get("reason") or "").strip()) < 4:
            problems.append(("未提前二十四小时通知的，应载明危及生产安全的紧急情形", AQ70_2))
    else:
        try:
            at = dt.datetime.fromisoformat(str(cut.get("at")))
            served = dt.datetime.fromisoformat(str(notice.get("served_at")))
        except ValueError:
            problems.append(("应载明停电时间和提前书面通知生产经营单位的时间", AQ70))
        else:
            if at - served < dt.timedelta(hours=24):
                problems.append(
                    ("停止供电应当提前二十四小时书面通知生产经营单位（紧急情形除外）", AQ70)
                )
    return problems


register(
    DocType(
        code="power_cut_letter",
        name="停止供电协助函",
        group="协助与移送",
        abbr="停电",
        description="生产经营单位拒不执行停产停业决定、有发生生产安全事故现实危险的，经主要负责人批准，书面通知供电企业停止供电，提前二十四小时通知生产经营单位（安全生产法第七十条）；不得用于居民生活（强制法第四十三条）。",
        blocks=[
            header("停止供电协助函", red=True),
            number(),
            addressee("recipient.name"),
            p(
                "{{ party.name }}（地址：{{ party.address }}）存在{{ hazard }}的重大事故隐患，本机关已于{{ stop_order.date|plain_date }}"
                "以{{ stop_order.number }}责令其停止生产经营，该单位拒不执行，有发生生产安全事故的现实危险。"
            ),
            p(
                "经本机关主要负责人{{ approval.approver }}于{{ approval.date|plain_date }}批准，"
                f"依据{AQ70}的规定，"
                "请贵单位于{{ cut_off.at|plain_datetime }}起停止对该单位{{ premises.description }}的供电。"
                "{% if cut_off.emergency %}因{{ cut_off.reason }}，有危及生产安全的紧急情形，未能提前二十四小时通知该单位。"
                "{% else %}本机关已于{{ advance_notice.served_at|plain_datetime }}以"
                "{{ advance_notice.number|default:'停止供电告知书' }}书面通知该单位。{% endif %}"
            ),
            p(
                "上述停电范围仅限生产经营用电，不涉及居民生活用电。重大事故隐患消除后，本机关将及时书面通知贵单位恢复供电。"
            ),
            CONTACT,
            seal(),
        ],
        fields=(
            Field("recipient.name", "供电企业"),
            Field("party.*", "生产经营单位及地址"),
            Field("hazard", "重大事故隐患"),
            Field("stop_order.number", "责令停产停业的文书文号"),
            Field("stop_order.date", "责令日期"),
            Field("approval.approver", "批准的主要负责人"),
            Field("approval.date", "批准日期"),
            Field("cut_off.at", "停电时间"),
            Field("cut_off.emergency", "紧急情形（无需提前通知）"),
            Field("cut_off.reason", "紧急情形说明"),
            Field("advance_notice.number", "停止供电告知书文号"),
            Field("advance_notice.served_at", "书面通知生产经营单位的时间"),
            Field("premises.description", "停电范围"),
            Field("premises.residential", "是否居民生活用电（是则不得停电）"),
        ),
        needs=(
            need("供电企业", AQ70, "recipient.name"),
            need("生产经营单位名称和地址", AQ70, "party.name"),
            need("重大事故隐患", AQ70, "hazard"),
            need("拒不执行的责令停产停业决定", AQ70, "stop_order.number"),
            need("主要负责人批准", AQ70, "approval.approver"),
            need("停电范围", AQ70, "premises.description"),
            need_block("行政机关印章位置", AQ70, "seal"),
        ),
        checks=(power_cut_check,),
        sample={
            **SAMPLE_TOWN_CASE,
            "recipient": {"name": "国网繁峙县供电公司"},
            "party": {"name": "繁峙县示例煤炭经销有限公司", "address": "繁峙县砂河镇山会村储煤场"},
            "hazard": "储煤场煤堆自燃、未设置防火隔离带及消防设施",
            "stop_order": {"number": "繁砂综执责停〔2026〕3号", "date": "2026-09-14"},
            "approval": {"approver": "李示范", "date": "2026-09-18"},
            "cut_off": {"at": "2026-09-20T09:00:00", "emergency": False},
            "advance_notice": {
                "served_at": "2026-09-18T16:00:00",
                "number": "繁砂综执停告〔2026〕1号",
            },
            "premises": {"description": "储煤场生产经营用电（户号示例0001）", "residential": False},
            "contact": {"name": "张演练", "phone": "0350-5550110"},
        },
    )
)

register(
    DocType(
        code="transfer_department",
        name="案件移送函",
        group="协助与移送",
        abbr="移送",
        description="不属本镇管辖的违法行为，移送有管辖权的部门（处罚法第二十二条、第二十四条）。",
        blocks=[
            header("案件移送函", red=True),
            number(),
            addressee("recipient.name"),
            p("本机关在{{ found }}中发现，{{ party.name }}{{ facts|clause:party.name }}。"),
            p(
                "{{ reason }}根据{{ basis }}的规定，现将该案件移送贵单位依法处理，并请将处理结果函告本机关。"
            ),
            ATTACHMENTS,
            CONTACT,
            seal(),
        ],
        fields=(
            Field("recipient.name", "接收部门"),
            Field("found", "发现途径"),
            Field("party.name", "当事人"),
            Field("facts", "违法事实"),
            Field("reason", "移送理由"),
            Field("basis", "移送依据"),
            Field("attachments", "移送材料（name, pages）"),
        ),
        needs=(
            need("接收部门", A27, "recipient.name"),
            need("当事人", A27, "party.name"),
            need("违法事实", A27, "facts"),
            need("移送理由", A27, "reason"),
            need("移送材料清单", A27, "attachments", min_items=1),
            need_block("行政机关印章位置", A27, "seal"),
        ),
        sample={
            **SAMPLE_TOWN_CASE,
            "recipient": {"name": "繁峙县规划和自然资源局"},
            "found": "2026年9月8日日常巡查",
            "party": {"name": "繁峙县示例置业有限公司"},
            "facts": "在砂河镇义兴寨村马家坡建设职工宿舍，不动产权证书登记面积14.43亩，实际占地29.7亩，超出登记面积15.27亩，本机关已责令其停止施工",
            "reason": "该违法占地行为不属于本镇承接的下放事项。",
            "basis": "《中华人民共和国行政处罚法》第二十二条、第二十四条",
            "attachments": [
                {"name": "现场检查（勘验）笔录", "pages": "3页"},
                {
                    "name": "责令停止违法行为通知书（繁砂综执责停〔2026〕2号）及送达回证",
                    "pages": "2页",
                },
                {"name": "现场照片及测绘图", "pages": "14页"},
            ],
            "contact": {"name": "张演练", "phone": "0350-5550110"},
        },
    )
)

register(
    DocType(
        code="transfer_judicial",
        name="涉嫌犯罪案件移送书",
        group="协助与移送",
        abbr="刑移",
        description="违法行为涉嫌犯罪的，及时移送司法机关（处罚法第二十七条）；查封、扣押的财物一并移送，并书面告知当事人（强制法第二十一条）。",
        blocks=[
            header("涉嫌犯罪案件移送书", red=True),
            number(),
            addressee("recipient.name"),
            p("{{ party.name }}{{ facts|clause:party.name }}。"),
            p(
                "经本机关调查，当事人的行为涉嫌构成{{ suspected_crime }}。"
                f"依据{A27}"
                "{% if seized %}、" + Q21 + "{% endif %}的规定，现将该案移送贵单位依法处理。"
                "{% if seized %}本案已扣押的财物一并移送。{% endif %}本机关已将移送情况书面告知当事人。"
            ),
            ATTACHMENTS,
            CONTACT,
            seal(),
        ],
        fields=(
            Field("recipient.name", "接收的司法机关"),
            Field("party.name", "当事人"),
            Field("facts", "违法事实"),
            Field("suspected_crime", "涉嫌罪名"),
            Field("seized", "是否有一并移送的查封扣押财物"),
            Field("attachments", "移送材料（name, pages）"),
        ),
        needs=(
            need("接收的司法机关", A27, "recipient.name"),
            need("当事人", A27, "party.name"),
            need("涉嫌犯罪的事实", A27, "facts"),
            need("涉嫌罪名", A27, "suspected_crime"),
            need("案卷材料清单", A27, "attachments", min_items=1),
            need_block("行政机关印章位置", A27, "seal"),
        ),
        sample={
            **SAMPLE_TOWN_CASE,
            "recipient": {"name": "繁峙县公安局"},
            "party": {"name": "示例采矿人吕某（身份证号码140924197000000000）"},
            "facts": "未取得采矿许可证，于2026年7月至9月在砂河镇同路村北山开采铁矿石约2600吨，经估价矿石价值约52万元",
            "suspected_crime": "非法采矿罪",
            "seized": True,
            "attachments": [
                {"name": "案卷（含现场检查笔录、询问笔录、价格认定书）", "pages": "1卷86页"},
                {"name": "扣押决定书及扣押清单", "pages": "3页"},
                {"name": "扣押的挖掘机、自卸货车", "pages": "2台（辆）"},
            ],
            "contact": {"name": "张演练", "phone": "0350-5550110"},
        },
    )
)
