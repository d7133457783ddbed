"""Filters available inside document templates (and the app's pages)."""

from __future__ import annotations

from typing import Any

from django import template

from .. import formatting

register = template.Library()

register.filter("cn_date", formatting.cn_date)
register.filter("plain_date", formatting.plain_date)
register.filter("plain_datetime", formatting.plain_datetime)
register.filter("cn_money", formatting.cn_money)
register.filter("clause", formatting.clause)
register.filter("money_capital", formatting.money_capital)
register.filter("money_figures", formatting.money_figures)


@register.filter
def fill(value: Any, width: int = 8) -> str:
    """The value, or a blank line to write on by hand."""
    if value in (None, "", [], {}):
        return "_" * int(width)
    return str(value)


@register.filter
def join_cn(value: Any, sep: str = "、") -> str:
    if isinstance(value, list | tuple):
        return sep.join(str(v) for v in value if v not in (None, ""))
    return "" if value is None else str(value)


@register.filter
def checkbox(value: Any, option: str) -> str:
    """☑ option when the value equals (or contains) it, else ☐ option: the tick boxes of forms."""
    chosen = value in (option,) or (isinstance(value, list | tuple) and option in value)
    return f"{'☑' if chosen else '☐'}{option}"
