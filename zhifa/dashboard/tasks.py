"""Jobs of the dashboard, run by `zhifa worker`: last month's reports, enqueued on the 1st by the
sweep's hook (``monthly.monthly_reports_enqueue``)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def monthly_reports_generate(month: str) -> int:
    from .monthly import monthly_reports_generate_due

    return monthly_reports_generate_due(first=dt.date.fromisoformat(month))
