"""locate(): a point → grid cell → village → zone (→ squadron, added by ``team`` through a hook).

Each process keeps one shapely STRtree per town, built from the town's cells on first use. The
index is rebuilt when a service in this process changes the cells (``index_invalidate``) and, for
other processes, when the cells' fingerprint (count, last change) differs, checked at most every
``ZHIFA_GRID_INDEX_TTL`` seconds. A point on a shared edge belongs to the cell with the lowest code
(cells are numbered west→east, north→south), so every point has exactly one answer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shapely
from django.conf import settings
from django.db.models import Count, Max
from shapely.strtree import STRtree

from zhifa.core.models import Town

from .datum import WGS84, to_wgs84
from .models import GridCell

OUTSIDE_MESSAGE = "不在本镇管辖范围内"


@dataclass(frozen=True)
class Location:
    lat: float
    lng: float
    cell_id: int
    cell_code: str
    cell_name: str
    village_id: int
    village_name: str
    zone_id: int
    zone_name: str
    extras: dict[str, Any] = field(default_factory=dict, compare=False)


class GridIndex:
    """An STRtree over one town's cells, with what a locate answer needs kept beside it."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        # rows: (cell_id, code, name, geometry-GeoJSON, village_id, village_name, zone_id, zone_name)
        rows = sorted(rows, key=lambda r: r[1])
        self.meta = [(r[0], r[1], r[2], r[4], r[5], r[6], r[7]) for r in rows]
        geoms = [shapely.geometry.shape(r[3]) for r in rows]
        for g in geoms:
            shapely.prepare(g)
        self.geoms = geoms
        self.tree = STRtree(geoms) if geoms else None

    def __len__(self) -> int:
        return len(self.meta)

    def find(self, lat: float, lng: float) -> int | None:
        """Index of the cell covering the point (boundary included), lowest code first."""
        if self.tree is None:
            return None
        hits = self.tree.query(shapely.Point(lng, lat), predicate="intersects")
        if len(hits) == 0:
            return None
        return int(hits.min())

    def location(self, i: int, lat: float, lng: float) -> Location:
        cell_id, code, name, village_id, village_name, zone_id, zone_name = self.meta[i]
        return Location(lat, lng, cell_id, code, name, village_id, village_name, zone_id, zone_name)


_lock = threading.Lock()
_indexes: dict[int, tuple[tuple[Any, ...], float, GridIndex]] = {}


def _fingerprint(town_id: int) -> tuple[Any, ...]:
    agg = GridCell.all_towns.filter(town_id=town_id).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    return (agg["n"], agg["last"])


def index_build(town_id: int) -> GridIndex:
    rows = list(
        GridCell.all_towns.filter(town_id=town_id).values_list(
            "id",
            "code",
            "name",
            "geometry",
            "village_id",
            "village__name",
            "village__zone_id",
            "village__zone__name",
        )
    )
    return GridIndex(rows)


def index_for(town_id: int) -> GridIndex:
    ttl = float(getattr(settings, "ZHIFA_GRID_INDEX_TTL", 5))
    now = time.monotonic()
    cached = _indexes.get(town_id)
    if cached and now - cached[1] < ttl:
        return cached[2]
    fingerprint = _fingerprint(town_id)
    if cached and cached[0] == fingerprint:
        _indexes[town_id] = (fingerprint, now, cached[2])
        return cached[2]
    with _lock:
        index = index_build(town_id)
        _indexes[town_id] = (fingerprint, now, index)
    return index


def index_invalidate(town_id: int | None = None) -> None:
    if town_id is None:
        _indexes.clear()
    else:
        _indexes.pop(town_id, None)


def locate(*, town: Town, lat: float, lng: float, datum: str = WGS84) -> Location | None:
    """The cell, village and zone of a point, or None when it lies outside the town's grid.

    ``datum`` names the coordinate system the point arrived in; GCJ-02 is converted first.
    """
    w_lat, w_lng = to_wgs84(float(lat), float(lng), datum)
    index = index_for(town.pk)
    i = index.find(w_lat, w_lng)
    if i is None:
        return None
    return index.location(i, w_lat, w_lng)


# Apps to the right of grid (team) add facts about a zone (its squadron) without grid importing
# them: each annotator takes a zone id and returns a dict merged into the answer.
zone_annotators: list[Callable[[int], dict[str, Any]]] = []


def location_describe(location: Location) -> dict[str, Any]:
    extras: dict[str, Any] = {}
    for annotate in zone_annotators:
        extras.update(annotate(location.zone_id))
    return extras
