"""立案与调查: 立案审批表, 现场检查（勘验）笔录, 询问笔录."""

from __future__ import annotations

from zhifa.core.articles import A42, A54, A55

from .common import (
    HANDLERS,
    PARTY_GRID_ROWS,
    SAMPLE_TOWN_CASE,
    handlers_check,
    header,
    need,
    p,
    signatures,
)
from .registry import DocType, Field, register

register(
    DocType(
        code="case_filing",
        name="立案审批表",
        group="立案与调查",
        abbr="",
        description="符合立案条件的，及时立案（处罚法第五十四条）；承办人签名并载明执法证编号。",
        blocks=[
            header("立案审批表"),
            p("案号：{{ case.number }}", align="right", indent=False),
            {
                "kind": "grid",
                "rows": [
                    [
                        {"l": "案件来源", "v": "{{ case.source }}"},
                        {"l": "受案时间", "v": "{{ case.received|plain_date }}"},
                    ],
                    [{"l": "案由", "v": "{{ case.cause }}", "span": 3}],
                    *PARTY_GRID_ROWS,
                    [{"l": "案情及立案理由", "v": "{{ case.summary }}", "span": 3, "h": 38}],
                    [
                        {
                            "l": "承办人意见",
                            "v": "{{ opinion.handler }}\n\n承办人："
                            + HANDLERS
                            + "\n{{ opinion.handler_date|cn_date }}",
                            "span": 3,
                            "h": 24,
                        }
                    ],
                    [
                        {
                            "l": "承办机构意见",
                            "v": "{{ opinion.unit }}\n\n签名：{{ opinion.unit_signer }}　　{{ opinion.unit_date|cn_date }}",
                            "span": 3,
                            "h": 16,
                        }
                    ],
                    [
                        {
                            "l": "负责人审批意见",
                            "v": "{{ opinion.head }}\n\n签名：{{ opinion.head_signer }}　　{{ opinion.head_date|cn_date }}",
                            "span": 3,
                            "h": 16,
                        }
                    ],
                ],
            },
        ],
        fields=(
            Field("case.number", "案号"),
            Field("case.source", "案件来源"),
            Field("case.received", "受案时间"),
            Field("case.cause", "案由"),
            Field("party.*", "当事人（名称、代码、法定代表人、电话、住所）"),
            Field("case.summary", "案情及立案理由"),
            Field("handlers", "承办人（姓名、执法证号），不少于两人"),
            Field("opinion.*", "承办人、承办机构、负责人意见及日期"),
        ),
        needs=(
            need("案件来源", A54, "case.source"),
            need("案由", A54, "case.cause"),
            need("当事人姓名或者名称", A54, "party.name"),
            need("案情及立案理由", A54, "case.summary"),
        ),
        checks=(handlers_check(A42),),
        sample={
            **SAMPLE_TOWN_CASE,
            "case": {
                **SAMPLE_TOWN_CASE["case"],
                "received": "2026-08-18",
                "summary": "2026年8月18日，执法人员巡查至砂河镇示范路东段时发现，繁峙县示例建筑工程有限公司承建的住宅楼工地"
                "未设置硬质围挡，裸露土方约1200平方米未覆盖，车辆进出未冲洗，现场扬尘明显。",
            },
            "opinion": {
                "handler": "当事人涉嫌施工工地未设置硬质围挡、未采取覆盖等扬尘污染防治措施，属本镇承接的下放事项，符合立案条件，建议立案调查。",
                "handler_date": "2026-08-19",
                "unit": "同意立案，由张演练、刘测试承办。",
                "unit_signer": "王样例",
                "unit_date": "2026-08-19",
                "head": "同意立案。",
                "head_signer": "李示范",
                "head_date": "2026-08-20",
            },
        },
    )
)

