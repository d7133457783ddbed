from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

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
def countdown(due: dt.datetime | None) -> str:
    """“还剩 3 天” / “已超期 2 天” / “今日到期”, by calendar days in local time."""
    if due is None:
        return ""
    days = (timezone.localtime(due).date() - timezone.localdate()).days
    if days > 0:
        return f"还剩 {days} 天"
    if days == 0:
        return "今日到期"
    return f"已超期 {-days} 天"


@register.filter
def countdown_color(due: dt.datetime | None) -> str:
    if due is None:
        return "secondary"
    days = (timezone.localtime(due).date() - timezone.localdate()).days
    return "danger" if days < 0 else ("warning" if days <= 3 else "success")
