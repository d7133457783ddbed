from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from ..queues import clock_label

register = template.Library()

COLORS = {
    "registered": "secondary",
    "filed": "blue",
    "investigating": "indigo",
    "proposed": "purple",
    "notified": "orange",
    "hearing": "orange",
    "under_review": "orange",
    "decided": "cyan",
    "served": "cyan",
    "executing": "teal",
    "closed": "green",
    "transferred": "azure",
    "withdrawn": "dark",
}


@register.filter
def state_color(state: str) -> str:
    return COLORS.get(state, "secondary")


@register.filter
def countdown(value: Any) -> str:
    """“还剩 3 天” / “已超期 2 天” / “今日到期” by calendar days in local time; given the
    deadline itself, a party's window that has passed reads “已届满” (``queues.clock_label``)."""
    if value is None:
        return ""
    return clock_label(value if hasattr(value, "due_at") else _Due(value))[0]


@register.filter
def countdown_color(value: Any) -> str:
    if value is None:
        return "secondary"
    return clock_label(value if hasattr(value, "due_at") else _Due(value))[1]


class _Due:
    kind = ""

    def __init__(self, due: dt.datetime) -> None:
        self.due_at = due
