"""责令与强制措施: 责令停止违法行为通知书, 责令（限期）改正通知书, 先行登记保存证据通知书,
查封（扣押）决定书及清单."""

from __future__ import annotations

from typing import Any

from zhifa.core.articles import A28, A42, A56, Q18, Q24, Q25

from .common import (
    HANDLERS,
    REMEDY_NOTICE,
    REMEDY_ORDINARY,
    SAMPLE_TOWN_CASE,
    addressee,
    handlers_check,
    header,
    need,
    need_block,
    number,
    p,
    seal,
    signatures,
)
from .registry import DocType, Field, register

RECEIPT = signatures(("当事人（签收人）签名：", ""), ("签收日期：", ""))

register(
    DocType(
        code="stop_order",
        name="责令停止违法行为通知书",
        group="责令与强制措施",
        abbr="责停",
        description="发现违法行为，责令当事人立即停止；对不属本镇管辖的事项，依属地管理职责制止并移送。",
        blocks=[
            header("责令停止违法行为通知书", red=True),
            number(),
            addressee(),
            p(
                "经查，你（单位）{{ facts|clause:party.name }}。上述行为涉嫌违反了{{ violated }}的规定。"
                "依据{{ basis }}的规定，本机关责令你（单位）自收到本通知书之日起立即停止上述违法行为。"
            ),
            p("{% if requirements %}具体要求：{{ requirements }}{% endif %}"),
            p("拒不停止违法行为的，本机关将依法处理。"),
            REMEDY_NOTICE,
            p("联系人：{{ contact.name }}　　联系电话：{{ contact.phone }}", indent=False),
            seal(),
            RECEIPT,
        ],
        fields=(
            Field("party.name", "当事人"),
            Field("facts", "违法事实"),
            Field("violated", "违反的规定"),
            Field("basis", "责令停止的依据"),
            Field("requirements", "具体要求"),
            Field("contact.*", "联系人、联系电话"),
        ),
        needs=(
            need("当事人姓名或者名称", A28, "party.name"),
            need("违法事实", A28, "facts"),
            need("违反的法律规定", A28, "violated"),
            need("责令的法律依据", A28, "basis"),
            need_block("行政机关印章位置", A28, "seal"),
        ),
        sample={
            **SAMPLE_TOWN_CASE,
            "party": {"name": "繁峙县示例置业有限公司", "address": "繁峙县砂河镇义兴寨村"},
            "facts": "在砂河镇义兴寨村马家坡建设职工宿舍，实际占用土地29.7亩，超出《不动产权证书》登记面积14.43亩15.27亩",
            "violated": "《中华人民共和国土地管理法》第四十四条",
            "basis": "《中华人民共和国土地管理法》第七十七条及属地管理职责",
            "requirements": "立即停止施工，不得新建、续建；保持现场原状，等待有关部门处理。",
            "contact": {"name": "张演练", "phone": "0350-5550110"},
        },
    )
)

register(
    DocType(
        code="correction_order",
        name="责令（限期）改正通知书",
        group="责令与强制措施",
        abbr="责改",
        description="实施行政处罚，应当责令当事人改正或者限期改正违法行为（处罚法第二十八条）。",
        blocks=[
            header("责令（限期）改正通知书", red=True),
            number(),
            addressee(),
            p(
                "经查，你（单位）{{ facts|clause:party.name }}。上述行为违反了{{ violated }}的规定。"
                "依据{{ basis }}的规定，本机关责令你（单位）{% if correction.deadline %}于{{ correction.deadline|cn_date }}前{% else %}立即{% endif %}"
                "改正上述违法行为。"
            ),
            p("改正要求：{{ correction.requirements }}"),
            p("逾期不改正的，本机关将依法处理。改正完毕后，请及时告知本机关，本机关将进行复查。"),
            REMEDY_NOTICE,
            p("联系人：{{ contact.name }}　　联系电话：{{ contact.phone }}", indent=False),
            seal(),
            RECEIPT,
        ],
        fields=(
            Field("party.name", "当事人"),
            Field("facts", "违法事实"),
            Field("violated", "违反的规定"),
            Field("basis", "责令改正的依据"),
            Field("correction.deadline", "改正期限"),
            Field("correction.requirements", "改正要求"),
            Field("contact.*", "联系人、联系电话"),
        ),
        needs=(
            need("当事人姓名或者名称", A28, "party.name"),
            need("违法事实", A28, "facts"),
            need("违反的法律规定", A28, "violated"),
            need("责令改正的法律依据", A28, "basis"),
            need("改正要求", A28, "correction.requirements"),
            need_block("行政机关印章位置", A28, "seal"),
        ),
        sample={
            **SAMPLE_TOWN_CASE,
            "party": {"name": "繁峙县示例煤炭经销有限公司", "address": "繁峙县砂河镇山会村"},
            "facts": "在砂河镇山会村占地约8亩建设露天储煤场，未依法办理用地审批手续，建设项目环境影响评价文件未经批准即投入使用",
            "violated": "《中华人民共和国土地管理法》第四十四条、《中华人民共和国环境影响评价法》第二十五条",
            "basis": "《中华人民共和国土地管理法》第七十七条、《中华人民共和国环境影响评价法》第三十一条",
            "correction": {
                "deadline": "2026-10-30",
                "requirements": "清运场内全部煤炭，拆除堆场设施，平整场地并恢复土地原状。",
            },
            "contact": {"name": "张演练", "phone": "0350-5550110"},
        },
    )
)