register(
    DocType(
        code="inspection_record",
        name="现场检查（勘验）笔录",
        group="立案与调查",
        abbr="",
        description="检查、勘验应当制作笔录（处罚法第五十五条），执法人员不少于两人并出示证件。",
        blocks=[
            {
                **header("现场检查（勘验）笔录"),
                "page_sign": "当事人（现场负责人）签名：＿＿＿＿＿＿",
            },
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
                "执法人员已向当事人（现场负责人）出示执法证件，表明身份，说明检查事由，告知其有如实提供情况、配合检查的义务，"
                "并享有陈述、申辩和申请执法人员回避的权利。当事人（现场负责人）{{ record.recusal|default:'不申请回避' }}。"
            ),
            {"kind": "heading", "text": "现场检查（勘验）情况："},
            p("{{ record.findings }}"),
            {
                "kind": "para",
                "text": "{% if record.measurements %}测量数据：{{ record.measurements }}{% endif %}",
            },
            {
                "kind": "para",
                "text": "{% if record.media %}现场拍摄照片、视听资料：{{ record.media }}{% endif %}",
            },
            p("以上笔录已交当事人（现场负责人）核对（或已向其宣读），确认无误。"),
            signatures(
                ("当事人（现场负责人）签名：", "{{ record.party_signature }}"),
                ("见证人签名：", ""),
                ("检查人员签名：", ""),
                ("记录人签名：", ""),
            ),
            {
                "kind": "note",
                "text": "当事人拒绝签名的，执法人员应当在笔录上注明情况，并可邀请见证人签名。",
            },
        ],
        fields=(
            Field("record.start", "检查开始时间"),
            Field("record.end", "检查结束时间"),
            Field("record.place", "检查地点"),
            Field("party.*", "当事人"),
            Field("record.present", "现场负责人"),
            Field("record.witness", "见证人"),
            Field("handlers", "检查人员及执法证号"),
            Field("record.recorder", "记录人"),
            Field("record.findings", "现场检查（勘验）情况"),
            Field("record.measurements", "测量数据"),
            Field("record.media", "照片、视听资料说明"),
        ),
        needs=(
            need("检查时间", A55, "record.start"),
            need("检查地点", A55, "record.place"),
            need("现场检查（勘验）情况", A55, "record.findings"),
        ),
        checks=(handlers_check(A42),),
        sample={
            **SAMPLE_TOWN_CASE,
            "record": {
                "start": "2026-08-21T09:10:00",
                "end": "2026-08-21T10:05:00",
                "place": "繁峙县砂河镇示范路东段住宅楼建设工地",
                "present": "褚示例（项目经理）",
                "witness": "卫示例（示范路村村委会委员）",
                "recorder": "赵辅例",
                "findings": "工地东、北两侧约180米未设置硬质围挡；场内裸露土方约1200平方米未覆盖防尘网；"
                "出入口未设置车辆冲洗设施，运输车辆带泥上路；检查时现场有两台挖掘机作业，扬尘明显，未见洒水降尘。",
                "measurements": "未围挡长度东侧112米、北侧68米，合计180米（皮尺丈量）。",
                "media": "现场照片12张、执法记录仪视频2段（编号0821-01、0821-02）。",
            },
        },
    )
)

