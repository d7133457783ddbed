"""``{% town_contacts town as contacts %}``: the town's public contacts (core.public) for the
public pages' frame."""

from __future__ import annotations

from typing import Any

from django import template

from zhifa.core.public import town_contacts as _town_contacts

register = template.Library()


@register.simple_tag
def town_contacts(town: Any) -> Any:
    return _town_contacts(town)