register(
    DocType(
        code="evidence_hold",
        name="先行登记保存证据通知书",
        group="责令与强制措施",
        abbr="登存",
        description="证据可能灭失或者以后难以取得，经负责人批准可先行登记保存，七个工作日内作出处理决定（处罚法第五十六条）。",
        blocks=[
            header("先行登记保存证据通知书", red=True),
            number(),
            addressee(),
            p(
                "因你（单位）涉嫌{{ case.cause }}，有关证据可能灭失或者以后难以取得，经本机关负责人{{ approval.approver }}于{{ approval.date|plain_date }}批准，"
                f"依据{A56}的规定，对下列物品予以先行登记保存。"
            ),
            p(
                "保存期间，你（单位）或者有关人员不得销毁或者转移上述物品。本机关将在七个工作日内作出处理决定。"
                "保存地点：{{ hold.place }}。"
            ),
            {
                "kind": "table",
                "title": "先行登记保存物品清单",
                "source": "items",
                "min_rows": 4,
                "columns": [
                    {"title": "序号", "value": "{{ index }}", "width": "10%"},
                    {"title": "物品名称", "value": "{{ item.name }}", "width": "30%"},
                    {"title": "规格型号", "value": "{{ item.spec }}", "width": "22%"},
                    {"title": "数量", "value": "{{ item.quantity }}", "width": "14%"},
                    {"title": "备注", "value": "{{ item.note }}", "width": "24%"},
                ],
            },
            p("执法人员：" + HANDLERS, indent=False),
            seal(),
            RECEIPT,
        ],
        fields=(
            Field("party.name", "当事人"),
            Field("case.cause", "案由"),
            Field("approval.approver", "批准的负责人"),
            Field("approval.date", "批准日期"),
            Field("hold.place", "保存地点"),
            Field("items", "物品清单（name, spec, quantity, note）"),
            Field("handlers", "执法人员及执法证号"),
        ),
        needs=(
            need("当事人姓名或者名称", A56, "party.name"),
            need("行政机关负责人批准", A56, "approval.approver"),
            need("先行登记保存的物品清单", A56, "items", min_items=1),
            need("保存地点", A56, "hold.place"),
            need_block("行政机关印章位置", A56, "seal"),
        ),
        checks=(handlers_check(A42),),
        sample={
            **SAMPLE_TOWN_CASE,
            "party": {"name": "示例个体户武某", "address": "繁峙县砂河镇东街"},
            "case": {"cause": "擅自占用城市道路经营案"},
            "approval": {"approver": "李示范", "date": "2026-09-03"},
            "hold": {"place": "砂河镇综合行政执法队物品保管室"},
            "items": [
                {
                    "name": "流动售货推车",
                    "spec": "铁制三轮",
                    "quantity": "1辆",
                    "note": "外观八成新",
                },
                {"name": "遮阳伞", "spec": "直径2米", "quantity": "1把", "note": ""},
            ],
        },
    )
)


def seizure_term_check(context: dict[str, Any]) -> list[tuple[str, str]]:
    days = (context.get("seizure") or {}).get("days")
    try:
        if days is not None and int(days) > 30:
            return [("查封、扣押的期限不得超过三十日（延长另行决定）", Q25)]
    except (TypeError, ValueError):
        return [("查封、扣押期限应为天数", Q25)]
    return []


