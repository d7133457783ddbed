"""The one clock (core.clock) and the fact-date rule: Shanghai's day, a clock tests can set, and
facts dated neither in the future nor before the town could have any."""

import datetime as dt

import pytest

from zhifa.core import clock
from zhifa.core.errors import DomainError

SHANGHAI = clock.TZ


def test_today_is_shanghais_day_even_when_utc_is_still_yesterday():
    # 2026-09-28 17:30 UTC is 2026-09-29 01:30 in Shanghai
    with clock.frozen(dt.datetime(2026, 9, 28, 17, 30, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2026, 9, 29)
        assert clock.now().utcoffset() == dt.timedelta(hours=8)
        assert clock.now().hour == 1


def test_the_clock_is_set_for_a_block_nests_and_comes_back():
    before = clock.today()
    with clock.frozen(dt.date(2026, 9, 29)) as outer:
        assert outer == dt.datetime(2026, 9, 29, 9, 0, tzinfo=SHANGHAI)
        with clock.frozen(dt.datetime(2026, 10, 12, 15, 0)):
            assert clock.today() == dt.date(2026, 10, 12)
        assert clock.now() == outer
    assert clock.today() == before


def test_a_ticking_clock_runs_on_from_the_time_it_was_set(monkeypatch):
    real = [dt.datetime(2030, 1, 1, tzinfo=dt.UTC)]
    monkeypatch.setattr(clock, "_real_now", lambda: real[0])
    with clock.frozen(dt.datetime(2026, 9, 29, 10, 0), tick=True):
        real[0] += dt.timedelta(minutes=5)
        assert clock.now() == dt.datetime(2026, 9, 29, 10, 5, tzinfo=SHANGHAI)


def test_the_test_fixture_sets_the_clock_for_one_test(clock):
    clock.freeze("2026-09-29 10:00")
    from zhifa.core import clock as house

    assert house.now() == dt.datetime(2026, 9, 29, 10, 0, tzinfo=SHANGHAI)


def test_iso_gives_other_systems_shanghai_time_with_its_offset():
    assert clock.iso(dt.datetime(2026, 9, 28, 17, 30, tzinfo=dt.UTC)) == "2026-09-29T01:30:00+08:00"
    assert clock.iso(None) is None


@pytest.mark.parametrize(
    "value",
    [dt.date(2026, 9, 29), dt.datetime(2026, 9, 29, 9, 59, tzinfo=SHANGHAI), dt.date(2000, 1, 1)],
)
def test_a_fact_of_today_or_the_past_passes(value):
    with clock.frozen(dt.datetime(2026, 9, 29, 10, 0)):
        clock.fact_date_check(value, label="发现日期")


def test_a_fact_dated_tomorrow_is_refused_in_chinese_naming_the_field():
    with clock.frozen(dt.datetime(2026, 9, 29, 10, 0)), pytest.raises(DomainError) as refused:
        clock.fact_date_check(dt.date(2026, 9, 30), label="发现日期")
    assert refused.value.code == "fact_date_future"
    assert "发现日期（2026年9月30日）在今天之后" in refused.value.message


def test_a_time_a_few_minutes_ahead_is_clock_skew_but_an_hour_ahead_is_the_future():
    with clock.frozen(dt.datetime(2026, 9, 29, 10, 0)):
        clock.fact_date_check(dt.datetime(2026, 9, 29, 10, 3, tzinfo=SHANGHAI), label="接收时间")
        with pytest.raises(DomainError, match="接收时间（2026年9月29日 11:00）晚于当前时间"):
            clock.fact_date_check(
                dt.datetime(2026, 9, 29, 11, 0, tzinfo=SHANGHAI), label="接收时间"
            )


def test_a_fact_before_2000_or_before_the_floor_is_refused():
    with pytest.raises(DomainError, match="早于2000年1月1日"):
        clock.fact_date_check(dt.date(1999, 12, 31), label="发现日期")
    with pytest.raises(DomainError, match=r"早于2020年1月1日（本镇首次承接") as refused:
        clock.fact_date_check(
            dt.date(2019, 6, 1),
            label="发现日期",
            floor=dt.date(2020, 1, 1),
            floor_reason="本镇首次承接执法事项之日",
        )
    assert refused.value.code == "fact_date_too_early"
