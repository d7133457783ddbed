"""Excel import and export of the power list in the layout such lists are published in."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from zhifa.core import clock
from zhifa.core.errors import DomainError

from .cells import COLUMNS, REQUIRED, Lookups, row_parse, row_values, text
from .models import PowerItem
from .services import ITEM_PREFETCH, item_save

MAX_ROWS = 20000
WIDTHS = {
    "序号": 6,
    "事项编码": 16,
    "事项名称": 36,
    "事项类型": 10,
    "实施依据": 60,
    "原实施部门": 22,
    "领域": 10,
    "处罚种类": 16,
    "罚款标准": 40,
    "裁量基准": 40,
    "不予处罚情形": 28,
    "下放状态": 9,
    "下放日期": 12,
    "收回日期": 12,
    "下放文件": 24,
    "清单互认": 30,
    "限定范围": 24,
    "备注": 24,
}

GUIDE = [
    ("列", "填写方法"),
    ("事项编码", "本镇清单内唯一；再次导入同一编码即更新该事项，不会重复新增。"),
    ("事项类型", "行政处罚、行政检查、行政强制、其他行政权力。"),
    (
        "实施依据",
        "每行一条：《法律名称》第X条第Y款：条文。有施行期间的写在条款后，如《中华人民共和国矿产资源法》第六十四条〔2025-07-01起〕：……；旧法写〔至2025-06-30〕。",
    ),
    ("原实施部门", "本镇部门名录中的全称或简称。"),
    ("领域", "应急、公安、消防、自然资源、生态环境、住建、市场、宗教、人社、农林水、教科文卫。"),
    (
        "处罚种类",
        "用顿号分隔：警告、通报批评、罚款、没收违法所得、没收非法财物、暂扣许可证件、降低资质等级、吊销许可证件、限制开展生产经营活动、责令停产停业、责令关闭、限制从业。",
    ),
    (
        "罚款标准",
        "每行一条：对象｜标准｜依据条款〔施行期间〕｜适用条件。对象为不限、单位或个人；标准如 10000-100000元、每平方米10-50元、矿产品价值的3-5倍、项目总投资额的1%-5%；条件如 矿产品价值≥100000。",
    ),
    (
        "裁量基准",
        "每行一级：等级｜违法情形｜处罚标准｜罚款幅度｜公布日期，等级为轻微、一般、较重、严重。",
    ),
    ("不予处罚情形", "每行以“首违不罚：”或“轻微免罚：”开头，写明条件。"),
    (
        "下放状态",
        "下放（赋权给本镇）、收回、法定（乡镇法定职权）、未下放（仍由县级部门实施，本镇发现后移送）。",
    ),
    ("下放日期 / 收回日期", "本镇开始承接之日 / 承接的最后一日，格式 2022-10-31。"),
    ("清单互认", "每行一条：确认部门｜确认日期｜函号。"),
    ("限定范围", "对事项的限定，随清单公示，如“限于城管职权范围内”；可不填。"),
    ("备注", "内部备注，不在公示页面显示。"),
]


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def message(self) -> str:
        return f"导入完成：新增 {self.created} 项，更新 {self.updated} 项，未变 {self.unchanged} 项"


class ImportRejected(DomainError):
    code = "import_rejected"
    status = 422


def catalog_export(*, town: Any, items: Any = None) -> bytes:
    """The town's list as an .xlsx in the published layout (title row, header, one row an item)."""
    if items is None:
        items = PowerItem.all_towns.filter(town=town, is_retired=False)
    items = (
        items.select_related("department", "domain")
        .prefetch_related(*ITEM_PREFETCH)
        .order_by("sort", "code")
    )
    book = Workbook()
    sheet = book.active
    sheet.title = "权责清单"
    sheet.append([f"{town.agency_name}综合行政执法权责清单"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(COLUMNS)
    thin = Side(style="thin", color="999999")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    for item in items:
        values = row_values(item)
        sheet.append([values[c] if values[c] not in ("",) else None for c in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[column]
        if column in ("下放日期", "收回日期"):
            for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                cell.number_format = "yyyy-mm-dd"
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "D3"
    guide = book.create_sheet("填写说明")
    for line in GUIDE:
        guide.append(line)
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["B"].width = 120
    guide["A1"].font = guide["B1"].font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read_rows(content: bytes) -> tuple[int, list[str], list[tuple[int, dict[str, Any]]]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a non-Excel file
        raise ImportRejected("无法读取该文件，请上传 .xlsx 格式的 Excel 文件") from error
    sheet = book["权责清单"] if "权责清单" in book.sheetnames else book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header: list[str] = []
    header_row = 0
    for number, values in enumerate(rows, start=1):
        names = [text(v) for v in values]
        if "事项编码" in names and "事项名称" in names:
            header, header_row = names, number
            break
        if number >= 5:
            break
    if not header:
        raise ImportRejected(
            "前 5 行中找不到表头（应包含“事项编码”“事项名称”等列），请使用导出的模板"
        )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRejected(f"缺少必需的列：{'、'.join(missing)}")
    data = []
    for number, values in enumerate(rows, start=header_row + 1):
        if values is None or all(v in (None, "") for v in values):
            continue
        data.append(
            (number, {name: values[i] for i, name in enumerate(header) if name and i < len(values)})
        )
        if len(data) > MAX_ROWS:
            raise ImportRejected(f"一次最多导入 {MAX_ROWS} 行")
    book.close()
    return header_row, header, data


def catalog_import(*, town: Any, actor: Any, content: bytes) -> ImportResult:
    """Import a list: validate every row first, and import nothing if any row is wrong.

    Items are matched by 事项编码: new codes are created, known ones updated (each change is an
    event on the item's record); items absent from the file are left as they are. Raises
    ``ImportRejected`` with ``details["errors"]`` = [{row, column, message}] in Chinese.
    """
    _, _, data = _read_rows(content)
    return catalog_import_rows(town=town, actor=actor, data=data)


def catalog_import_rows(
    *, town: Any, actor: Any, data: list[tuple[int, dict[str, Any]]]
) -> ImportResult:
    """``catalog_import`` for rows already read: (row number, {column: value})."""
    if not data:
        raise ImportRejected("文件中没有事项")
    lookups = Lookups(town)
    errors: list[dict[str, Any]] = []
    parsed = []
    seen: dict[str, int] = {}
    for number, values in data:
        row, row_errors = row_parse(values, lookups)
        code = text(values.get("事项编码"))
        if code and code in seen:
            row_errors.append(("事项编码", f"与第{seen[code]}行重复"))
        seen.setdefault(code, number)
        errors.extend({"row": number, "column": c, "message": m} for c, m in row_errors)
        if row is not None and not row_errors:
            parsed.append(row)
    existing = {
        item.code: item
        for item in PowerItem.all_towns.filter(town=town, code__in=list(seen))
        .select_related("department", "domain")
        .prefetch_related(*ITEM_PREFETCH)
    }
    for number, values in data:
        found = existing.get(text(values.get("事项编码")))
        if found is not None and found.is_retired:
            errors.append(
                {"row": number, "column": "事项编码", "message": "该事项已停用，不能再导入修改"}
            )
    if errors:
        errors.sort(key=lambda e: (e["row"], e["column"]))
        raise ImportRejected(
            f"清单有 {len(errors)} 处错误，未导入任何事项，请改正后重新导入",
            details={"errors": errors},
        )
    created = updated = unchanged = 0
    with transaction.atomic():
        for row in parsed:
            item = existing.get(row.code)
            saved = item_save(
                town=town,
                actor=actor,
                row=row,
                item=item,
                old=row_values(item) if item is not None else None,
                source="导入",
            )
            if item is None:
                created += 1
            elif saved is None:
                unchanged += 1
            else:
                updated += 1
    return ImportResult(created, updated, unchanged)


def export_filename(town: Any) -> str:
    return f"{town.name}权责清单_{clock.today():%Y%m%d}.xlsx"
