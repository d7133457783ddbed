import pytest

from zhifa.documents.formatting import cn_date, cn_money, money_capital


@pytest.mark.parametrize(
    ("day", "text"),
    [
        ("2026-09-29", "二〇二六年九月二十九日"),
        ("2026-10-10", "二〇二六年十月十日"),
        ("2026-12-31", "二〇二六年十二月三十一日"),
        ("2030-01-05", "二〇三〇年一月五日"),
    ],
)
def test_dates_print_in_chinese_numerals_as_the_forms_do(day, text):
    assert cn_date(day) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (60000, "陆万元整"),
        (10005, "壹万零伍元整"),
        (100000, "壹拾万元整"),
        (1234.5, "壹仟贰佰叁拾肆元伍角"),
        (200, "贰佰元整"),
    ],
)
def test_money_prints_in_financial_capitals(amount, text):
    assert money_capital(amount) == text


def test_a_fine_prints_capitals_and_figures():
    assert cn_money(60000) == "人民币陆万元整（¥60,000.00）"


def test_an_empty_date_leaves_a_blank_to_fill_by_hand():
    assert cn_date(None) == "　　年　　月　　日"


def test_times_given_in_utc_print_as_shanghai_time():
    from zhifa.documents.formatting import cn_date, plain_date, plain_datetime

    # a record that started 09:30 in Shanghai reaches the context as the database's UTC
    assert plain_datetime("2026-09-08T01:30:00+00:00") == "2026年9月8日9时30分"
    # late in the UTC evening is already the next day in Shanghai
    late = "2026-09-28T17:30:00+00:00"
    assert plain_date(late) == "2026年9月29日" and cn_date(late) == "二〇二六年九月二十九日"
    assert plain_datetime("2026-09-08T09:30:00") == "2026年9月8日9时30分"  # naive: local
