"""Excel export of the case list with its filters (core.excel); the columns follow the page."""

from __future__ import annotations

from typing import Any

from zhifa.core.excel import workbook_build

from .models import State
from .selectors import CaseFilters

CASE_HEADERS = ("案件编号", "案由", "当事人", "状态", "中队", "发现日期", "地点", "登记时间")


def case_filters_label(filters: CaseFilters, *, squadron: str = "") -> str:
    parts = []
    if filters.q:
        parts.append(f"搜索：{filters.q}")
    if filters.state:
        parts.append(f"状态：{dict(State.choices).get(filters.state, filters.state)}")
    elif filters.active is True:
        parts.append("范围：办理中")
    elif filters.active is False:
        parts.append("范围：已办结、移送、撤销")
    if squadron:
        parts.append(f"中队：{squadron}")
    if filters.since:
        parts.append(f"发现日期自 {filters.since:%Y-%m-%d}")
    if filters.until:
        parts.append(f"发现日期至 {filters.until:%Y-%m-%d}")
    return "；".join(parts)


def case_row(case: Any) -> tuple[Any, ...]:
    return (
        case.number,
        case.cause,
        "、".join(p.name for p in case.parties.all()),
        case.get_state_display(),
        case.squadron.name if case.squadron_id else "",
        case.discovered_on,
        case.address,
        case.registered_at,
    )


def case_list_xlsx(*, cases: Any, filters: CaseFilters, squadron: str = "") -> bytes:
    """Every case of the filtered list (the page shows the first 200; the export all of them)."""
    return workbook_build(
        title="案件列表",
        filters=case_filters_label(filters, squadron=squadron),
        headers=CASE_HEADERS,
        rows=(case_row(c) for c in cases.iterator(chunk_size=2000)),
    )
