"""Excel export of any list of the product, with the filters it was shown with (openpyxl, in the
plain layout the power list uses: a title row, the filters, a header, the rows).

A list view exports itself when asked ``?export=xlsx`` (``wants_xlsx``): the same view, so the
same permission and the same filters; only the page's row limit is lifted (up to ``MAX_ROWS``).
Templates link to it with ``{% export_url %}`` (``zhifa_nav``), which keeps the query string and
names the file: ``<list>/export.xlsx?<filters>`` (``export_view`` hands it to the list's own view),
so a browser, a download manager or a crawler sees a file link, not another page.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .clock import TZ

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


@dataclass(frozen=True)
class Sheet:
    """A further sheet of a workbook: its name, a header and the rows."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]


def wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("export") == "xlsx"


def export_view(request: HttpRequest, list_path: str) -> HttpResponse:
    """``/<list>/export.xlsx?…``: the list's own view asked ``export=xlsx`` (its own permission
    check runs); a page that has no export answers 404, never its HTML under an .xlsx name."""
    try:
        match = resolve(f"/{list_path}/")
    except Resolver404 as missing:
        raise Http404("没有这个列表") from missing
    request.GET = request.GET.copy()
    request.GET["export"] = "xlsx"
    response = match.func(request, *match.args, **match.kwargs)
    if response.status_code == 200 and response.get("Content-Type") != XLSX:
        raise Http404("该页面不提供 Excel 导出")
    return response


def _sheet_name(title: str, taken: set[str]) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    base, n = name, 2
    while name in taken:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def workbook_build(
    *,
    title: str,
    filters: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    sheets: Sequence[Sheet] = (),
) -> bytes:
    """The first sheet: title, the filters applied, a bold header, then the rows (at most
    MAX_ROWS); each of ``sheets`` follows in the same layout under the same title and filters."""
    wb = Workbook()
    taken: set[str] = set()
    _fill(wb.active, _sheet_name(title, taken), title, filters, headers, rows)
    for sheet in sheets:
        ws = wb.create_sheet()
        _fill(
            ws,
            _sheet_name(sheet.title, taken),
            f"{title}·{sheet.title}",
            filters,
            sheet.headers,
            sheet.rows,
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _fill(
    ws: Any,
    name: str,
    title: str,
    filters: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> None:
    ws.title = name
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
            ws.append([f"已达导出上限 {MAX_ROWS} 行，其余未导出，请缩小筛选范围后分批导出"])
            break
        ws.append([_cell(v) for v in row])
        for cell in ws[ws.max_row]:
            # Text typed by users is never a formula in the workbook (=HYPERLINK(…) and the like).
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    ws.freeze_panes = "A4"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