register(
    DocType(
        code="interview_record",
        name="询问笔录",
        group="立案与调查",
        abbr="",
        description="询问应当制作笔录（处罚法第五十五条）；告知陈述、申辩和申请回避的权利；被询问人逐页签名。",
        blocks=[
            {**header("询问笔录"), "page_sign": "被询问人签名：＿＿＿＿＿＿"},
            {
                "kind": "grid",
                "rows": [
                    [{"l": "案由", "v": "{{ case.cause }}", "span": 3}],
                    [
                        {
                            "l": "询问时间",
                            "v": "{{ record.start|plain_datetime }} 至 {{ record.end|plain_datetime }}",
                            "span": 3,
                        }
                    ],
                    [{"l": "询问地点", "v": "{{ record.place }}", "span": 3}],
                    [
                        {"l": "被询问人", "v": "{{ interviewee.name }}"},
                        {
                            "l": "性别／年龄",
                            "v": "{{ interviewee.gender }}　{{ interviewee.age }}{% if interviewee.age %}岁{% endif %}",
                        },
                    ],
                    [
                        {"l": "身份证号码", "v": "{{ interviewee.id_number }}"},
                        {"l": "联系电话", "v": "{{ interviewee.phone }}"},
                    ],
                    [{"l": "工作单位及职务", "v": "{{ interviewee.workplace }}", "span": 3}],
                    [{"l": "住址", "v": "{{ interviewee.address }}", "span": 3}],
                    [{"l": "询问人及执法证号", "v": HANDLERS, "span": 3}],
                    [{"l": "记录人", "v": "{{ record.recorder }}", "span": 3}],
                ],
            },
            p(
                "我们是{{ town.agency_name }}的执法人员，已向你出示执法证件。现依法就{{ case.cause }}有关情况向你进行调查询问，"
                "你应当如实回答，不得隐瞒或者提供虚假情况。你有陈述、申辩的权利；如认为执法人员与本案有直接利害关系或者其他关系可能影响公正执法的，"
                "有权申请回避。你是否申请回避？"
            ),
            p("答：{{ record.recusal|default:'不申请。' }}", indent=False),
            {"kind": "qa", "source": "qa"},
            p("以上笔录我已看过（或已向我宣读），与我所说相符。", indent=False),
            signatures(
                ("被询问人签名：", "{{ record.interviewee_signature }}"),
                ("询问人签名：", ""),
                ("记录人签名：", ""),
            ),
            {
                "kind": "note",
                "text": "本笔录每页均应由被询问人签名并注明日期；修改处由被询问人捺指印。",
            },
        ],
        fields=(
            Field("case.cause", "案由"),
            Field("record.start", "询问开始时间"),
            Field("record.end", "询问结束时间"),
            Field("record.place", "询问地点"),
            Field("interviewee.*", "被询问人（姓名、性别、年龄、身份证号、电话、单位、住址）"),
            Field("handlers", "询问人及执法证号"),
            Field("record.recorder", "记录人"),
            Field("qa", "问答（列表：q 问，a 答）"),
        ),
        needs=(
            need("案由", A55, "case.cause"),
            need("询问起止时间", A55, "record.start"),
            need("询问地点", A55, "record.place"),
            need("被询问人身份", A55, "interviewee.name"),
            need("询问内容（问答）", A55, "qa", min_items=1),
        ),
        checks=(handlers_check(A42),),
        sample={
            **SAMPLE_TOWN_CASE,
            "record": {
                "start": "2026-08-22T14:30:00",
                "end": "2026-08-22T15:20:00",
                "place": "砂河镇综合行政执法队询问室",
                "recorder": "赵辅例",
            },
            "interviewee": {
                "name": "褚示例",
                "gender": "男",
                "age": 41,
                "id_number": "140924198500000000",
                "phone": "13800000001",
                "workplace": "繁峙县示例建筑工程有限公司 项目经理",
                "address": "繁峙县砂河镇示范村",
            },
            "qa": [
                {
                    "q": "你与繁峙县示例建筑工程有限公司是什么关系？",
                    "a": "我是公司派驻示范路住宅楼项目的项目经理，有公司出具的授权委托书。",
                },
                {
                    "q": "8月21日执法人员检查时，工地东侧、北侧为什么没有设置围挡？",
                    "a": "原来的彩钢板围挡被风刮坏后拆除了，新的硬质围挡还没有到货。",
                },
                {
                    "q": "场内裸露的土方为什么没有覆盖？",
                    "a": "防尘网用完了，正在采购，这是我们的疏忽。",
                },
                {"q": "你还有什么要补充的吗？", "a": "没有了，我们会尽快整改。"},
            ],
        },
    )
)
