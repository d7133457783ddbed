"""Excel export of any list the dashboard shows, with the filters it was shown with (openpyxl, in
the plain layout the power list uses: a title row, the filters, a header, the rows)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from zhifa.core.clock import TZ

MAX_ROWS = 100000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(TZ).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return float(value)
    if value is None:
        return ""
    return value


def workbook_build(
    *, title: str, filters: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> bytes:
    """One sheet: title, the filters applied, a bold header, then the rows (at most MAX_ROWS)."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"筛选条件：{filters}" if filters else "筛选条件：无"])
    ws.append(list(headers))
    for col in range(1, len(headers) + 1):
        cell = ws.cell(row=3, column=col)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        ws.column_dimensions[get_column_letter(col)].width = max(10, len(headers[col - 1]) * 2 + 4)
    for n, row in enumerate(rows):
        if n >= MAX_ROWS:
            break
        ws.append([_cell(v) for v in row])
    ws.freeze_panes = "A4"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
