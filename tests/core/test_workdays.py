"""The law's day counting on the official calendar (行政处罚法第八十五条, 行政强制法第六十九条)."""

import datetime as dt

import pytest
from django.utils import timezone

from zhifa.core import workdays
from zhifa.core.calendar import calendar_day_set, calendar_year_publish
from zhifa.core.deadlines import Deadline, deadline_open
from zhifa.core.errors import DomainError
from zhifa.core.models import TownEvent

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2026, 9, 29), 5, D(2026, 10, 12)),  # S5: over National Day, Sat 10-10 is a workday
        (D(2026, 9, 28), 7, D(2026, 10, 13)),
        (D(2026, 9, 18), 1, D(2026, 9, 20)),  # Sun 9-20 is a 调休 workday
        (D(2026, 9, 24), 1, D(2026, 9, 28)),  # Mid-Autumn off 9-25..27
        (D(2026, 11, 27), 1, D(2026, 11, 30)),  # Friday → Monday
    ],
)
def test_adding_working_days_skips_holidays_and_counts_make_up_days(start, days, due):
    answer = workdays.workdays_add(start, days)
    assert answer == workdays.DateAnswer(due, False)


def test_the_start_day_is_not_counted():
    assert workdays.workdays_add(D(2026, 11, 23), 1).date == D(2026, 11, 24)


def test_working_days_between_two_dates_count_neither_start_nor_holidays():
    assert workdays.workdays_between(D(2026, 9, 29), D(2026, 10, 12)).count == 5
    assert workdays.workdays_between(D(2026, 10, 12), D(2026, 9, 29)).count == 0


def test_a_calendar_period_ending_on_a_holiday_ends_on_the_next_working_day():
    # 15 days after 2026-09-17 is 10-02 (National Day) → the next working day, 10-08.
    assert workdays.calendar_days_add(D(2026, 9, 17), 15).date == D(2026, 10, 8)
    assert workdays.calendar_days_add(D(2026, 11, 1), 15).date == D(2026, 11, 16)


def test_an_unknown_year_is_provisional_with_statutory_holidays():
    info = workdays.day_info(D(2027, 10, 1))
    assert info.is_workday is False and info.provisional is True
    assert info.name == "国庆节"
    # Spring Festival 2027: 除夕 2-5 (Fri) and 初一 2-6 fall in the provisional table.
    assert workdays.day_info(D(2027, 2, 5)).is_workday is False
    answer = workdays.workdays_add(D(2026, 12, 30), 3)
    assert answer.provisional is True
    assert answer.date == D(2027, 1, 5)  # 12-31, (1-1 元旦 off), 1-4, 1-5


def test_a_known_year_is_never_provisional():
    assert workdays.workdays_add(D(2026, 3, 2), 10).provisional is False


def test_publishing_a_year_recomputes_provisional_deadlines_and_records_it(personas):
    start = timezone.make_aware(dt.datetime(2027, 2, 1, 9, 0))
    deadline = deadline_open(
        town=personas.town,
        subject=personas.town,
        kind="test",
        purpose="陈述申辩期限",
        article="行政处罚法第四十四条",
        start=start,
        amount=5,
        unit=Deadline.Unit.WORKING_DAYS,
    )
    assert deadline.provisional is True
    first_due = timezone.localtime(deadline.due_at).date()
    assert first_due == D(2027, 2, 10)  # 除夕 2-5 and 初三 2-8 off, provisionally
    # The official 2027 schedule as an admin enters it (invented for the test): 2-5..2-11 off.
    for day in range(5, 12):
        calendar_day_set(day=D(2027, 2, day), is_workday=False, name="春节")
    moved = calendar_year_publish(year=2027, actor=personas.admin, source="国办发明电〔2026〕X号")
    deadline.refresh_from_db()
    assert moved == 1
    assert deadline.provisional is False
    assert timezone.localtime(deadline.due_at).date() == D(2027, 2, 15)
    event = TownEvent.objects.get(subject=personas.town, event_type="calendar_published")
    assert event.new["deadlines"][0]["id"] == deadline.pk
    assert event.actor == personas.admin


def test_publishing_needs_a_source_document(personas):
    with pytest.raises(DomainError, match="依据文件"):
        calendar_year_publish(year=2027, actor=personas.admin, source=" ")


def test_working_hours_skip_lunch_nights_and_holidays(settings):
    settings.ZHIFA_OFFICE_HOURS = "08:30-12:00,14:30-18:00"
    tz = timezone.get_current_timezone()
    friday_eleven = dt.datetime(2026, 9, 30, 11, 0, tzinfo=tz)  # before National Day
    # half a working day (3.75 h): 1 h before lunch, 2.75 h after → 17:15 the same day
    assert workdays.workhours_add(friday_eleven, 3.75).at == dt.datetime(
        2026, 9, 30, 17, 15, tzinfo=tz
    )
    # 2 hours from 17:00 on 9-30 → 1 h that day, then National Day, next work day 10-08 09:30
    late = dt.datetime(2026, 9, 30, 17, 0, tzinfo=tz)
    assert workdays.workhours_add(late, 2).at == dt.datetime(2026, 10, 8, 9, 30, tzinfo=tz)
