"""统计报告: the 月度执法工作报告 a town sends the county each month.

The dashboard computes the figures and passes them in ``report`` (already formatted as read);
this module only lays them out. The report is issued by the 统计 section (on the 1st by the worker,
or on demand), never drafted by hand.
"""

from __future__ import annotations

from .common import header, need, p, seal
from .registry import DocType, Field, register

BASIS = "县司法局行政执法协调监督的报送要求"

register(
    DocType(
        code="monthly_report",
        name="月度执法工作报告",
        group="统计报告",
        abbr="",
        description="乡镇综合行政执法队每月向县司法局报送的执法工作数据：主要指标、线索来源、"
        "案件分布、预警与监督意见办理。每月1日由系统自动生成上月报告，也可在统计栏目随时生成。",
        blocks=[
            header("月度执法工作报告", subtitle="（{{ report.month_label }}）"),
            p("{{ report.addressee }}：", indent=False),
            p(
                "现将{{ town.team_name }}{{ report.month_label }}（{{ report.period }}）行政执法工作"
                "情况报告如下。以下数据由综合行政执法平台按统一口径统计，统计时点为"
                "{{ report.as_of }}。"
            ),
            {"kind": "heading", "text": "一、主要指标"},
            {
                "kind": "table",
                "key": "figures",
                "source": "report.figures",
                "columns": [
                    {"title": "序号", "value": "{{ index }}", "width": "10%"},
                    {"title": "指标", "value": "{{ item.label }}", "width": "50%"},
                    {"title": "数值", "value": "{{ item.value }}", "width": "25%"},
                    {"title": "单位", "value": "{{ item.unit }}", "width": "15%"},
                ],
            },
            {"kind": "heading", "text": "二、线索来源"},
            {
                "kind": "table",
                "when": "report.sources",
                "source": "report.sources",
                "columns": [
                    {"title": "来源", "value": "{{ item.label }}", "width": "70%"},
                    {"title": "件数", "value": "{{ item.n }}", "width": "30%"},
                ],
            },
            p("本月未接收线索。", when="!report.sources"),
            {"kind": "heading", "text": "三、案件分布（按村、社区）"},
            {
                "kind": "table",
                "when": "report.villages",
                "source": "report.villages",
                "columns": [
                    {"title": "村（社区）", "value": "{{ item.name }}", "width": "50%"},
                    {"title": "登记案件", "value": "{{ item.n }}", "width": "25%"},
                    {"title": "其中在办", "value": "{{ item.open }}", "width": "25%"},
                ],
            },
            p("本月未登记案件。", when="!report.villages"),
            {"kind": "heading", "text": "四、预警与执法监督"},
            p(
                "截至统计时点，网上预警红色 {{ report.warnings_red }} 条、黄色 "
                "{{ report.warnings_yellow }} 条；本月收到县司法局监督意见 {{ report.opinions }} 件，"
                "已答复 {{ report.opinions_replied }} 件。"
            ),
            {"kind": "heading", "text": "五、指标口径"},
            {
                "kind": "note",
                "text": "{% for f in report.figures %}{{ f.label }}：{{ f.definition }}\n{% endfor %}",
            },
            seal(),
        ],
        fields=(
            Field("report.month_label", "报告月份"),
            Field("report.figures", "主要指标（指标、数值、单位、口径）"),
            Field("report.sources", "线索来源"),
            Field("report.villages", "案件分布"),
        ),
        needs=(
            need("报告月份", BASIS, "report.month_label"),
            need("主要指标", BASIS, "report.figures", min_items=1),
        ),
        sample={
            "report": {
                "month_label": "2026年10月",
                "period": "2026-10-01 至 2026-10-31",
                "as_of": "2026年11月1日 00:05",
                "addressee": "繁峙县司法局",
                "figures": [
                    {
                        "label": "登记案件",
                        "value": "12",
                        "unit": "件",
                        "definition": "期内登记的案件（按登记时间）",
                    },
                    {
                        "label": "按期结案率",
                        "value": "91.7",
                        "unit": "%",
                        "definition": "期内结案的案件中，每一个法定期限都按期完成的比例",
                    },
                ],
                "sources": [{"label": "12345 工单", "n": 9}, {"label": "网格上报", "n": 4}],
                "villages": [{"name": "示范村", "n": 5, "open": 2}],
                "warnings_red": 1,
                "warnings_yellow": 3,
                "opinions": 1,
                "opinions_replied": 1,
            }
        },
    )
)
