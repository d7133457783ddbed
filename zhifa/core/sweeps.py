"""Periodic work that rides on the sweep.

`zhifa sweep` runs every few minutes from a timer (README: zhifa-sweep.timer). Besides the
deadline alarms it runs the hooks apps register here in ``ready()``: a hook looks at the time
and, when something is due (e.g. last month's reports on the 1st), enqueues a job for `zhifa
worker`. Hooks must be cheap when nothing is due and idempotent, since every run calls them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from . import clock

logger = logging.getLogger(__name__)

SweepHook = Callable[[dt.datetime], Any]
SWEEP_HOOKS: dict[str, SweepHook] = {}


def sweep_hook_register(name: str, hook: SweepHook) -> None:
    SWEEP_HOOKS[name] = hook


def sweep_hooks_run(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """Run every registered hook; one failing hook is logged and does not stop the others."""
    now = now or clock.now()
    results: dict[str, Any] = {}
    for name, hook in SWEEP_HOOKS.items():
        try:
            results[name] = hook(now)
        except Exception as error:  # a hook's failure must not stop the deadline alarms
            logger.exception("sweep hook %s failed", name)
            results[name] = f"failed: {error}"
    return results
