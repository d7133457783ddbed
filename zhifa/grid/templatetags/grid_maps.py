"""``{% map_tiles %}``: the optional base map's settings as JSON for a map's ``data-tiles``;
``{% map_has_tiles as has %}``: whether one is configured."""

from __future__ import annotations

from django import template
from django.conf import settings

from zhifa.grid.widgets import map_tiles_json

register = template.Library()


@register.simple_tag
def map_tiles() -> str:
    return map_tiles_json()


@register.simple_tag
def map_has_tiles() -> bool:
    return bool(settings.ZHIFA_TILE_URL)
