"""fine_rule_check: a proposed fine against the forms real provisions use."""

import datetime as dt
from decimal import Decimal

import pytest

from zhifa.catalog.rules import fine_ranges, fine_rule_check, hearing_offer_required
from zhifa.core.errors import DomainError, RuleViolation

pytestmark = pytest.mark.django_db
D = dt.date
ACT = D(2026, 9, 1)


def test_a_dust_fine_within_ten_to_a_hundred_thousand_passes(catalog, item_of):
    check = fine_rule_check(
        item=item_of(catalog.town, "SH-ZJ-001"),
        amount=60000,
        facts={"party": "organisation"},
        on=ACT,
    )
    assert (check.low, check.high) == (Decimal(10000), Decimal(100000))
    assert "第一百一十五条" in check.article


def test_a_dust_fine_below_the_range_is_refused_naming_the_article(catalog, item_of):
    with pytest.raises(RuleViolation) as refused:
        fine_rule_check(
            item=item_of(catalog.town, "SH-ZJ-001"),
            amount=5000,
            facts={"party": "organisation"},
            on=ACT,
        )
    assert "不在法定幅度内" in refused.value.message
    assert "大气污染防治法》第一百一十五条" in refused.value.message
    assert "10,000至100,000元" in refused.value.message


def test_a_village_house_fine_is_counted_per_square_metre_of_floor_area(catalog, item_of):
    item = item_of(catalog.town, "SH-ZJ-002")
    facts = {"party": "citizen", "floor_area_m2": "120"}
    check = fine_rule_check(item=item, amount=3000, facts=facts, on=ACT)
    assert (check.low, check.high) == (Decimal(1200), Decimal(6000))
    with pytest.raises(RuleViolation):
        fine_rule_check(item=item, amount=7000, facts=facts, on=ACT)


def test_a_per_unit_rule_without_the_measured_area_asks_for_it(catalog, item_of):
    with pytest.raises(DomainError, match="建筑面积"):
        fine_rule_check(item=item_of(catalog.town, "SH-ZJ-002"), amount=3000, facts={}, on=ACT)


def test_mining_after_july_2025_is_fined_three_to_five_times_the_ore_value(catalog, item_of):
    item = item_of(catalog.town, "SH-ZR-002")
    check = fine_rule_check(item=item, amount=800000, facts={"ore_value": 200000}, on=ACT)
    assert (check.low, check.high) == (Decimal(600000), Decimal(1000000))
    with pytest.raises(RuleViolation, match="矿产资源法》第六十四条"):
        fine_rule_check(item=item, amount=500000, facts={"ore_value": 200000}, on=ACT)


def test_mining_with_little_or_no_ore_is_fined_a_hundred_thousand_to_a_million(catalog, item_of):
    item = item_of(catalog.town, "SH-ZR-002")
    assert fine_rule_check(
        item=item, amount=150000, facts={"ore_value": 30000}, on=ACT
    ).low == Decimal(100000)
    assert fine_rule_check(item=item, amount=150000, facts={}, on=ACT).high == Decimal(1000000)


def test_mining_before_july_2025_falls_under_the_old_law(catalog, item_of):
    item = item_of(catalog.town, "SH-ZR-002")
    ranges = fine_ranges(
        item=item, facts={"illegal_gain": 100000, "ore_value": 200000}, on=D(2025, 6, 30)
    )
    assert [r.rule.article for r in ranges] == ["《中华人民共和国矿产资源法实施细则》第四十二条"]
    assert (ranges[0].low, ranges[0].high) == (Decimal(0), Decimal(50000))


def test_an_eia_fine_is_a_percentage_of_total_investment(catalog, item_of):
    check = fine_rule_check(
        item=item_of(catalog.town, "SH-ST-006"), amount=30000, facts={"investment": 2000000}, on=ACT
    )
    assert (check.low, check.high) == (Decimal(20000), Decimal(100000))


def test_a_person_blocking_an_exit_may_be_fined_at_most_500_yuan(catalog, item_of):
    item = item_of(catalog.town, "SH-XF-001")
    assert fine_rule_check(
        item=item, amount=300, facts={"party": "citizen"}, on=ACT
    ).high == Decimal(500)
    with pytest.raises(RuleViolation):
        fine_rule_check(item=item, amount=3000, facts={"party": "citizen"}, on=ACT)
    assert fine_rule_check(
        item=item, amount=8000, facts={"party": "organisation"}, on=ACT
    ).low == Decimal(5000)


def test_an_item_without_a_fine_provision_refuses_any_fine(catalog, item_of):
    with pytest.raises(RuleViolation, match="没有可适用的罚款规定"):
        fine_rule_check(item=item_of(catalog.town, "SH-ZR-006"), amount=1000, facts={}, on=ACT)


def test_the_new_mining_rule_does_not_reach_back_before_july_2025(catalog, item_of):
    # 从旧兼从轻 (行政处罚法第三十七条): the caller compares both; the rule itself is dated
    with pytest.raises(DomainError, match="违法所得"):
        fine_rule_check(
            item=item_of(catalog.town, "SH-ZR-002"),
            amount=800000,
            facts={"ore_value": 200000},
            on=D(2025, 6, 30),
        )


def test_a_hearing_is_offered_for_large_fines_and_heavy_penalties():
    assert hearing_offer_required(kinds=["fine"], party="organisation", fine=60000)
    assert not hearing_offer_required(kinds=["fine"], party="organisation", fine=40000)
    assert hearing_offer_required(kinds=["fine"], party="citizen", fine=10000)
    assert hearing_offer_required(kinds=["suspend_business"], party="organisation")
    assert not hearing_offer_required(kinds=["warning"], party="citizen")
