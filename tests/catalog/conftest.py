from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from zhifa.catalog.cells import COLUMNS


@pytest.fixture
def catalog(personas):
    """The demo list in both demo towns, imported through the same path an admin uses."""
    from zhifa.catalog.demo import seed

    seed()
    return personas


@pytest.fixture
def item_of():
    from zhifa.catalog.models import PowerItem

    def get(town: Any, code: str) -> PowerItem:
        return PowerItem.all_towns.get(town=town, code=code)

    return get


@pytest.fixture
def departments(personas):
    from zhifa.catalog.demo_departments import seed_departments

    return seed_departments(personas.town)


def base_row(**changes: Any) -> dict[str, Any]:
    row = {
        "序号": 1,
        "事项编码": "T-001",
        "事项名称": "对施工工地未采取有效防尘降尘措施的行政处罚",
        "事项类型": "行政处罚",
        "实施依据": "《中华人民共和国大气污染防治法》第一百一十五条第一款〔2018-10-26起〕：处一万元以上十万元以下的罚款。",
        "原实施部门": "繁峙县住房和城乡建设管理局",
        "领域": "住建",
        "处罚种类": "罚款、责令停产停业",
        "罚款标准": "单位｜10000-100000元｜《中华人民共和国大气污染防治法》第一百一十五条",
        "裁量基准": "一般｜责令后及时改正｜处一万元以上三万元以下罚款｜10000-30000元｜2023-06-01",
        "不予处罚情形": "",
        "下放状态": "下放",
        "下放日期": dt.date(2022, 11, 1),
        "收回日期": None,
        "下放文件": "繁政发〔2022〕36号",
        "清单互认": "",
        "备注": "内部备注：施工单位多为外地企业",
    }
    row.update(changes)
    return row


def workbook(rows: list[dict[str, Any]], *, title: bool = True) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "权责清单"
    if title:
        sheet.append(["某某镇权责清单"])
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([row.get(c) for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
