"""``{% may_open "app:view" [args…] as can %}``: offer a link or button only when the view's own
check (core.navigation.guarded) would let the user in."""

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
