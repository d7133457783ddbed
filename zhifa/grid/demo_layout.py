"""An invented but plausible grid for the demo towns: a jittered lattice of ~400 m cells inside an
oval town boundary, the centre split into ~200 m cells, each cell given to the nearest village seat.
Deterministic (fixed random seed), so the demo is the same on every machine."""

from __future__ import annotations

import math
import random
from typing import Any

CELL_M = 400.0
M_PER_DEG_LAT = 110_574.0


def _lattice(
    center_lat: float, center_lng: float, cols: int, rows: int, rng: random.Random
) -> list[list[tuple[float, float]]]:
    """(lng, lat) vertices of a cols × rows lattice, interior vertices jittered."""
    dlat = CELL_M / M_PER_DEG_LAT
    dlng = CELL_M / (111_320.0 * math.cos(math.radians(center_lat)))
    lat0 = center_lat + rows / 2 * dlat
    lng0 = center_lng - cols / 2 * dlng
    points = []
    for r in range(rows + 1):
        row = []
        for c in range(cols + 1):
            jx = jy = 0.0
            if 0 < r < rows and 0 < c < cols:
                jx, jy = rng.uniform(-0.22, 0.22) * dlng, rng.uniform(-0.22, 0.22) * dlat
            row.append((round(lng0 + c * dlng + jx, 7), round(lat0 - r * dlat + jy, 7)))
        points.append(row)
    return points


def _mid(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return (round((a[0] + b[0]) / 2, 8), round((a[1] + b[1]) / 2, 8))


def layout(
    *,
    town_code: str,
    center_lat: float,
    center_lng: float,
    villages: list[dict[str, Any]],
    cols: int,
    rows: int,
    urban_block: int = 0,
    seed: int = 7,
) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection of cells with 15-digit codes.

    ``villages``: dicts with ``code``, ``urban`` (bool) and ``at`` = (dx, dy) in cell units from
    the centre (east, north). The centre ``urban_block`` × ``urban_block`` lattice cells are urban
    and split in four; only urban villages take urban cells.
    """
    rng = random.Random(seed)
    pts = _lattice(center_lat, center_lng, cols, rows, rng)
    c0, r0 = (cols - urban_block) // 2, (rows - urban_block) // 2
    quads: list[tuple[list[tuple[float, float]], bool, tuple[float, float]]] = []
    for r in range(rows):
        for c in range(cols):
            # an oval boundary: lattice cells whose centre falls outside are not the town's
            u, v = (c + 0.5 - cols / 2) / (cols / 2), (r + 0.5 - rows / 2) / (rows / 2)
            if u * u + v * v > 1.0 + rng.uniform(-0.08, 0.05):
                continue
            a, b, d, e = pts[r][c], pts[r][c + 1], pts[r + 1][c + 1], pts[r + 1][c]
            urban = urban_block and c0 <= c < c0 + urban_block and r0 <= r < r0 + urban_block
            pos = (c + 0.5 - cols / 2, rows / 2 - r - 0.5)
            if urban:
                ab, bd, de, ea = _mid(a, b), _mid(b, d), _mid(d, e), _mid(e, a)
                m = _mid(ab, de)
                for ring, off in (
                    ([a, ab, m, ea], (-0.25, 0.25)),
                    ([ab, b, bd, m], (0.25, 0.25)),
                    ([ea, m, de, e], (-0.25, -0.25)),
                    ([m, bd, d, de], (0.25, -0.25)),
                ):
                    quads.append((ring, True, (pos[0] + off[0], pos[1] + off[1])))
            else:
                quads.append(([a, b, d, e], False, pos))
    by_village: dict[str, list[tuple[list[tuple[float, float]], tuple[float, float]]]] = {}
    for ring, urban, pos in quads:
        candidates = [v for v in villages if v["urban"] == urban] or villages
        nearest = min(
            candidates, key=lambda v: (v["at"][0] - pos[0]) ** 2 + (v["at"][1] - pos[1]) ** 2
        )
        by_village.setdefault(nearest["code"], []).append((ring, pos))
    features = []
    names = {v["code"]: v["name"] for v in villages}
    for vcode, cells in sorted(by_village.items()):
        # numbered north → south, west → east (GB/T 30428.1)
        cells.sort(key=lambda item: (-round(item[1][1], 2), item[1][0]))
        for n, (ring, _) in enumerate(cells, start=1):
            # GeoJSON rings run counter-clockwise and close on themselves
            closed = [list(p) for p in reversed(ring)] + [list(ring[-1])]
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "code": f"{town_code}{vcode}{n:03d}",
                        "name": f"{names[vcode]}第{n}网格",
                    },
                    "geometry": {"type": "Polygon", "coordinates": [closed]},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def cell_point(center_lat: float, center_lng: float, dx: float, dy: float) -> tuple[float, float]:
    """(lat, lng) of a point dx, dy cell units east/north of the centre."""
    dlat = CELL_M / M_PER_DEG_LAT
    dlng = CELL_M / (111_320.0 * math.cos(math.radians(center_lat)))
    return center_lat + dy * dlat, center_lng + dx * dlng
