"""The location picker: the address field of a form, with a map (the grid's outlines as base, a
base map when configured) where a click or tap sets the point, a search over the town's villages
and subjects, and "my location" from the browser. The point goes into the form's own latitude and
longitude fields, always WGS-84, and the widget says so."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.urls import reverse


def map_tiles() -> dict[str, str]:
    """The optional base map (e.g. 天地图): URL template, key, attribution, subdomains."""
    return {
        "url": settings.ZHIFA_TILE_URL,
        "key": getattr(settings, "ZHIFA_TILE_KEY", ""),
        "attribution": getattr(settings, "ZHIFA_TILE_ATTRIBUTION", ""),
        "subdomains": getattr(settings, "ZHIFA_TILE_SUBDOMAINS", ""),
    }


def map_tiles_json() -> str:
    return json.dumps({k: v for k, v in map_tiles().items() if v}, ensure_ascii=False)


class LocationInput(forms.TextInput):
    template_name = "grid/widgets/location.html"

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        *,
        lat_field: str = "lat",
        lng_field: str = "lng",
        datum_field: str = "datum",
    ) -> None:
        super().__init__({"class": "form-control zhifa-location-address", **(attrs or {})})
        self.lat_field, self.lng_field, self.datum_field = lat_field, lng_field, datum_field

    class Media:
        css = {"all": ["leaflet/leaflet.css", "grid/grid.css"]}
        js = ["leaflet/leaflet.js", "grid/maps.js", "grid/location.js"]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["location"] = {
            "lat_field": self.lat_field,
            "lng_field": self.lng_field,
            "datum_field": self.datum_field,
            "places_url": reverse("api:grid_pick_places"),
            "locate_url": reverse("api:grid_locate"),
            "cells_url": reverse("api:grid_cells"),
            "tiles": map_tiles_json(),
        }
        return context
