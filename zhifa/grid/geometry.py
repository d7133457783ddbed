"""GeoJSON ↔ shapely helpers and metric areas for small (township-sized) extents."""

from __future__ import annotations

import math
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from .datum import GCJ02, WGS84, gcj02_to_wgs84

M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LNG_EQUATOR = 111_320.0


def to_metres(geom: BaseGeometry, ref_lat: float) -> BaseGeometry:
    """Equirectangular projection around ``ref_lat``: exact enough (<0.1%) over a township for
    areas and overlap tolerances, and free of any projection library."""
    kx = M_PER_DEG_LNG_EQUATOR * math.cos(math.radians(ref_lat))
    return shapely.transform(geom, lambda xy: xy * [kx, M_PER_DEG_LAT])


def area_m2(geom: BaseGeometry) -> float:
    return float(to_metres(geom, geom.centroid.y).area)


def convert_geojson(geometry: dict[str, Any], datum: str) -> dict[str, Any]:
    """Return the GeoJSON geometry with every position in WGS-84."""
    if datum == WGS84:
        return geometry

    def fix(coords: Any) -> Any:
        if coords and isinstance(coords[0], (int, float)):
            lat, lng = gcj02_to_wgs84(float(coords[1]), float(coords[0]))
            return [round(lng, 8), round(lat, 8)]
        return [fix(c) for c in coords]

    if datum != GCJ02:
        from zhifa.core.errors import DomainError

        raise DomainError(f"不支持的坐标系“{datum}”，应为 wgs84 或 gcj02", code="bad_datum")
    return {**geometry, "coordinates": fix(geometry.get("coordinates", []))}


def geojson_to_shape(geometry: dict[str, Any]) -> BaseGeometry:
    return shape(geometry)


def shape_to_geojson(geom: BaseGeometry) -> dict[str, Any]:
    return dict(mapping(geom))
