"""Each cockpit figure against the hand-counted county of conftest (period September–October
2026, now 2026-10-20 10:00)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

pytestmark = pytest.mark.django_db

PERIOD = (dt.date(2026, 9, 1), dt.date(2026, 10, 31))


def figures(county):
    from zhifa.core import clock
    from zhifa.dashboard.cockpit import cockpit_figures
    from zhifa.dashboard.metrics import Period

    town, other = county["town"], county["other"]
    out = cockpit_figures(town_ids=[town.pk, other.pk], period=Period(*PERIOD), now=clock.now())
    return out[town.pk], out[other.pk]


def test_case_counts_are_the_towns_own_and_by_date_in_the_period(county):
    """Registered in Sep–Oct: A, B, C (D was registered in August); filed: A, B, C; closed:
    A, B, D. The second town's case E counts only for the second town."""
    f, g = figures(county)
    assert (f["registered"], f["filed"], f["closed"], f["open_cases"]) == (3, 3, 3, 1)
    assert (g["registered"], g["closed"]) == (1, 1)
    assert f["close_rate"] == 100.0


def test_on_time_closure_counts_a_clock_met_on_the_fifth_working_day_after_national_day(county):
    """A's 5-working-day clock from 09-29 was met on 10-12 (on time across the holiday); B's on
    10-13 (late); D had no clock: 2 of 3 closed cases on time = 66.7 %."""
    f, _ = figures(county)
    assert f["closed_on_time"] == 2
    assert f["on_time_rate"] == 66.7


def test_working_day_averages_skip_the_national_day_holiday(county):
    """Filing 09-29 → decision 10-12 is 5 working days, → 10-13 is 6: average 5.5.
    Lead 09-29 → case registered 10-09 is 3 working days (09-30, 10-08, 10-09)."""
    f, _ = figures(county)
    assert f["filing_to_decision_days"] == 5.5
    assert f["lead_to_case_days"] == 3.0


def test_money_figures_add_up_decided_collected_and_outstanding_fines(county):
    f, g = figures(county)
    assert f["penalties"] == 2
    assert f["fines"] == Decimal("61000.00")
    assert f["collected"] == Decimal("60000.00")
    assert f["outstanding"] == Decimal("1000.00")
    assert g["fines"] == Decimal("0.00")


def test_hotline_signing_on_time_and_leads_by_source(county):
    """Two 12345 orders: one signed before its due time, one a day late: 50 %. Three leads in
    the town (two 12345, one grid)."""
    from zhifa.core import clock
    from zhifa.dashboard.cockpit import leads_by_source
    from zhifa.dashboard.metrics import Period

    f, _ = figures(county)
    assert f["hotline_signed_rate"] == 50.0
    assert f["leads"] == 3
    by_source = leads_by_source(town_ids=[county["town"].pk], period=Period(*PERIOD))
    assert by_source[county["town"].pk] == {"12345 工单": 2, "网格上报": 1}
    assert clock.now().date() == dt.date(2026, 10, 20)


def test_overdue_clocks_now_counts_the_open_clock_past_its_due_time(county):
    """C's clock from 10-09 (5 working days: 10-10 is a 调休 working Saturday, then 10-12…10-15)
    fell due on 10-15; on 10-20 it is overdue."""
    f, _ = figures(county)
    assert f["overdue"] == 1
    assert county["overdue"].due_at.date() == dt.date(2026, 10, 15)


def test_a_figure_with_nothing_to_divide_shows_no_rate(county):
    f, _ = figures(county)
    assert f["orders_complied_rate"] is None
    assert f["appeal_changed_rate"] is None
