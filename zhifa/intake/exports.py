"""Excel export of the lead inbox with its filters (core.excel). The text is the masked text the
inbox shows: a reporter's name and phone never leave in a spreadsheet."""

from __future__ import annotations

from typing import Any

from zhifa.core.excel import workbook_build

from .models import Lead

HEADERS = (
    "线索编号",
    "来源",
    "来源编号",
    "内容（已隐去个人信息）",
    "位置",
    "中队",
    "状态",
    "接收时间",
    "签收时限",
    "答复时限",
)


def filters_label(*, status: str, source: str, q: str) -> str:
    parts = []
    if status == "all":
        parts.append("状态：全部")
    elif status:
        parts.append(f"状态：{dict(Lead.Status.choices).get(status, status)}")
    if source:
        parts.append(f"来源：{dict(Lead.Source.choices).get(source, source)}")
    if q:
        parts.append(f"搜索：{q}")
    return "；".join(parts)


def lead_row(lead: Lead) -> tuple[Any, ...]:
    return (
        lead.number,
        lead.get_source_display(),
        lead.source_ref,
        lead.text_masked,
        lead.cell.name if lead.cell_id else lead.address,
        lead.squadron.name if lead.squadron_id else "",
        lead.get_status_display(),
        lead.received_at,
        lead.dispatch_due,
        lead.reply_due,
    )


def inbox_xlsx(*, leads: Any, status: str, source: str, q: str) -> bytes:
    """Every lead of the filtered inbox (the page shows the first 200)."""
    return workbook_build(
        title="线索列表",
        filters=filters_label(status=status, source=source, q=q),
        headers=HEADERS,
        rows=(lead_row(x) for x in leads.select_related("cell", "squadron").iterator(2000)),
    )
