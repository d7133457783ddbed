"""Each rule of DESIGN §Law 1–16 as a named function: the allowed case and the refused one, whose
message names the article."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from zhifa.cases import law as case_law
from zhifa.coercion import law as coercion_law
from zhifa.core.errors import RuleViolation
from zhifa.penalty import law

D = dt.date

pytestmark = pytest.mark.django_db


def refused(match: str, article: str):
    class _Ctx:
        def __enter__(self):
            self.raises = pytest.raises(RuleViolation, match=match)
            self.info = self.raises.__enter__()
            return self.info

        def __exit__(self, *exc):
            result = self.raises.__exit__(*exc)
            assert article in str(self.info.value)
            return result

    return _Ctx()


# 1
def test_two_certified_handlers_may_act_and_one_may_not(handlers):
    assert len(law.rule_two_handlers(officers=handlers, on=D(2026, 9, 8))) == 2
    with refused("不得少于两人", "第四十二条"):
        law.rule_two_handlers(officers=handlers[:1], on=D(2026, 9, 8))


# 2
def test_a_penalty_needs_an_item_the_town_held_on_the_act_date(new_case):
    held = new_case(item_keys=("coal",))
    assert (
        law.rule_authority_on_act_date(case=held, act="penalty", on=D(2026, 9, 8)).code == "T-DQ-2"
    )
    not_held = new_case(item_keys=("land",))
    with refused("未承接", "第十七条"):
        law.rule_authority_on_act_date(case=not_held, act="penalty", on=D(2026, 9, 8))
    assert law.rule_authority_on_act_date(case=not_held, act="inspection", on=D(2026, 9, 8)) is None


# 3
def test_simple_procedure_allows_200_yuan_for_a_citizen_and_3000_for_an_organisation():
    law.rule_simple_procedure_limits(kinds=["fine"], amount=200, party="citizen")
    law.rule_simple_procedure_limits(kinds=["fine"], amount=3000, party="organisation")
    law.rule_simple_procedure_limits(kinds=["warning"], amount=0, party="citizen")
    with refused("不得超过200元", "第五十一条"):
        law.rule_simple_procedure_limits(kinds=["fine"], amount=201, party="citizen")
    with refused("不得超过3,000元", "第五十一条"):
        law.rule_simple_procedure_limits(kinds=["fine"], amount="3000.01", party="organisation")
    with refused("责令停产停业", "第五十一条"):
        law.rule_simple_procedure_limits(kinds=["suspend_business"], amount=0, party="organisation")


def test_on_the_spot_collection_only_up_to_100_yuan_unless_hard_to_collect_later():
    law.rule_on_the_spot_collection(amount=100, hard_to_collect=False)
    law.rule_on_the_spot_collection(amount=200, hard_to_collect=True)
    with refused("一百元以下", "第六十八条"):
        law.rule_on_the_spot_collection(amount=150, hard_to_collect=False)


# 4
def test_limitation_is_two_years_from_the_act_or_five_with_harm_to_life_or_health():
    assert case_law.rule_limitation(act_date=D(2024, 9, 8), discovered_on=D(2026, 9, 8)) == D(
        2026, 9, 8
    )
    with refused("已超过2年", "第三十六条"):
        case_law.rule_limitation(act_date=D(2024, 9, 7), discovered_on=D(2026, 9, 8))
    case_law.rule_limitation(act_date=D(2022, 1, 1), discovered_on=D(2026, 9, 8), serious_harm=True)
    with refused("已超过5年", "第三十六条"):
        case_law.rule_limitation(
            act_date=D(2021, 9, 7), discovered_on=D(2026, 9, 8), serious_harm=True
        )


# 5
def test_a_decision_is_due_within_90_days_of_filing_and_extends_only_under_a_configured_rule(
    settings,
):
    assert law.rule_decision_within_90_days(filed_on=D(2026, 9, 8), decided_on=D(2026, 12, 7)) == D(
        2026, 12, 7
    )
    with refused("九十日内", "第六十条"):
        law.rule_decision_within_90_days(filed_on=D(2026, 9, 8), decided_on=D(2026, 12, 8))
    with refused("没有可适用的延长", "第六十条"):
        law.rule_decision_within_90_days(
            filed_on=D(2026, 9, 8),
            decided_on=D(2026, 12, 8),
            extension_days=30,
            extension_approved=True,
        )
    settings.ZHIFA_DECISION_EXTENSION_DAYS = 30
    with refused("须经批准", "第六十条"):
        law.rule_decision_within_90_days(
            filed_on=D(2026, 9, 8), decided_on=D(2026, 12, 8), extension_days=30
        )
    law.rule_decision_within_90_days(
        filed_on=D(2026, 9, 8), decided_on=D(2027, 1, 5), extension_days=30, extension_approved=True
    )


# 6
def test_no_decision_before_the_notice_is_served_and_the_statement_window_has_passed():
    law.rule_notice_before_decision(
        notice_served_on=D(2026, 9, 29), statement_due=D(2026, 10, 12), on=D(2026, 10, 13)
    )
    law.rule_notice_before_decision(
        notice_served_on=D(2026, 9, 29),
        statement_due=D(2026, 10, 12),
        on=D(2026, 10, 9),
        waived=True,
    )
    with refused("告知当事人", "第四十四条"):
        law.rule_notice_before_decision(
            notice_served_on=None, statement_due=None, on=D(2026, 10, 13)
        )
    with refused("期满前", "第六十二条"):
        law.rule_notice_before_decision(
            notice_served_on=D(2026, 9, 29), statement_due=D(2026, 10, 12), on=D(2026, 10, 12)
        )


def test_the_decision_may_be_lighter_than_the_notice_but_never_heavier():
    law.rule_not_heavier_than_notice(
        notified_amount=60000, decided_amount=50000, notified_kinds=["fine"], decided_kinds=["fine"]
    )
    with refused("高于告知", "第四十五条"):
        law.rule_not_heavier_than_notice(
            notified_amount=60000,
            decided_amount=60001,
            notified_kinds=["fine"],
            decided_kinds=["fine"],
        )
    with refused("未经事先告知", "第四十五条"):
        law.rule_not_heavier_than_notice(
            notified_amount=60000,
            decided_amount=60000,
            notified_kinds=["fine"],
            decided_kinds=["fine", "suspend_business"],
        )


def test_discretion_stays_within_the_chosen_level_and_the_law(dust_rules):
    check = law.rule_discretion(
        item=dust_rules,
        level="serious",
        amount=60000,
        facts={"party": "organisation"},
        on=D(2026, 8, 18),
    )
    assert (check.low, check.high) == (Decimal(10000), Decimal(100000))
    with refused("较重", "第三十四条"):
        law.rule_discretion(
            item=dust_rules, level="serious", amount=80000, facts={}, on=D(2026, 8, 18)
        )
    with refused("不在法定幅度", "第一百一十五条"):
        law.rule_discretion(
            item=dust_rules, level="grave", amount=120000, facts={}, on=D(2026, 8, 18)
        )


# 7
def test_a_hearing_offer_is_required_from_the_configured_threshold():
    assert (
        law.rule_hearing_offer(kinds=["fine"], party="organisation", amount=60000, offered=True)
        is True
    )
    assert (
        law.rule_hearing_offer(kinds=["fine"], party="organisation", amount=40000, offered=False)
        is False
    )
    with refused("听证的权利", "第六十三条"):
        law.rule_hearing_offer(kinds=["fine"], party="citizen", amount=10000, offered=False)


def test_a_hearing_request_counts_on_the_5th_working_day_over_national_day_and_not_the_6th():
    answer = law.rule_hearing_request_in_time(
        notice_served_on=D(2026, 9, 29), requested_on=D(2026, 10, 12)
    )
    assert answer.due == D(2026, 10, 12) and not answer.provisional
    with refused("已逾期", "第六十四条"):
        law.rule_hearing_request_in_time(
            notice_served_on=D(2026, 9, 29), requested_on=D(2026, 10, 13)
        )


def test_a_late_looking_hearing_request_on_a_provisional_calendar_is_accepted_with_a_warning(db):
    answer = law.rule_hearing_request_in_time(
        notice_served_on=D(2031, 9, 29), requested_on=D(2031, 10, 20)
    )
    assert answer.provisional and "暂定" in answer.warning


def test_the_hearing_notice_reaches_the_party_7_working_days_before():
    law.rule_hearing_notice_7_workdays(notice_on=D(2026, 10, 13), hearing_on=D(2026, 10, 22))
    with refused("七个工作日前", "第六十四条"):
        law.rule_hearing_notice_7_workdays(notice_on=D(2026, 10, 13), hearing_on=D(2026, 10, 21))


def test_the_hearing_chair_is_not_an_investigator(handlers, chair):
    law.rule_chair_not_investigator(chair=chair, investigators=handlers)
    with refused("不能主持听证", "第六十四条"):
        law.rule_chair_not_investigator(chair=handlers[0], investigators=handlers)


# 8
def test_a_case_that_needs_legal_review_is_decided_only_after_it_passed():
    assert law.legal_review_grounds(hearing_held=True, party="citizen", amount=0, kinds=[])
    assert (
        law.legal_review_grounds(hearing_held=False, party="citizen", amount=100, kinds=["fine"])
        == ""
    )
    law.rule_legal_review_passed(required=False, passed=None)
    law.rule_legal_review_passed(required=True, passed=True)
    with refused("未通过", "第五十八条"):
        law.rule_legal_review_passed(required=True, passed=False)
    with refused("尚未进行", "第五十八条"):
        law.rule_legal_review_passed(required=True, passed=None)


def test_collective_discussion_is_recorded_when_required():
    assert law.collective_discussion_required(amount=60000, kinds=["fine"])
    law.rule_collective_discussion(required=True, recorded=True)
    with refused("集体讨论", "第五十七条"):
        law.rule_collective_discussion(required=True, recorded=False)


# 9
def test_a_decision_without_its_article_59_elements_is_refused(town):
    good = {
        "party": {"name": "示例公司", "address": "繁峙县砂河镇"},
        "facts": "未设置围挡",
        "evidence": ["现场检查笔录"],
        "penalty": {"kind": "罚款", "amount": 60000, "content": "罚款人民币陆万元整"},
        "basis": "《中华人民共和国大气污染防治法》第一百一十五条",
        "payment": {"bank": "中国农业银行繁峙县支行"},
        "handlers": [{"name": "甲", "cert_no": "1"}, {"name": "乙", "cert_no": "2"}],
    }
    law.rule_decision_elements(town=town, context=good)
    with refused("当事人地址", "第五十九条"):
        law.rule_decision_elements(town=town, context={**good, "party": {"name": "示例公司"}})


# 10
def test_service_within_7_working_days_public_notice_after_30_days_e_service_with_consent():
    assert law.rule_service_deadline(
        decided_on=D(2026, 11, 2), served_on=D(2026, 11, 11), method="post"
    ).due == D(2026, 11, 11)
    assert law.rule_service_deadline(
        decided_on=D(2026, 11, 2), served_on=D(2026, 11, 3), method="public"
    ).due == D(2026, 12, 3)
    with refused("七日内", "第六十一条"):
        law.rule_service_deadline(
            decided_on=D(2026, 11, 2), served_on=D(2026, 11, 12), method="post"
        )
    with refused("同意", "第六十一条"):
        law.rule_service_deadline(
            decided_on=D(2026, 11, 2), served_on=D(2026, 11, 3), method="electronic"
        )
    with refused("见证人", "民事诉讼法"):
        law.rule_service_deadline(
            decided_on=D(2026, 11, 2), served_on=D(2026, 11, 3), method="left"
        )
    law.rule_service_deadline(
        decided_on=D(2026, 11, 2), served_on=D(2026, 11, 3), method="left", media=True
    )


# 11
def test_payment_is_due_15_days_after_service_and_the_surcharge_is_capped_at_the_fine():
    on_time = law.rule_payment_due_and_surcharge(
        fine=60000, served_on=D(2026, 11, 3), paid_on=D(2026, 11, 18)
    )
    assert on_time.due == D(2026, 11, 18) and on_time.surcharge == 0
    ten = law.rule_payment_due_and_surcharge(
        fine=60000, served_on=D(2026, 11, 3), paid_on=D(2026, 11, 28)
    )
    assert ten.surcharge == Decimal("18000.00") and not ten.capped
    forty = law.rule_payment_due_and_surcharge(
        fine=60000, served_on=D(2026, 11, 3), paid_on=D(2026, 12, 28)
    )
    assert forty.surcharge == Decimal(60000) and forty.capped and forty.late_days == 40
    paused = law.rule_payment_due_and_surcharge(
        fine=60000, served_on=D(2026, 11, 3), paid_on=D(2026, 11, 28), paused_days=10
    )
    assert paused.surcharge == 0
    with refused("超过罚款本数", "第七十二条"):
        law.rule_surcharge_cap(fine=60000, surcharge=72000)


# 12
def test_a_seizure_lasts_at_most_30_days_with_one_extension():
    assert coercion_law.rule_seizure_term(days=30) == 30
    with refused("不得超过三十日", "第二十五条"):
        coercion_law.rule_seizure_term(days=31)
    with refused("只能延长一次", "第二十五条"):
        coercion_law.rule_seizure_term(days=10, extension=True, extended_before=True)


# 13
def test_no_power_cut_for_residents_daily_life():
    coercion_law.rule_no_residential_cutoff(premises_use="business")
    with refused("居民生活", "第四十三条"):
        coercion_law.rule_no_residential_cutoff(premises_use="dwelling")


# 14
def test_court_enforcement_only_10_working_days_after_the_reminder_and_within_3_months():
    end = law.appeal_periods_end(served_on=D(2026, 11, 3))
    assert end == D(2027, 5, 3)
    law.rule_court_enforcement_window(
        reminder_served_on=D(2026, 12, 14), applied_on=D(2027, 5, 10), periods_end=end
    )
    with refused("催告", "第五十四条"):
        law.rule_court_enforcement_window(
            reminder_served_on=None, applied_on=D(2027, 5, 10), periods_end=end
        )
    with refused("复议、诉讼期限", "第五十三条"):
        law.rule_court_enforcement_window(
            reminder_served_on=D(2026, 12, 14), applied_on=D(2027, 4, 1), periods_end=end
        )
    with refused("三个月内", "第五十三条"):
        law.rule_court_enforcement_window(
            reminder_served_on=D(2026, 12, 14), applied_on=D(2027, 8, 4), periods_end=end
        )
    with refused("十个工作日后", "第五十四条"):
        law.rule_court_enforcement_window(
            reminder_served_on=D(2026, 12, 14),
            applied_on=D(2026, 12, 28),
            periods_end=D(2026, 12, 1),
        )
    law.rule_court_enforcement_window(
        reminder_served_on=D(2026, 12, 14), applied_on=D(2026, 12, 29), periods_end=D(2026, 12, 1)
    )


# 15
def test_disclosure_within_7_working_days_and_withdrawal_within_3():
    assert law.rule_disclosure_clock(decided_on=D(2026, 9, 29)).due == D(2026, 10, 14)
    assert law.rule_disclosure_clock(decided_on=D(2026, 9, 29), changed=True).due == D(2026, 10, 9)
    law.rule_disclosure_allowed(status="effective")
    with refused("撤下", "第四十八条"):
        law.rule_disclosure_allowed(status="revoked")


# 16
def test_no_penalty_needs_an_education_record():
    law.rule_no_penalty_education(education_on=D(2026, 9, 6), education_form="当面批评教育")
    with refused("进行教育", "第三十三条"):
        law.rule_no_penalty_education(education_on=None, education_form="")
