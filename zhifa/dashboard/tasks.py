"""Jobs of the dashboard, run by `zhifa worker`: last month's reports, enqueued from the 1st on
by the sweep's hook (``monthly_reports_enqueue``, registered in ``apps.py``)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from zhifa.core import clock

from .monthly import monthly_reports_generate_due, previous_month, towns_missing


@task()
def monthly_reports_generate(month: str) -> int:
    return monthly_reports_generate_due(first=dt.date.fromisoformat(month))


def monthly_reports_enqueue(now: dt.datetime) -> int:
    """Sweep hook: from the 1st on, enqueue last month's reports while a town lacks one (cheap
    when none does; the job itself is idempotent)."""
    first = previous_month(clock.local(now).date())
    if not towns_missing(first=first):
        return 0
    monthly_reports_generate.enqueue(first.isoformat())
    return 1
