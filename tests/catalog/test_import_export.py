"""Excel import/export: validate every row first; one bad row imports nothing; export → import."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from zhifa.catalog.excel import ImportRejected, catalog_export, catalog_import
from zhifa.catalog.models import LegalProvision, PowerItem, PowerItemEvent
from zhifa.catalog.rules import item_held_by_town

from .conftest import base_row, workbook

pytestmark = pytest.mark.django_db


def rows_of(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(min_row=2, values_only=True))


def test_a_correct_file_imports_every_item_with_its_provisions_and_allocation(
    personas, departments
):
    content = workbook(
        [
            base_row(),
            base_row(
                **{
                    "事项编码": "T-002",
                    "事项名称": "对占道经营的行政处罚",
                    "下放状态": "未下放",
                    "下放日期": None,
                    "下放文件": "",
                }
            ),
        ]
    )
    result = catalog_import(town=personas.town, actor=personas.admin, content=content)
    assert (result.created, result.updated) == (2, 0)
    item = PowerItem.objects.get(town=personas.town, code="T-001")
    provision = item.provisions.get()
    assert provision.citation == "《中华人民共和国大气污染防治法》第一百一十五条第一款"
    assert provision.effective_from == dt.date(2018, 10, 26)
    assert item.fine_rules.get().max_amount == 100000
    assert item.standards.get().get_level_display() == "一般"
    assert item_held_by_town(item=item, on=dt.date(2023, 1, 1))
    assert not item_held_by_town(item=PowerItem.objects.get(code="T-002"), on=dt.date(2023, 1, 1))
    assert item.events.get().actor == personas.admin


def test_a_file_with_bad_rows_imports_nothing_and_reports_every_error_by_row_and_column(
    personas, departments
):
    content = workbook(
        [
            base_row(),
            base_row(**{"事项编码": "T-002", "事项类型": "行政许可", "领域": "交通"}),
            base_row(
                **{
                    "事项编码": "T-003",
                    "实施依据": "大气法第115条",
                    "罚款标准": "单位｜一万到十万｜第115条",
                }
            ),
            base_row(**{"事项编码": "T-001", "下放日期": "十一月一日"}),
            base_row(**{"事项编码": "T-005", "原实施部门": "县环保局", "下放状态": "收回"}),
        ]
    )
    with pytest.raises(ImportRejected) as rejected:
        catalog_import(town=personas.town, actor=personas.admin, content=content)
    errors = {(e["row"], e["column"]) for e in rejected.value.details["errors"]}
    assert {
        (4, "事项类型"),
        (4, "领域"),
        (5, "实施依据"),
        (5, "罚款标准"),
        (6, "事项编码"),
        (6, "下放日期"),
        (7, "原实施部门"),
        (7, "收回日期"),
    } <= errors
    assert "未导入任何事项" in rejected.value.message
    messages = {(e["row"], e["column"]): e["message"] for e in rejected.value.details["errors"]}
    assert messages[(6, "事项编码")] == "与第3行重复"
    assert "行政处罚、行政检查、行政强制 或 其他行政权力" in messages[(4, "事项类型")]
    assert PowerItem.all_towns.filter(town=personas.town).count() == 0
    assert LegalProvision.all_towns.count() == 0


def test_a_bad_row_leaves_existing_items_as_they_were(personas, departments):
    catalog_import(town=personas.town, actor=personas.admin, content=workbook([base_row()]))
    content = workbook(
        [
            base_row(**{"事项名称": "改过的名称"}),
            base_row(**{"事项编码": "T-009", "事项类型": "许可"}),
        ]
    )
    with pytest.raises(ImportRejected):
        catalog_import(town=personas.town, actor=personas.admin, content=content)
    item = PowerItem.objects.get(code="T-001")
    assert item.name == base_row()["事项名称"]
    assert item.events.count() == 1


def test_reimporting_a_changed_row_updates_the_item_and_records_what_changed(personas, departments):
    catalog_import(town=personas.town, actor=personas.admin, content=workbook([base_row()]))
    result = catalog_import(
        town=personas.town,
        actor=personas.admin,
        content=workbook(
            [
                base_row(
                    **{
                        "罚款标准": "单位｜20000-100000元｜《中华人民共和国大气污染防治法》第一百一十五条"
                    }
                )
            ]
        ),
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    event = PowerItemEvent.objects.filter(item__code="T-001").last()
    assert event.event_type == "updated"
    assert event.old == {
        "罚款标准": "单位｜10000-100000元｜《中华人民共和国大气污染防治法》第一百一十五条"
    }
    assert event.new["罚款标准"].startswith("单位｜20000-100000元")


def test_export_then_import_gives_back_the_same_list(catalog):
    first = catalog_export(town=catalog.town)
    # into the second town: its small list is updated and the rest created, item by item
    result = catalog_import(town=catalog.other_town, actor=None, content=first)
    assert result.created + result.updated == PowerItem.all_towns.filter(town=catalog.town).count()
    second = catalog_export(town=catalog.other_town)
    assert rows_of(first)[1:] == rows_of(second)[1:]
    assert len(rows_of(first)) - 1 >= 60
    # the public limiting remark (限定范围) travels with the list
    assert any("限于城管职权范围内" in row for row in rows_of(second))


def test_reimporting_the_export_changes_nothing(catalog):
    before = PowerItemEvent.objects.count()
    result = catalog_import(
        town=catalog.town, actor=None, content=catalog_export(town=catalog.town)
    )
    assert result.created == result.updated == 0
    assert PowerItemEvent.objects.count() == before


def test_a_file_that_is_not_excel_is_refused_in_chinese(personas):
    with pytest.raises(ImportRejected, match="xlsx"):
        catalog_import(town=personas.town, actor=None, content=b"not a workbook")


def test_a_sheet_without_the_header_is_refused(personas):
    with pytest.raises(ImportRejected, match="表头"):
        catalog_import(town=personas.town, actor=None, content=_no_header())


def _no_header() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["名称", "类型"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_committed_demo_file_imports_cleanly(personas, departments):
    from pathlib import Path

    from django.conf import settings

    content = (Path(settings.BASE_DIR) / "demo" / "砂河镇权责清单.xlsx").read_bytes()
    result = catalog_import(town=personas.town, actor=None, content=content)
    assert result.created >= 60
    types = set(PowerItem.objects.filter(town=personas.town).values_list("type", flat=True))
    domains = set(
        PowerItem.objects.filter(town=personas.town).values_list("domain__code", flat=True)
    )
    assert types == {"penalty", "inspection", "coercion", "other"}
    assert len(domains) == 11