register(
    DocType(
        code="seizure_decision",
        name="查封（扣押）决定书",
        group="责令与强制措施",
        abbr="强措",
        description="查封、扣押应当制作并当场交付决定书和清单（强制法第二十四条）；期限不超过三十日（第二十五条）。清单一式二份附后。",
        blocks=[
            header("{{ seizure.measure|default:'查封（扣押）' }}决定书", red=True),
            number(),
            addressee(),
            {"kind": "para", "text": "住所（住址）：{{ party.address }}", "indent": False},
            p(
                "因你（单位）{{ facts|clause:party.name }}，涉嫌违反{{ violated }}的规定，经本机关负责人批准，依据{{ basis }}的规定，"
                "本机关决定对你（单位）的{{ seizure.object }}予以{{ seizure.measure }}，"
                "期限为{{ seizure.days }}日（自{{ seizure.start|plain_date }}至{{ seizure.end|plain_date }}）。"
                "{{ seizure.measure }}的场所、设施或者财物详见所附清单。"
            ),
            p(
                "在{{ seizure.measure }}期间，你（单位）不得擅自启封、转移、隐匿、损毁、变卖{{ seizure.measure }}的场所、设施或者财物。"
                "{{ seizure.measure }}物品的保管地点：{{ seizure.custody }}。情况复杂需要延长期限的，本机关将另行书面告知。"
            ),
            REMEDY_ORDINARY,
            seal(),
            {"kind": "pagebreak"},
            header("{{ seizure.measure|default:'查封（扣押）' }}清单"),
            p(
                "当事人：{{ party.name }}　　{{ seizure.measure }}决定书文号：{{ doc.number|default:'（签发时生成）' }}",
                indent=False,
            ),
            {
                "kind": "table",
                "source": "items",
                "min_rows": 6,
                "columns": [
                    {"title": "序号", "value": "{{ index }}", "width": "9%"},
                    {"title": "名称", "value": "{{ item.name }}", "width": "27%"},
                    {"title": "规格（型号）", "value": "{{ item.spec }}", "width": "20%"},
                    {"title": "数量", "value": "{{ item.quantity }}", "width": "14%"},
                    {"title": "状况", "value": "{{ item.condition }}", "width": "15%"},
                    {"title": "备注", "value": "{{ item.note }}", "width": "15%"},
                ],
            },
            p("本清单一式二份，一份交当事人，一份附卷。", indent=False),
            signatures(
                ("当事人（见证人）签名：", ""),
                ("执法人员签名：", ""),
                ("日期：", "{{ doc.date|plain_date }}"),
            ),
        ],
        fields=(
            Field("party.*", "当事人及住所"),
            Field("facts", "理由（违法事实）"),
            Field("violated", "违反的规定"),
            Field("basis", "查封、扣押的依据"),
            Field("seizure.measure", "措施：查封 或 扣押"),
            Field("seizure.object", "对象"),
            Field("seizure.days", "期限（日）"),
            Field("seizure.start", "起始日"),
            Field("seizure.end", "届满日"),
            Field("seizure.custody", "保管地点"),
            Field("items", "清单（name, spec, quantity, condition, note）"),
            Field("handlers", "执法人员"),
        ),
        needs=(
            need("当事人的姓名或者名称、地址", Q24, "party.name"),
            need("当事人地址", Q24, "party.address"),
            need("查封、扣押的理由", Q24, "facts"),
            need("查封、扣押的依据", Q24, "basis"),
            need("查封、扣押的期限", Q24, "seizure.days"),
            need("查封、扣押场所、设施或者财物的名称、数量等", Q24, "items", min_items=1),
            need_block("申请行政复议或者提起行政诉讼的途径和期限", Q24, "remedy"),
            need_block("行政机关的名称、印章和日期", Q24, "seal"),
        ),
        checks=(seizure_term_check, handlers_check(Q18)),
        sample={
            **SAMPLE_TOWN_CASE,
            "party": {"name": "示例采矿人吕某", "address": "繁峙县砂河镇同路村"},
            "facts": "未取得采矿许可证擅自在同路村北山开采铁矿石",
            "violated": "《中华人民共和国矿产资源法》第二十二条",
            "basis": "《中华人民共和国矿产资源法》第五十七条、《中华人民共和国行政强制法》第二十二条",
            "seizure": {
                "measure": "扣押",
                "object": "用于非法开采的设备和已采出的矿石",
                "days": 30,
                "start": "2026-09-10",
                "end": "2026-10-09",
                "custody": "砂河镇人民政府院内暂扣物品存放场",
            },
            "items": [
                {
                    "name": "挖掘机",
                    "spec": "履带式20吨",
                    "quantity": "1台",
                    "condition": "可正常使用",
                    "note": "钥匙1把另封存",
                },
                {
                    "name": "自卸货车",
                    "spec": "晋H·示例01",
                    "quantity": "1辆",
                    "condition": "可正常使用",
                    "note": "",
                },
                {
                    "name": "铁矿石",
                    "spec": "原矿",
                    "quantity": "约35吨",
                    "condition": "堆放",
                    "note": "已拍照称重",
                },
            ],
        },
    )
)
