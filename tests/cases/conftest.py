"""A case-ready town: the grid and team of the team tests, three catalog items (two held, one
not), two certified officers and a party. ``new_case`` registers a case through the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.team import conftest as _team

cells, fresh_index, places = _team.cells, _team.fresh_index, _team.places
domains, departments, squadrons, make_officer = (
    _team.domains,
    _team.departments,
    _team.squadrons,
    _team.make_officer,
)

ACT_DAY = dt.date(2026, 9, 8)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def items(town, domains, departments):
    """dust (held since 2022), coal (held), land (the county's: not held by the town)."""
    from zhifa.catalog.models import Allocation, Department, PowerItem

    def make(code: str, name: str, domain: str, dept: str, held: bool, type_: str = "penalty"):
        item = PowerItem.objects.create(
            town=town,
            code=code,
            name=name,
            type=type_,
            origin=PowerItem.Origin.DELEGATED if held else PowerItem.Origin.COUNTY,
            domain=domains[domain],
            department=Department.objects.get(town=town, name=dept),
        )
        if held:
            Allocation.objects.create(
                town=town,
                item=item,
                status=Allocation.Status.DELEGATED,
                effective_from=dt.date(2022, 10, 31),
                decision_ref="晋政发〔2022〕示例号",
            )
        return item

    return {
        "dust": make(
            "T-DQ-1",
            "对施工工地未采取扬尘防治措施的行政处罚",
            "ecology",
            "忻州市生态环境局繁峙分局",
            True,
        ),
        "coal": make(
            "T-DQ-2",
            "对贮存煤炭未采取防燃措施的行政处罚",
            "ecology",
            "忻州市生态环境局繁峙分局",
            True,
        ),
        "land": make(
            "T-TD-1",
            "对非法占用土地的行政处罚",
            "natural_resources",
            "繁峙县规划和自然资源局",
            False,
        ),
    }


@pytest.fixture
def handlers(make_officer, personas):
    """Two certified officers (the personas 队员丙 and 队员丁); certificates cover all domains."""
    return [make_officer(user=personas.officer), make_officer(user=personas.officer2)]


@pytest.fixture
def party(town, cells):
    from zhifa.grid.services import subject_register

    return subject_register(
        town=town,
        kind="site",
        site_type="coal_yard",
        name="山会村示例储煤场",
        address="繁峙县砂河镇山会村",
        lat=39.175,
        lng=113.265,
    )


@pytest.fixture
def new_case(town, personas, items, handlers, party, cells, squadrons):
    from zhifa.cases.services import case_register

    def make(*, item_keys: tuple[str, ...] = ("coal",), with_handlers: bool = True, **extra: Any):
        values = {
            "town": town,
            "actor": personas.officer,
            "cause": "贮存煤炭未采取防燃措施案",
            "source": "patrol",
            "summary": "巡查发现山会村储煤场煤堆未覆盖、未采取防燃措施，局部冒烟。",
            "address": "繁峙县砂河镇山会村储煤场",
            "items": [items[k] for k in item_keys],
            "parties": [party],
            "discovered_on": ACT_DAY,
            "lat": 39.175,
            "lng": 113.265,
            "handlers": handlers if with_handlers else None,
        }
        values.update(extra)
        return case_register(**values)

    return make


# --- 机制 III: fine rules, discretion levels and parties for the penalty procedure -----------------


@pytest.fixture
def dust_rules(town, items):
    """大气污染防治法第一百一十五条: 10,000–100,000 yuan, with three discretion levels."""
    from decimal import Decimal

    from zhifa.catalog.models import DiscretionStandard, FineRule

    item = items["dust"]
    item.penalty_kinds = ["fine", "suspend_business"]
    item.save(update_fields=["penalty_kinds"])
    FineRule.objects.create(
        town=town,
        item=item,
        form=FineRule.Form.FIXED,
        min_amount=Decimal(10000),
        max_amount=Decimal(100000),
        article="《中华人民共和国大气污染防治法》第一百一十五条",
    )
    for sort, (level, low, high) in enumerate(
        [("ordinary", 10000, 40000), ("serious", 40000, 70000), ("grave", 70000, 100000)]
    ):
        DiscretionStandard.objects.create(
            town=town,
            item=item,
            sort=sort,
            level=level,
            circumstances=f"情形{sort + 1}",
            sanction=f"罚款{low}至{high}元",
            min_amount=Decimal(low),
            max_amount=Decimal(high),
        )
    return item


@pytest.fixture
def company(town, cells):
    from zhifa.grid.services import subject_register

    return subject_register(
        town=town,
        kind="enterprise",
        name="繁峙县示例建筑工程有限公司",
        credit_code="91140924MA0L8K702X",
        legal_representative="周示例",
        address="繁峙县砂河镇示范路18号",
    )


@pytest.fixture
def stall(town, domains, departments):
    """占道经营: 城市道路管理条例第四十二条, up to 20,000 yuan; a citizen stall keeper."""
    from decimal import Decimal

    from zhifa.catalog.models import Allocation, Department, FineRule, PowerItem
    from zhifa.grid.services import subject_register

    item = PowerItem.objects.create(
        town=town,
        code="T-SR-1",
        name="对擅自占用城市道路经营的行政处罚",
        type="penalty",
        domain=domains["ecology"],
        department=Department.objects.get(town=town, name="忻州市生态环境局繁峙分局"),
        penalty_kinds=["warning", "fine"],
    )
    Allocation.objects.create(
        town=town,
        item=item,
        status=Allocation.Status.DELEGATED,
        effective_from=dt.date(2022, 10, 31),
        decision_ref="晋政发〔2022〕示例号",
    )
    FineRule.objects.create(
        town=town,
        item=item,
        form=FineRule.Form.FIXED,
        min_amount=Decimal(0),
        max_amount=Decimal(20000),
        article="《城市道路管理条例》第四十二条",
    )
    keeper = subject_register(
        town=town, kind="individual", name="示例摊主武某", address="繁峙县砂河镇东街"
    )
    return {"item": item, "keeper": keeper}


@pytest.fixture
def chair(make_officer, personas):
    """A certified officer who did not investigate: the hearing's chair."""
    return make_officer(user=personas.squadron_leader)


@pytest.fixture
def proposed_case(new_case, personas, dust_rules, company):
    """S5 up to the proposal: filed 2026-09-08, investigated, 60,000 yuan proposed (较重)."""
    from zhifa.cases.services import case_file, case_start_investigation
    from zhifa.penalty.services import penalty_propose

    case = new_case(
        item_keys=("dust",),
        cause="施工工地未采取扬尘污染防治措施案",
        parties=[company],
        act_date=dt.date(2026, 8, 18),
    )
    case_file(case=case, actor=personas.officer, approved_by=personas.leader, on=ACT_DAY)
    case_start_investigation(case=case, actor=personas.officer, on=ACT_DAY)
    return penalty_propose(
        case=case,
        actor=personas.officer,
        proposal="penalty",
        reason="未围挡长度超过100米，属较重情形",
        amount=60000,
        level="serious",
        facts="施工工地未设置硬质围挡、裸土未覆盖，造成扬尘污染",
        evidence=["现场检查笔录1份"],
        violated="《中华人民共和国大气污染防治法》第六十九条第三款",
        basis="《中华人民共和国大气污染防治法》第一百一十五条第一款第一项",
        on=dt.date(2026, 9, 25),
    )


@pytest.fixture
def notified_case(proposed_case, personas):
    from zhifa.penalty.services import notice_serve

    notice_serve(case=proposed_case, actor=personas.officer, served_on=dt.date(2026, 9, 29))
    proposed_case.refresh_from_db()
    return proposed_case


def decide(case, personas, *, on=dt.date(2026, 11, 2)):
    """A notified case (S5's dates) decided: statement waived, review passed, discussion held."""
    from zhifa.penalty import services as penalty_services

    penalty_services.statement_record(
        case=case, actor=personas.officer, received_on=dt.date(2026, 10, 9), waived=True
    )
    penalty_services.legal_review_record(
        case=case,
        actor=personas.legal_reviewer,
        reviewer=personas.legal_reviewer,
        passed=True,
        opinion="事实清楚，证据确实充分，程序合法。",
        on=dt.date(2026, 10, 28),
    )
    penalty_services.discussion_record(
        case=case,
        actor=personas.leader,
        on=dt.date(2026, 10, 29),
        members=["甲", "乙", "丙"],
        conclusion="同意拟处罚意见。",
    )
    return penalty_services.decision_make(case=case, actor=personas.officer, on=on)
