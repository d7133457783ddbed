"""An inspection-ready town: the case fixtures (grid, team, penalty items, two certified officers),
plus an inspection item held by the town with a checklist whose lines fall under the dust penalty
item, a third certified officer, regulated subjects, and helpers to plan, approve and draw."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.cases import conftest as _cases

cells, fresh_index, places = _cases.cells, _cases.fresh_index, _cases.places
domains, departments, squadrons, make_officer = (
    _cases.domains,
    _cases.departments,
    _cases.squadrons,
    _cases.make_officer,
)
items, party, _media = _cases.items, _cases.party, _cases._media

DAY = dt.date(2026, 9, 8)


@pytest.fixture
def inspection_item(town, domains, departments, items):
    """对施工扬尘防治的监督检查 (held since 2022) with three checklist lines."""
    from zhifa.catalog.models import Allocation, Department, PowerItem
    from zhifa.inspections.models import ChecklistItem

    item = PowerItem.objects.create(
        town=town,
        code="T-JC-1",
        name="对施工扬尘防治的监督检查",
        type=PowerItem.Type.INSPECTION,
        domain=domains["ecology"],
        department=Department.objects.get(town=town, name="忻州市生态环境局繁峙分局"),
    )
    Allocation.objects.create(
        town=town,
        item=item,
        status=Allocation.Status.DELEGATED,
        effective_from=dt.date(2022, 10, 31),
        decision_ref="晋政发〔2022〕示例号",
    )
    for sort, text in enumerate(
        ("施工现场是否设置硬质密闭围挡", "裸露土方是否覆盖防尘网", "出入口是否设置车辆冲洗设施"),
        start=1,
    ):
        ChecklistItem.objects.create(
            town=town, item=item, sort=sort, text=text, violation_item=items["dust"]
        )
    return item


VALID = (dt.date(2025, 1, 1), dt.date(2027, 12, 31))


@pytest.fixture
def officers(personas, make_officer):
    """Three officers certified for all of 2025–2027: the personas 队员丙 and 队员丁, and 队员戊."""
    return [
        make_officer(user=personas.officer, valid=VALID),
        make_officer(user=personas.officer2, valid=VALID),
        make_officer(name="队员戊", valid=VALID),
    ]


@pytest.fixture
def subjects(town, cells):
    """Twelve enterprises (no point: they belong to no village) registered through the service."""
    from stdnum.cn import uscc

    from zhifa.grid.services import subject_register

    made = []
    for n in range(12):
        made.append(
            subject_register(
                town=town,
                kind="enterprise",
                name=f"示例建设工程公司{n + 1:02d}",
                credit_code=(body := f"91140924MA0T{n:05d}") + uscc.calc_check_digit(body),
                address=f"砂河镇示范路{n + 1}号",
            )
        )
    return made


@pytest.fixture
def approved_plan(town, personas, inspection_item):
    from zhifa.inspections.services import plan_approve, plan_create

    def make(**extra: Any):
        values = {
            "town": town,
            "actor": personas.squadron_leader,
            "name": "2026年度施工扬尘防治双随机抽查计划",
            "kind": "annual",
            "year": 2026,
            "items": [inspection_item],
            "period_start": dt.date(2026, 9, 1),
            "period_end": dt.date(2026, 12, 31),
            "sample_mode": "count",
            "sample_count": 4,
        }
        values.update(extra)
        plan = plan_create(**values)
        return plan_approve(plan=plan, actor=personas.leader, opinion="同意按计划抽查")

    return make
