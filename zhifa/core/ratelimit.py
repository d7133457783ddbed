"""Rate limits that hold across workers: a counter row per key and fixed window (ADR 0026).

Django's default cache is per-process memory, so with several gunicorn workers a limit counted
there multiplies by the number of workers; the count lives in the database instead.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F

from . import clock
from .models import RateLimitHit


def rate_hit(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt under ``key``; True when this attempt is over ``limit`` in the window."""
    now = clock.now()
    start = dt.datetime.fromtimestamp(
        int(now.timestamp()) // window_seconds * window_seconds, tz=dt.UTC
    )
    key = key[:200]
    with transaction.atomic():
        updated = RateLimitHit.objects.filter(key=key, window_start=start).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    RateLimitHit.objects.create(key=key, window_start=start, count=1)
            except IntegrityError:  # another worker made the row first
                RateLimitHit.objects.filter(key=key, window_start=start).update(
                    count=F("count") + 1
                )
        count = RateLimitHit.objects.get(key=key, window_start=start).count
        RateLimitHit.objects.filter(key=key, window_start__lt=start).delete()
    return count > limit
