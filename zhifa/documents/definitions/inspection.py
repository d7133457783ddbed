"""行政检查: 行政检查通知书 (with the 检查码 and its QR code) and 行政检查笔录 (the checklist as
answered on site). The caller (``inspections``) passes the context; this module knows no models."""

from __future__ import annotations

from zhifa.core.articles import A42, A55

from .common import (
    HANDLERS,
    PARTY_GRID_ROWS,
    handlers_check,
    header,
    need,
    number,
    p,
    seal,
    signatures,
)
from .registry import DocType, Field, register

OPINION = "《国务院办公厅关于严格规范涉企行政检查的意见》"

SAMPLE_INSPECTION = {
    "inspection": {
        "number": "JC202600007",
        "code": "7K3M9QX2HD4P",
        "verify_url": "http://127.0.0.1:8000/inspections/verify/140924103/7K3M9QX2HD4P/",
        "origin": "双随机抽查",
        "plan": "2026年度施工扬尘防治双随机抽查计划",
        "items": "对施工扬尘防治的监督检查",
        "basis": "《中华人民共和国大气污染防治法》第二十九条",
        "planned_on": "2026-09-15",
    },
    "party": {
        "name": "繁峙县示例建筑工程有限公司",
        "kind": "单位",
        "id_number": "91140924MA0XXXXX1A",
        "legal_rep": "冯示例",
        "phone": "0350-5550001",
        "address": "山西省忻州市繁峙县砂河镇示范路18号",
    },
    "handlers": [
        {"name": "张演练", "cert_no": "14092420260001"},
        {"name": "刘测试", "cert_no": "14092420260002"},
    ],
}

register(
    DocType(
        code="inspection_notice",
        name="行政检查通知书",
        group="行政检查",
        abbr="检通",
        description="检查前出示执法证件、送达检查通知（处罚法第五十五条）；通知书载明检查码，"
        "被检查对象扫码即可核验本次检查是否已登记。",
        blocks=[
            header("行政检查通知书"),
            number(),
            {
                "kind": "qrcode",
                "value": "{{ inspection.verify_url }}",
                "caption": "检查码：{{ inspection.code }}\n扫码核验本次检查",
            },
            p("{{ party.name }}：", indent=False),
            p(
                "根据{{ inspection.basis }}的规定，本机关决定对你（单位）开展行政检查"
                "（{{ inspection.origin }}{% if inspection.plan %}，{{ inspection.plan }}{% endif %}）。"
                "检查事项：{{ inspection.items }}。检查编号：{{ inspection.number }}。"
            ),
            p("检查人员：" + HANDLERS + "。检查人员将出示行政执法证件。"),
            p(
                "请你（单位）配合检查，如实提供有关情况和资料。你（单位）认为检查人员与本次检查有直接利害关系"
                "或者有其他关系可能影响公正检查的，有权申请回避；对检查中认定的事实，有权进行陈述和申辩。"
            ),
            p(
                "本次检查已在本机关登记，检查码为 {{ inspection.code }}。你（单位）可扫描右上方二维码或访问"
                "{{ inspection.verify_url }} 核验；未经登记的检查，你（单位）有权拒绝并向本机关反映。"
            ),
            seal(),
            {
                "kind": "note",
                "text": f"依据{OPINION}，本机关不得以观摩、督导、考察等名义变相检查，不得重复检查。",
            },
        ],
        fields=(
            Field("inspection.*", "检查编号、检查码、核验地址、事项、依据、来源"),
            Field("party.*", "被检查对象"),
            Field("handlers", "检查人员（姓名、执法证号），不少于两人"),
        ),
        needs=(
            need("被检查对象", A55, "party.name"),
            need("检查事项", A55, "inspection.items"),
            need("检查依据", A55, "inspection.basis"),
            need("检查码", OPINION, "inspection.code"),
            need("核验地址", OPINION, "inspection.verify_url"),
        ),
        checks=(handlers_check(A42),),
        sample={**SAMPLE_INSPECTION, "doc": {"date": "2026-09-15"}},
    )
)

