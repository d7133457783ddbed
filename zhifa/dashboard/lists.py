"""The rows behind a cockpit figure (drill-down), shown as a page and exported to Excel.

Each list uses the figure's own filter from ``metrics``; the columns are chosen per model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from zhifa.core.excel import Sheet
from zhifa.grid.models import GridCell, Village

from .metrics import DRILLABLE, Metric, Period
from .sources import Appeal, Case, Deadline, Lead, Penalty


@dataclass(frozen=True)
class Columns:
    headers: tuple[str, ...]
    values: Callable[[Any], tuple[Any, ...]]
    related: tuple[str, ...] = ()
    order: tuple[str, ...] = ("pk",)


COLUMNS: dict[type, Columns] = {
    Case: Columns(
        ("案件编号", "案由", "来源", "状态", "登记时间", "立案时间", "结案时间", "地点"),
        lambda c: (
            c.number,
            c.cause,
            c.get_source_display(),
            c.get_state_display(),
            c.registered_at,
            c.filed_at,
            c.closed_at,
            c.address,
        ),
        order=("registered_at", "pk"),
    ),
    Lead: Columns(
        (
            "线索编号",
            "来源",
            "来源编号",
            "状态",
            "接收时间",
            "签收时限",
            "签收时间",
            "答复时限",
            "办结时间",
        ),
        lambda x: (
            x.number,
            x.get_source_display(),
            x.source_ref,
            x.get_status_display(),
            x.received_at,
            x.dispatch_due,
            x.signed_at,
            x.reply_due,
            x.outcome_at,
        ),
        order=("received_at", "pk"),
    ),
    Penalty: Columns(
        (
            "案件编号",
            "程序",
            "罚款金额（元）",
            "决定日期",
            "缴款期限",
            "缴款日期",
            "已缴罚款（元）",
            "加处罚款（元）",
        ),
        lambda p: (
            p.case.number,
            p.get_procedure_display(),
            p.amount,
            p.decided_on,
            p.due_on,
            p.paid_on,
            p.paid_amount,
            p.surcharge,
        ),
        related=("case",),
        order=("decided_on", "pk"),
    ),
    Appeal: Columns(
        ("案件编号", "类型", "复议机关/法院", "申请/起诉日期", "结果", "结果日期"),
        lambda a: (
            a.case.number,
            a.get_kind_display(),
            a.body,
            a.filed_on,
            a.get_outcome_display(),
            a.decided_on,
        ),
        related=("case",),
        order=("filed_on", "pk"),
    ),
    Deadline: Columns(
        ("事项", "依据", "期限", "单位", "起算时间", "届满时间", "暂定", "状态"),
        lambda d: (
            d.purpose,
            d.article,
            d.amount,
            d.get_unit_display(),
            d.start_at,
            d.due_at,
            "是" if d.provisional else "",
            d.get_status_display(),
        ),
        order=("due_at", "pk"),
    ),
}


def metric_rows(*, metric: Metric, town_id: int, period: Period, now: dt.datetime) -> Any:
    """The queryset behind ``metric`` for one town, ordered, with what its columns need."""
    assert metric.model is not None and metric.rows is not None
    cols = COLUMNS[metric.model]
    qs = metric.model.all_towns.filter(town_id=town_id).filter(metric.rows(period, now))
    return qs.select_related(*cols.related).order_by(*cols.order)


@dataclass(frozen=True)
class Place:
    """A drill-down narrowed to a village or a cell (from the cockpit's map)."""

    kind: str  # "village" or "cell"
    code: str
    label: str
    q: Q


def place_filter(params: Any, *, town_id: int) -> Place | None:
    """``?cell=<15-digit code>`` or ``?village=<3-digit code>`` of the town, else None."""
    cell_code = str(params.get("cell", "")).strip()
    if cell_code:
        cell = GridCell.all_towns.filter(town_id=town_id, code=cell_code).first()
        if cell is not None:
            return Place("cell", cell.code, f"网格：{cell.name or cell.code}", Q(cell=cell))
    village_code = str(params.get("village", "")).strip()
    if village_code:
        village = Village.all_towns.filter(town_id=town_id, code=village_code).first()
        if village is not None:
            return Place(
                "village", village.code, f"村（社区）：{village.name}", Q(cell__village=village)
            )
    return None


def drillable(key: str) -> Metric | None:
    return DRILLABLE.get(key)


def cockpit_sheets(context: dict[str, Any]) -> list[Sheet]:
    """The cockpit's tables, one sheet each, with the rows the page shows (``views.town``)."""
    usage = context["usage"]
    trend = context["trend"]
    return [
        Sheet("线索来源", ("来源", "线索"), list(context["by_source"].items())),
        Sheet(
            "按村（社区）",
            ("村（社区）", "案件", "在办"),
            [(r["name"], r["n"], r["open"]) for r in context["villages"]],
        ),
        Sheet(
            "按中队",
            ("中队", "案件", "已结案"),
            [(r["name"], r["n"], r["closed"]) for r in context["squadrons"]],
        ),
        Sheet(
            "执法队员在办",
            ("队员", "在办案件", "超期"),
            [(r["name"], r["open"], r["overdue"]) for r in context["workload"]],
        ),
        Sheet("按领域", ("领域", "案件"), [(r["name"], r["n"]) for r in context["domains"]]),
        Sheet(
            "事项使用",
            (
                f"事项编码（清单 {usage['held']} 项，期内用到 {usage['used']} 项）",
                "事项名称",
                "案件",
            ),
            [(r["items__code"], r["items__name"], r["n"]) for r in usage["top"]],
        ),
        Sheet(
            "月度趋势",
            ("月份", "登记", "结案"),
            list(zip(trend["labels"], trend["registered"], trend["closed"], strict=True)),
        ),
    ]
