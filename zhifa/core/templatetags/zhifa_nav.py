"""``{% may_open "app:view" [args…] as can %}``: offer a link or button only when the view's own
check (core.navigation.guarded) would let the user in.

``{% export_url %}``: this page's address with its filters and ``export=xlsx`` (core.excel)."""

from __future__ import annotations

from typing import Any

from django import template

from zhifa.core.navigation import may_open as _may_open

register = template.Library()


@register.simple_tag(takes_context=True)
def may_open(context: Any, url_name: str, *args: Any) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return _may_open(user, url_name, *args)


@register.simple_tag(takes_context=True)
def export_url(context: Any) -> str:
    """The current list's file address, ``<list>/export.xlsx``, with the same query string (its
    filters); the page number is dropped, since the export holds every row of the filter."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    base = request.path if request.path.endswith("/") else request.path + "/"
    return f"{base}export.xlsx" + (f"?{query.urlencode()}" if query else "")