register(
    DocType(
        code="inspection_checklist_record",
        name="行政检查笔录",
        group="行政检查",
        abbr="",
        description="检查应当制作笔录（处罚法第五十五条）：逐项记录检查清单的结论，由当事人签名确认；"
        "拒绝签名的，注明情况并由见证人签名。",
        blocks=[
            {
                **header("行政检查笔录"),
                "page_sign": "当事人（现场负责人）签名：{{ record.party_signature }}",
            },
            p(
                "检查编号：{{ inspection.number }}　　检查码：{{ inspection.code }}",
                align="right",
                indent=False,
            ),
            {
                "kind": "grid",
                "rows": [
                    [
                        {
                            "l": "检查时间",
                            "v": "{{ record.start|plain_datetime }} 至 {{ record.end|plain_datetime }}",
                            "span": 3,
                        }
                    ],
                    [{"l": "检查地点", "v": "{{ record.place }}", "span": 3}],
                    [{"l": "检查事项", "v": "{{ inspection.items }}", "span": 3}],
                    *PARTY_GRID_ROWS,
                    [
                        {"l": "现场负责人", "v": "{{ record.present }}"},
                        {"l": "见证人", "v": "{{ record.witness }}"},
                    ],
                    [{"l": "检查人员及执法证号", "v": HANDLERS, "span": 3}],
                    [{"l": "记录人", "v": "{{ record.recorder }}", "span": 3}],
                ],
            },
            p(
                "检查人员已出示执法证件，送达行政检查通知书，告知当事人（现场负责人）有如实提供情况、配合检查的义务，"
                "并享有陈述、申辩和申请回避的权利。"
            ),
            {
                "kind": "table",
                "title": "检查清单",
                "source": "checklist",
                "columns": [
                    {"title": "序号", "value": "{{ index }}", "width": "8%"},
                    {"title": "检查内容", "value": "{{ item.text }}", "width": "44%"},
                    {"title": "结论", "value": "{{ item.answer }}", "width": "12%"},
                    {
                        "title": "情况说明",
                        "value": "{{ item.note }}{% if item.photos %}（照片{{ item.photos }}张）{% endif %}",
                        "width": "36%",
                    },
                ],
            },
            {"kind": "heading", "text": "检查情况及结论："},
            p("{{ record.findings }}"),
            p(
                "检查结论：{{ record.result }}。"
                "{% if record.order %}已当场送达责令改正通知书（{{ record.order }}）。{% endif %}"
                "{% if record.lead %}涉嫌违法的情况已转入线索（{{ record.lead }}）依法处理。{% endif %}"
            ),
            p("以上笔录已交当事人（现场负责人）核对（或已向其宣读），确认无误。"),
            signatures(
                (
                    "当事人（现场负责人）签名：",
                    "{% if record.party_refused %}当事人拒绝签名{% else %}{{ record.party_signature }}{% endif %}",
                ),
                ("见证人签名：", "{{ record.witness }}"),
                (
                    "检查人员签名：",
                    "{% for h in handlers %}{{ h.name }}{% if not forloop.last %}、{% endif %}{% endfor %}",
                ),
                ("记录人签名：", "{{ record.recorder }}"),
            ),
        ],
        fields=(
            Field("inspection.*", "检查编号、检查码、事项"),
            Field("record.*", "时间、地点、现场负责人、见证人、记录人、情况、结论、签名"),
            Field("checklist", "检查清单各项结论"),
            Field("party.*", "当事人"),
            Field("handlers", "检查人员及执法证号"),
        ),
        needs=(
            need("检查时间", A55, "record.start"),
            need("检查地点", A55, "record.place"),
            need("检查清单", A55, "checklist"),
            need("检查情况", A55, "record.findings"),
            need("当事人签名或者见证人签名", A55, "record.party_signature", "record.witness"),
        ),
        checks=(handlers_check(A42),),
        sample={
            **SAMPLE_INSPECTION,
            "checklist": [
                {"text": "施工现场是否设置硬质密闭围挡", "answer": "符合", "note": "", "photos": 1},
                {
                    "text": "裸露土方是否覆盖防尘网",
                    "answer": "不符合",
                    "note": "北侧约300平方米未覆盖",
                    "photos": 2,
                },
                {"text": "出入口是否设置车辆冲洗设施", "answer": "符合", "note": "", "photos": 0},
            ],
            "record": {
                "start": "2026-09-15T09:10:00",
                "end": "2026-09-15T09:55:00",
                "place": "繁峙县砂河镇示范路东段住宅楼建设工地",
                "present": "褚示例（项目经理）",
                "witness": "",
                "recorder": "赵辅例",
                "findings": "工地北侧裸露土方约300平方米未覆盖防尘网，其余各项符合要求。",
                "result": "发现问题已当场整改",
                "order": "",
                "lead": "",
                "party_signature": "褚示例",
                "party_refused": False,
            },
            "doc": {"date": "2026-09-15"},
        },
    )
)
