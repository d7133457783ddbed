"""处罚程序: 事先告知书（两种）, 听证通知书, 听证笔录, 法制审核意见书 (the decisions that follow
them are in ``decisions``)."""

from __future__ import annotations

from typing import Any

from zhifa.core.articles import (
    A44,
    A45,
    A58,
    A63,
    A64,
    HEARING_NOTICE,
    cite,
)

from .common import (
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

EVIDENCE = p(
    "以上事实有下列证据证明：{% for e in evidence %}{{ forloop.counter }}.{{ e }}；{% endfor %}"
)
S5 = {
    **SAMPLE_TOWN_CASE,
    "facts": "2026年8月18日起，在砂河镇示范路东段住宅楼建设工地施工过程中，未设置硬质围挡（未围挡长度180米），"
    "裸露土方约1200平方米未覆盖，运输车辆未冲洗即驶出工地，造成扬尘污染",
    "evidence": [
        "现场检查（勘验）笔录1份",
        "询问笔录1份",
        "现场照片12张、执法记录仪视频2段",
        "营业执照复印件、建筑工程施工许可证复印件",
    ],
    "violated": "《中华人民共和国大气污染防治法》第六十九条第三款",
    "basis": "《中华人民共和国大气污染防治法》第一百一十五条第一款第一项",
    "discretion": "依据《山西省住房城乡建设领域行政处罚裁量基准》，当事人未围挡长度超过100米，属较重情形",
    "penalty": {"kind": "罚款", "amount": 60000, "content": "罚款人民币陆万元整（¥60,000.00）"},
}

register(
    DocType(
        code="prior_notice",
        name="行政处罚事先告知书",
        group="处罚程序",
        abbr="罚告",
        description="作出处罚决定前，告知拟处罚的内容及事实、理由、依据，并告知陈述、申辩权（处罚法第四十四条）。适用于不属听证范围的案件。",
        blocks=[
            header("行政处罚事先告知书", red=True),
            number(),
            addressee(),
            p("经查，你（单位）{{ facts|clause:party.name }}。"),
            EVIDENCE,
            p(
                "你（单位）的上述行为违反了{{ violated }}的规定。{% if discretion %}{{ discretion }}。{% endif %}"
                "依据{{ basis }}的规定，本机关拟对你（单位）作出如下行政处罚：{{ penalty.content }}。"
            ),
            p(
                f"根据{cite(A44, A45)}的规定，你（单位）享有陈述、申辩的权利。"
                "如需陈述、申辩，请在收到本告知书之日起{{ statement_days }}个工作日内向本机关提出；逾期未提出的，视为放弃上述权利。"
                "本机关不因你（单位）陈述、申辩而给予更重的处罚。",
                key="rights",
            ),
            p(
                "联系人：{{ contact.name }}　　联系电话：{{ contact.phone }}　　地址：{{ contact.address }}",
                indent=False,
            ),
            seal(),
            signatures(("当事人（签收人）签名：", ""), ("签收日期：", "")),
        ],
        fields=(
            Field("party.name", "当事人"),
            Field("facts", "违法事实"),
            Field("evidence", "证据（列表）"),
            Field("violated", "违反的规定"),
            Field("discretion", "裁量理由"),
            Field("basis", "处罚依据"),
            Field("penalty.content", "拟作出的处罚内容"),
            Field("statement_days", "陈述申辩期限（工作日）"),
            Field("contact.*", "联系人、电话、地址"),
        ),
        needs=(
            need("当事人姓名或者名称", A44, "party.name"),
            need("拟作出的行政处罚内容", A44, "penalty.content"),
            need("违法事实", A44, "facts"),
            need("证据", A44, "evidence", min_items=1),
            need("处罚的理由和依据", A44, "basis"),
            need("陈述、申辩的期限", A44, "statement_days"),
            need_block("陈述、申辩权利告知", A44, "rights"),
            need_block("行政机关印章位置", A44, "seal"),
        ),
        sample={
            **S5,
            "penalty": {
                "kind": "罚款",
                "amount": 20000,
                "content": "罚款人民币贰万元整（¥20,000.00）",
            },
            "statement_days": 3,
            "contact": {
                "name": "张演练",
                "phone": "0350-5550110",
                "address": "繁峙县砂河镇人民政府综合行政执法队",
            },
        },
    )
)

register(
    DocType(
        code="prior_notice_hearing",
        name="行政处罚事先告知书（听证）",
        group="处罚程序",
        abbr="听告",
        description="拟作出较大数额罚款等属于听证范围的处罚的，同时告知要求听证的权利，当事人应在五个工作日内提出（处罚法第四十四条、第六十三条、第六十四条）。",
        blocks=[
            header("行政处罚事先告知书", red=True, subtitle="（适用听证程序）"),
            number(),
            addressee(),
            p("经查，你（单位）{{ facts|clause:party.name }}。"),
            EVIDENCE,
            p(
                "你（单位）的上述行为违反了{{ violated }}的规定。{% if discretion %}{{ discretion }}。{% endif %}"
                "依据{{ basis }}的规定，本机关拟对你（单位）作出如下行政处罚：{{ penalty.content }}。"
            ),
            p(
                f"根据{cite(A44, A45)}的规定，你（单位）享有陈述、申辩的权利。"
                "如需陈述、申辩，请在收到本告知书之日起{{ statement_days }}个工作日内向本机关提出。",
                key="rights",
            ),
            p(
                f"根据{cite(A63, A64)}的规定，你（单位）有权要求举行听证。"
                "如要求听证，应当在收到本告知书之日起五个工作日内向本机关提出；逾期未提出的，视为放弃听证权利。听证不收取费用。",
                key="hearing_rights",
            ),
            p(
                "联系人：{{ contact.name }}　　联系电话：{{ contact.phone }}　　地址：{{ contact.address }}",
                indent=False,
            ),
            seal(),
            signatures(("当事人（签收人）签名：", ""), ("签收日期：", "")),
        ],
        fields=(
            Field("party.name", "当事人"),
            Field("facts", "违法事实"),
            Field("evidence", "证据（列表）"),
            Field("violated", "违反的规定"),
            Field("discretion", "裁量理由"),
            Field("basis", "处罚依据"),
            Field("penalty.content", "拟作出的处罚内容"),
            Field("statement_days", "陈述申辩期限（工作日）"),
            Field("contact.*", "联系人、电话、地址"),
        ),
        needs=(
            need("当事人姓名或者名称", A44, "party.name"),
            need("拟作出的行政处罚内容", A44, "penalty.content"),
            need("违法事实", A44, "facts"),
            need("证据", A44, "evidence", min_items=1),
            need("处罚的理由和依据", A44, "basis"),
            need("陈述、申辩的期限", A44, "statement_days"),
            need_block("陈述、申辩权利告知", A44, "rights"),
            need_block("要求听证的权利及五个工作日期限", A64, "hearing_rights"),
            need_block("行政机关印章位置", A44, "seal"),
        ),
        sample={
            **S5,
            "statement_days": 5,
            "contact": {
                "name": "张演练",
                "phone": "0350-5550110",
                "address": "繁峙县砂河镇人民政府综合行政执法队",
            },
        },
    )
)


def hearing_notice_lead(context: dict[str, Any]) -> list[tuple[str, str]]:
    """The notice must reach the party ≥7 working days before the hearing (Art 64 ¶2, Art 85).
    A provisional calendar never refuses: staff see the warning on the deadline instead."""
    from zhifa.core.workdays import workdays_add

    from ..formatting import parse_date

    notice = parse_date((context.get("doc") or {}).get("date"))
    hearing = parse_date((context.get("hearing") or {}).get("time"))
    if notice is None or hearing is None:
        return []
    earliest = workdays_add(notice, HEARING_NOTICE.amount)
    if hearing < earliest.date and not earliest.provisional:
        return [
            (
                f"听证通知应当在听证七个工作日前送达，本次听证最早可定于{earliest.date:%Y年%m月%d日}",
                HEARING_NOTICE.article,
            )
        ]
    return []


register(
    DocType(
        code="hearing_notice",
        name="听证通知书",
        group="处罚程序",
        abbr="听通",
        description="听证的七个工作日前，通知当事人举行听证的时间、地点；主持人由非本案调查人员担任（处罚法第六十四条）。",
        blocks=[
            header("听证通知书", red=True),
            number(),
            addressee(),
            p(
                "根据你（单位）于{{ hearing.requested|plain_date }}提出的听证申请，本机关决定于{{ hearing.time|plain_datetime }}"
                "在{{ hearing.place }}就{{ case.cause }}{% if hearing.public %}公开{% else %}不公开{% endif %}举行听证。"
            ),
            p(
                "听证主持人：{{ hearing.chair }}；听证员：{{ hearing.members|join_cn }}；记录员：{{ hearing.clerk }}。"
            ),
            p(
                "你（单位）如认为听证主持人、听证员、记录员与本案有直接利害关系的，有权申请回避。"
                "你（单位）可以亲自参加听证，也可以委托一至二人代理；委托代理人参加的，应当提交由你（单位）签名或者盖章的授权委托书。"
                "请携带身份证明、有关证据材料准时出席。无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。",
                key="rights",
            ),
            p("联系人：{{ contact.name }}　　联系电话：{{ contact.phone }}", indent=False),
            seal(),
            signatures(("当事人（签收人）签名：", ""), ("签收日期：", "")),
        ],
        fields=(
            Field("party.name", "当事人"),
            Field("case.cause", "案由"),
            Field("hearing.requested", "申请听证日期"),
            Field("hearing.time", "听证时间"),
            Field("hearing.place", "听证地点"),
            Field("hearing.public", "是否公开"),
            Field("hearing.chair", "主持人"),
            Field("hearing.members", "听证员（列表）"),
            Field("hearing.clerk", "记录员"),
        ),
        needs=(
            need("当事人姓名或者名称", A64, "party.name"),
            need("听证时间", A64, "hearing.time"),
            need("听证地点", A64, "hearing.place"),
            need("听证主持人", A64, "hearing.chair"),
            need_block("申请回避、委托代理及缺席后果的告知", A64, "rights"),
            need_block("行政机关印章位置", A64, "seal"),
        ),
        checks=(hearing_notice_lead,),
        sample={
            **S5,
            "hearing": {
                "requested": "2026-10-12",
                "time": "2026-10-23T09:00:00",
                "place": "砂河镇人民政府三楼会议室",
                "public": True,
                "chair": "孙审例",
                "members": ["蒋示例", "沈示例"],
                "clerk": "韩示例",
            },
            "contact": {"name": "张演练", "phone": "0350-5550110"},
        },
    )
)

register(
    DocType(
        code="hearing_record",
        name="听证笔录",
        group="处罚程序",
        abbr="",
        description="听证应当制作笔录，交当事人或者其代理人核对无误后签字或者盖章（处罚法第六十四条）；处罚决定依笔录作出（第六十五条）。",
        blocks=[
            {**header("听证笔录"), "page_sign": "当事人（代理人）签名：＿＿＿＿＿＿"},
            {
                "kind": "grid",
                "rows": [
                    [{"l": "案由", "v": "{{ case.cause }}", "span": 3}],
                    [
                        {
                            "l": "听证时间",
                            "v": "{{ hearing.time|plain_datetime }} 至 {{ hearing.end|plain_datetime }}",
                            "span": 3,
                        }
                    ],
                    [
                        {"l": "听证地点", "v": "{{ hearing.place }}"},
                        {
                            "l": "听证方式",
                            "v": "{% if hearing.public %}公开{% else %}不公开{% endif %}",
                        },
                    ],
                    [
                        {"l": "主持人", "v": "{{ hearing.chair }}"},
                        {"l": "听证员", "v": "{{ hearing.members|join_cn }}"},
                    ],
                    [
                        {"l": "记录员", "v": "{{ hearing.clerk }}"},
                        {
                            "l": "案件调查人员",
                            "v": "{% for h in handlers %}{{ h.name }}{% if not forloop.last %}、{% endif %}{% endfor %}",
                        },
                    ],
                    [
                        {"l": "当事人", "v": "{{ party.name }}"},
                        {"l": "法定代表人", "v": "{{ party.legal_rep }}"},
                    ],
                    [{"l": "委托代理人", "v": "{{ hearing.agents|join_cn }}", "span": 3}],
                ],
            },
            {"kind": "heading", "text": "听证记录："},
            p(
                "主持人宣布听证开始，核对听证参加人身份，宣布听证纪律，告知当事人有申请回避、陈述、申辩和质证的权利。"
                "当事人{{ hearing.recusal|default:'不申请回避' }}。"
            ),
            {"kind": "qa", "source": "hearing.proceedings"},
            p(
                "{% if hearing.final_statement %}当事人最后陈述：{{ hearing.final_statement }}{% endif %}"
            ),
            p("主持人宣布听证结束。以上笔录经当事人（代理人）核对无误。"),
            signatures(
                ("当事人（代理人）签名：", ""),
                ("案件调查人员签名：", ""),
                ("主持人签名：", ""),
                ("听证员签名：", ""),
                ("记录员签名：", ""),
            ),
        ],
        fields=(
            Field("case.cause", "案由"),
            Field("hearing.time", "听证开始时间"),
            Field("hearing.end", "结束时间"),
            Field("hearing.place", "地点"),
            Field("hearing.chair", "主持人"),
            Field("hearing.members", "听证员"),
            Field("hearing.clerk", "记录员"),
            Field("hearing.agents", "委托代理人"),
            Field("hearing.proceedings", "听证过程（q 发言人及问题，a 回答）"),
            Field("hearing.final_statement", "当事人最后陈述"),
        ),
        needs=(
            need("听证时间", A64, "hearing.time"),
            need("听证地点", A64, "hearing.place"),
            need("听证主持人", A64, "hearing.chair"),
            need("听证过程记录", A64, "hearing.proceedings", min_items=1),
        ),
        sample={
            **S5,
            "hearing": {
                "time": "2026-10-23T09:00:00",
                "end": "2026-10-23T10:40:00",
                "place": "砂河镇人民政府三楼会议室",
                "public": True,
                "chair": "孙审例",
                "members": ["蒋示例", "沈示例"],
                "clerk": "韩示例",
                "agents": ["褚示例（公司项目经理）", "秦示例（律师）"],
                "proceedings": [
                    {
                        "q": "（调查人员张演练）陈述案件事实、证据、处罚依据及拟处罚意见。",
                        "a": "（当事人代理人）对现场检查笔录记载的事实无异议。",
                    },
                    {
                        "q": "（主持人）当事人对拟处罚数额有何意见？",
                        "a": "（秦示例）当事人已于8月25日完成整改，系初次违法，请求从轻处罚。",
                    },
                    {
                        "q": "（调查人员刘测试）当事人整改情况已经复查属实，但违法持续时间较长、未围挡长度较大。",
                        "a": "（褚示例）我们认识到了错误，今后一定规范施工。",
                    },
                ],
                "final_statement": "请求综合考虑整改情况从轻处罚。",
            },
        },
    )
)

register(
    DocType(
        code="legal_review",
        name="法制审核意见书",
        group="处罚程序",
        abbr="",
        description="重大执法决定作出前须经法制审核；未经审核或者审核未通过的，不得作出决定（处罚法第五十八条）。",
        blocks=[
            header("法制审核意见书"),
            {
                "kind": "grid",
                "rows": [
                    [{"l": "案件名称", "v": "{{ case.cause }}", "span": 3}],
                    [
                        {"l": "当事人", "v": "{{ party.name }}"},
                        {"l": "案号", "v": "{{ case.number }}"},
                    ],
                    [
                        {
                            "l": "承办人",
                            "v": "{% for h in handlers %}{{ h.name }}{% if not forloop.last %}、{% endif %}{% endfor %}",
                        },
                        {"l": "送审时间", "v": "{{ review.submitted|plain_date }}"},
                    ],
                    [{"l": "审核情形", "v": "{{ review.ground }}", "span": 3}],
                    [{"l": "拟处理意见", "v": "{{ review.proposal }}", "span": 3}],
                    [
                        {
                            "l": "审核内容",
                            "v": "1.执法主体是否合法：{{ review.items.subject|default:'合法' }}\n2.执法人员是否具备执法资格：{{ review.items.officers|default:'具备' }}\n"
                            "3.案件事实是否清楚、证据是否确实充分：{{ review.items.facts|default:'事实清楚，证据确实充分' }}\n"
                            "4.适用法律是否准确、裁量是否适当：{{ review.items.law|default:'适用法律准确，裁量适当' }}\n"
                            "5.程序是否合法：{{ review.items.procedure|default:'程序合法' }}\n"
                            "6.是否超越法定权限、是否涉嫌犯罪需要移送：{{ review.items.transfer|default:'未超越权限，不涉嫌犯罪' }}",
                            "span": 3,
                        }
                    ],
                    [
                        {
                            "l": "审核意见",
                            "v": "{{ review.opinion }}\n\n审核结论：{{ review.conclusion }}",
                            "span": 3,
                            "h": 35,
                        }
                    ],
                    [
                        {
                            "l": "审核人员",
                            "v": "{{ review.reviewer }}（法律职业资格证书编号：{{ review.qualification }}）\n{{ review.date|cn_date }}",
                            "span": 3,
                        }
                    ],
                ],
            },
        ],
        fields=(
            Field("case.*", "案件名称、案号"),
            Field("party.name", "当事人"),
            Field("review.submitted", "送审时间"),
            Field("review.ground", "审核情形（第五十八条第一款第几项）"),
            Field("review.proposal", "拟处理意见"),
            Field("review.items.*", "逐项审核结果"),
            Field("review.opinion", "审核意见"),
            Field("review.conclusion", "审核结论：通过／不通过／退回补充调查"),
            Field("review.reviewer", "审核人员"),
            Field("review.qualification", "法律职业资格证书编号"),
            Field("review.date", "审核日期"),
        ),
        needs=(
            need("审核意见", A58, "review.opinion"),
            need("审核结论", A58, "review.conclusion"),
            need("审核人员", A58, "review.reviewer"),
        ),
        sample={
            **S5,
            "review": {
                "submitted": "2026-10-26",
                "ground": "经过听证程序，直接关系当事人重大权益（处罚法第五十八条第一款第二项）",
                "proposal": "对当事人罚款人民币陆万元整",
                "opinion": "本案执法主体合法，执法人员具备执法资格，事实清楚，证据确实充分，适用法律正确，程序合法。"
                "听证中当事人提出的整改情况已经复查属实，裁量意见在法定幅度内，建议维持。",
                "conclusion": "通过",
                "reviewer": "孙审例",
                "qualification": "A2026140000000001",
                "date": "2026-10-28",
            },
        },
    )
)
