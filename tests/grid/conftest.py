"""A tiny grid for the demo town: two zones, two villages, three 0.01° square cells.

39.19 ┌──────A──────┬──────B──────┐     A 140924101001001 (village 001)
      │  113.26–.27 │  113.27–.28 │     B 140924101001002 (village 001)
39.18 ├──────C──────┘             │     C 140924101002001 (village 002, 镇区外)
39.17 └─────────────┘
"""

from __future__ import annotations

from typing import Any

import pytest


def square(lng: float, lat: float, size: float = 0.01) -> dict[str, Any]:
    ring = [[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(code: str, geometry: dict[str, Any], name: str = "") -> dict[str, Any]:
    return {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": geometry}


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


A, B, C = "140924101001001", "140924101001002", "140924101002001"


@pytest.fixture(autouse=True)
def fresh_index():
    from zhifa.grid.locate import index_invalidate

    index_invalidate()
    yield
    index_invalidate()


@pytest.fixture
def places(town):
    from zhifa.grid.models import Zone
    from zhifa.grid.services import village_create, zone_create

    urban = zone_create(town=town, name="镇区", kind=Zone.Kind.URBAN)
    rural = zone_create(town=town, name="镇区外", kind=Zone.Kind.RURAL)
    return {
        "urban": urban,
        "rural": rural,
        "v1": village_create(town=town, zone=urban, code="001", name="东街社区"),
        "v2": village_create(town=town, zone=rural, code="002", name="同路村"),
    }


@pytest.fixture
def cells(town, places):
    from zhifa.grid.models import GridCell
    from zhifa.grid.services import cells_import

    cells_import(
        town=town,
        data=collection(
            feature(A, square(113.26, 39.18), "东街一格"),
            feature(B, square(113.27, 39.18), "东街二格"),
            feature(C, square(113.26, 39.17), "同路一格"),
        ),
    )
    return {c.code: c for c in GridCell.objects.all()}
