"""item_held_by_town: the one rule routing and case filing use (行政处罚法第十七条、第二十四条)."""

import datetime as dt

import pytest

from zhifa.catalog import services
from zhifa.catalog.rules import item_held_by_town, item_require_held
from zhifa.core.audit import chain_verify
from zhifa.core.errors import DomainError, RuleViolation

from .conftest import base_row

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def dust(personas, departments):
    return services.item_create(town=personas.town, actor=personas.admin, values=base_row())


def test_an_item_is_not_held_the_day_before_its_allocation(dust):
    assert item_held_by_town(item=dust, on=D(2022, 10, 31)) is False


def test_an_item_is_held_from_the_first_day_of_its_allocation(dust):
    assert item_held_by_town(item=dust, on=D(2022, 11, 1)) is True
    assert item_held_by_town(item=dust, on=D(2026, 9, 29)) is True


def test_a_withdrawn_item_is_held_through_its_last_day_and_not_after(dust, personas):
    services.allocation_withdraw(
        item=dust, actor=personas.admin, last_day=D(2024, 6, 30), decision_ref="繁政发〔2024〕12号"
    )
    assert item_held_by_town(item=dust, on=D(2024, 6, 30)) is True
    assert item_held_by_town(item=dust, on=D(2024, 7, 1)) is False
    # acts before the withdrawal keep their basis
    assert item_held_by_town(item=dust, on=D(2023, 5, 1)) is True


def test_a_redelegated_item_is_held_again_but_not_in_the_gap(dust, personas):
    services.allocation_withdraw(
        item=dust, actor=personas.admin, last_day=D(2024, 6, 30), decision_ref=""
    )
    services.allocation_delegate(
        item=dust,
        actor=personas.admin,
        effective_from=D(2025, 1, 1),
        decision_ref="繁政发〔2025〕3号",
    )
    assert item_held_by_town(item=dust, on=D(2024, 9, 1)) is False
    assert item_held_by_town(item=dust, on=D(2025, 1, 1)) is True


def test_an_item_only_the_county_holds_is_never_held(personas, departments):
    item = services.item_create(
        town=personas.town,
        actor=personas.admin,
        values=base_row(**{"下放状态": "未下放", "下放日期": None, "下放文件": ""}),
    )
    assert item_held_by_town(item=item, on=D(2026, 1, 1)) is False


def test_filing_under_an_item_not_held_is_refused_naming_the_articles_and_the_department(
    personas, departments
):
    item = services.item_create(
        town=personas.town,
        actor=personas.admin,
        values=base_row(**{"下放状态": "未下放", "下放日期": None, "下放文件": ""}),
    )
    with pytest.raises(RuleViolation) as refused:
        item_require_held(item=item, on=D(2026, 3, 1))
    assert "第十七条" in refused.value.message and "第二十四条" in refused.value.message
    assert "繁峙县住房和城乡建设管理局" in refused.value.message


def test_withdrawing_twice_is_refused_and_changes_nothing(dust, personas):
    services.allocation_withdraw(
        item=dust, actor=personas.admin, last_day=D(2024, 6, 30), decision_ref=""
    )
    with pytest.raises(DomainError):
        services.allocation_withdraw(
            item=dust, actor=personas.admin, last_day=D(2025, 6, 30), decision_ref=""
        )
    assert item_held_by_town(item=dust, on=D(2024, 7, 1)) is False


def test_a_retired_item_is_no_longer_held_and_keeps_its_record(dust, personas):
    services.item_retire(
        item=dust, actor=personas.admin, on=D(2025, 1, 1), reason="县政府评估后取消"
    )
    dust.refresh_from_db()
    assert dust.is_retired
    assert item_held_by_town(item=dust, on=D(2024, 12, 31)) is True
    assert item_held_by_town(item=dust, on=D(2025, 1, 1)) is False
    assert [e.event_type for e in dust.events.all()] == ["created", "retired"]
    assert chain_verify(event_model=type(dust.events.first()), subject=dust) == []


def test_a_retired_item_cannot_be_edited(dust, personas):
    services.item_retire(item=dust, actor=personas.admin, on=D(2025, 1, 1), reason="取消")
    dust.refresh_from_db()
    with pytest.raises(DomainError, match="已停用"):
        services.item_update(
            item=dust, actor=personas.admin, values=base_row(**{"事项名称": "改名"})
        )


def test_the_demo_town_holds_dust_and_road_items_but_not_mining_or_land(catalog, item_of):
    town, day = catalog.town, D(2026, 9, 29)
    assert item_held_by_town(
        item=item_of(town, "SH-ZJ-001"), on=day
    )  # 大气污染防治法第一百一十五条
    assert item_held_by_town(item=item_of(town, "SH-ZJ-005"), on=day)  # 占道经营
    assert item_held_by_town(item=item_of(town, "SH-YJ-007"), on=day)  # 安全生产法第七十条 停止供电
    assert not item_held_by_town(item=item_of(town, "SH-ZR-001"), on=day)  # 非法占地
    assert not item_held_by_town(item=item_of(town, "SH-ZR-002"), on=day)  # 无证采矿
