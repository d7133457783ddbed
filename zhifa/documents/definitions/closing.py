"""结案与归档: 结案报告, 卷宗封面, 卷内目录."""

from __future__ import annotations

from zhifa.core.articles import A47

from .common import HANDLERS, PARTY_GRID_ROWS, SAMPLE_TOWN_CASE, header, need, p
from .registry import DocType, Field, register

register(
    DocType(
        code="closing_report",
        name="结案报告",
        group="结案与归档",
        abbr="",
        description="案件处理完毕，报请负责人批准结案，全过程记录归档（处罚法第四十七条）。",
        blocks=[
            header("结案报告"),
            p("案号：{{ case.number }}", align="right", indent=False),
            {
                "kind": "grid",
                "rows": [
                    [{"l": "案由", "v": "{{ case.cause }}", "span": 3}],
                    *PARTY_GRID_ROWS,
                    [
                        {"l": "立案日期", "v": "{{ case.filed|plain_date }}"},
                        {"l": "决定日期", "v": "{{ outcome.date|plain_date }}"},
                    ],
                    [{"l": "处理结果", "v": "{{ outcome.text }}", "span": 3, "h": 25}],
                    [{"l": "执行情况", "v": "{{ execution }}", "span": 3, "h": 25}],
                    [
                        {
                            "l": "承办人意见",
                            "v": "{{ opinion.handler }}\n\n承办人："
                            + HANDLERS
                            + "\n{{ opinion.handler_date|cn_date }}",
                            "span": 3,
                            "h": 25,
                        }
                    ],
                    [
                        {
                            "l": "负责人审批意见",
                            "v": "{{ opinion.head }}\n\n签名：{{ opinion.head_signer }}　　{{ opinion.head_date|cn_date }}",
                            "span": 3,
                            "h": 20,
                        }
                    ],
                ],
            },
        ],
        fields=(
            Field("case.*", "案号、案由、立案日期"),
            Field("party.*", "当事人"),
            Field("outcome.text", "处理结果"),
            Field("outcome.date", "决定日期"),
            Field("execution", "执行情况"),
            Field("opinion.*", "承办人、负责人意见"),
        ),
        needs=(
            need("案由", A47, "case.cause"),
            need("处理结果", A47, "outcome.text"),
            need("执行情况", A47, "execution"),
        ),
        sample={
            **SAMPLE_TOWN_CASE,
            "outcome": {
                "date": "2026-11-02",
                "text": "罚款人民币陆万元整（繁砂综执罚决〔2026〕7号）。",
            },
            "execution": "当事人于2026年12月28日缴纳罚款陆万元及加处罚款陆万元，合计壹拾贰万元整（缴款书号示例0000456）。工地已设置硬质围挡并覆盖裸土，经复查整改到位。",
            "opinion": {
                "handler": "本案处罚决定已执行完毕，建议结案归档。",
                "handler_date": "2026-12-29",
                "head": "同意结案。",
                "head_signer": "李示范",
                "head_date": "2026-12-30",
            },
        },
    )
)

register(
    DocType(
        code="dossier_cover",
        name="卷宗封面",
        group="结案与归档",
        abbr="",
        description="案卷封面：案由、当事人、案号、立案与结案日期、承办人、保管期限。",
        blocks=[
            header("行政处罚案卷", subtitle="{{ town.team_name }}"),
            {
                "kind": "grid",
                "rows": [
                    [{"l": "案　　号", "v": "{{ case.number }}", "span": 3}],
                    [{"l": "案　　由", "v": "{{ case.cause }}", "span": 3}],
                    [{"l": "当 事 人", "v": "{{ party.name }}", "span": 3}],
                    [{"l": "处理结果", "v": "{{ outcome.text }}", "span": 3}],
                    [
                        {"l": "立案日期", "v": "{{ case.filed|plain_date }}"},
                        {"l": "结案日期", "v": "{{ case.closed|plain_date }}"},
                    ],
                    [
                        {
                            "l": "承 办 人",
                            "v": "{% for h in handlers %}{{ h.name }}{% if not forloop.last %}、{% endif %}{% endfor %}",
                        },
                        {"l": "立 卷 人", "v": "{{ archive.filer }}"},
                    ],
                    [
                        {"l": "保管期限", "v": "{{ archive.retention|default:'长期' }}"},
                        {"l": "归档号", "v": "{{ archive.number }}"},
                    ],
                    [{"l": "本卷共", "v": "{{ archive.pages }} 页", "span": 3}],
                ],
            },
            p("{{ town.agency_name }}", align="center", indent=False),
        ],
        fields=(
            Field("case.*", "案号、案由、立案与结案日期"),
            Field("party.name", "当事人"),
            Field("outcome.text", "处理结果"),
            Field("handlers", "承办人"),
            Field("archive.*", "立卷人、保管期限、归档号、页数"),
        ),
        needs=(need("案号", A47, "case.number"), need("案由", A47, "case.cause")),
        sample={
            **SAMPLE_TOWN_CASE,
            "case": {**SAMPLE_TOWN_CASE["case"], "closed": "2026-12-30"},
            "outcome": {"text": "罚款人民币陆万元整，已执行完毕"},
            "archive": {
                "filer": "赵辅例",
                "retention": "长期",
                "number": "2026-XZCF-018",
                "pages": 46,
            },
        },
    )
)

register(
    DocType(
        code="dossier_index",
        name="卷内目录",
        group="结案与归档",
        abbr="",
        description="卷内文书材料目录：序号、文书名称、文号、日期、页号。",
        blocks=[
            header("卷内目录", subtitle="案号：{{ case.number }}"),
            {
                "kind": "table",
                "source": "entries",
                "min_rows": 12,
                "columns": [
                    {"title": "序号", "value": "{{ index }}", "width": "8%"},
                    {"title": "文书材料名称", "value": "{{ item.title }}", "width": "36%"},
                    {"title": "文号", "value": "{{ item.number }}", "width": "24%"},
                    {"title": "日期", "value": "{{ item.date|plain_date }}", "width": "20%"},
                    {"title": "页号", "value": "{{ item.pages }}", "width": "12%"},
                ],
            },
        ],
        fields=(
            Field("case.number", "案号"),
            Field("entries", "目录条目（title, number, date, pages）"),
        ),
        needs=(need("目录条目", A47, "entries", min_items=1),),
        sample={
            **SAMPLE_TOWN_CASE,
            "entries": [
                {"title": "立案审批表", "number": "", "date": "2026-08-20", "pages": "1"},
                {
                    "title": "现场检查（勘验）笔录",
                    "number": "",
                    "date": "2026-08-21",
                    "pages": "2-3",
                },
                {"title": "询问笔录", "number": "", "date": "2026-08-22", "pages": "4-5"},
                {
                    "title": "行政处罚事先告知书（听证）",
                    "number": "繁砂综执听告〔2026〕4号",
                    "date": "2026-09-29",
                    "pages": "6",
                },
                {"title": "听证笔录", "number": "", "date": "2026-10-23", "pages": "7-8"},
                {"title": "法制审核意见书", "number": "", "date": "2026-10-28", "pages": "9"},
                {
                    "title": "行政处罚决定书",
                    "number": "繁砂综执罚决〔2026〕7号",
                    "date": "2026-11-02",
                    "pages": "10-11",
                },
                {"title": "送达回证", "number": "", "date": "2026-11-03", "pages": "12"},
                {"title": "结案报告", "number": "", "date": "2026-12-30", "pages": "13"},
            ],
        },
    )
)
